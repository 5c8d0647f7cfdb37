using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Xml.Linq;
using LocalCloud.Tests.Shared;

namespace LocalCloud.Tests.S3;

/// <summary>S3's REST protocol over HTTP: addressing styles, XML documents, errors and statuses.</summary>
public sealed class S3FrontEndTests(LocalCloudFixture cloud) : IClassFixture<LocalCloudFixture>, IDisposable
{
    private static readonly XNamespace S3 = "http://s3.amazonaws.com/doc/2006-03-01/";

    private readonly HttpClient _http = new() { BaseAddress = cloud.Endpoint };
    private readonly string _account = LocalCloudFixture.NewAccount();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ListBuckets_DocumentInS3Namespace()
    {
        var bucket = await CreateBucketAsync();

        using var response = await SendAsync(HttpMethod.Get, "/");
        var document = await XmlAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(S3 + "ListAllMyBucketsResult", document.Name);
        Assert.Matches("^[0-9a-f]{64}$", document.Element(S3 + "Owner")?.Element(S3 + "ID")?.Value);
        var listed = Assert.Single(document.Element(S3 + "Buckets")?.Elements(S3 + "Bucket") ?? []);
        Assert.Equal(bucket, listed.Element(S3 + "Name")?.Value);
        Assert.Equal("2026-11-25T12:00:00.000Z", listed.Element(S3 + "CreationDate")?.Value);
        Assert.Equal("us-east-1", listed.Element(S3 + "BucketRegion")?.Value);
    }

    [Fact]
    public async Task MissingBucket_NoSuchBucketErrorDocument()
    {
        using var response = await SendAsync(HttpMethod.Get, "/no-such-bucket-here?list-type=2");
        var error = await XmlAsync(response);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/xml", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Error", error.Name.LocalName);
        Assert.Equal(XNamespace.None, error.Name.Namespace);
        Assert.Equal("NoSuchBucket", error.Element("Code")?.Value);
        Assert.Equal("The specified bucket does not exist", error.Element("Message")?.Value);
        Assert.Equal("no-such-bucket-here", error.Element("BucketName")?.Value);
        Assert.Equal(response.Headers.GetValues("x-amz-request-id").Single(), error.Element("RequestId")?.Value);
        Assert.NotEmpty(error.Element("HostId")?.Value ?? string.Empty);
    }

    [Fact]
    public async Task MissingKey_NoSuchKey_HeadHasNoBody()
    {
        var bucket = await CreateBucketAsync();

        using var get = await SendAsync(HttpMethod.Get, $"/{bucket}/missing.json");
        using var head = await SendAsync(HttpMethod.Head, $"/{bucket}/missing.json");
        var error = await XmlAsync(get);

        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        Assert.Equal("NoSuchKey", error.Element("Code")?.Value);
        Assert.Equal("missing.json", error.Element("Key")?.Value);
        Assert.Equal(HttpStatusCode.NotFound, head.StatusCode);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync(Ct));
    }

    [Fact]
    public async Task BucketErrors_ConflictAndBadRequestStatuses()
    {
        var bucket = await CreateBucketAsync();
        await PutAsync($"/{bucket}/k", "v");

        using var again = await SendAsync(HttpMethod.Put, $"/{bucket}");
        using var invalid = await SendAsync(HttpMethod.Put, "/Not_A_Bucket");
        using var notEmpty = await SendAsync(HttpMethod.Delete, $"/{bucket}");
        using var patch = await SendAsync(HttpMethod.Patch, $"/{bucket}");
        using var post = await SendAsync(HttpMethod.Post, $"/{bucket}");

        Assert.Equal((HttpStatusCode.Conflict, "BucketAlreadyOwnedByYou"), (again.StatusCode, await CodeAsync(again)));
        Assert.Equal((HttpStatusCode.BadRequest, "InvalidBucketName"), (invalid.StatusCode, await CodeAsync(invalid)));
        Assert.Equal((HttpStatusCode.Conflict, "BucketNotEmpty"), (notEmpty.StatusCode, await CodeAsync(notEmpty)));
        Assert.Equal((HttpStatusCode.MethodNotAllowed, "MethodNotAllowed"), (patch.StatusCode, await CodeAsync(patch)));
        Assert.Equal((HttpStatusCode.NotImplemented, "NotImplemented"), (post.StatusCode, await CodeAsync(post)));
    }

    [Fact]
    public async Task VirtualHostStyle_AndPathStyle_AddressTheSameObject()
    {
        var bucket = await CreateBucketAsync();
        var port = cloud.Endpoint.Port;

        using var put = await SendAsync(HttpMethod.Put, "/data/products_raw/p1.json", host: $"{bucket}.localhost:{port}", body: "{\"id\":1}");
        using var pathStyle = await SendAsync(HttpMethod.Get, $"/{bucket}/data/products_raw/p1.json");
        using var awsHost = await SendAsync(HttpMethod.Get, "/data/products_raw/p1.json", host: $"{bucket}.s3.us-east-1.amazonaws.com");
        using var list = await SendAsync(HttpMethod.Get, "/?list-type=2&prefix=data/", host: $"{bucket}.s3.localhost.localstack.cloud:{port}");

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal("{\"id\":1}", await pathStyle.Content.ReadAsStringAsync(Ct));
        Assert.Equal("{\"id\":1}", await awsHost.Content.ReadAsStringAsync(Ct));
        var listing = await XmlAsync(list);
        Assert.Equal(bucket, listing.Element(S3 + "Name")?.Value);
        Assert.Equal("data/products_raw/p1.json", listing.Element(S3 + "Contents")?.Element(S3 + "Key")?.Value);
    }

    [Fact]
    public async Task PutObject_AwsChunkedFromTheDotNetSdk_StoresThePayload()
    {
        var bucket = await CreateBucketAsync();

        using var put = await SendAsync(HttpMethod.Put, $"/{bucket}/data/products_raw/product_00001.json", body: AwsChunkedStreamTests.DotNetSdkSignedTrailerBody, headers: new()
        {
            ["x-amz-content-sha256"] = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER",
            ["x-amz-decoded-content-length"] = "82",
            ["x-amz-trailer"] = "x-amz-checksum-crc32",
            ["x-amz-sdk-checksum-algorithm"] = "CRC32",
            ["Content-Encoding"] = "aws-chunked",
            ["Content-Type"] = "application/json",
        });
        using var get = await SendAsync(HttpMethod.Get, $"/{bucket}/data/products_raw/product_00001.json");

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal("fnjTjA==", put.Headers.GetValues("x-amz-checksum-crc32").Single());
        Assert.StartsWith("{\"product_id\": \"00001\"", await get.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(82, get.Content.Headers.ContentLength);
        Assert.Empty(get.Content.Headers.ContentEncoding);
        Assert.Equal("application/json", get.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Keys_PercentEncodedInPath_AndUrlEncodedInListings()
    {
        var bucket = await CreateBucketAsync();
        const string Key = "raw data/a+b%c ü.json";

        using var put = await SendAsync(HttpMethod.Put, $"/{bucket}/{Uri.EscapeDataString(Key).Replace("%2F", "/", StringComparison.Ordinal)}", body: "x");
        using var list = await SendAsync(HttpMethod.Get, $"/{bucket}?list-type=2&encoding-type=url&delimiter=%2F");
        using var plain = await SendAsync(HttpMethod.Get, $"/{bucket}?list-type=2&prefix=raw%20data%2F");
        var encoded = await XmlAsync(list);
        var decoded = await XmlAsync(plain);

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal("raw+data/", encoded.Element(S3 + "CommonPrefixes")?.Element(S3 + "Prefix")?.Value);
        Assert.Equal("url", encoded.Element(S3 + "EncodingType")?.Value);
        Assert.Equal(Key, decoded.Element(S3 + "Contents")?.Element(S3 + "Key")?.Value);
        using var byKey = await SendAsync(HttpMethod.Get, $"/{bucket}?list-type=2&encoding-type=url&prefix=raw%20data%2F");
        Assert.Equal("raw+data/a%2Bb%25c+%C3%BC.json", (await XmlAsync(byKey)).Element(S3 + "Contents")?.Element(S3 + "Key")?.Value);
    }

    [Fact]
    public async Task GetObject_Range_PartialContent()
    {
        var bucket = await CreateBucketAsync();
        await PutAsync($"/{bucket}/digits", "0123456789");

        using var response = await SendAsync(HttpMethod.Get, $"/{bucket}/digits", headers: new() { ["Range"] = "bytes=2-4" });
        using var unsatisfiable = await SendAsync(HttpMethod.Get, $"/{bucket}/digits", headers: new() { ["Range"] = "bytes=20-" });

        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal("234", await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal("bytes 2-4/10", response.Content.Headers.ContentRange?.ToString());
        Assert.Equal((HttpStatusCode.RequestedRangeNotSatisfiable, "InvalidRange"), (unsatisfiable.StatusCode, await CodeAsync(unsatisfiable)));
    }

    [Fact]
    public async Task ObjectHeaders_MetadataAndETagRoundTrip()
    {
        var bucket = await CreateBucketAsync();

        using var put = await SendAsync(HttpMethod.Put, $"/{bucket}/k", body: "hello\n", headers: new() { ["x-amz-meta-Origin"] = "walkthrough", ["Content-Type"] = "text/plain" });
        using var head = await SendAsync(HttpMethod.Head, $"/{bucket}/k");

        Assert.Equal("\"b1946ac92492d2347c6235b4d2611184\"", put.Headers.ETag?.ToString());
        Assert.Equal("\"b1946ac92492d2347c6235b4d2611184\"", head.Headers.ETag?.ToString());
        Assert.Equal("walkthrough", head.Headers.GetValues("x-amz-meta-origin").Single());
        Assert.Equal("text/plain", head.Content.Headers.ContentType?.MediaType);
        Assert.Equal(6, head.Content.Headers.ContentLength);
        Assert.Equal("bytes", head.Headers.AcceptRanges.Single());
        Assert.Equal(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero), head.Content.Headers.LastModified);
    }

    [Fact]
    public async Task UnsupportedSubresource_NotImplementedNamingIt()
    {
        var bucket = await CreateBucketAsync();

        using var response = await SendAsync(HttpMethod.Get, $"/{bucket}?acl");
        var error = await XmlAsync(response);

        Assert.Equal(HttpStatusCode.NotImplemented, response.StatusCode);
        Assert.Equal("NotImplemented", error.Element("Code")?.Value);
        Assert.Contains("?acl", error.Element("Message")?.Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Notification_EventBridgeConfigurationRoundTrips_OthersRefused()
    {
        var bucket = await CreateBucketAsync();

        using var empty = await SendAsync(HttpMethod.Get, $"/{bucket}?notification");
        using var put = await SendAsync(HttpMethod.Put, $"/{bucket}?notification", body: $"""<NotificationConfiguration xmlns="{S3}"><EventBridgeConfiguration></EventBridgeConfiguration></NotificationConfiguration>""");
        using var get = await SendAsync(HttpMethod.Get, $"/{bucket}?notification");
        using var queue = await SendAsync(HttpMethod.Put, $"/{bucket}?notification", body: $"""<NotificationConfiguration xmlns="{S3}"><QueueConfiguration><Queue>arn:aws:sqs:us-east-1:{_account}:q</Queue><Event>s3:ObjectCreated:*</Event></QueueConfiguration></NotificationConfiguration>""");
        using var malformed = await SendAsync(HttpMethod.Put, $"/{bucket}?notification", body: "<NotificationConfiguration><Eventbridge");

        Assert.Empty((await XmlAsync(empty)).Elements());
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var document = await XmlAsync(get);
        Assert.Equal(S3 + "NotificationConfiguration", document.Name);
        Assert.NotNull(document.Element(S3 + "EventBridgeConfiguration"));
        var refused = await XmlAsync(queue);
        Assert.Equal((HttpStatusCode.BadRequest, "InvalidArgument"), (queue.StatusCode, refused.Element("Code")?.Value));
        Assert.Equal($"arn:aws:sqs:us-east-1:{_account}:q", refused.Element("ArgumentName1")?.Value);
        Assert.Equal((HttpStatusCode.BadRequest, "MalformedXML"), (malformed.StatusCode, await CodeAsync(malformed)));
    }

    [Fact]
    public async Task Multipart_Documents()
    {
        var bucket = await CreateBucketAsync();

        using var initiate = await SendAsync(HttpMethod.Post, $"/{bucket}/big.bin?uploads");
        var initiated = await XmlAsync(initiate);
        var uploadId = initiated.Element(S3 + "UploadId")?.Value ?? string.Empty;
        using var part = await SendAsync(HttpMethod.Put, $"/{bucket}/big.bin?partNumber=1&uploadId={Uri.EscapeDataString(uploadId)}", body: "only part");
        using var complete = await SendAsync(HttpMethod.Post, $"/{bucket}/big.bin?uploadId={Uri.EscapeDataString(uploadId)}",
            body: $"<CompleteMultipartUpload xmlns=\"{S3}\"><Part><ETag>{part.Headers.ETag}</ETag><PartNumber>1</PartNumber></Part></CompleteMultipartUpload>");
        var completed = await XmlAsync(complete);
        using var missing = await SendAsync(HttpMethod.Delete, $"/{bucket}/big.bin?uploadId={Uri.EscapeDataString(uploadId)}");

        Assert.Equal(S3 + "InitiateMultipartUploadResult", initiated.Name);
        Assert.Equal((bucket, "big.bin"), (initiated.Element(S3 + "Bucket")?.Value, initiated.Element(S3 + "Key")?.Value));
        Assert.Equal(S3 + "CompleteMultipartUploadResult", completed.Name);
        Assert.EndsWith("-1\"", completed.Element(S3 + "ETag")?.Value, StringComparison.Ordinal);
        Assert.Equal((HttpStatusCode.NotFound, "NoSuchUpload"), (missing.StatusCode, await CodeAsync(missing)));
    }

    [Fact]
    public async Task CreateBucket_LocationConstraint_LocationAndRegionHeader()
    {
        var bucket = "fe-" + Guid.NewGuid().ToString("N")[..12];

        using var create = await SendAsync(HttpMethod.Put, $"/{bucket}", region: "eu-west-1",
            body: $"<CreateBucketConfiguration xmlns=\"{S3}\"><LocationConstraint>eu-west-1</LocationConstraint></CreateBucketConfiguration>");
        using var location = await SendAsync(HttpMethod.Get, $"/{bucket}?location", region: "eu-west-1");
        using var head = await SendAsync(HttpMethod.Head, $"/{bucket}", region: "eu-west-1");
        using var noConstraint = await SendAsync(HttpMethod.Put, $"/{bucket}-x", region: "eu-west-1");

        Assert.Equal(HttpStatusCode.OK, create.StatusCode);
        Assert.Equal($"/{bucket}", create.Headers.Location?.ToString());
        Assert.Equal("eu-west-1", (await XmlAsync(location)).Value);
        Assert.Equal("eu-west-1", head.Headers.GetValues("x-amz-bucket-region").Single());
        Assert.Equal((HttpStatusCode.BadRequest, "IllegalLocationConstraintException"), (noConstraint.StatusCode, await CodeAsync(noConstraint)));
    }

    [Fact]
    public async Task CopyAndDeleteObjects_Documents()
    {
        var bucket = await CreateBucketAsync();
        await PutAsync($"/{bucket}/a.json", "{}");

        using var copy = await SendAsync(HttpMethod.Put, $"/{bucket}/b.json", headers: new() { ["x-amz-copy-source"] = $"/{bucket}/a.json" });
        using var delete = await SendAsync(HttpMethod.Post, $"/{bucket}?delete", body: $"<Delete xmlns=\"{S3}\"><Object><Key>a.json</Key></Object><Object><Key>b.json</Key></Object></Delete>");
        using var list = await SendAsync(HttpMethod.Get, $"/{bucket}?list-type=2");

        Assert.Equal(S3 + "CopyObjectResult", (await XmlAsync(copy)).Name);
        Assert.Equal(["a.json", "b.json"], (await XmlAsync(delete)).Elements(S3 + "Deleted").Select(d => d.Element(S3 + "Key")?.Value));
        var listing = await XmlAsync(list);
        Assert.Equal("0", listing.Element(S3 + "KeyCount")?.Value);
        Assert.Equal("false", listing.Element(S3 + "IsTruncated")?.Value);
    }

    public void Dispose() => _http.Dispose();

    private async Task<string> CreateBucketAsync()
    {
        var bucket = "fe-" + Guid.NewGuid().ToString("N")[..12];
        using var response = await SendAsync(HttpMethod.Put, $"/{bucket}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return bucket;
    }

    private async Task PutAsync(string path, string body)
    {
        using var response = await SendAsync(HttpMethod.Put, path, body: body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private async Task<HttpResponseMessage> SendAsync(
        HttpMethod method, string pathAndQuery, string? host = null, string? body = null, Dictionary<string, string>? headers = null, string region = "us-east-1")
    {
        using var request = new HttpRequestMessage(method, pathAndQuery);
        request.Headers.TryAddWithoutValidation("Authorization", $"AWS4-HMAC-SHA256 Credential={_account}/20261125/{region}/s3/aws4_request, SignedHeaders=host, Signature=0");
        if (host is not null)
        {
            request.Headers.Host = host;
        }

        if (body is not null)
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        }

        foreach (var (name, value) in headers ?? [])
        {
            if (name.StartsWith("Content-", StringComparison.OrdinalIgnoreCase))
            {
                request.Content ??= new ByteArrayContent([]);
                request.Content.Headers.Remove(name);
                if (name == "Content-Type")
                {
                    request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(value);
                }
                else
                {
                    request.Content.Headers.TryAddWithoutValidation(name, value);
                }
            }
            else
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }
        }

        return await _http.SendAsync(request, Ct);
    }

    private static async Task<XElement> XmlAsync(HttpResponseMessage response) =>
        XDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).Root ?? throw new InvalidOperationException("No XML root.");

    private static async Task<string?> CodeAsync(HttpResponseMessage response) => (await XmlAsync(response)).Element("Code")?.Value;
}
