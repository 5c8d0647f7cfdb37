using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace Dashboard.Tests.Shared;

/// <summary>
/// An S3 client whose GetBucketNotification answers from memory: which buckets exist and which send events to
/// EventBridge. Every other call would go to an address nothing listens on, so a check that wrote to S3 would fail.
/// </summary>
public sealed class FakeS3Notifications() : AmazonS3Client(new AnonymousAWSCredentials(), new AmazonS3Config { ServiceURL = "http://127.0.0.1:9", ForcePathStyle = true, MaxErrorRetry = 0 })
{
    private readonly Dictionary<string, bool> _buckets = new(StringComparer.Ordinal);

    public int NotificationCalls { get; private set; }

    /// <summary>When set, GetBucketNotification throws it.</summary>
    public Exception? Failure { get; set; }

    public FakeS3Notifications AddBucket(string bucket, bool eventBridge)
    {
        _buckets[bucket] = eventBridge;
        return this;
    }

    public override Task<GetBucketNotificationResponse> GetBucketNotificationAsync(GetBucketNotificationRequest request, CancellationToken cancellationToken = default)
    {
        NotificationCalls++;
        if (Failure is { } failure)
        {
            throw failure;
        }

        if (!_buckets.TryGetValue(request.BucketName, out var eventBridge))
        {
            throw new AmazonS3Exception("The specified bucket does not exist", ErrorType.Sender, "NoSuchBucket", "req-1", System.Net.HttpStatusCode.NotFound);
        }

        return Task.FromResult(new GetBucketNotificationResponse { EventBridgeConfiguration = eventBridge ? new EventBridgeConfiguration() : null });
    }

    public static AmazonS3Exception AccessDenied() =>
        new("Access Denied", ErrorType.Sender, "AccessDenied", "req-2", System.Net.HttpStatusCode.Forbidden);
}
