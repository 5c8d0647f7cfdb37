using System.Net;
using Amazon.Runtime;
using Dashboard.Aws.Glue;
using Dashboard.Aws.Protocol;
using Dashboard.Batching.WhatIf;
using Dashboard.Metrics;
using Dashboard.Tests.Shared;
using Dashboard.Workflows;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Tests.Batching.WhatIf;

/// <summary>What the simulator reads about a workflow: blocked cases, minute counts, pinned runs, refusals, DPUs.</summary>
public sealed class WorkflowTuningTests
{
    private const string Workflow = "products";
    private const string StartTrigger = "products-start";
    private const string Arn = "arn:aws:glue:eu-west-1:123456789012:workflow/products";

    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    /// <summary>The first minute read: 7 days before the last whole minute.</summary>
    private static readonly DateTimeOffset PeriodStart = Now.AddDays(-7);

    private readonly FakeTimeProvider _clock = new(Now);
    private readonly FakeGlue _glue = new();
    private readonly FakeEventBridge _events = new();
    private readonly FakeCloudWatch _cloudWatch = new();

    private WorkflowTuning Tuning()
    {
        var cache = new ServiceCollection().AddHybridCache().Services.BuildServiceProvider().GetRequiredService<HybridCache>();
        return new WorkflowTuning(
            _glue,
            _events,
            new WorkflowDetails(_glue, _events, new FakeCloudIdentity(), _clock, NullLogger<WorkflowDetails>.Instance),
            new WorkflowRuns(_glue),
            new RuleMetrics(_cloudWatch, cache, _clock, NullLogger<RuleMetrics>.Instance),
            cache,
            _clock,
            NullLogger<WorkflowTuning>.Instance);
    }

    /// <summary>The workflow: its EVENT trigger (5 events / 300 s) starts <paramref name="jobs"/>.</summary>
    private void AddWorkflow(int? maxConcurrentRuns = null, params string[] jobs)
    {
        var graph = new GlueGraphs();
        foreach (var job in jobs)
        {
            graph.Job(job).Edge(StartTrigger, job);
        }

        var trigger = FakeGlue.EventTrigger(StartTrigger, 5, 300) with { WorkflowName = Workflow };
        var built = graph.Build();
        _glue.AddWorkflow(new Workflow
        {
            Name = Workflow,
            MaxConcurrentRuns = maxConcurrentRuns,
            Graph = built with
            {
                Nodes = [new Node { Type = "TRIGGER", Name = StartTrigger, UniqueId = GlueGraphs.IdOf(StartTrigger), TriggerDetails = new() { Trigger = trigger } }, .. built.Nodes ?? []],
            },
        });
    }

    private async Task<TuningInputs> LoadInputsAsync()
    {
        var lookup = await Tuning().LoadAsync(Workflow, TestContext.Current.CancellationToken);
        Assert.Equal(TuningBlocker.None, lookup.Blocker);
        return lookup.Inputs ?? throw new InvalidOperationException("No inputs although nothing blocked them.");
    }

    private static int MinuteOf(DateTimeOffset at) => (int)(at - PeriodStart).TotalMinutes;

    private static WorkflowRun Run(string id, DateTimeOffset started, TimeSpan? took = null, StartingEventBatchCondition? startedBy = null, int events = 0) => new()
    {
        WorkflowRunId = id,
        Status = "COMPLETED",
        StartedOn = started,
        CompletedOn = started + (took ?? TimeSpan.FromMinutes(5)),
        Statistics = new() { TotalActions = 1, SucceededActions = 1 },
        StartingEventBatchCondition = startedBy,
        WorkflowRunProperties = new Dictionary<string, string>
        {
            [WorkflowRuns.EventIdsProperty] = System.Text.Json.JsonSerializer.Serialize(Enumerable.Range(1, events).Select(i => $"{id}-e{i}")),
        },
    };

    private static AwsApiException AccessDenied(string service, string operation) =>
        AwsErrors.Create(new(service, operation, "AccessDeniedException", $"User is not authorized to perform: glue:{operation}", "req-1", HttpStatusCode.BadRequest, ErrorType.Sender));

    [Fact]
    public async Task LoadAsync_NoSuchWorkflow_IsBlockedAsMissing()
    {
        var lookup = await Tuning().LoadAsync("nope", TestContext.Current.CancellationToken);

        Assert.Equal(TuningBlocker.WorkflowMissing, lookup.Blocker);
        Assert.Null(lookup.Inputs);
        Assert.Contains("No workflow named nope", lookup.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadAsync_ScheduledStartTrigger_IsBlockedAsNotEventDriven()
    {
        _glue.AddWorkflow(Workflow, FakeGlue.ScheduledTrigger("nightly", "cron(0 2 * * ? *)"));

        var lookup = await Tuning().LoadAsync(Workflow, TestContext.Current.CancellationToken);

        Assert.Equal(TuningBlocker.NotEventDriven, lookup.Blocker);
        Assert.Contains("SCHEDULED, not EVENT", lookup.Explanation, StringComparison.Ordinal);
        Assert.Equal(0, _glue.Calls.GetValueOrDefault("GetWorkflowRuns"));
    }

    [Fact]
    public async Task LoadAsync_NoRuleTargetsIt_IsBlockedWithNoRules()
    {
        AddWorkflow();
        _events.AddRule("elsewhere", "arn:aws:glue:eu-west-1:123456789012:workflow/other");

        var lookup = await Tuning().LoadAsync(Workflow, TestContext.Current.CancellationToken);

        Assert.Equal(TuningBlocker.NoRules, lookup.Blocker);
        Assert.Contains("No EventBridge rule targets it", lookup.Explanation, StringComparison.Ordinal);
        Assert.Empty(_cloudWatch.Requests);
    }

    [Fact]
    public async Task LoadAsync_RuleWithTwoTargetsAndFailures_CountsTheEventsThatReachedTheWorkflow()
    {
        // The rule also notifies a topic: each event is 2 invocations. Of 6 invocations in the minute, 2 failed; the
        // workflow got (6 − 2) / 2 = 2 events.
        AddWorkflow();
        _events.AddRule("fanout", [Arn, "arn:aws:sns:eu-west-1:123456789012:uploads"]);
        var fanout = new RuleKey("default", "fanout");
        _cloudWatch.Add(EventsMetrics.Invocations, fanout.MetricDimensions, Now.AddHours(-1), 6)
            .Add(EventsMetrics.FailedInvocations, fanout.MetricDimensions, Now.AddHours(-1), 2);

        var inputs = await LoadInputsAsync();

        Assert.Equal(2, inputs.InvocationsPerMinute[MinuteOf(Now.AddHours(-1))]);
        Assert.Equal(2, inputs.Arrivals);
        Assert.Equal([new ArrivalSource(fanout, 2, 6, 2, 2)], inputs.Sources);
    }

    [Fact]
    public async Task LoadAsync_TwoRules_SumsTheirInvocationsMinuteByMinute()
    {
        AddWorkflow();
        _events.AddBus("analytics").AddRule("uploads", Arn).AddRule("replays", Arn, bus: "analytics");
        var uploads = new RuleKey("default", "uploads").MetricDimensions;
        var replays = new RuleKey("analytics", "replays").MetricDimensions;
        _cloudWatch.Add(EventsMetrics.Invocations, uploads, Now.AddHours(-1), 2)
            .Add(EventsMetrics.Invocations, replays, Now.AddHours(-1).AddSeconds(30), 3)
            .Add(EventsMetrics.Invocations, replays, Now.AddMinutes(-55), 4)
            .Add(EventsMetrics.Invocations, uploads, Now.AddDays(-8), 50);

        var inputs = await LoadInputsAsync();

        Assert.Equal(PeriodStart, inputs.PeriodStart);
        Assert.Equal(7 * 24 * 60, inputs.InvocationsPerMinute.Count);
        Assert.Equal(5, inputs.InvocationsPerMinute[MinuteOf(Now.AddHours(-1))]);
        Assert.Equal(4, inputs.InvocationsPerMinute[MinuteOf(Now.AddMinutes(-55))]);
        Assert.Equal(9, inputs.Arrivals);
        Assert.Equal(2, inputs.ActiveMinutes);
        Assert.Equal([new RuleKey("default", "uploads"), new RuleKey("analytics", "replays")], inputs.Rules);
        Assert.Equal(new BatchingSetting(5, 300), inputs.Current);
    }

    [Fact]
    public async Task LoadAsync_RunsStartedByTheirBatch_PinArrivalsBySizeOrWindow_ASizeStartReadWithTheCurrentWindow()
    {
        AddWorkflow();
        _events.AddRule("uploads", Arn);
        _glue.AddRun(Workflow, Run("wr_old", Now.AddDays(-8), startedBy: new() { BatchSize = 5 }, events: 5))
            .AddRun(Workflow, Run("wr_size", Now.AddHours(-2), startedBy: new() { BatchSize = 5 }, events: 5))
            .AddRun(Workflow, Run("wr_window", Now.AddHours(-1), startedBy: new() { BatchWindow = 300 }, events: 2))
            .AddRun(Workflow, Run("wr_manual", Now.AddMinutes(-30)));

        var inputs = await LoadInputsAsync();

        Assert.Equal(
            [new ObservedRun(Now.AddHours(-1), 2, BatchStartReason.Window, 300), new ObservedRun(Now.AddHours(-2), 5, BatchStartReason.Size, 300)],
            inputs.ObservedRuns);
        Assert.Equal(3, inputs.RunsRead);
        Assert.Equal(7, inputs.EventsInRuns);
        Assert.False(inputs.RunsTruncated);
    }

    [Fact]
    public async Task LoadAsync_RefusedRuns_AreCountedAndLeftOutOfTheDurations()
    {
        AddWorkflow(maxConcurrentRuns: 1);
        _events.AddRule("uploads", Arn);
        _glue.AddRun(Workflow, Run("wr_1", Now.AddHours(-4), TimeSpan.FromMinutes(10), new() { BatchSize = 5 }, 5))
            .AddRun(Workflow, Run("wr_2", Now.AddHours(-3), TimeSpan.FromMinutes(30), new() { BatchSize = 5 }, 5))
            .AddRun(Workflow, Run("wr_3", Now.AddHours(-2), TimeSpan.FromMinutes(20), new() { BatchSize = 5 }, 5))
            .AddRun(Workflow, Run("wr_refused", Now.AddHours(-2).AddMinutes(1), TimeSpan.FromSeconds(1), new() { BatchSize = 5 }, 5) with
            {
                Status = "ERROR",
                ErrorMessage = "Concurrent runs exceeded for workflow: products.",
                Statistics = null,
            });

        var inputs = await LoadInputsAsync();

        Assert.Equal(1, inputs.RefusedRuns);
        Assert.Equal(4, inputs.RunsRead);
        Assert.Equal(20, inputs.EventsInRuns);
        Assert.Equal(new RunDurations(3, TimeSpan.FromMinutes(20), TimeSpan.FromMinutes(30)), inputs.Durations);
        Assert.Equal(new RunCapacity(1, TimeSpan.FromMinutes(20)), inputs.CapacityFor(SlotDuration.Median));
    }

    [Fact]
    public async Task LoadAsync_DpuHours_FromDpuSecondsElseExecutionTimeTimesCapacityOrWorkers_AveragedPerJobAndSummed()
    {
        AddWorkflow(null, "extract", "load");
        _events.AddRule("uploads", Arn);
        var at = Now.AddHours(-3);

        // extract: DPUSeconds wins over time × capacity (2 DPU-hours), then 3,600 s × 4 DPUs (4): a mean of 3.
        _glue.AddJobRun("extract", new JobRun { TriggerName = StartTrigger, StartedOn = at, DPUSeconds = 7200, ExecutionTime = 3600, MaxCapacity = 10 })
            .AddJobRun("extract", new JobRun { TriggerName = StartTrigger, StartedOn = at.AddHours(1), ExecutionTime = 3600, MaxCapacity = 4 })

            // load: 4 G.2X workers (2 DPUs each) for 1,800 s: 4 DPU-hours.
            .AddJobRun("load", new JobRun { TriggerName = StartTrigger, StartedOn = at, ExecutionTime = 1800, WorkerType = "G.2X", NumberOfWorkers = 4 });

        var inputs = await LoadInputsAsync();

        Assert.Equal(3, inputs.Dpu.JobRuns);
        Assert.Equal(2, inputs.Dpu.Jobs);
        Assert.Equal(7.0, inputs.Dpu.DpuHoursPerRun ?? double.NaN, 9);
        Assert.Empty(inputs.Warnings);
    }

    [Fact]
    public async Task LoadAsync_JobRunsOfOtherTriggersOrBeforeThePeriod_AreLeftOut()
    {
        AddWorkflow(null, "extract");
        _events.AddRule("uploads", Arn);
        _glue.AddJobRun("extract", new JobRun { TriggerName = StartTrigger, StartedOn = Now.AddHours(-1), DPUSeconds = 3600 })
            .AddJobRun("extract", new JobRun { TriggerName = "someone-elses-schedule", StartedOn = Now.AddHours(-2), DPUSeconds = 36_000 })
            .AddJobRun("extract", new JobRun { TriggerName = StartTrigger, StartedOn = Now.AddDays(-8), DPUSeconds = 72_000 });

        var inputs = await LoadInputsAsync();

        Assert.Equal(1, inputs.Dpu.JobRuns);
        Assert.Equal(1.0, inputs.Dpu.DpuHoursPerRun ?? double.NaN, 9);
    }

    [Fact]
    public async Task LoadAsync_GetJobRunsDenied_WarnsAndLeavesTheCostOut_InsteadOfFailing()
    {
        AddWorkflow(null, "extract");
        _events.AddRule("uploads", Arn);
        _glue.AddJobRun("extract", new JobRun { TriggerName = StartTrigger, StartedOn = Now.AddHours(-1), DPUSeconds = 3600 });
        _glue.FailingOperations["GetJobRuns"] = AccessDenied("Glue", "GetJobRuns");

        var inputs = await LoadInputsAsync();

        Assert.Null(inputs.Dpu.DpuHoursPerRun);
        Assert.Equal(0, inputs.Dpu.JobRuns);
        var warning = Assert.Single(inputs.Warnings);
        Assert.Contains("The runs of job extract could not be read", warning, StringComparison.Ordinal);
        Assert.Contains("glue:GetJobRuns", warning, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadAsync_GetWorkflowRunsDenied_Throws()
    {
        AddWorkflow();
        _events.AddRule("uploads", Arn);
        _glue.FailingOperations["GetWorkflowRuns"] = AccessDenied("Glue", "GetWorkflowRuns");

        await Assert.ThrowsAsync<AwsAccessDeniedException>(() => Tuning().LoadAsync(Workflow, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task LoadAsync_TwiceInAMinute_ReadsAwsOnce_AndAgainTheNextMinute()
    {
        AddWorkflow();
        _events.AddRule("uploads", Arn);
        var tuning = Tuning();

        await tuning.LoadAsync(Workflow, TestContext.Current.CancellationToken);
        _clock.Advance(TimeSpan.FromSeconds(30));
        await tuning.LoadAsync(Workflow, TestContext.Current.CancellationToken);
        Assert.Equal(1, _glue.Calls.GetValueOrDefault("GetWorkflowRuns"));

        _clock.Advance(TimeSpan.FromSeconds(30));
        var later = await tuning.LoadAsync(Workflow, TestContext.Current.CancellationToken);

        Assert.Equal(2, _glue.Calls.GetValueOrDefault("GetWorkflowRuns"));
        Assert.Equal(PeriodStart.AddMinutes(1), later.Inputs?.PeriodStart);
    }
}
