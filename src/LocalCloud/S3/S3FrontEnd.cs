using System.Globalization;
using System.Net;
using System.Text;
using System.Xml.Linq;
using LocalCloud.Protocol;
using Microsoft.AspNetCore.Http.Features;

namespace LocalCloud.S3;

/// <summary>
/// S3's REST protocol: the method, bucket, key and sub-resource (<c>?uploads</c>, <c>?notification</c> …) choose the
/// operation; headers, query and XML body become a typed request for <see cref="S3Backend"/>; its output becomes
/// headers and an XML document, and its errors S3's <c>&lt;Error&gt;</c> document with the right status.
/// </summary>
public sealed class S3FrontEnd(S3Backend backend) : IRestFrontEnd
{
    private delegate Task Handler(S3Exchange exchange, CancellationToken cancellationToken);

    /// <summary>Sub-resources LocalCloud does not implement, answered with 501 NotImplemented naming them.</summary>
    private static readonly string[] UnsupportedSubresources =
    [
        "acl", "policy", "policyStatus", "tagging", "versioning", "versions", "cors", "lifecycle", "website", "logging",
        "replication", "encryption", "ownershipControls", "publicAccessBlock", "accelerate", "requestPayment", "analytics",
        "inventory", "metrics", "intelligent-tiering", "object-lock", "legal-hold", "retention", "restore", "select",
        "torrent", "attributes", "session", "renameObject",
    ];

    public string SigningName => "s3";

    public async Task HandleAsync(HttpContext http, RequestContext context, CancellationToken cancellationToken)
    {
        var request = http.Request;
        var rawTarget = http.Features.Get<IHttpRequestFeature>()?.RawTarget ?? request.Path.Value ?? "/";
        var address = S3Address.From(request.Host.Value ?? string.Empty, rawTarget);
        var caller = new S3Caller(context, request.Host.Value ?? string.Empty, SourceIp(http), request.Headers.UserAgent.ToString() is { Length: > 0 } agent ? agent : null);
        http.Response.Headers["x-amz-request-id"] = context.RequestId;
        http.Response.Headers["x-amz-id-2"] = HostId(context);
        try
        {
            var handler = Route(request, address);
            await handler(new S3Exchange(http, address, caller), cancellationToken);
        }
        catch (AwsServiceException error) when (!http.Response.HasStarted)
        {
            await WriteErrorAsync(http, context, error, cancellationToken);
        }
        catch (BadHttpRequestException error) when (!http.Response.HasStarted)
        {
            await WriteErrorAsync(http, context, S3Exception.IncompleteBody($"The request body could not be read: {error.Message}"), cancellationToken);
        }
    }

    private Handler Route(HttpRequest request, S3Address address)
    {
        var query = request.Query;
        if (UnsupportedSubresources.FirstOrDefault(query.ContainsKey) is { } unsupported)
        {
            throw S3Exception.NotImplemented($"the ?{unsupported} sub-resource");
        }

        var method = request.Method;
        if (address.Bucket is null)
        {
            return HttpMethods.IsGet(method) ? ListBucketsAsync : throw S3Exception.MethodNotAllowed(method, "SERVICE");
        }

        if (address.Key is null)
        {
            return method switch
            {
                _ when query.ContainsKey("notification") && HttpMethods.IsGet(method) => GetBucketNotificationConfigurationAsync,
                _ when query.ContainsKey("notification") && HttpMethods.IsPut(method) => PutBucketNotificationConfigurationAsync,
                _ when query.ContainsKey("location") && HttpMethods.IsGet(method) => GetBucketLocationAsync,
                _ when query.ContainsKey("delete") && HttpMethods.IsPost(method) => DeleteObjectsAsync,
                _ when query.ContainsKey("uploads") => throw S3Exception.NotImplemented("ListMultipartUploads"),
                _ when HttpMethods.IsPost(method) => throw S3Exception.NotImplemented("POST Object (browser form uploads)"),
                _ when HttpMethods.IsGet(method) => query["list-type"] == "2" ? ListObjectsV2Async : ListObjectsAsync,
                _ when HttpMethods.IsPut(method) => CreateBucketAsync,
                _ when HttpMethods.IsHead(method) => HeadBucketAsync,
                _ when HttpMethods.IsDelete(method) => DeleteBucketAsync,
                _ => throw S3Exception.MethodNotAllowed(method, "BUCKET"),
            };
        }

        var hasUploadId = query.ContainsKey("uploadId");
        return method switch
        {
            _ when HttpMethods.IsPost(method) && query.ContainsKey("uploads") => CreateMultipartUploadAsync,
            _ when HttpMethods.IsPost(method) && hasUploadId => CompleteMultipartUploadAsync,
            _ when HttpMethods.IsPut(method) && hasUploadId && request.Headers.ContainsKey("x-amz-copy-source") => throw S3Exception.NotImplemented("UploadPartCopy"),
            _ when HttpMethods.IsPut(method) && hasUploadId => UploadPartAsync,
            _ when HttpMethods.IsPut(method) && request.Headers.ContainsKey("x-amz-copy-source") => CopyObjectAsync,
            _ when HttpMethods.IsPut(method) => PutObjectAsync,
            _ when HttpMethods.IsGet(method) && hasUploadId => throw S3Exception.NotImplemented("ListParts"),
            _ when (HttpMethods.IsGet(method) || HttpMethods.IsHead(method)) && query.ContainsKey("partNumber") => throw S3Exception.NotImplemented("reading one part of an object (?partNumber)"),
            _ when HttpMethods.IsGet(method) => GetObjectAsync,
            _ when HttpMethods.IsHead(method) => HeadObjectAsync,
            _ when HttpMethods.IsDelete(method) && hasUploadId => AbortMultipartUploadAsync,
            _ when HttpMethods.IsDelete(method) => DeleteObjectAsync,
            _ => throw S3Exception.MethodNotAllowed(method, "OBJECT"),
        };
    }

    // ----- Buckets -----

    private async Task ListBucketsAsync(S3Exchange x, CancellationToken cancellationToken)
    {
        var output = await backend.ListBucketsAsync(
            x.Caller,
            new ListBucketsRequest(x.IntQuery("max-buckets"), x.Query("continuation-token"), x.Query("prefix"), x.Query("bucket-region")),
            cancellationToken);
        await x.WriteXmlAsync(S3Xml.ListAllMyBucketsResult(output), cancellationToken);
    }

    private async Task CreateBucketAsync(S3Exchange x, CancellationToken cancellationToken)
    {
        var configuration = S3Xml.ReadCreateBucketConfiguration(await S3Xml.ReadAsync(x.Body(), cancellationToken));
        var output = await backend.CreateBucketAsync(x.Caller, new CreateBucketRequest(x.Bucket, configuration), cancellationToken);
        x.Http.Response.Headers.Location = output.Location;
        x.Http.Response.Headers["x-amz-bucket-arn"] = S3EventPublisher.BucketArn(x.Bucket);
    }

    private async Task HeadBucketAsync(S3Exchange x, CancellationToken cancellationToken)
    {
        var output = await backend.HeadBucketAsync(x.Caller, x.Bucket, cancellationToken);
        x.Http.Response.Headers["x-amz-bucket-region"] = output.BucketRegion;
        x.Http.Response.Headers["x-amz-access-point-alias"] = "false";
    }

    private async Task GetBucketLocationAsync(S3Exchange x, CancellationToken cancellationToken) =>
        await x.WriteXmlAsync(S3Xml.LocationConstraint(await backend.GetBucketLocationAsync(x.Caller, x.Bucket, cancellationToken)), cancellationToken);

    private async Task DeleteBucketAsync(S3Exchange x, CancellationToken cancellationToken)
    {
        await backend.DeleteBucketAsync(x.Caller, x.Bucket, cancellationToken);
        x.Http.Response.StatusCode = StatusCodes.Status204NoContent;
    }

    private async Task PutBucketNotificationConfigurationAsync(S3Exchange x, CancellationToken cancellationToken)
    {
        var configuration = S3Xml.ReadNotificationConfiguration(await S3Xml.ReadAsync(x.Body(), cancellationToken));
        var skip = string.Equals(x.Header("x-amz-skip-destination-validation"), "true", StringComparison.OrdinalIgnoreCase);
        await backend.PutBucketNotificationConfigurationAsync(x.Caller, new PutBucketNotificationConfigurationRequest(x.Bucket, configuration, skip), cancellationToken);
    }

    private async Task GetBucketNotificationConfigurationAsync(S3Exchange x, CancellationToken cancellationToken) =>
        await x.WriteXmlAsync(S3Xml.NotificationConfigurationDocument(await backend.GetBucketNotificationConfigurationAsync(x.Caller, x.Bucket, cancellationToken)), cancellationToken);

    private async Task ListObjectsV2Async(S3Exchange x, CancellationToken cancellationToken)
    {
        var output = await backend.ListObjectsV2Async(x.Caller, new ListObjectsV2Request(
            x.Bucket,
            x.Query("prefix"),
            x.Query("delimiter"),
            x.IntQuery("max-keys"),
            x.Query("continuation-token"),
            x.Query("start-after"),
            string.Equals(x.Query("fetch-owner"), "true", StringComparison.OrdinalIgnoreCase),
            EncodingType(x)), cancellationToken);
        await x.WriteXmlAsync(S3Xml.ListBucketResult(output), cancellationToken);
    }

    private async Task ListObjectsAsync(S3Exchange x, CancellationToken cancellationToken)
    {
        var output = await backend.ListObjectsAsync(x.Caller, new ListObjectsRequest(
            x.Bucket, x.Query("prefix"), x.Query("delimiter"), x.IntQuery("max-keys"), x.Query("marker"), EncodingType(x)), cancellationToken);
        await x.WriteXmlAsync(S3Xml.ListBucketResult(output), cancellationToken);
    }

    private async Task DeleteObjectsAsync(S3Exchange x, CancellationToken cancellationToken)
    {
        var delete = S3Xml.ReadDelete(await S3Xml.ReadAsync(x.Body(), cancellationToken));
        await x.WriteXmlAsync(S3Xml.DeleteResult(await backend.DeleteObjectsAsync(x.Caller, x.Bucket, delete, cancellationToken)), cancellationToken);
    }

    // ----- Objects -----

    private async Task PutObjectAsync(S3Exchange x, CancellationToken cancellationToken)
    {
        var output = await backend.PutObjectAsync(x.Caller, new PutObjectRequest(
            x.Bucket, x.Key, x.ObjectBody(), ObjectHeadersOf(x), MetadataOf(x), x.Header("If-Match"), x.Header("If-None-Match")), cancellationToken);
        x.Http.Response.Headers.ETag = S3Xml.Quoted(output.ETag);
        x.Http.Response.Headers["x-amz-object-size"] = output.Size.ToString(CultureInfo.InvariantCulture);
        WriteChecksum(x.Http.Response, output.Checksum);
    }

    private async Task GetObjectAsync(S3Exchange x, CancellationToken cancellationToken)
    {
        var output = await backend.GetObjectAsync(x.Caller, ReadRequestOf(x), cancellationToken);
        await using var body = output.Body;
        var response = x.Http.Response;
        WriteObjectHeaders(response, output.Head);
        var length = output.Range?.Length ?? output.Head.ContentLength;
        if (output.Range is { } range)
        {
            response.StatusCode = StatusCodes.Status206PartialContent;
            response.Headers.ContentRange = string.Create(CultureInfo.InvariantCulture, $"bytes {range.First}-{range.Last}/{range.Size}");
        }

        response.ContentLength = length;
        var buffer = new byte[81920];
        var remaining = length;
        while (remaining > 0)
        {
            var read = await body.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, remaining)), cancellationToken);
            if (read == 0)
            {
                throw new InvalidOperationException($"The content of s3://{x.Bucket}/{x.Key} ended {remaining} bytes early.");
            }

            await response.Body.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            remaining -= read;
        }
    }

    private async Task HeadObjectAsync(S3Exchange x, CancellationToken cancellationToken)
    {
        var head = await backend.HeadObjectAsync(x.Caller, ReadRequestOf(x), cancellationToken);
        WriteObjectHeaders(x.Http.Response, head);
        x.Http.Response.ContentLength = head.ContentLength;
    }

    private async Task DeleteObjectAsync(S3Exchange x, CancellationToken cancellationToken)
    {
        await backend.DeleteObjectAsync(x.Caller, new DeleteObjectRequest(x.Bucket, x.Key), cancellationToken);
        x.Http.Response.StatusCode = StatusCodes.Status204NoContent;
    }

    private async Task CopyObjectAsync(S3Exchange x, CancellationToken cancellationToken)
    {
        var (sourceBucket, sourceKey) = CopySource(x.Header("x-amz-copy-source") ?? string.Empty);
        var directive = x.Header("x-amz-metadata-directive") ?? "COPY";
        if (directive is not ("COPY" or "REPLACE"))
        {
            throw S3Exception.InvalidArgument("Unknown metadata directive.", "x-amz-metadata-directive", directive);
        }

        var replace = directive == "REPLACE";
        var result = await backend.CopyObjectAsync(x.Caller, new CopyObjectRequest(
            x.Bucket, x.Key, sourceBucket, sourceKey, replace, replace ? ObjectHeadersOf(x) : null, replace ? MetadataOf(x) : new Dictionary<string, string>()), cancellationToken);
        await x.WriteXmlAsync(S3Xml.CopyObjectResult(result), cancellationToken);
    }

    // ----- Multipart uploads -----

    private async Task CreateMultipartUploadAsync(S3Exchange x, CancellationToken cancellationToken)
    {
        ChecksumAlgorithm? algorithm = null;
        if (x.Header("x-amz-checksum-algorithm") is { } name)
        {
            algorithm = ChecksumAlgorithms.TryParse(name, out var parsed) ? parsed : throw UnsupportedChecksum();
        }

        var output = await backend.CreateMultipartUploadAsync(x.Caller, new CreateMultipartUploadRequest(x.Bucket, x.Key, ObjectHeadersOf(x), MetadataOf(x), algorithm), cancellationToken);
        if (output.ChecksumAlgorithm is { } kept)
        {
            x.Http.Response.Headers["x-amz-checksum-algorithm"] = kept.WireName();
        }

        await x.WriteXmlAsync(S3Xml.InitiateMultipartUploadResult(output), cancellationToken);
    }

    private async Task UploadPartAsync(S3Exchange x, CancellationToken cancellationToken)
    {
        var partNumber = x.IntQuery("partNumber") ?? throw S3Exception.InvalidArgument("Part number must be an integer between 1 and 10000, inclusive", "partNumber", null);
        var output = await backend.UploadPartAsync(x.Caller, new UploadPartRequest(x.Bucket, x.Key, x.Query("uploadId") ?? string.Empty, partNumber, x.ObjectBody()), cancellationToken);
        x.Http.Response.Headers.ETag = S3Xml.Quoted(output.ETag);
        WriteChecksum(x.Http.Response, output.Checksum);
    }

    private async Task CompleteMultipartUploadAsync(S3Exchange x, CancellationToken cancellationToken)
    {
        var parts = S3Xml.ReadCompleteMultipartUpload(await S3Xml.ReadAsync(x.Body(), cancellationToken));
        var output = await backend.CompleteMultipartUploadAsync(x.Caller, new CompleteMultipartUploadRequest(x.Bucket, x.Key, x.Query("uploadId") ?? string.Empty, parts), cancellationToken);
        await x.WriteXmlAsync(S3Xml.CompleteMultipartUploadResult(output), cancellationToken);
    }

    private async Task AbortMultipartUploadAsync(S3Exchange x, CancellationToken cancellationToken)
    {
        await backend.AbortMultipartUploadAsync(x.Caller, new AbortMultipartUploadRequest(x.Bucket, x.Key, x.Query("uploadId") ?? string.Empty), cancellationToken);
        x.Http.Response.StatusCode = StatusCodes.Status204NoContent;
    }

    // ----- Reading requests -----

    private static ObjectHeaders ObjectHeadersOf(S3Exchange x)
    {
        // aws-chunked is how the body travelled, not how the object is encoded.
        var encoding = x.Header("Content-Encoding") is { } value
            ? string.Join(",", value.Split(',').Select(e => e.Trim()).Where(e => e.Length > 0 && !e.Equals("aws-chunked", StringComparison.OrdinalIgnoreCase)))
            : null;
        return new ObjectHeaders(
            x.Header("Content-Type") ?? ObjectHeaders.DefaultContentType,
            string.IsNullOrEmpty(encoding) ? null : encoding,
            x.Header("Content-Disposition"),
            x.Header("Content-Language"),
            x.Header("Cache-Control"),
            x.Header("Expires"));
    }

    private static Dictionary<string, string> MetadataOf(S3Exchange x)
    {
        const string Prefix = "x-amz-meta-";
        return x.Http.Request.Headers
            .Where(h => h.Key.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) && h.Key.Length > Prefix.Length)
            .ToDictionary(h => h.Key[Prefix.Length..].ToLowerInvariant(), h => h.Value.ToString(), StringComparer.Ordinal);
    }

    private static GetObjectRequest ReadRequestOf(S3Exchange x) => new(
        x.Bucket,
        x.Key,
        x.Header("Range"),
        x.Header("If-Match"),
        x.Header("If-None-Match"),
        HttpDate(x.Header("If-Modified-Since")),
        HttpDate(x.Header("If-Unmodified-Since")),
        string.Equals(x.Header("x-amz-checksum-mode"), "ENABLED", StringComparison.OrdinalIgnoreCase));

    private static string? EncodingType(S3Exchange x) => x.Query("encoding-type") switch
    {
        null => null,
        "url" => "url",
        var other => throw S3Exception.InvalidArgument("Invalid Encoding Method specified in Request", "encoding-type", other),
    };

    private static (string Bucket, string Key) CopySource(string header)
    {
        var value = header.Split('?')[0];
        value = Uri.UnescapeDataString(value).TrimStart('/');
        var slash = value.IndexOf('/', StringComparison.Ordinal);
        return slash > 0 && slash < value.Length - 1
            ? (value[..slash], value[(slash + 1)..])
            : throw S3Exception.InvalidArgument("Copy Source must mention the source bucket and key: sourcebucket/sourcekey", "x-amz-copy-source", header);
    }

    private static DateTimeOffset? HttpDate(string? value) =>
        value is not null && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date) ? date : null;

    private static S3Exception UnsupportedChecksum() =>
        S3Exception.InvalidRequest("Checksum algorithm provided is unsupported. Please try again with any of the valid types: [CRC32, CRC32C, CRC64NVME, SHA1, SHA256]");

    // ----- Writing responses -----

    private static void WriteObjectHeaders(HttpResponse response, HeadObjectOutput head)
    {
        response.Headers.ETag = S3Xml.Quoted(head.ETag);
        response.Headers.LastModified = head.LastModified.ToString("R", CultureInfo.InvariantCulture);
        response.Headers.AcceptRanges = "bytes";
        response.ContentType = head.Headers.ContentType;
        SetIfPresent(response, "Content-Encoding", head.Headers.ContentEncoding);
        SetIfPresent(response, "Content-Disposition", head.Headers.ContentDisposition);
        SetIfPresent(response, "Content-Language", head.Headers.ContentLanguage);
        SetIfPresent(response, "Cache-Control", head.Headers.CacheControl);
        SetIfPresent(response, "Expires", head.Headers.Expires);
        foreach (var (name, value) in head.Metadata)
        {
            response.Headers["x-amz-meta-" + name] = value;
        }

        WriteChecksum(response, head.Checksum);
    }

    private static void WriteChecksum(HttpResponse response, ObjectChecksum? checksum)
    {
        if (checksum is not null)
        {
            response.Headers[checksum.Algorithm.HeaderName()] = checksum.Value;
            response.Headers["x-amz-checksum-type"] = "FULL_OBJECT";
        }
    }

    private static void SetIfPresent(HttpResponse response, string name, string? value)
    {
        if (value is not null)
        {
            response.Headers[name] = value;
        }
    }

    private static async Task WriteErrorAsync(HttpContext http, RequestContext context, AwsServiceException error, CancellationToken cancellationToken)
    {
        var response = http.Response;
        response.StatusCode = (int)error.Status;
        if (HttpMethods.IsHead(http.Request.Method) || error.Status == HttpStatusCode.NotModified)
        {
            return; // HEAD answers and 304s carry no body.
        }

        var details = error is S3Exception s3 ? s3.Details : [];
        await WriteXmlAsync(response, S3Xml.ErrorDocument(error.Code, error.Message, details, context.RequestId, HostId(context)), cancellationToken);
    }

    private static async Task WriteXmlAsync(HttpResponse response, XElement document, CancellationToken cancellationToken)
    {
        var bytes = Encoding.UTF8.GetBytes("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + document.ToString(SaveOptions.DisableFormatting));
        response.ContentType = "application/xml";
        response.ContentLength = bytes.Length;
        await response.Body.WriteAsync(bytes, cancellationToken);
    }

    private static string HostId(RequestContext context) => Convert.ToBase64String(Encoding.UTF8.GetBytes("localcloud/" + context.RequestId));

    private static string SourceIp(HttpContext http) =>
        http.Connection.RemoteIpAddress is { } address
            ? (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString()
            : "127.0.0.1";

    /// <summary>One request on its way through: HTTP, address, caller, and helpers to read them.</summary>
    private sealed record S3Exchange(HttpContext Http, S3Address Address, S3Caller Caller)
    {
        public string Bucket => Address.Bucket ?? string.Empty;

        public string Key => Address.Key ?? string.Empty;

        public string? Header(string name) => Http.Request.Headers.TryGetValue(name, out var value) && value.Count > 0 ? value.ToString() : null;

        public string? Query(string name) => Http.Request.Query.TryGetValue(name, out var value) ? value.ToString() : null;

        public int? IntQuery(string name) => Query(name) switch
        {
            null => null,
            var text when int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) => value,
            var text => throw S3Exception.InvalidArgument($"Provided {name} not an integer or within integer range", name, text),
        };

        /// <summary>The body as sent, for XML documents.</summary>
        public Stream Body() => Http.Request.Body;

        /// <summary>An object's content: decoded when aws-chunked, with the integrity values sent alongside it.</summary>
        public ObjectBody ObjectBody()
        {
            var checksums = new Dictionary<ChecksumAlgorithm, string>();
            foreach (var (name, value) in Http.Request.Headers)
            {
                if (ChecksumAlgorithms.TryParseHeader(name, out var algorithm) && !name.Equals("x-amz-checksum-algorithm", StringComparison.OrdinalIgnoreCase))
                {
                    checksums[algorithm] = value.ToString();
                }
            }

            var algorithms = new List<ChecksumAlgorithm>();
            if (Header("x-amz-sdk-checksum-algorithm") is { } sdkAlgorithm)
            {
                algorithms.Add(ChecksumAlgorithms.TryParse(sdkAlgorithm, out var parsed) ? parsed : throw UnsupportedChecksum());
            }

            algorithms.AddRange(checksums.Keys);
            foreach (var trailer in (Header("x-amz-trailer") ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                algorithms.Add(ChecksumAlgorithms.TryParseHeader(trailer, out var parsed) ? parsed : throw UnsupportedChecksum());
            }

            long? decodedLength = Header("x-amz-decoded-content-length") is { } decoded
                ? long.TryParse(decoded, NumberStyles.None, CultureInfo.InvariantCulture, out var length) ? length : throw S3Exception.InvalidArgument("x-amz-decoded-content-length is not a length", "x-amz-decoded-content-length", decoded)
                : null;
            if (AwsChunkedStream.IsChunked(Header("x-amz-content-sha256"), Header("Content-Encoding")))
            {
                var chunked = new AwsChunkedStream(Http.Request.Body);
                return new ObjectBody(chunked, Header("Content-MD5"), checksums, [.. algorithms.Distinct()], () => chunked.Trailers, decodedLength);
            }

            return new ObjectBody(Http.Request.Body, Header("Content-MD5"), checksums, [.. algorithms.Distinct()], () => new Dictionary<string, string>(), null);
        }

        public Task WriteXmlAsync(XElement document, CancellationToken cancellationToken) => S3FrontEnd.WriteXmlAsync(Http.Response, document, cancellationToken);
    }
}
