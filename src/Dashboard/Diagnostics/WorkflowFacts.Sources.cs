using Amazon.S3;
using Amazon.S3.Model;
using Dashboard.Aws.CloudTrail;
using Dashboard.Aws.EventBridge;

namespace Dashboard.Diagnostics;

/// <summary>
/// The facts about where a workflow's events come from: the region's trails with their status and selectors, a
/// bucket's EventBridge switch, EventBridge's own verdict on a sample event, and the S3 paths the first jobs read.
/// </summary>
public sealed partial class WorkflowFacts
{
    /// <summary>
    /// Every trail CloudTrail lists for this region (shadow trails of multi-region trails included), each with whether it
    /// is logging and its basic or advanced event selectors.
    /// </summary>
    public Task<Fact<IReadOnlyList<TrailConfiguration>>> TrailsAsync(CancellationToken cancellationToken) =>
        Memo("sources:trails", async () =>
        {
            var described = await FetchAsync("cloudtrail:DescribeTrails", () => Sources.CloudTrail.DescribeTrailsAsync(new() { IncludeShadowTrails = true }, cancellationToken));
            if (described.Unavailable is { } denied)
            {
                return Fact.Missing<IReadOnlyList<TrailConfiguration>>(denied);
            }

            var trails = new List<TrailConfiguration>();
            foreach (var trail in described.Value?.TrailList ?? [])
            {
                var name = trail.TrailARN ?? trail.Name ?? string.Empty;
                var status = await FetchAsync("cloudtrail:GetTrailStatus", () => Sources.CloudTrail.GetTrailStatusAsync(new() { Name = name }, cancellationToken));
                if (status.Unavailable is { } noStatus)
                {
                    return Fact.Missing<IReadOnlyList<TrailConfiguration>>(noStatus);
                }

                var selectors = await FetchAsync("cloudtrail:GetEventSelectors", () => Sources.CloudTrail.GetEventSelectorsAsync(new() { TrailName = name }, cancellationToken));
                if (selectors.Unavailable is { } noSelectors)
                {
                    return Fact.Missing<IReadOnlyList<TrailConfiguration>>(noSelectors);
                }

                trails.Add(new TrailConfiguration(trail, status.Value?.IsLogging == true, selectors.Value ?? new GetEventSelectorsResponse()));
            }

            return Fact.Known<IReadOnlyList<TrailConfiguration>>(trails);
        });

    /// <summary>Whether the bucket exists and sends its events to EventBridge (<c>GetBucketNotificationConfiguration</c>).</summary>
    public Task<Fact<BucketEventBridgeState>> BucketEventBridgeAsync(string bucket, CancellationToken cancellationToken) =>
        Memo("sources:bucket:" + bucket, () => FetchAsync("s3:GetBucketNotification", async () =>
        {
            try
            {
                var notification = await Sources.S3.GetBucketNotificationAsync(new GetBucketNotificationRequest { BucketName = bucket }, cancellationToken);
                var others = (notification.TopicConfigurations?.Count ?? 0) + (notification.QueueConfigurations?.Count ?? 0) + (notification.LambdaFunctionConfigurations?.Count ?? 0);
                return new BucketEventBridgeState(bucket, Exists: true, notification.EventBridgeConfiguration is not null, others);
            }
            catch (AmazonS3Exception error) when (error.ErrorCode == "NoSuchBucket")
            {
                return new BucketEventBridgeState(bucket, Exists: false, EventBridgeEnabled: false, 0);
            }
        }));

    /// <summary>EventBridge's own answer: would <paramref name="sampleEvent"/> match <paramref name="pattern"/>?</summary>
    public Task<Fact<bool>> PatternMatchesAsync(string pattern, string sampleEvent, CancellationToken cancellationToken) =>
        Memo($"sources:test:{pattern}\n{sampleEvent}", () => FetchAsync("events:TestEventPattern", async () =>
            (await Sources.Events.TestEventPatternAsync(new TestEventPatternRequest { EventPattern = pattern, Event = sampleEvent }, cancellationToken)).Result == true));

    /// <summary>
    /// The S3 paths the start trigger's jobs say they read, from job arguments such as <c>--source_path</c>: a rule
    /// whose key filter leaves them out starts the workflow for the wrong files. Empty when no job names its source.
    /// </summary>
    public Task<Fact<IReadOnlyList<JobSourcePath>>> StartJobSourcesAsync(CancellationToken cancellationToken) =>
        Memo("sources:job-paths", async () =>
        {
            var starts = await StartTriggersAsync(cancellationToken);
            if (starts.Unavailable is { } why)
            {
                return Fact.Missing<IReadOnlyList<JobSourcePath>>(why);
            }

            var names = (starts.Value ?? []).SelectMany(t => t.Actions ?? []).Select(a => a.JobName).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
            if (names.Count == 0)
            {
                return Fact.Known<IReadOnlyList<JobSourcePath>>([]);
            }

            // The graph's jobs, read once per run for this check and the concurrency check alike.
            var jobs = await JobsAsync(cancellationToken);
            if (jobs.Unavailable is { } denied)
            {
                return Fact.Missing<IReadOnlyList<JobSourcePath>>(denied);
            }

            IReadOnlyList<JobSourcePath> paths = [.. (jobs.Value ?? [])
                .Where(job => names.Contains(job.Name ?? string.Empty, StringComparer.Ordinal))
                .SelectMany(job => (job.DefaultArguments ?? new Dictionary<string, string>())
                    .Where(a => JobSourcePath.IsSourceArgument(a.Key))
                    .Select(a => JobSourcePath.TryParse(job.Name ?? string.Empty, a.Key, a.Value))
                    .OfType<JobSourcePath>())];
            return Fact.Known(paths);
        });
}

/// <summary>A trail as the source-wiring check reads it.</summary>
public sealed record TrailConfiguration(Trail Trail, bool IsLogging, GetEventSelectorsResponse Selectors)
{
    public string Name => Trail.Name ?? Trail.TrailARN ?? "(unnamed trail)";
}

/// <summary>A bucket's EventBridge switch, and how many other notification destinations a rewrite must keep.</summary>
public sealed record BucketEventBridgeState(string Bucket, bool Exists, bool EventBridgeEnabled, int OtherDestinations);

/// <summary>An S3 location a job reads, named by one of its default arguments.</summary>
public sealed record JobSourcePath(string JobName, string Argument, string Bucket, string Prefix)
{
    private static readonly string[] SourceWords = ["source", "input"];

    /// <summary>An argument such as <c>--source_path</c>, <c>--input-path</c> or <c>--SOURCE</c>.</summary>
    public static bool IsSourceArgument(string name) =>
        SourceWords.Any(w => name.Contains(w, StringComparison.OrdinalIgnoreCase));

    public static JobSourcePath? TryParse(string job, string argument, string? value)
    {
        if (value is null || !value.StartsWith("s3://", StringComparison.Ordinal))
        {
            return null;
        }

        var rest = value["s3://".Length..];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        return slash <= 0 ? new JobSourcePath(job, argument, rest, string.Empty) : new JobSourcePath(job, argument, rest[..slash], rest[(slash + 1)..]);
    }

    public string Describe() => $"s3://{Bucket}/{Prefix}";
}
