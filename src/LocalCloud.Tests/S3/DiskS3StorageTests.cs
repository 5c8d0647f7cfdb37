using System.Security.Cryptography;
using LocalCloud.S3;
using LocalCloud.S3.Storage;
using Microsoft.Extensions.Logging.Abstractions;

namespace LocalCloud.Tests.S3;

/// <summary>S3 on disk (<c>LocalCloud:DataPath</c>): durable across restarts, and never half-written.</summary>
public sealed class DiskS3StorageTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "localcloud-s3-tests-" + Guid.NewGuid().ToString("N"));

    private static CancellationToken Ct => S3TestBed.Ct;

    [Fact]
    public async Task Restart_BucketsObjectsMetadataAndNotificationSurvive()
    {
        var first = Bed();
        var bucket = await first.BucketAsync(eventBridge: true);
        var put = await first.Backend.PutObjectAsync(first.Caller(), new PutObjectRequest(
            bucket, "data/products_raw/p1.json", ObjectBody.Of(new MemoryStream("{\"id\":1}"u8.ToArray())),
            new ObjectHeaders("application/json"), new Dictionary<string, string> { ["origin"] = "test" }), Ct);

        var second = Bed();
        var head = await second.Backend.HeadObjectAsync(second.Caller(), new GetObjectRequest(bucket, "data/products_raw/p1.json"), Ct);
        var notification = await second.Backend.GetBucketNotificationConfigurationAsync(second.Caller(), bucket, Ct);

        Assert.Equal(put.ETag, head.ETag);
        Assert.Equal("application/json", head.Headers.ContentType);
        Assert.Equal("test", head.Metadata["origin"]);
        Assert.Equal("{\"id\":1}", await second.ReadAsync(bucket, "data/products_raw/p1.json"));
        Assert.True(notification.EventBridgeEnabled);
    }

    [Fact]
    public async Task RejectedUpload_LeavesNoFile()
    {
        var s3 = Bed();
        var bucket = await s3.BucketAsync();
        var body = ObjectBody.Of(new MemoryStream("hello"u8.ToArray())) with { ContentMD5 = "AAAAAAAAAAAAAAAAAAAAAA==" };

        await Assert.ThrowsAsync<S3Exception>(() => s3.Backend.PutObjectAsync(s3.Caller(), new PutObjectRequest(bucket, "k", body, ObjectHeaders.Default, new Dictionary<string, string>()), Ct));

        Assert.Empty(Directory.EnumerateFiles(Path.Combine(_root, ".staging")));
        Assert.False(Directory.Exists(Path.Combine(_root, bucket, "objects")) && Directory.EnumerateFiles(Path.Combine(_root, bucket, "objects")).Any());
    }

    [Fact]
    public async Task Overwrite_KeepsOneDataFileAndOneSidecar_DeleteRemovesBoth()
    {
        var s3 = Bed();
        var bucket = await s3.BucketAsync();

        await s3.PutAsync(bucket, "k", "one");
        await s3.PutAsync(bucket, "k", "two");
        var objects = Path.Combine(_root, bucket, "objects");
        var afterOverwrite = Directory.GetFiles(objects).Select(Path.GetExtension).Order().ToList();
        var readAfterRestart = await Bed().ReadAsync(bucket, "k");
        await s3.Backend.DeleteObjectAsync(s3.Caller(), new DeleteObjectRequest(bucket, "k"), Ct);

        Assert.Equal([".data", ".json"], afterOverwrite);
        Assert.Equal("two", readAfterRestart);
        Assert.Empty(Directory.GetFiles(objects));
    }

    [Fact]
    public async Task Multipart_OnDisk_CompletesAndFreesParts()
    {
        var s3 = Bed();
        var bucket = await s3.BucketAsync();
        var part1 = RandomNumberGenerator.GetBytes((int)S3Backend.MinimumPartSize);
        var upload = await s3.Backend.CreateMultipartUploadAsync(s3.Caller(), new CreateMultipartUploadRequest(bucket, "big", ObjectHeaders.Default, new Dictionary<string, string>(), null), Ct);
        var etag1 = (await s3.Backend.UploadPartAsync(s3.Caller(), new UploadPartRequest(bucket, "big", upload.UploadId, 1, ObjectBody.Of(new MemoryStream(part1))), Ct)).ETag;
        var etag2 = (await s3.Backend.UploadPartAsync(s3.Caller(), new UploadPartRequest(bucket, "big", upload.UploadId, 2, ObjectBody.Of(new MemoryStream("end"u8.ToArray()))), Ct)).ETag;

        await s3.Backend.CompleteMultipartUploadAsync(s3.Caller(), new CompleteMultipartUploadRequest(bucket, "big", upload.UploadId, [new(1, etag1), new(2, etag2)]), Ct);

        Assert.Empty(Directory.EnumerateFiles(Path.Combine(_root, ".staging")));
        var head = await Bed().Backend.HeadObjectAsync(s3.Caller(), new GetObjectRequest(bucket, "big"), Ct);
        Assert.Equal(part1.Length + 3, head.ContentLength);
        Assert.Equal(2, head.PartsCount);
    }

    [Fact]
    public async Task Restart_OrphanDataAndStagingFilesCleared_CorruptSidecarSkipped()
    {
        var s3 = Bed();
        var bucket = await s3.BucketAsync();
        await s3.PutAsync(bucket, "good", "g");
        await s3.PutAsync(bucket, "bad", "b");
        var objects = Path.Combine(_root, bucket, "objects");
        await File.WriteAllTextAsync(Path.Combine(objects, "0000.orphan.data"), "left by a crash", Ct);
        await File.WriteAllTextAsync(Path.Combine(_root, ".staging", "half-written"), "x", Ct);
        var badSidecar = Directory.GetFiles(objects, "*.json").Single(f => File.ReadAllText(f).Contains("\"bad\"", StringComparison.Ordinal));
        await File.WriteAllTextAsync(badSidecar, "{ not json", Ct);

        var restarted = Bed();
        var listed = await restarted.Backend.ListObjectsV2Async(restarted.Caller(), new ListObjectsV2Request(bucket), Ct);

        Assert.Equal(["good"], listed.Contents.Select(o => o.Key));
        Assert.False(File.Exists(Path.Combine(objects, "0000.orphan.data")));
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(_root, ".staging")));
    }

    [Fact]
    public async Task DeleteBucket_RemovesItsDirectory()
    {
        var s3 = Bed();
        var bucket = await s3.BucketAsync();

        await s3.Backend.DeleteBucketAsync(s3.Caller(), bucket, Ct);

        Assert.False(Directory.Exists(Path.Combine(_root, bucket)));
        Assert.False(Bed().Backend.BucketExists(bucket));
    }

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private S3TestBed Bed() => new(new DiskS3Storage(_root, NullLogger<DiskS3Storage>.Instance));
}
