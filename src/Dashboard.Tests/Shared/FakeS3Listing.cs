using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace Dashboard.Tests.Shared;

/// <summary>
/// An S3 client whose ListObjectsV2 answers from memory, a page of <see cref="PageSize"/> keys at a time with
/// continuation tokens. Every other call goes to an address nothing listens on, so a check that wrote to S3 would fail.
/// </summary>
public sealed class FakeS3Listing() : AmazonS3Client(new AnonymousAWSCredentials(), new AmazonS3Config { ServiceURL = "http://127.0.0.1:9", ForcePathStyle = true, MaxErrorRetry = 0 })
{
    private readonly List<(string Bucket, string Key, DateTimeOffset Modified)> _objects = [];

    public int PageSize { get; set; } = 1000;

    public int ListCalls { get; private set; }

    /// <summary>When set, ListObjectsV2 throws it.</summary>
    public Exception? Failure { get; set; }

    public FakeS3Listing Put(string bucket, string key, DateTimeOffset modified)
    {
        _objects.Add((bucket, key, modified));
        return this;
    }

    public override Task<ListObjectsV2Response> ListObjectsV2Async(ListObjectsV2Request request, CancellationToken cancellationToken = default)
    {
        ListCalls++;
        if (Failure is { } failure)
        {
            throw failure;
        }

        var keys = _objects.Where(o => o.Bucket == request.BucketName && o.Key.StartsWith(request.Prefix ?? string.Empty, StringComparison.Ordinal))
            .OrderBy(o => o.Key, StringComparer.Ordinal).ToList();
        var start = request.ContinuationToken is { } token ? int.Parse(token, System.Globalization.CultureInfo.InvariantCulture) : 0;
        var page = keys.Skip(start).Take(PageSize).ToList();
        var more = start + page.Count < keys.Count;
        return Task.FromResult(new ListObjectsV2Response
        {
            S3Objects = [.. page.Select(o => new S3Object { BucketName = o.Bucket, Key = o.Key, LastModified = o.Modified.UtcDateTime })],
            IsTruncated = more,
            NextContinuationToken = more ? (start + page.Count).ToString(System.Globalization.CultureInfo.InvariantCulture) : null,
            KeyCount = page.Count,
        });
    }
}
