using LocalCloud.Protocol;
using LocalCloud.S3;

namespace LocalCloud.Glue.DataPlane;

/// <summary>
/// What Glue's data plane needs of S3, in-process: read an object, list a prefix, write an object. Calls are made in
/// the job's account and region, and go through S3's own operations, so writes are real objects that list, download
/// and emit S3's events (CloudTrail data events, "Object Created") like any other PutObject.
/// </summary>
public interface IObjectStore
{
    /// <summary>The object's content; throws the S3 error (NoSuchBucket, NoSuchKey) when it is not there.</summary>
    Task<byte[]> GetAsync(string account, string region, string bucket, string key, CancellationToken cancellationToken);

    /// <summary>Every key under a prefix, in S3's order.</summary>
    Task<IReadOnlyList<S3Object>> ListAsync(string account, string region, string bucket, string prefix, CancellationToken cancellationToken);

    Task PutAsync(string account, string region, string bucket, string key, byte[] content, string contentType, CancellationToken cancellationToken);
}

/// <summary><see cref="IObjectStore"/> over LocalCloud's <see cref="S3Backend"/>, calling as the Glue service does.</summary>
public sealed class S3ObjectStore(S3Backend s3) : IObjectStore
{
    private const string GlueHost = "glue.amazonaws.com";

    public async Task<byte[]> GetAsync(string account, string region, string bucket, string key, CancellationToken cancellationToken)
    {
        var output = await s3.GetObjectAsync(Caller(account, region), new GetObjectRequest(bucket, key), cancellationToken);
        await using var body = output.Body;
        using var copy = new MemoryStream();
        await body.CopyToAsync(copy, cancellationToken);
        return copy.ToArray();
    }

    public async Task<IReadOnlyList<S3Object>> ListAsync(string account, string region, string bucket, string prefix, CancellationToken cancellationToken)
    {
        var objects = new List<S3Object>();
        string? token = null;
        do
        {
            var page = await s3.ListObjectsV2Async(Caller(account, region), new ListObjectsV2Request(bucket, prefix, ContinuationToken: token), cancellationToken);
            objects.AddRange(page.Contents);
            token = page.NextContinuationToken;
        }
        while (token is not null);

        return objects;
    }

    public async Task PutAsync(string account, string region, string bucket, string key, byte[] content, string contentType, CancellationToken cancellationToken)
    {
        using var body = new MemoryStream(content, writable: false);
        await s3.PutObjectAsync(Caller(account, region), new PutObjectRequest(bucket, key, ObjectBody.Of(body), new ObjectHeaders(contentType), new Dictionary<string, string>()), cancellationToken);
    }

    private static S3Caller Caller(string account, string region) =>
        new(new RequestContext(account, region, "s3", "glue-" + Guid.NewGuid().ToString("N")[..16], account), GlueHost, GlueHost, "aws-glue");
}
