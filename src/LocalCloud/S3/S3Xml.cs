using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace LocalCloud.S3;

/// <summary>S3's XML: the documents it answers with (in its 2006-03-01 namespace) and the request bodies it reads.</summary>
public static class S3Xml
{
    public static readonly XNamespace Ns = "http://s3.amazonaws.com/doc/2006-03-01/";

    private const int MaxRequestBytes = 2 * 1024 * 1024;

    // ----- Responses -----

    public static XElement ListAllMyBucketsResult(ListBucketsOutput output) => new(
        Ns + "ListAllMyBucketsResult",
        OwnerElement(output.Owner),
        new XElement(Ns + "Buckets", output.Buckets.Select(b => new XElement(
            Ns + "Bucket",
            new XElement(Ns + "Name", b.Name),
            new XElement(Ns + "CreationDate", Timestamp(b.CreationDate)),
            new XElement(Ns + "BucketRegion", b.BucketRegion)))),
        Optional("ContinuationToken", output.ContinuationToken),
        Optional("Prefix", output.Prefix));

    public static XElement ListBucketResult(ListObjectsV2Output output)
    {
        var url = output.EncodingType == "url";
        return new XElement(
            Ns + "ListBucketResult",
            new XElement(Ns + "Name", output.Name),
            new XElement(Ns + "Prefix", Encode(output.Prefix ?? string.Empty, url)),
            Optional("Delimiter", output.Delimiter, url),
            new XElement(Ns + "MaxKeys", output.MaxKeys),
            Optional("EncodingType", output.EncodingType),
            new XElement(Ns + "KeyCount", output.KeyCount),
            new XElement(Ns + "IsTruncated", Bool(output.IsTruncated)),
            Optional("ContinuationToken", output.ContinuationToken),
            Optional("NextContinuationToken", output.NextContinuationToken),
            Optional("StartAfter", output.StartAfter, url),
            output.Contents.Select(o => Contents(o, url)),
            output.CommonPrefixes.Select(p => new XElement(Ns + "CommonPrefixes", new XElement(Ns + "Prefix", Encode(p.Prefix, url)))));
    }

    public static XElement ListBucketResult(ListObjectsOutput output)
    {
        var url = output.EncodingType == "url";
        return new XElement(
            Ns + "ListBucketResult",
            new XElement(Ns + "Name", output.Name),
            new XElement(Ns + "Prefix", Encode(output.Prefix ?? string.Empty, url)),
            new XElement(Ns + "Marker", Encode(output.Marker ?? string.Empty, url)),
            Optional("NextMarker", output.NextMarker, url),
            new XElement(Ns + "MaxKeys", output.MaxKeys),
            Optional("Delimiter", output.Delimiter, url),
            Optional("EncodingType", output.EncodingType),
            new XElement(Ns + "IsTruncated", Bool(output.IsTruncated)),
            output.Contents.Select(o => Contents(o, url)),
            output.CommonPrefixes.Select(p => new XElement(Ns + "CommonPrefixes", new XElement(Ns + "Prefix", Encode(p.Prefix, url)))));
    }

    public static XElement InitiateMultipartUploadResult(CreateMultipartUploadOutput output) => new(
        Ns + "InitiateMultipartUploadResult",
        new XElement(Ns + "Bucket", output.Bucket),
        new XElement(Ns + "Key", output.Key),
        new XElement(Ns + "UploadId", output.UploadId));

    public static XElement CompleteMultipartUploadResult(CompleteMultipartUploadOutput output) => new(
        Ns + "CompleteMultipartUploadResult",
        new XElement(Ns + "Location", output.Location),
        new XElement(Ns + "Bucket", output.Bucket),
        new XElement(Ns + "Key", output.Key),
        new XElement(Ns + "ETag", Quoted(output.ETag)));

    public static XElement CopyObjectResult(CopyObjectResult result) => new(
        Ns + "CopyObjectResult",
        new XElement(Ns + "ETag", Quoted(result.ETag)),
        new XElement(Ns + "LastModified", Timestamp(result.LastModified)));

    public static XElement LocationConstraint(GetBucketLocationOutput output) => new(Ns + "LocationConstraint", output.LocationConstraint);

    public static XElement DeleteResult(DeleteObjectsOutput output) => new(
        Ns + "DeleteResult",
        output.Deleted.Select(d => new XElement(Ns + "Deleted", new XElement(Ns + "Key", d.Key))),
        output.Errors.Select(e => new XElement(Ns + "Error", new XElement(Ns + "Key", e.Key), new XElement(Ns + "Code", e.Code), new XElement(Ns + "Message", e.Message))));

    public static XElement NotificationConfigurationDocument(NotificationConfiguration configuration) => new(
        Ns + "NotificationConfiguration",
        configuration.TopicConfigurations.Select(c => Destination("TopicConfiguration", "Topic", c)),
        configuration.QueueConfigurations.Select(c => Destination("QueueConfiguration", "Queue", c)),
        configuration.LambdaFunctionConfigurations.Select(c => Destination("CloudFunctionConfiguration", "CloudFunction", c)),
        configuration.EventBridgeEnabled ? new XElement(Ns + "EventBridgeConfiguration") : null);

    /// <summary>S3's error document, which carries no namespace.</summary>
    public static XElement ErrorDocument(string code, string message, IEnumerable<KeyValuePair<string, string>> details, string requestId, string hostId) => new(
        "Error",
        new XElement("Code", code),
        new XElement("Message", message),
        details.Select(d => new XElement(d.Key, d.Value)),
        new XElement("RequestId", requestId),
        new XElement("HostId", hostId));

    public static string Timestamp(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public static string Quoted(string etag) => $"\"{etag}\"";

    /// <summary><c>encoding-type=url</c>: keys percent-encoded (space as <c>+</c>), as botocore decodes them.</summary>
    public static string UrlEncode(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~' or '/')
            {
                builder.Append(c);
            }
            else if (c == ' ')
            {
                builder.Append('+');
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }

    private static XElement Contents(S3Object o, bool url) => new(
        Ns + "Contents",
        new XElement(Ns + "Key", Encode(o.Key, url)),
        new XElement(Ns + "LastModified", Timestamp(o.LastModified)),
        new XElement(Ns + "ETag", Quoted(o.ETag)),
        new XElement(Ns + "Size", o.Size),
        new XElement(Ns + "StorageClass", o.StorageClass),
        o.Owner is null ? null : OwnerElement(o.Owner));

    private static XElement OwnerElement(Owner owner) => new(Ns + "Owner", new XElement(Ns + "ID", owner.ID));

    private static XElement Destination(string element, string arnElement, DestinationConfiguration configuration) => new(
        Ns + element,
        Optional("Id", configuration.Id),
        new XElement(Ns + arnElement, configuration.Arn),
        configuration.Events.Select(e => new XElement(Ns + "Event", e)),
        configuration.FilterRules.Count == 0 ? null : new XElement(
            Ns + "Filter",
            new XElement(Ns + "S3Key", configuration.FilterRules.Select(r => new XElement(Ns + "FilterRule", new XElement(Ns + "Name", r.Name), new XElement(Ns + "Value", r.Value))))));

    private static XElement? Optional(string name, string? value, bool url = false) =>
        value is null ? null : new XElement(Ns + name, Encode(value, url));

    private static string Encode(string value, bool url) => url ? UrlEncode(value) : value;

    private static string Bool(bool value) => value ? "true" : "false";

    // ----- Requests -----

    /// <summary>Reads an XML request body; null when the body is empty.</summary>
    public static async Task<XElement?> ReadAsync(Stream body, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxRequestBytes)
            {
                throw new S3Exception("MaxMessageLengthExceeded", "Your request was too big.", System.Net.HttpStatusCode.BadRequest);
            }
        }

        if (buffer.Length == 0 || buffer.ToArray().All(b => b is (byte)' ' or (byte)'\r' or (byte)'\n' or (byte)'\t'))
        {
            return null;
        }

        buffer.Position = 0;
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, Async = true };
        try
        {
            using var reader = XmlReader.Create(buffer, settings);
            var document = await XDocument.LoadAsync(reader, LoadOptions.None, cancellationToken);
            return document.Root ?? throw S3Exception.MalformedXml("the document has no root element.");
        }
        catch (XmlException error)
        {
            throw S3Exception.MalformedXml(error.Message);
        }
    }

    public static CreateBucketConfiguration? ReadCreateBucketConfiguration(XElement? root)
    {
        if (root is null)
        {
            return null;
        }

        Expect(root, "CreateBucketConfiguration");
        return new CreateBucketConfiguration(Child(root, "LocationConstraint")?.Value is { Length: > 0 } constraint ? constraint : null);
    }

    public static NotificationConfiguration ReadNotificationConfiguration(XElement? root)
    {
        if (root is null)
        {
            throw S3Exception.MalformedXml("PutBucketNotificationConfiguration needs a NotificationConfiguration document.");
        }

        Expect(root, "NotificationConfiguration");
        var known = new HashSet<string>(StringComparer.Ordinal) { "TopicConfiguration", "QueueConfiguration", "CloudFunctionConfiguration", "EventBridgeConfiguration" };
        if (root.Elements().FirstOrDefault(e => !known.Contains(e.Name.LocalName)) is { } unknown)
        {
            throw S3Exception.MalformedXml($"NotificationConfiguration does not take <{unknown.Name.LocalName}>.");
        }

        return new NotificationConfiguration(
            [.. Children(root, "TopicConfiguration").Select(e => ReadDestination(e, "Topic"))],
            [.. Children(root, "QueueConfiguration").Select(e => ReadDestination(e, "Queue"))],
            [.. Children(root, "CloudFunctionConfiguration").Select(e => ReadDestination(e, "CloudFunction"))],
            Child(root, "EventBridgeConfiguration") is not null);
    }

    public static IReadOnlyList<CompletedPart> ReadCompleteMultipartUpload(XElement? root)
    {
        if (root is null)
        {
            throw S3Exception.MalformedXml("CompleteMultipartUpload needs a CompleteMultipartUpload document listing the parts.");
        }

        Expect(root, "CompleteMultipartUpload");
        return [.. Children(root, "Part").Select(part =>
        {
            var number = Child(part, "PartNumber")?.Value;
            var etag = Child(part, "ETag")?.Value;
            if (!int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var partNumber) || etag is null)
            {
                throw S3Exception.MalformedXml("each Part has a PartNumber and an ETag.");
            }

            return new CompletedPart(partNumber, etag);
        })];
    }

    public static Delete ReadDelete(XElement? root)
    {
        if (root is null)
        {
            throw S3Exception.MalformedXml("DeleteObjects needs a Delete document.");
        }

        Expect(root, "Delete");
        var objects = Children(root, "Object").Select(o => new ObjectIdentifier(
            Child(o, "Key")?.Value ?? throw S3Exception.MalformedXml("each Object has a Key."),
            Child(o, "VersionId")?.Value)).ToList();
        return new Delete(objects, string.Equals(Child(root, "Quiet")?.Value, "true", StringComparison.OrdinalIgnoreCase));
    }

    private static DestinationConfiguration ReadDestination(XElement element, string arnElement)
    {
        var arn = Child(element, arnElement)?.Value
            ?? throw S3Exception.MalformedXml($"<{element.Name.LocalName}> needs <{arnElement}>.");
        var rules = Child(element, "Filter") is { } filter && Child(filter, "S3Key") is { } s3Key
            ? Children(s3Key, "FilterRule").Select(r => new FilterRule(Child(r, "Name")?.Value.ToLowerInvariant() ?? string.Empty, Child(r, "Value")?.Value ?? string.Empty)).ToList()
            : [];
        return new DestinationConfiguration(Child(element, "Id")?.Value, arn, [.. Children(element, "Event").Select(e => e.Value)], rules);
    }

    private static void Expect(XElement root, string name)
    {
        if (root.Name.LocalName != name)
        {
            throw S3Exception.MalformedXml($"expected <{name}>, got <{root.Name.LocalName}>.");
        }
    }

    private static XElement? Child(XElement parent, string name) => parent.Elements().FirstOrDefault(e => e.Name.LocalName == name);

    private static IEnumerable<XElement> Children(XElement parent, string name) => parent.Elements().Where(e => e.Name.LocalName == name);
}
