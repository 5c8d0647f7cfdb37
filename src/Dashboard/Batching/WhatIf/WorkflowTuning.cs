using System.ComponentModel;
using Dashboard.Aws.EventBridge;
using Dashboard.Aws.Glue;
using Dashboard.Aws.Protocol;
using Dashboard.Cloud;
using Dashboard.Metrics;
using Dashboard.Workflows;
using Dashboard.Workflows.Graph;
using Microsoft.Extensions.Caching.Hybrid;

namespace Dashboard.Batching.WhatIf;

/// <summary>Why a workflow cannot be tuned; <see cref="None"/> when it can.</summary>
public enum TuningBlocker
{
    None,
    WorkflowMissing,
    NotEventDriven,
    NoRules,
}

/// <summary>
/// A workflow's tuning inputs, or why there are none. Immutable, so the cache hands out the instance it holds instead
/// of a serialized copy.
/// </summary>
[ImmutableObject(true)]
public sealed record TuningLookup(string Workflow, TuningInputs? Inputs, TuningBlocker Blocker, string? Explanation)
{
    public static TuningLookup Blocked(string workflow, TuningBlocker blocker, string explanation) => new(workflow, null, blocker, explanation);
}

/// <summary>
/// Reads what the what-if simulator needs about one workflow from public data: the workflow and its EVENT trigger,
/// the rules that target it and their targets, their <c>Invocations</c> and <c>FailedInvocations</c> by the minute over
/// the last 7 days, the runs that started in those days, and the DPUs of its jobs' runs. Never writes. Answers are shared for a minute per environment.
/// </summary>
public sealed class WorkflowTuning(
    IGlueApi glue, IEventBridgeApi events, WorkflowDetails details, WorkflowRuns runs, RuleMetrics metrics, HybridCache cache, TimeProvider time, ILogger<WorkflowTuning> logger)
{
    /// <summary>The observation period: CloudWatch keeps 1-minute data for 15 days, and a week holds the weekly cycle.</summary>
    public static readonly TimeSpan Lookback = TimeSpan.FromDays(7);

    /// <summary>Pages of <c>GetJobRuns</c> read per job (200 runs a page).</summary>
    public const int MaxJobRunPages = 5;

    /// <summary>What the arrivals are worked out from: each rule's invocations, less the failed ones.</summary>
    private static readonly IReadOnlyList<string> ArrivalMetrics = [EventsMetrics.Invocations, EventsMetrics.FailedInvocations];

    private static readonly HybridCacheEntryOptions Shared = new() { Expiration = TimeSpan.FromMinutes(1), LocalCacheExpiration = TimeSpan.FromMinutes(1) };

    /// <summary>The workflow's inputs over the 7 days that end at the last whole minute.</summary>
    /// <exception cref="AwsApiException">A read AWS refused, other than a missing workflow.</exception>
    public async Task<TuningLookup> LoadAsync(string workflow, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var end = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerMinute), TimeSpan.Zero);
        return await cache.GetOrCreateAsync(
            $"workflow-tuning:{workflow}:{end.ToUnixTimeSeconds()}",
            (Tuning: this, Workflow: workflow, End: end),
            static async (state, ct) => await state.Tuning.ReadAsync(state.Workflow, state.End - Lookback, state.End, ct),
            Shared,
            cancellationToken: cancellationToken);
    }

    private async Task<TuningLookup> ReadAsync(string workflow, DateTimeOffset start, DateTimeOffset end, CancellationToken cancellationToken)
    {
        var lookup = await details.LookupAsync(workflow, cancellationToken);
        if (lookup.Detail is not { } detail)
        {
            return TuningLookup.Blocked(workflow, TuningBlocker.WorkflowMissing, $"No workflow named {workflow} exists in this account and region.");
        }

        var trigger = detail.Summary.StartTrigger;
        if (trigger is null || !detail.Summary.IsEventDriven)
        {
            return TuningLookup.Blocked(
                workflow,
                TuningBlocker.NotEventDriven,
                $"Its start trigger is {trigger?.Type ?? "missing"}, not EVENT: only an EVENT trigger batches events, so there is nothing to tune.");
        }

        var rules = detail.Summary.Rules.Select(r => new RuleKey(r.EventBusName, r.RuleName)).ToList();
        if (rules.Count == 0)
        {
            return TuningLookup.Blocked(
                workflow,
                TuningBlocker.NoRules,
                detail.Summary.RulesProblem ?? "No EventBridge rule targets it, so no events arrive and there are no arrivals to replay.");
        }

        var jobs = detail.Graph.Nodes.Where(n => n.Kind == NodeKind.Job).Select(n => n.Name).Distinct(StringComparer.Ordinal).ToList();
        var triggers = detail.Graph.Nodes.Where(n => n.Kind == NodeKind.Trigger).Select(n => n.Name).ToHashSet(StringComparer.Ordinal);
        var invocationsTask = metrics.GetByMinuteAsync(rules, ArrivalMetrics, start, end, cancellationToken);
        var targetsTask = TargetCountsAsync(rules, cancellationToken);
        var runsTask = runs.GetRangeAsync(workflow, start, end, cancellationToken);
        var dpuTask = DpuAsync(jobs, triggers, start, end, cancellationToken);
        var invocations = await invocationsTask;
        var (targets, targetRequests) = await targetsTask;
        var history = await runsTask;
        var (dpu, dpuRequests, dpuWarnings) = await dpuTask;

        var counts = new int[invocations.Window.Buckets];
        var sources = new List<ArrivalSource>(rules.Count);
        foreach (var rule in rules)
        {
            var invoked = invocations.Get(rule, EventsMetrics.Invocations).Values;
            var failed = invocations.Get(rule, EventsMetrics.FailedInvocations).Values;
            var perTarget = Math.Max(targets[rule], 1);
            var arrived = 0L;
            for (var m = 0; m < counts.Length; m++)
            {
                var events = (int)Math.Round(Math.Max(0, invoked[m] - failed[m]) / perTarget);
                counts[m] += events;
                arrived += events;
            }

            sources.Add(new ArrivalSource(rule, targets[rule], (long)invoked.Sum(), (long)failed.Sum(), arrived));
        }

        var current = BatchingSetting.FromCondition(
            trigger.Batching is { } batching ? new EventBatchingCondition { BatchSize = batching.BatchSize, BatchWindow = batching.BatchWindowSeconds } : null);
        var accepted = history.Runs.Where(r => r.Health != RunHealth.RefusedForConcurrency).ToList();
        var warnings = new List<string>(invocations.Warnings);
        warnings.AddRange(dpuWarnings);
        if (history.Truncated)
        {
            warnings.Add($"The run history holds more than {WorkflowRuns.MaxRangePages * WorkflowRuns.RangePageSize:N0} runs in 7 days; durations and refusals come from the newest ones.");
        }

        return new TuningLookup(
            workflow,
            new TuningInputs(
                workflow,
                trigger.Name,
                current,
                detail.MaxConcurrentRuns,
                rules,
                invocations.Window.Start,
                counts,
                [.. history.Runs.Select(r => Observe(r, current.BatchWindowSeconds)).OfType<ObservedRun>()],
                history.Runs.Count,
                history.Truncated,
                history.Runs.Count - accepted.Count,
                history.Runs.Sum(r => (long)r.EventCount),
                RunDurations.Of(accepted.Select(r => r.StartedOn is { } s && r.CompletedOn is { } c ? c - s : (TimeSpan?)null).OfType<TimeSpan>()),
                dpu,
                warnings,
                detail.AwsRequests + invocations.AwsRequests + targetRequests + history.AwsRequests + dpuRequests,
                time.GetUtcNow())
            {
                Sources = sources,
            },
            TuningBlocker.None,
            null);
    }

    /// <summary>
    /// How many targets each rule has: a rule invokes every target once per event, so its <c>Invocations</c> divided by
    /// this are the workflow's events.
    /// </summary>
    private async Task<(Dictionary<RuleKey, int> Targets, int Requests)> TargetCountsAsync(List<RuleKey> rules, CancellationToken cancellationToken)
    {
        var requests = 0;
        var counts = await Task.WhenAll(rules.Select(async rule =>
        {
            var count = 0;
            await foreach (var page in events.ListTargetsByRulePagesAsync(new() { Rule = rule.RuleName, EventBusName = rule.EventBus }, cancellationToken))
            {
                Interlocked.Increment(ref requests);
                count += page.Targets?.Count ?? 0;
            }

            return (Rule: rule, Count: count);
        }));
        return (counts.ToDictionary(c => c.Rule, c => c.Count), requests);
    }

    /// <summary>
    /// A run started by its batch, as evidence of where its events arrived; null for a run started any other way. Glue
    /// does not say which window was in force when a batch filled, so a size start is read with the current one.
    /// </summary>
    private static ObservedRun? Observe(RunSummary run, int currentWindowSeconds) => (run.Cause, run.StartedOn) switch
    {
        (RunCause.BatchSizeReached, { } started) => new ObservedRun(started, run.EventCount, BatchStartReason.Size, currentWindowSeconds),
        (RunCause.BatchWindowExpired, { } started) when run.StartingBatchWindowSeconds is { } window =>
            new ObservedRun(started, run.EventCount, BatchStartReason.Window, window),
        _ => null,
    };

    /// <summary>
    /// Each job's mean DPU-hours over its runs started by this workflow's triggers in the period, summed over the jobs:
    /// a workflow run runs each job once. Crawlers are not counted.
    /// </summary>
    private async Task<(DpuObservation Dpu, int Requests, IReadOnlyList<string> Warnings)> DpuAsync(
        List<string> jobs, HashSet<string> triggers, DateTimeOffset start, DateTimeOffset end, CancellationToken cancellationToken)
    {
        var requests = 0;
        var warnings = new List<string>();
        var perJob = await Task.WhenAll(jobs.Select(async job =>
        {
            var hours = new List<double>();
            try
            {
                var pages = 0;
                await foreach (var page in glue.GetJobRunsPagesAsync(new() { JobName = job, MaxResults = 200 }, cancellationToken))
                {
                    Interlocked.Increment(ref requests);
                    var jobRuns = page.JobRuns ?? [];
                    hours.AddRange(jobRuns
                        .Where(r => r.StartedOn >= start && r.StartedOn < end && (r.TriggerName is null || triggers.Contains(r.TriggerName)))
                        .Select(r => DpuObservation.DpuHoursOf(r.DPUSeconds, r.ExecutionTime, r.MaxCapacity, r.WorkerType, r.NumberOfWorkers))
                        .OfType<double>());
                    if (++pages == MaxJobRunPages || jobRuns.Any(r => r.StartedOn < start))
                    {
                        break;
                    }
                }
            }
            catch (AwsApiException error) when (error is AwsAccessDeniedException or AwsNotFoundException)
            {
                logger.LogWarning(error, "Could not read the runs of job {Job}.", job);
                lock (warnings)
                {
                    warnings.Add($"The runs of job {job} could not be read ({AwsErrorText.Explain(error)}); its DPUs are not in the cost.");
                }
            }

            return hours;
        }));

        var measured = perJob.Where(h => h.Count > 0).ToList();
        var dpuHours = measured.Count == 0 ? (double?)null : measured.Sum(h => h.Average());
        return (new DpuObservation(measured.Sum(h => h.Count), jobs.Count, dpuHours), requests, warnings);
    }
}
