#pragma warning disable CA5351 // S3 ETags are MD5 digests.

using System.Net;
using System.Security.Cryptography;
using System.Text;
using LocalCloud.S3;

namespace LocalCloud.Tests.S3;

/// <summary>S3's backend without HTTP, on a fake clock, with recording EventBridge and CloudTrail.</summary>
public sealed class S3BackendTests
{
    private readonly S3TestBed _s3 = new();

    private static CancellationToken Ct => S3TestBed.Ct;

    // ----- Objects -----

    [Fact]
    public async Task PutObject_ThenGetAndHead_ContentETagHeadersMetadata()
    {
        var bucket = await _s3.BucketAsync();
        _s3.Clock.Advance(TimeSpan.FromMinutes(5.5));

        var put = await _s3.Backend.PutObjectAsync(_s3.Caller(), new PutObjectRequest(
            bucket, "data/products_raw/product_00001.json", ObjectBody.Of(new MemoryStream("hello\n"u8.ToArray())),
            new ObjectHeaders("application/json", CacheControl: "no-cache"), new Dictionary<string, string> { ["origin"] = "walkthrough" }), Ct);
        var head = await _s3.Backend.HeadObjectAsync(_s3.Caller(), new GetObjectRequest(bucket, "data/products_raw/product_00001.json"), Ct);

        Assert.Equal("b1946ac92492d2347c6235b4d2611184", put.ETag);
        Assert.Equal("hello\n", await _s3.ReadAsync(bucket, "data/products_raw/product_00001.json"));
        Assert.Equal(6, head.ContentLength);
        Assert.Equal("application/json", head.Headers.ContentType);
        Assert.Equal("no-cache", head.Headers.CacheControl);
        Assert.Equal("walkthrough", head.Metadata["origin"]);
        Assert.Equal(new DateTimeOffset(2026, 11, 25, 12, 5, 30, TimeSpan.Zero), head.LastModified);
    }

    [Fact]
    public async Task PutObject_ChecksumMismatch_BadDigestAndNothingWrittenOrPublished()
    {
        var bucket = await _s3.BucketAsync(eventBridge: true);
        var body = new ObjectBody(new MemoryStream("hello\n"u8.ToArray()), null,
            new Dictionary<ChecksumAlgorithm, string> { [ChecksumAlgorithm.Crc32] = "AAAAAA==" }, [ChecksumAlgorithm.Crc32], () => new Dictionary<string, string>(), null);

        var error = await Assert.ThrowsAsync<S3Exception>(() => _s3.Backend.PutObjectAsync(_s3.Caller(), Put(bucket, "k", body), Ct));

        Assert.Equal("BadDigest", error.Code);
        await AssertNoSuchKeyAsync(bucket, "k");
        Assert.Empty(_s3.Events.For(_s3.Account, "Object Created"));
        Assert.DoesNotContain(_s3.Trail.Calls, c => c.EventName == "PutObject");
    }

    [Fact]
    public async Task PutObject_TrailingChecksum_VerifiedAndKept()
    {
        var bucket = await _s3.BucketAsync();
        var chunked = new AwsChunkedStream(new MemoryStream(Encoding.ASCII.GetBytes(AwsChunkedStreamTests.DotNetSdkSignedTrailerBody)));
        var body = new ObjectBody(chunked, null, new Dictionary<ChecksumAlgorithm, string>(), [ChecksumAlgorithm.Crc32], () => chunked.Trailers, 82);

        var put = await _s3.Backend.PutObjectAsync(_s3.Caller(), Put(bucket, "p.json", body), Ct);

        Assert.Equal(new ObjectChecksum(ChecksumAlgorithm.Crc32, "fnjTjA=="), put.Checksum);
        Assert.Equal(82, put.Size);
    }

    [Fact]
    public async Task PutObject_WrongTrailingChecksum_BadDigest()
    {
        var bucket = await _s3.BucketAsync();
        var chunked = new AwsChunkedStream(new MemoryStream(Encoding.ASCII.GetBytes(AwsChunkedStreamTests.DotNetSdkSignedTrailerBody.Replace("fnjTjA==", "AAAAAA==", StringComparison.Ordinal))));
        var body = new ObjectBody(chunked, null, new Dictionary<ChecksumAlgorithm, string>(), [ChecksumAlgorithm.Crc32], () => chunked.Trailers, 82);

        var error = await Assert.ThrowsAsync<S3Exception>(() => _s3.Backend.PutObjectAsync(_s3.Caller(), Put(bucket, "p.json", body), Ct));

        Assert.Equal("BadDigest", error.Code);
        await AssertNoSuchKeyAsync(bucket, "p.json");
    }

    [Theory]
    [InlineData("sZRqySSS0jR8YjW00mERhA==", null)]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAA==", "BadDigest")]
    [InlineData("not-md5", "InvalidDigest")]
    public async Task PutObject_ContentMd5_Checked(string md5, string? code)
    {
        var bucket = await _s3.BucketAsync();
        var body = ObjectBody.Of(new MemoryStream("hello\n"u8.ToArray())) with { ContentMD5 = md5 };

        var error = await Record.ExceptionAsync(() => _s3.Backend.PutObjectAsync(_s3.Caller(), Put(bucket, "k", body), Ct));

        Assert.Equal(code, (error as S3Exception)?.Code);
    }

    [Fact]
    public async Task PutObject_DecodedLengthShort_IncompleteBody()
    {
        var bucket = await _s3.BucketAsync();
        var body = ObjectBody.Of(new MemoryStream("hello"u8.ToArray())) with { DecodedContentLength = 6 };

        var error = await Assert.ThrowsAsync<S3Exception>(() => _s3.Backend.PutObjectAsync(_s3.Caller(), Put(bucket, "k", body), Ct));

        Assert.Equal("IncompleteBody", error.Code);
    }

    [Fact]
    public async Task PutObject_IfNoneMatchStar_RefusesToOverwrite()
    {
        var bucket = await _s3.BucketAsync();
        await _s3.PutAsync(bucket, "k", "one");

        var error = await Assert.ThrowsAsync<S3Exception>(() => _s3.Backend.PutObjectAsync(
            _s3.Caller(), Put(bucket, "k", ObjectBody.Of(new MemoryStream("two"u8.ToArray()))) with { IfNoneMatch = "*" }, Ct));

        Assert.Equal(HttpStatusCode.PreconditionFailed, error.Status);
        Assert.Equal("one", await _s3.ReadAsync(bucket, "k"));
    }

    [Fact]
    public async Task PutObject_KeyTooLongOrMetadataTooLarge_Refused()
    {
        var bucket = await _s3.BucketAsync();

        var key = await Assert.ThrowsAsync<S3Exception>(() => _s3.PutAsync(bucket, new string('k', 1025), "x"));
        var metadata = await Assert.ThrowsAsync<S3Exception>(() => _s3.Backend.PutObjectAsync(_s3.Caller(), Put(bucket, "k", ObjectBody.Of(new MemoryStream())) with
        {
            Metadata = new Dictionary<string, string> { ["big"] = new string('m', 2100) },
        }, Ct));

        Assert.Equal("KeyTooLongError", key.Code);
        Assert.Equal("MetadataTooLarge", metadata.Code);
    }

    [Theory]
    [InlineData("bytes=0-4", 0L, 4L)]
    [InlineData("bytes=6-", 6L, 9L)]
    [InlineData("bytes=-3", 7L, 9L)]
    [InlineData("bytes=-30", 0L, 9L)]
    [InlineData("bytes=8-100", 8L, 9L)]
    public void ParseRange_Satisfiable(string header, long first, long last) =>
        Assert.Equal(new ContentRange(first, last, 10), S3Backend.ParseRange(header, 10));

    [Theory]
    [InlineData(null)]
    [InlineData("bytes=5-2")]
    [InlineData("bytes=0-1,4-5")]
    [InlineData("items=0-1")]
    [InlineData("bytes=abc")]
    public void ParseRange_Unreadable_WholeObject(string? header) => Assert.Null(S3Backend.ParseRange(header, 10));

    [Theory]
    [InlineData("bytes=10-")]
    [InlineData("bytes=-0")]
    public void ParseRange_Unsatisfiable_InvalidRange(string header)
    {
        var error = Assert.Throws<S3Exception>(() => S3Backend.ParseRange(header, 10));

        Assert.Equal(HttpStatusCode.RequestedRangeNotSatisfiable, error.Status);
    }

    [Fact]
    public async Task GetObject_Range_ReadsThatPart()
    {
        var bucket = await _s3.BucketAsync();
        await _s3.PutAsync(bucket, "k", "0123456789");

        var output = await _s3.Backend.GetObjectAsync(_s3.Caller(), new GetObjectRequest(bucket, "k", Range: "bytes=3-5"), Ct);
        await using var body = output.Body;
        var buffer = new byte[3];
        await body.ReadExactlyAsync(buffer, Ct);

        Assert.Equal(new ContentRange(3, 5, 10), output.Range);
        Assert.Equal("345", Encoding.ASCII.GetString(buffer));
    }

    [Fact]
    public async Task GetObject_Conditions_NotModifiedAndPreconditionFailed()
    {
        var bucket = await _s3.BucketAsync();
        var put = await _s3.PutAsync(bucket, "k", "v");
        var modified = _s3.Clock.GetUtcNow();

        var notModified = await Assert.ThrowsAsync<S3Exception>(() => _s3.Backend.GetObjectAsync(_s3.Caller(), new GetObjectRequest(bucket, "k", IfNoneMatch: $"\"{put.ETag}\""), Ct));
        var sinceLater = await Assert.ThrowsAsync<S3Exception>(() => _s3.Backend.HeadObjectAsync(_s3.Caller(), new GetObjectRequest(bucket, "k", IfModifiedSince: modified.AddMinutes(1)), Ct));
        var mismatch = await Assert.ThrowsAsync<S3Exception>(() => _s3.Backend.HeadObjectAsync(_s3.Caller(), new GetObjectRequest(bucket, "k", IfMatch: "\"other\""), Ct));
        var head = await _s3.Backend.HeadObjectAsync(_s3.Caller(), new GetObjectRequest(bucket, "k", IfMatch: "*", IfModifiedSince: modified.AddMinutes(-1)), Ct);

        Assert.Equal(HttpStatusCode.NotModified, notModified.Status);
        Assert.Equal(HttpStatusCode.NotModified, sinceLater.Status);
        Assert.Equal(HttpStatusCode.PreconditionFailed, mismatch.Status);
        Assert.Equal(put.ETag, head.ETag);
    }

    [Fact]
    public async Task DeleteObject_MissingKey_Succeeds()
    {
        var bucket = await _s3.BucketAsync();

        await _s3.Backend.DeleteObjectAsync(_s3.Caller(), new DeleteObjectRequest(bucket, "never-there"), Ct);

        Assert.Contains(_s3.Trail.Calls, c => c.EventName == "DeleteObject");
    }

    [Fact]
    public async Task CopyObject_CopiesContentAndMetadata_RefusesSelfCopyWithoutReplace()
    {
        var bucket = await _s3.BucketAsync();
        await _s3.PutAsync(bucket, "a.json", "{}");

        var result = await _s3.Backend.CopyObjectAsync(_s3.Caller(), new CopyObjectRequest(bucket, "b.json", bucket, "a.json", false, null, new Dictionary<string, string>()), Ct);
        var self = await Assert.ThrowsAsync<S3Exception>(() => _s3.Backend.CopyObjectAsync(_s3.Caller(), new CopyObjectRequest(bucket, "a.json", bucket, "a.json", false, null, new Dictionary<string, string>()), Ct));
        var head = await _s3.Backend.HeadObjectAsync(_s3.Caller(), new GetObjectRequest(bucket, "b.json"), Ct);

        Assert.Equal(Md5Hex("{}"), result.ETag);
        Assert.Equal("application/json", head.Headers.ContentType);
        Assert.Equal("InvalidRequest", self.Code);
    }

    // ----- Listing -----

    [Fact]
    public async Task ListObjectsV2_PagesWithContinuationToken()
    {
        var bucket = await _s3.BucketAsync();
        foreach (var key in new[] { "a/1", "a/2", "b/1", "c" })
        {
            await _s3.PutAsync(bucket, key, key);
        }

        var first = await _s3.Backend.ListObjectsV2Async(_s3.Caller(), new ListObjectsV2Request(bucket, Delimiter: "/", MaxKeys: 2), Ct);
        var second = await _s3.Backend.ListObjectsV2Async(_s3.Caller(), new ListObjectsV2Request(bucket, Delimiter: "/", MaxKeys: 2, ContinuationToken: first.NextContinuationToken), Ct);
        var afterA = await _s3.Backend.ListObjectsV2Async(_s3.Caller(), new ListObjectsV2Request(bucket, StartAfter: "a/2"), Ct);

        Assert.Equal(["a/", "b/"], first.CommonPrefixes.Select(p => p.Prefix));
        Assert.True(first.IsTruncated);
        Assert.Equal(2, first.KeyCount);
        Assert.Equal(["c"], second.Contents.Select(o => o.Key));
        Assert.False(second.IsTruncated);
        Assert.Null(second.NextContinuationToken);
        Assert.Equal(["b/1", "c"], afterA.Contents.Select(o => o.Key));
    }

    [Fact]
    public async Task ListObjectsV2_BadTokenOrMaxKeys_InvalidArgument()
    {
        var bucket = await _s3.BucketAsync();

        var token = await Assert.ThrowsAsync<S3Exception>(() => _s3.Backend.ListObjectsV2Async(_s3.Caller(), new ListObjectsV2Request(bucket, ContinuationToken: "%%%"), Ct));
        var maxKeys = await Assert.ThrowsAsync<S3Exception>(() => _s3.Backend.ListObjectsV2Async(_s3.Caller(), new ListObjectsV2Request(bucket, MaxKeys: -1), Ct));

        Assert.Equal("InvalidArgument", token.Code);
        Assert.Equal("InvalidArgument", maxKeys.Code);
    }

    // ----- Buckets -----

    [Fact]
    public async Task CreateBucket_Twice_OwnedByYou_OtherAccountAlreadyExists()
    {
        var bucket = await _s3.BucketAsync();

        var again = await Assert.ThrowsAsync<S3Exception>(() => _s3.Backend.CreateBucketAsync(_s3.Caller(), new CreateBucketRequest(bucket, null), Ct));
        var other = await Assert.ThrowsAsync<S3Exception>(() => _s3.Backend.CreateBucketAsync(_s3.Caller("999988887777"), new CreateBucketRequest(bucket, null), Ct));
        var denied = await Assert.ThrowsAsync<S3Exception>(() => _s3.Backend.HeadBucketAsync(_s3.Caller("999988887777"), bucket, Ct));

        Assert.Equal(("BucketAlreadyOwnedByYou", HttpStatusCode.Conflict), (again.Code, again.Status));
        Assert.Equal(("BucketAlreadyExists", HttpStatusCode.Conflict), (other.Code, other.Status));
        Assert.Equal(("AccessDenied", HttpStatusCode.Forbidden), (denied.Code, denied.Status));
    }

    [Theory]
    [InlineData("ab")]
    [InlineData("Upper-Case")]
    [InlineData("under_score")]
    [InlineData("two..dots")]
    [InlineData("192.168.5.4")]
    [InlineData("-starts-with-dash")]
    [InlineData("xn--reserved")]
    [InlineData("bucket-s3alias")]
    public async Task CreateBucket_InvalidName_InvalidBucketName(string name)
    {
        var error = await Assert.ThrowsAsync<S3Exception>(() => _s3.Backend.CreateBucketAsync(_s3.Caller(), new CreateBucketRequest(name, null), Ct));

        Assert.Equal(("InvalidBucketName", HttpStatusCode.BadRequest), (error.Code, error.Status));
        Assert.Contains(new KeyValuePair<string, string>("BucketName", name), error.Details);
    }

    [Theory]
    [InlineData("us-east-1", null, "us-east-1")]
    [InlineData("us-east-1", "eu-west-1", "eu-west-1")]
    [InlineData("eu-west-1", "eu-west-1", "eu-west-1")]
    [InlineData("us-east-1", "EU", "eu-west-1")]
    public void BucketRegion_FromConstraint(string requestRegion, string? constraint, string expected) =>
        Assert.Equal(expected, S3Backend.BucketRegion(requestRegion, constraint));

    [Theory]
    [InlineData("eu-west-1", null, "IllegalLocationConstraintException")]
    [InlineData("eu-west-1", "us-west-2", "IllegalLocationConstraintException")]
    [InlineData("us-east-1", "us-east-1", "InvalidLocationConstraint")]
    [InlineData("us-east-1", "mars-1", "InvalidLocationConstraint")]
    public void BucketRegion_BadConstraint_Refused(string requestRegion, string? constraint, string code) =>
        Assert.Equal(code, Assert.Throws<S3Exception>(() => S3Backend.BucketRegion(requestRegion, constraint)).Code);

    [Fact]
    public async Task DeleteBucket_NotEmpty_ThenEmpty_ThenGone()
    {
        var bucket = await _s3.BucketAsync();
        await _s3.PutAsync(bucket, "k", "v");

        var notEmpty = await Assert.ThrowsAsync<S3Exception>(() => _s3.Backend.DeleteBucketAsync(_s3.Caller(), bucket, Ct));
        await _s3.Backend.DeleteObjectAsync(_s3.Caller(), new DeleteObjectRequest(bucket, "k"), Ct);
        await _s3.Backend.DeleteBucketAsync(_s3.Caller(), bucket, Ct);
        var gone = await Assert.ThrowsAsync<S3Exception>(() => _s3.Backend.HeadBucketAsync(_s3.Caller(), bucket, Ct));

        Assert.Equal(("BucketNotEmpty", HttpStatusCode.Conflict), (notEmpty.Code, notEmpty.Status));
        Assert.Equal(("NoSuchBucket", HttpStatusCode.NotFound), (gone.Code, gone.Status));
    }

    [Fact]
    public async Task ListBuckets_OnlyTheCallersAccount_Paged()
    {
        var names = new[] { "lb-a-" + Guid.NewGuid().ToString("N")[..8], "lb-b-" + Guid.NewGuid().ToString("N")[..8] };
        foreach (var name in names)
        {
            await _s3.BucketAsync(name);
        }

        await _s3.Backend.CreateBucketAsync(_s3.Caller("999988887777"), new CreateBucketRequest("lb-other-" + Guid.NewGuid().ToString("N")[..8], null), Ct);

        var first = await _s3.Backend.ListBucketsAsync(_s3.Caller(), new ListBucketsRequest(1, null, "lb-", null), Ct);
        var second = await _s3.Backend.ListBucketsAsync(_s3.Caller(), new ListBucketsRequest(1, first.ContinuationToken, "lb-", null), Ct);

        Assert.Equal([names[0]], first.Buckets.Select(b => b.Name));
        Assert.Equal([names[1]], second.Buckets.Select(b => b.Name));
        Assert.Null(second.ContinuationToken);
    }

    [Fact]
    public async Task PutBucketNotification_Destinations_RefusedUnlessValidationSkipped()
    {
        var bucket = await _s3.BucketAsync();
        var queue = new DestinationConfiguration("q", "arn:aws:sqs:us-east-1:111122223333:uploads", ["s3:ObjectCreated:*"], [new FilterRule("prefix", "data/")]);
        var configuration = NotificationConfiguration.Empty with { QueueConfigurations = [queue], EventBridgeEnabled = true };

        var refused = await Assert.ThrowsAsync<S3Exception>(() => _s3.Backend.PutBucketNotificationConfigurationAsync(_s3.Caller(), new(bucket, configuration, false), Ct));
        var unchanged = await _s3.Backend.GetBucketNotificationConfigurationAsync(_s3.Caller(), bucket, Ct);
        await _s3.Backend.PutBucketNotificationConfigurationAsync(_s3.Caller(), new(bucket, configuration, true), Ct);
        var kept = await _s3.Backend.GetBucketNotificationConfigurationAsync(_s3.Caller(), bucket, Ct);

        Assert.Equal("InvalidArgument", refused.Code);
        Assert.Contains(new KeyValuePair<string, string>("ArgumentName1", queue.Arn), refused.Details);
        Assert.False(unchanged.EventBridgeEnabled);
        Assert.True(kept.EventBridgeEnabled);
        Assert.Equal(queue, Assert.Single(kept.QueueConfigurations));
    }

    [Fact]
    public async Task PutBucketNotification_UnknownEvent_InvalidArgument()
    {
        var bucket = await _s3.BucketAsync();
        var topic = new DestinationConfiguration(null, "arn:aws:sns:us-east-1:111122223333:t", ["s3:ObjectCreated:Everything"], []);

        var error = await Assert.ThrowsAsync<S3Exception>(() => _s3.Backend.PutBucketNotificationConfigurationAsync(
            _s3.Caller(), new(bucket, NotificationConfiguration.Empty with { TopicConfigurations = [topic] }, true), Ct));

        Assert.Equal("InvalidArgument", error.Code);
    }

    // ----- Multipart uploads -----

    [Fact]
    public async Task Multipart_Complete_ConcatenatesParts_ETagOfPartMd5s_OneObjectCreated()
    {
        var bucket = await _s3.BucketAsync(eventBridge: true);
        var part1 = RandomNumberGenerator.GetBytes((int)S3Backend.MinimumPartSize);
        var part2 = "tail"u8.ToArray();

        var upload = await _s3.Backend.CreateMultipartUploadAsync(_s3.Caller(), new CreateMultipartUploadRequest(bucket, "big.bin", new ObjectHeaders("application/x-test"), new Dictionary<string, string>(), null), Ct);
        var etag1 = await UploadPartAsync(bucket, "big.bin", upload.UploadId, 1, part1);
        var etag2 = await UploadPartAsync(bucket, "big.bin", upload.UploadId, 2, part2);
        var done = await _s3.Backend.CompleteMultipartUploadAsync(_s3.Caller(), new CompleteMultipartUploadRequest(bucket, "big.bin", upload.UploadId, [new(1, $"\"{etag1}\""), new(2, etag2)]), Ct);

        var expectedETag = Convert.ToHexStringLower(MD5.HashData([.. MD5.HashData(part1), .. MD5.HashData(part2)])) + "-2";
        Assert.Equal(expectedETag, done.ETag);
        var head = await _s3.Backend.HeadObjectAsync(_s3.Caller(), new GetObjectRequest(bucket, "big.bin"), Ct);
        Assert.Equal(part1.Length + part2.Length, head.ContentLength);
        Assert.Equal("application/x-test", head.Headers.ContentType);
        var created = Assert.Single(_s3.Events.For(_s3.Account, "Object Created"));
        Assert.Equal("CompleteMultipartUpload", created.Detail["reason"]?.GetValue<string>());
        Assert.Equal(expectedETag, created.Detail["object"]?["etag"]?.GetValue<string>());
        var aborted = await Assert.ThrowsAsync<S3Exception>(() => _s3.Backend.AbortMultipartUploadAsync(_s3.Caller(), new AbortMultipartUploadRequest(bucket, "big.bin", upload.UploadId), Ct));
        Assert.Equal("NoSuchUpload", aborted.Code);
    }

    [Fact]
    public async Task Multipart_BadCompletions_RefusedAndNothingWritten()
    {
        var bucket = await _s3.BucketAsync();
        var upload = await _s3.Backend.CreateMultipartUploadAsync(_s3.Caller(), new CreateMultipartUploadRequest(bucket, "k", ObjectHeaders.Default, new Dictionary<string, string>(), null), Ct);
        var etag1 = await UploadPartAsync(bucket, "k", upload.UploadId, 1, "small"u8.ToArray());
        var etag2 = await UploadPartAsync(bucket, "k", upload.UploadId, 2, "last"u8.ToArray());

        async Task<string> CompleteAsync(params CompletedPart[] parts) =>
            (await Assert.ThrowsAsync<S3Exception>(() => _s3.Backend.CompleteMultipartUploadAsync(_s3.Caller(), new CompleteMultipartUploadRequest(bucket, "k", upload.UploadId, parts), Ct))).Code;

        Assert.Equal("EntityTooSmall", await CompleteAsync(new CompletedPart(1, etag1), new CompletedPart(2, etag2)));
        Assert.Equal("InvalidPart", await CompleteAsync(new CompletedPart(1, "0123"), new CompletedPart(2, etag2)));
        Assert.Equal("InvalidPart", await CompleteAsync(new CompletedPart(3, etag2)));
        Assert.Equal("InvalidPartOrder", await CompleteAsync(new CompletedPart(2, etag2), new CompletedPart(1, etag1)));
        Assert.Equal("MalformedXML", await CompleteAsync());
        await AssertNoSuchKeyAsync(bucket, "k");

        // A single small part is a whole object: the last part may be small.
        var single = await _s3.Backend.CompleteMultipartUploadAsync(_s3.Caller(), new CompleteMultipartUploadRequest(bucket, "k", upload.UploadId, [new(2, etag2)]), Ct);
        Assert.EndsWith("-1", single.ETag, StringComparison.Ordinal);
        Assert.Equal("last", await _s3.ReadAsync(bucket, "k"));
    }

    [Fact]
    public async Task UploadPart_UnknownUploadOrBadPartNumber_Refused()
    {
        var bucket = await _s3.BucketAsync();

        var unknown = await Assert.ThrowsAsync<S3Exception>(() => UploadPartAsync(bucket, "k", "nope", 1, "x"u8.ToArray()));
        var number = await Assert.ThrowsAsync<S3Exception>(() => UploadPartAsync(bucket, "k", "nope", 10_001, "x"u8.ToArray()));

        Assert.Equal(("NoSuchUpload", HttpStatusCode.NotFound), (unknown.Code, unknown.Status));
        Assert.Equal("InvalidArgument", number.Code);
    }

    // ----- Events -----

    [Fact]
    public async Task PutObject_EventBridgeOn_ObjectCreatedInS3Shape()
    {
        var bucket = await _s3.BucketAsync(eventBridge: true);
        _s3.Clock.Advance(TimeSpan.FromSeconds(42));
        var caller = _s3.Caller();

        await _s3.Backend.PutObjectAsync(caller, new PutObjectRequest(bucket, "data/products_raw/p1.json", ObjectBody.Of(new MemoryStream("hello\n"u8.ToArray())), ObjectHeaders.Default, new Dictionary<string, string>()), Ct);

        var (created, bus) = Assert.Single(_s3.Events.Published);
        Assert.Equal("default", bus);
        Assert.Equal(("aws.s3", "Object Created"), (created.Source, created.DetailType));
        Assert.Equal((_s3.Account, "us-east-1"), (created.Account, created.Region));
        Assert.Equal(new DateTimeOffset(2026, 11, 25, 12, 0, 42, TimeSpan.Zero), created.Time);
        Assert.Equal([$"arn:aws:s3:::{bucket}"], created.Resources);
        var detail = created.Detail;
        Assert.Equal("0", detail["version"]?.GetValue<string>());
        Assert.Equal(bucket, detail["bucket"]?["name"]?.GetValue<string>());
        Assert.Equal("data/products_raw/p1.json", detail["object"]?["key"]?.GetValue<string>());
        Assert.Equal(6, detail["object"]?["size"]?.GetValue<long>());
        Assert.Equal("b1946ac92492d2347c6235b4d2611184", detail["object"]?["etag"]?.GetValue<string>());
        Assert.Matches("^[0-9A-F]{17}$", detail["object"]?["sequencer"]?.GetValue<string>());
        Assert.Equal(caller.Context.RequestId, detail["request-id"]?.GetValue<string>());
        Assert.Equal(_s3.Account, detail["requester"]?.GetValue<string>());
        Assert.Equal("192.0.2.10", detail["source-ip-address"]?.GetValue<string>());
        Assert.Equal("PutObject", detail["reason"]?.GetValue<string>());
    }

    [Fact]
    public async Task ObjectEvents_EventBridgeOff_NothingPublished()
    {
        var bucket = await _s3.BucketAsync();

        await _s3.PutAsync(bucket, "k", "v");
        await _s3.Backend.DeleteObjectAsync(_s3.Caller(), new DeleteObjectRequest(bucket, "k"), Ct);

        Assert.Empty(_s3.Events.Published);
    }

    [Fact]
    public async Task DeleteAndCopy_EventBridgeOn_DeletedAndCreatedWithReasons()
    {
        var bucket = await _s3.BucketAsync(eventBridge: true);
        await _s3.PutAsync(bucket, "a", "v");

        await _s3.Backend.CopyObjectAsync(_s3.Caller(), new CopyObjectRequest(bucket, "b", bucket, "a", false, null, new Dictionary<string, string>()), Ct);
        await _s3.Backend.DeleteObjectAsync(_s3.Caller(), new DeleteObjectRequest(bucket, "a"), Ct);
        await _s3.Backend.DeleteObjectsAsync(_s3.Caller(), bucket, new Delete([new("b"), new("missing")], Quiet: true), Ct);

        var events = _s3.Events.For(_s3.Account);
        Assert.Equal(
            [("Object Created", "PutObject", "a"), ("Object Created", "CopyObject", "b"), ("Object Deleted", "DeleteObject", "a"), ("Object Deleted", "DeleteObject", "b")],
            events.Select(e => (e.DetailType, e.Detail["reason"]?.GetValue<string>(), e.Detail["object"]?["key"]?.GetValue<string>())));
        Assert.Equal("Permanently Deleted", events[2].Detail["deletion-type"]?.GetValue<string>());
        var sequencers = events.Select(e => e.Detail["object"]?["sequencer"]?.GetValue<string>()).ToList();
        Assert.Equal(sequencers.Order(StringComparer.Ordinal), sequencers);
    }

    [Fact]
    public async Task Calls_RecordedForCloudTrail_DataAndManagementEvents()
    {
        var bucket = await _s3.BucketAsync();
        _s3.Clock.Advance(TimeSpan.FromMinutes(1));

        await _s3.PutAsync(bucket, "data/products_raw/p1.json", "{}");

        var create = Assert.Single(_s3.Trail.Calls, c => c.EventName == "CreateBucket");
        Assert.False(create.IsDataEvent);
        Assert.Equal([new("AWS::S3::Bucket", $"arn:aws:s3:::{bucket}")], create.Resources);
        var put = Assert.Single(_s3.Trail.Calls, c => c.EventName == "PutObject");
        Assert.True(put.IsDataEvent);
        Assert.Equal(("s3.amazonaws.com", _s3.Account, "us-east-1", "root", "test-agent"), (put.EventSource, put.Account, put.Region, put.Username, put.UserAgent));
        Assert.Equal(_s3.Clock.GetUtcNow(), put.Time);
        Assert.Equal(
            """{"bucketName":"BUCKET","Host":"s3.amazonaws.com","key":"data/products_raw/p1.json"}""".Replace("BUCKET", bucket, StringComparison.Ordinal),
            put.RequestParameters.ToJsonString());
        Assert.Equal(
            [new("AWS::S3::Object", $"arn:aws:s3:::{bucket}/data/products_raw/p1.json"), new("AWS::S3::Bucket", $"arn:aws:s3:::{bucket}")],
            put.Resources);
    }

    private static PutObjectRequest Put(string bucket, string key, ObjectBody body) =>
        new(bucket, key, body, ObjectHeaders.Default, new Dictionary<string, string>());

    private async Task<string> UploadPartAsync(string bucket, string key, string uploadId, int number, byte[] content) =>
        (await _s3.Backend.UploadPartAsync(_s3.Caller(), new UploadPartRequest(bucket, key, uploadId, number, ObjectBody.Of(new MemoryStream(content))), Ct)).ETag;

    private async Task AssertNoSuchKeyAsync(string bucket, string key)
    {
        var error = await Assert.ThrowsAsync<S3Exception>(() => _s3.Backend.HeadObjectAsync(_s3.Caller(), new GetObjectRequest(bucket, key), Ct));
        Assert.Equal("NoSuchKey", error.Code);
    }

    private static string Md5Hex(string text) => Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(text)));
}
