using Amazon.Runtime;
using Dashboard.Aws.Protocol;
using Dashboard.Aws.Glue;
using Dashboard.Aws.Iam;
using Dashboard.Diagnostics;
using Dashboard.Metrics;
using Dashboard.Tests.Shared;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Tests.Diagnostics;

/// <summary>
/// Fakes for the start-trigger and delivery checks (1, 8, 9, 10): Glue with runs and jobs, rules whose targets may carry
/// a DLQ and retry policy, CloudWatch metrics, S3 listings and dead-letter queues, on a fake clock. IAM is never asked
/// by these checks: its client points at an address nothing listens on.
/// </summary>
public sealed class DeliveryTestBed : IDisposable
{
    public const string Workflow = WiringTestBed.Workflow;
    public const string WorkflowArn = WiringTestBed.WorkflowArn;
    public const string Bucket = WiringTestBed.Bucket;
    public const string DlqArn = "arn:aws:sqs:eu-west-1:123456789012:products-dlq";

    private readonly ServiceProvider _services = new ServiceCollection().AddHybridCache().Services.BuildServiceProvider();
    private readonly IamClient _iam = new(new AnonymousAWSCredentials(), new AwsClientConfig(IamClient.Spec) { ServiceURL = "http://127.0.0.1:9", MaxErrorRetry = 0 });

    public DeliveryTestBed()
    {
        Events = new TargetSettingEventBridge(EventBridge);
    }

    public FakeGlue Glue { get; } = new();

    public FakeEventBridge EventBridge { get; } = new();

    public TargetSettingEventBridge Events { get; }

    public FakeCloudWatch CloudWatch { get; } = new();

    public FakeS3Listing S3 { get; } = new();

    public FakeDeadLetterQueues DeadLetters { get; } = new();

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.Zero));

    public DateTimeOffset Now => Time.GetUtcNow();

    public WorkflowFacts Facts() => new(Workflow, new DiagnosticSources(
        Glue, Events, _iam, new FakeCloudTrail(), CloudWatch, S3, new FakeCloudIdentity(), _services.GetRequiredService<HybridCache>(), Time, DeadLetters));

    /// <summary>A rule on the default bus that targets the workflow, its target changed by <paramref name="target"/>.</summary>
    public DeliveryTestBed Rule(string name, string? pattern = null, Func<Dashboard.Aws.EventBridge.Target, Dashboard.Aws.EventBridge.Target>? target = null)
    {
        EventBridge.AddRule(name, WorkflowArn, eventPattern: pattern);
        if (target is not null)
        {
            Events.Configure[name] = target;
        }

        return this;
    }

    /// <summary>Records an <c>AWS/Events</c> metric of a default-bus rule, <paramref name="hoursAgo"/> before now.</summary>
    public DeliveryTestBed Metric(string rule, string metric, double value, double hoursAgo = 2)
    {
        CloudWatch.Add(metric, new RuleKey(RuleKey.DefaultBus, rule).MetricDimensions, Now.AddHours(-hoursAgo), value);
        return this;
    }

    /// <summary>The workflow with one EVENT start trigger for <c>job</c>, a job node, and an optional MaxConcurrentRuns.</summary>
    public DeliveryTestBed EventWorkflow(int batchSize = 1, int? maxConcurrentRuns = null, int? jobMaxConcurrentRuns = null)
    {
        var trigger = FakeGlue.EventTrigger("products_event_trigger", batchSize, 900) with { WorkflowName = Workflow };
        Glue.AddWorkflow(new Dashboard.Aws.Glue.Workflow
        {
            Name = Workflow,
            MaxConcurrentRuns = maxConcurrentRuns,
            Graph = new WorkflowGraph
            {
                Nodes =
                [
                    new Node { Type = "TRIGGER", Name = trigger.Name, UniqueId = "n-trigger", TriggerDetails = new() { Trigger = trigger } },
                    new Node { Type = "JOB", Name = "job", UniqueId = "n-job" },
                ],
                Edges = [],
            },
        });
        Glue.Jobs["job"] = new Job { Name = "job", Role = "GlueJobRole", ExecutionProperty = jobMaxConcurrentRuns is { } j ? new ExecutionProperty { MaxConcurrentRuns = j } : null };
        return this;
    }

    /// <summary>A run started by a full batch <paramref name="minutesAgo"/> minutes ago, holding <paramref name="events"/> event ids.</summary>
    public DeliveryTestBed Run(string id, double minutesAgo, double? minutes, int events, bool refused = false)
    {
        var started = Now.AddMinutes(-minutesAgo);
        Glue.AddRun(Workflow, new WorkflowRun
        {
            WorkflowRunId = id,
            StartedOn = started,
            CompletedOn = refused ? started : minutes is { } m ? started.AddMinutes(m) : null,
            Status = refused ? "ERROR" : minutes is null ? "RUNNING" : "COMPLETED",
            ErrorMessage = refused ? "Concurrent runs exceeded for workflow: products" : null,
            Statistics = refused ? null : minutes is null ? new() { TotalActions = 1, RunningActions = 1 } : new() { TotalActions = 1, SucceededActions = 1 },
            StartingEventBatchCondition = new() { BatchSize = events },
            WorkflowRunProperties = new Dictionary<string, string>
            {
                [Dashboard.Workflows.WorkflowRuns.EventIdsProperty] = System.Text.Json.JsonSerializer.Serialize(Enumerable.Range(0, events).Select(i => $"{id}-e{i}").ToArray()),
            },
        });
        return this;
    }

    public void Dispose()
    {
        _iam.Dispose();
        _services.Dispose();
    }
}
