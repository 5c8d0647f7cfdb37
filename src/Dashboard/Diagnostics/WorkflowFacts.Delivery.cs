using Amazon.S3.Model;
using Dashboard.Aws.Glue;
using Dashboard.Diagnostics.Delivery;
using Dashboard.Metrics;
using Dashboard.Workflows;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dashboard.Diagnostics;

/// <summary>
/// The delivery facts: the rules' <c>AWS/Events</c> metrics, the workflow's runs and jobs, uploads to the watched
/// prefix, and the dead-letter queues' depth, all over one window (<see cref="DeliveryRange"/> up to now) that every
/// check of the run shares.
/// </summary>
public sealed partial class WorkflowFacts
{
    /// <summary>How far back delivery health looks: a day, long enough to see a daily load, short enough for 1–5 minute periods.</summary>
    public static readonly TimeSpan DeliveryRange = TimeSpan.FromHours(24);

    /// <summary>At most this many ListObjectsV2 pages are read to count uploads (1,000 keys a page).</summary>
    public const int MaxUploadPages = 10;

    /// <summary>The window the delivery checks judge: the last <see cref="DeliveryRange"/>, fixed once per run.</summary>
    public Task<DeliveryWindow> DeliveryWindowAsync() =>
        Memo("delivery-window", () =>
        {
            var now = Sources.Time.GetUtcNow();
            return Task.FromResult(new DeliveryWindow(now - DeliveryRange, now));
        });

    /// <summary>Every <c>AWS/Events</c> series of the rules that target the workflow, in one GetMetricData call; null when no rule does.</summary>
    public Task<Fact<RuleMetricsSnapshot?>> RuleMetricsAsync(CancellationToken cancellationToken) =>
        Memo("rule-metrics", async () =>
        {
            var rules = await RulesAsync(cancellationToken);
            if (rules.Unavailable is { } why)
            {
                return Fact.Missing<RuleMetricsSnapshot?>(why);
            }

            var keys = (rules.Value ?? []).Select(r => KeyOf(r)).Distinct().Take(RuleMetrics.MaxRulesPerPage).ToList();
            if (keys.Count == 0)
            {
                return Fact.Known<RuleMetricsSnapshot?>(null);
            }

            var window = await DeliveryWindowAsync();
            var metrics = new RuleMetrics(Sources.CloudWatch, Sources.Cache, Sources.Time, NullLogger<RuleMetrics>.Instance);
            return await FetchAsync("cloudwatch:GetMetricData", async () =>
                (RuleMetricsSnapshot?)await metrics.GetRuleMetricsAsync(keys, TimeRange.Custom(window.Start, window.End), cancellationToken));
        });

    /// <summary>The workflow's runs that started in the window (GetWorkflowRuns, without graphs), newest first.</summary>
    public Task<Fact<RunsInRange>> RunsAsync(CancellationToken cancellationToken) =>
        Memo("runs", async () =>
        {
            var window = await DeliveryWindowAsync();
            return await FetchAsync("glue:GetWorkflowRuns", () => new WorkflowRuns(Sources.Glue).GetRangeAsync(WorkflowName, window.Start, window.End, cancellationToken));
        });

    /// <summary>The jobs of the workflow's graph (BatchGetJobs), for their <c>MaxConcurrentRuns</c>.</summary>
    public Task<Fact<IReadOnlyList<Job>>> JobsAsync(CancellationToken cancellationToken) =>
        Memo("jobs", async () =>
        {
            var workflow = await WorkflowAsync(cancellationToken);
            if (workflow.Unavailable is { } why)
            {
                return Fact.Missing<IReadOnlyList<Job>>(why);
            }

            // The graph's job nodes, and the jobs its triggers start (a graph read without job nodes still names them there).
            var nodes = workflow.Value?.Graph?.Nodes ?? [];
            var names = nodes.Where(n => n.Type == "JOB").Select(n => n.Name)
                .Concat(nodes.SelectMany(n => n.TriggerDetails?.Trigger?.Actions ?? []).Select(a => a.JobName))
                .OfType<string>().Distinct(StringComparer.Ordinal).ToList();
            if (names.Count == 0)
            {
                return Fact.Known<IReadOnlyList<Job>>([]);
            }

            return await FetchAsync("glue:BatchGetJobs", async () =>
            {
                var jobs = new List<Job>();
                foreach (var chunk in names.Chunk(25))
                {
                    jobs.AddRange((await Sources.Glue.BatchGetJobsAsync(new() { JobNames = chunk }, cancellationToken)).Jobs ?? []);
                }

                return (IReadOnlyList<Job>)jobs;
            });
        });

    /// <summary>The depth of a target's dead-letter queue.</summary>
    public Task<Fact<DeadLetterQueueState>> DeadLetterQueueAsync(string queueArn, CancellationToken cancellationToken) =>
        Memo($"dlq:{queueArn}", async () =>
        {
            var state = await Sources.DeadLetters.DescribeAsync(queueArn, cancellationToken);
            return state.DeniedAction is { } action
                ? Fact.Missing<DeadLetterQueueState>(new FactUnavailable(action, $"The dashboard may not call {action}, so the dead-letter queue's depth is unknown. AWS said: {state.Problem}"))
                : Fact.Known(state);
        });

    /// <summary>
    /// The objects written in the window under the bucket and prefix a rule's pattern watches (ListObjectsV2, by
    /// LastModified): uploads the rule should have matched. Empty when the pattern names no bucket.
    /// </summary>
    public Task<Fact<IReadOnlyList<UploadCount>>> UploadsAsync(RuleTarget rule, CancellationToken cancellationToken) =>
        Memo($"uploads:{rule.EventBusName}/{rule.RuleName}", async () =>
        {
            var window = await DeliveryWindowAsync();
            return await FetchAsync("s3:ListBucket", async () =>
            {
                var counts = new List<UploadCount>();
                foreach (var source in PatternS3Source.From(rule.EventPattern))
                {
                    var count = 0;
                    DateTimeOffset? latest = null;
                    string? token = null;
                    var pages = 0;
                    do
                    {
                        var page = await Sources.S3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = source.Bucket, Prefix = source.Prefix, ContinuationToken = token }, cancellationToken);
                        pages++;
                        foreach (var modified in (page.S3Objects ?? []).Select(o => o.LastModified).OfType<DateTime>().Select(d => new DateTimeOffset(d.ToUniversalTime(), TimeSpan.Zero)))
                        {
                            if (modified >= window.Start && modified <= window.End)
                            {
                                count++;
                                latest = latest is { } l && l > modified ? l : modified;
                            }
                        }

                        token = page.IsTruncated == true ? page.NextContinuationToken : null;
                    }
                    while (token is not null && pages < MaxUploadPages);
                    counts.Add(new UploadCount(source, count, latest, Truncated: token is not null));
                }

                return (IReadOnlyList<UploadCount>)counts;
            });
        });

    /// <summary>Where CloudWatch keeps a rule's metrics: <c>RuleName</c> on the default bus, <c>EventBusName</c> and <c>RuleName</c> elsewhere.</summary>
    public static RuleKey KeyOf(RuleTarget rule) => new(rule.EventBusName, rule.RuleName);
}

/// <summary>The time the delivery checks look at.</summary>
public sealed record DeliveryWindow(DateTimeOffset Start, DateTimeOffset End)
{
    public TimeSpan Length => End - Start;
}

/// <summary>How many objects were written under a watched prefix in the window, and the latest of them.</summary>
public sealed record UploadCount(PatternS3Source Source, int Count, DateTimeOffset? Latest, bool Truncated);
