using Amazon.S3;
using Amazon.S3.Model;

namespace Dashboard.Catalog;

/// <summary>An object under a table's location: its key and size.</summary>
public sealed record StoredObject(string Key, long Size);

/// <summary>
/// What the table preview needs of S3: list a prefix, download an object. Its own small interface so that the preview's
/// rules (which files, how many bytes) are tested without S3, and S3 is called in one place.
/// </summary>
public interface IParquetObjects
{
    /// <summary>Up to <paramref name="maxKeys"/> objects under the prefix, in S3's order, and whether there are more.</summary>
    Task<(IReadOnlyList<StoredObject> Objects, bool More)> ListAsync(string bucket, string prefix, int maxKeys, CancellationToken cancellationToken);

    Task DownloadAsync(string bucket, string key, string path, CancellationToken cancellationToken);
}

/// <summary><see cref="IParquetObjects"/> over the environment's S3 client (LocalCloud's S3 in Local mode).</summary>
public sealed class S3ParquetObjects(IAmazonS3 s3) : IParquetObjects
{
    public async Task<(IReadOnlyList<StoredObject> Objects, bool More)> ListAsync(string bucket, string prefix, int maxKeys, CancellationToken cancellationToken)
    {
        var page = await s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket, Prefix = prefix, MaxKeys = maxKeys }, cancellationToken);
        return ([.. (page.S3Objects ?? []).Select(o => new StoredObject(o.Key, o.Size ?? 0))], page.IsTruncated == true);
    }

    public async Task DownloadAsync(string bucket, string key, string path, CancellationToken cancellationToken)
    {
        using var response = await s3.GetObjectAsync(new GetObjectRequest { BucketName = bucket, Key = key }, cancellationToken);
        await using var file = File.Create(path);
        await response.ResponseStream.CopyToAsync(file, cancellationToken);
    }
}
