using LocalCloud.Persistence;

namespace LocalCloud.CloudTrail;

/// <summary>
/// Trails, their selectors and logging status in the <see cref="DurableStore"/>: one snapshot of every trail, written
/// after each API call that changed it. Selectors are kept as they were put and compiled again on start.
/// </summary>
public sealed partial class CloudTrailBackend
{
    private const string TrailsKind = "cloudtrail/trails";

    private SnapshotWriter? _snapshots;

    private void Persist()
    {
        if (_snapshots is null)
        {
            return;
        }

        lock (_gate)
        {
            _snapshots.Write("all", _trails.Values.SelectMany(t => t).Select(t => new TrailRecord(
                t.Name, t.Account, t.HomeRegion, t.Arn, t.S3BucketName, t.S3KeyPrefix, t.SnsTopicName, t.IncludeGlobalServiceEvents, t.IsMultiRegionTrail,
                t.LogFileValidationEnabled, t.CloudWatchLogsLogGroupArn, t.CloudWatchLogsRoleArn, t.KmsKeyId, t.Selectors.EventSelectors, t.Selectors.AdvancedEventSelectors,
                t.HasCustomEventSelectors, t.IsLogging, t.StartLoggingTime, t.StopLoggingTime, t.LatestDeliveryTime)).ToList());
        }
    }

    private void Restore(DurableStore durable)
    {
        if (!durable.IsEnabled)
        {
            return;
        }

        _snapshots = new SnapshotWriter(durable, TrailsKind);
        foreach (var (key, trails) in durable.Load<List<TrailRecord>>(TrailsKind))
        {
            _snapshots.Restored(key, trails);
            foreach (var t in trails)
            {
                AccountTrails(t.Account).Add(new TrailState(t.Name, t.Account, t.HomeRegion, t.Arn)
                {
                    S3BucketName = t.S3BucketName,
                    S3KeyPrefix = t.S3KeyPrefix,
                    SnsTopicName = t.SnsTopicName,
                    IncludeGlobalServiceEvents = t.IncludeGlobalServiceEvents,
                    IsMultiRegionTrail = t.IsMultiRegionTrail,
                    LogFileValidationEnabled = t.LogFileValidationEnabled,
                    CloudWatchLogsLogGroupArn = t.CloudWatchLogsLogGroupArn,
                    CloudWatchLogsRoleArn = t.CloudWatchLogsRoleArn,
                    KmsKeyId = t.KmsKeyId,
                    Selectors = t.HasCustomEventSelectors ? TrailSelectors.Compile(t.EventSelectors, t.AdvancedEventSelectors) : TrailSelectors.Default,
                    HasCustomEventSelectors = t.HasCustomEventSelectors,
                    IsLogging = t.IsLogging,
                    StartLoggingTime = t.StartLoggingTime,
                    StopLoggingTime = t.StopLoggingTime,
                    LatestDeliveryTime = t.LatestDeliveryTime,
                });
            }
        }
    }

    private sealed record TrailRecord(
        string Name,
        string Account,
        string HomeRegion,
        string Arn,
        string S3BucketName,
        string? S3KeyPrefix,
        string? SnsTopicName,
        bool IncludeGlobalServiceEvents,
        bool IsMultiRegionTrail,
        bool LogFileValidationEnabled,
        string? CloudWatchLogsLogGroupArn,
        string? CloudWatchLogsRoleArn,
        string? KmsKeyId,
        IReadOnlyList<EventSelector>? EventSelectors,
        IReadOnlyList<AdvancedEventSelector>? AdvancedEventSelectors,
        bool HasCustomEventSelectors,
        bool IsLogging,
        DateTimeOffset? StartLoggingTime,
        DateTimeOffset? StopLoggingTime,
        DateTimeOffset? LatestDeliveryTime);
}
