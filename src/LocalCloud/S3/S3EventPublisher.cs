using System.Globalization;
using System.Text.Json.Nodes;
using LocalCloud.Events;
using LocalCloud.S3.Storage;

namespace LocalCloud.S3;

/// <summary>
/// What S3 tells the rest of LocalCloud after a successful call: S3's own EventBridge events ("Object Created",
/// "Object Deleted") when the bucket has EventBridge turned on, and every call to CloudTrail, which logs management
/// events and turns selected data events into "AWS API Call via CloudTrail" events.
/// </summary>
/// <remarks>
/// EventBridge and CloudTrail are resolved when an event is sent, not when S3 is built: either may be absent, and
/// EventBridge → Glue → CloudTrail → EventBridge would otherwise be a construction cycle. A failed delivery is logged
/// and does not fail the S3 call, as on AWS.
/// </remarks>
public sealed class S3EventPublisher(IServiceProvider services, TimeProvider time, ILogger<S3EventPublisher> logger)
{
    public const string DefaultEventBus = "default";
    public const string EventSource = "s3.amazonaws.com";

    private long _sequence;

    public Task ObjectCreatedAsync(BucketEntry bucket, string key, long size, string etag, string reason, S3Caller caller, CancellationToken cancellationToken) =>
        bucket.Notification.EventBridgeEnabled
            ? PublishAsync(bucket, "Object Created", new JsonObject
            {
                ["version"] = "0",
                ["bucket"] = new JsonObject { ["name"] = bucket.Name },
                ["object"] = new JsonObject { ["key"] = key, ["size"] = size, ["etag"] = etag, ["sequencer"] = NextSequencer() },
                ["request-id"] = caller.Context.RequestId,
                ["requester"] = caller.Context.Account,
                ["source-ip-address"] = caller.SourceIpAddress,
                ["reason"] = reason,
            }, cancellationToken)
            : Task.CompletedTask;

    public Task ObjectDeletedAsync(BucketEntry bucket, string key, string reason, S3Caller caller, CancellationToken cancellationToken) =>
        bucket.Notification.EventBridgeEnabled
            ? PublishAsync(bucket, "Object Deleted", new JsonObject
            {
                ["version"] = "0",
                ["bucket"] = new JsonObject { ["name"] = bucket.Name },
                ["object"] = new JsonObject { ["key"] = key, ["sequencer"] = NextSequencer() },
                ["request-id"] = caller.Context.RequestId,
                ["requester"] = caller.Context.Account,
                ["source-ip-address"] = caller.SourceIpAddress,
                ["reason"] = reason,
                ["deletion-type"] = "Permanently Deleted",
            }, cancellationToken)
            : Task.CompletedTask;

    /// <summary>A bucket-level call (CreateBucket, PutBucketNotification …): a management event.</summary>
    public Task BucketCallAsync(string eventName, BucketEntry bucket, S3Caller caller, JsonObject? parameters, CancellationToken cancellationToken) =>
        RecordAsync(
            eventName,
            bucket.Account,
            bucket.Region,
            caller,
            Parameters(bucket.Name, caller, null, parameters),
            [new CloudTrailResource("AWS::S3::Bucket", BucketArn(bucket.Name))],
            isDataEvent: false,
            cancellationToken);

    /// <summary>An object-level call (PutObject, GetObject, CompleteMultipartUpload …): a data event.</summary>
    public Task ObjectCallAsync(string eventName, BucketEntry bucket, IReadOnlyList<string> keys, S3Caller caller, JsonObject? parameters, CancellationToken cancellationToken) =>
        RecordAsync(
            eventName,
            bucket.Account,
            bucket.Region,
            caller,
            Parameters(bucket.Name, caller, keys.Count == 1 ? keys[0] : null, parameters),
            [.. keys.Select(k => new CloudTrailResource("AWS::S3::Object", $"{BucketArn(bucket.Name)}/{k}")), new CloudTrailResource("AWS::S3::Bucket", BucketArn(bucket.Name))],
            isDataEvent: true,
            cancellationToken);

    /// <summary>ListBuckets: a management event on no particular resource.</summary>
    public Task ServiceCallAsync(string eventName, S3Caller caller, CancellationToken cancellationToken) =>
        RecordAsync(eventName, caller.Context.Account, caller.Context.Region, caller, new JsonObject { ["Host"] = caller.Host }, [], isDataEvent: false, cancellationToken);

    public static string BucketArn(string bucket) => $"arn:aws:s3:::{bucket}";

    private static JsonObject Parameters(string bucket, S3Caller caller, string? key, JsonObject? extra)
    {
        var parameters = new JsonObject { ["bucketName"] = bucket, ["Host"] = caller.Host };
        if (key is not null)
        {
            parameters["key"] = key;
        }

        foreach (var (name, value) in extra ?? [])
        {
            parameters[name] = value?.DeepClone();
        }

        return parameters;
    }

    private async Task RecordAsync(
        string eventName, string account, string region, S3Caller caller, JsonObject parameters, IReadOnlyList<CloudTrailResource> resources, bool isDataEvent, CancellationToken cancellationToken)
    {
        if (services.GetService<ICloudTrailRecorder>() is not { } recorder)
        {
            return;
        }

        // LocalCloud's callers are the account's root identity: STS reports arn:aws:iam::<account>:root.
        var call = new ApiCallRecord(account, region, EventSource, eventName, time.GetUtcNow(), "root", parameters, null, resources, isDataEvent, caller.UserAgent);
        try
        {
            await recorder.RecordAsync(call, cancellationToken);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            logger.LogError(error, "CloudTrail did not record S3 {EventName} in {Account}/{Region}.", eventName, account, region);
        }
    }

    private async Task PublishAsync(BucketEntry bucket, string detailType, JsonObject detail, CancellationToken cancellationToken)
    {
        if (services.GetService<IEventIngress>() is not { } ingress)
        {
            logger.LogWarning("S3 {DetailType} for bucket {Bucket} was not sent: LocalCloud has no EventBridge.", detailType, bucket.Name);
            return;
        }

        var cloudEvent = new CloudEvent(Guid.NewGuid().ToString(), "aws.s3", detailType, time.GetUtcNow(), bucket.Account, bucket.Region, [BucketArn(bucket.Name)], detail);
        try
        {
            await ingress.PublishAsync(cloudEvent, DefaultEventBus, cancellationToken);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            logger.LogError(error, "EventBridge did not accept S3 {DetailType} for s3://{Bucket}.", detailType, bucket.Name);
        }
    }

    /// <summary>S3's sequencer: hexadecimal, increasing for later events on the same key.</summary>
    private string NextSequencer() =>
        string.Create(CultureInfo.InvariantCulture, $"{time.GetUtcNow().ToUnixTimeMilliseconds():X12}{Interlocked.Increment(ref _sequence) & 0xFFFFF:X5}");
}
