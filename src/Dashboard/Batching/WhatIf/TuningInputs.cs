using Dashboard.Metrics;

namespace Dashboard.Batching.WhatIf;

/// <summary>How long the workflow's accepted runs took, from start to completion, over the observation period.</summary>
/// <param name="Completed">Runs with both a start and a completion (refused runs excluded).</param>
/// <param name="Median">The median duration: the one the simulator holds a concurrency slot for.</param>
/// <param name="P90">The 90th percentile, shown beside it so that a skewed distribution is visible.</param>
public sealed record RunDurations(int Completed, TimeSpan? Median, TimeSpan? P90)
{
    public static RunDurations None { get; } = new(0, null, null);

    /// <summary>Nearest-rank median and p90 of <paramref name="durations"/>.</summary>
    public static RunDurations Of(IEnumerable<TimeSpan> durations)
    {
        var sorted = durations.Order().ToArray();
        return sorted.Length == 0 ? None : new(sorted.Length, Rank(sorted, 50), Rank(sorted, 90));
    }

    private static TimeSpan Rank(TimeSpan[] sorted, int percent) => sorted[Math.Max(0, ((sorted.Length * percent) + 99) / 100 - 1)];
}

/// <summary>
/// One rule's part in the arrivals over the period: a rule invokes each of its targets once per matching event, and a
/// failed invocation never reached its target.
/// </summary>
/// <param name="Rule">The rule.</param>
/// <param name="Targets">Its targets (the workflow among them); the invocations are divided by this.</param>
/// <param name="Invocations">Its <c>Invocations</c> over the period, every target together.</param>
/// <param name="FailedInvocations">Its <c>FailedInvocations</c> over the period.</param>
/// <param name="Arrivals">The events it delivered to the workflow, as counted minute by minute.</param>
public sealed record ArrivalSource(RuleKey Rule, int Targets, long Invocations, long FailedInvocations, long Arrivals);

/// <summary>
/// Which observed duration a replayed run holds its concurrency slot for. One duration for every run keeps the replay
/// exact and fast; choosing the 90th percentile bounds the refusals a long tail of runs would cause.
/// </summary>
public enum SlotDuration
{
    Median,
    P90,
}

/// <summary>What one workflow run costs in DPU-hours, from its jobs' runs over the observation period.</summary>
/// <param name="JobRuns">Job runs that were read and had a DPU figure.</param>
/// <param name="Jobs">Jobs in the workflow's graph.</param>
/// <param name="DpuHoursPerRun">The sum over the jobs of each job's mean DPU-hours per run; null when no job run told.</param>
public sealed record DpuObservation(int JobRuns, int Jobs, double? DpuHoursPerRun)
{
    /// <summary>
    /// A job run's DPU-hours: <c>DPUSeconds</c> when Glue reports it (auto scaling, Flex), else execution time × capacity
    /// (<c>MaxCapacity</c>, or workers × the worker type's DPUs).
    /// </summary>
    public static double? DpuHoursOf(double? dpuSeconds, int? executionSeconds, double? maxCapacity, string? workerType, int? workers)
    {
        if (dpuSeconds is > 0)
        {
            return dpuSeconds.Value / 3600;
        }

        var capacity = maxCapacity is > 0 ? maxCapacity : workers * DpusPerWorker(workerType);
        return executionSeconds is > 0 && capacity is > 0 ? executionSeconds.Value * capacity.Value / 3600 : null;
    }

    /// <summary>DPUs per worker of each worker type (AWS Glue pricing).</summary>
    public static double? DpusPerWorker(string? workerType) => workerType switch
    {
        "G.025X" => 0.25,
        "Standard" or "G.1X" => 1,
        "G.2X" => 2,
        "G.4X" => 4,
        "G.8X" => 8,
        "Z.2X" => 2,
        _ => null,
    };
}

/// <summary>
/// Everything the what-if simulator knows about one event-driven workflow, read from public data: the rules'
/// <c>Invocations</c> by the minute over the observation period, the runs that started in it, and their jobs' DPUs.
/// </summary>
/// <param name="Workflow">The workflow's name.</param>
/// <param name="TriggerName">Its EVENT start trigger.</param>
/// <param name="Current">The batching in force now, with Glue's defaults applied.</param>
/// <param name="MaxConcurrentRuns">The workflow's limit; null means none.</param>
/// <param name="Rules">The rules whose invocations are the arrivals.</param>
/// <param name="PeriodStart">The first whole minute read.</param>
/// <param name="InvocationsPerMinute">
/// Events that reached the workflow, one entry per minute of the period: each rule's <c>Invocations</c> less its
/// <c>FailedInvocations</c>, divided by its number of targets (every target is invoked once per event), summed over
/// the rules.
/// </param>
/// <param name="ObservedRuns">Runs started by events in the period: they pin some arrivals to the second.</param>
/// <param name="RunsRead">Every run that started in the period, however it started.</param>
/// <param name="RunsTruncated">The run history was longer than the dashboard reads (the newest runs were kept).</param>
/// <param name="RefusedRuns">Runs Glue refused because MaxConcurrentRuns was reached.</param>
/// <param name="EventsInRuns">Events the runs in the period consumed, refused runs included.</param>
/// <param name="Durations">How long accepted runs took.</param>
/// <param name="Dpu">DPU-hours per run.</param>
/// <param name="Warnings">What the reads could not get, worded for the page.</param>
/// <param name="AwsRequests">Requests the reads cost.</param>
/// <param name="FetchedAt">When they were read.</param>
public sealed record TuningInputs(
    string Workflow,
    string TriggerName,
    BatchingSetting Current,
    int? MaxConcurrentRuns,
    IReadOnlyList<RuleKey> Rules,
    DateTimeOffset PeriodStart,
    IReadOnlyList<int> InvocationsPerMinute,
    IReadOnlyList<ObservedRun> ObservedRuns,
    int RunsRead,
    bool RunsTruncated,
    int RefusedRuns,
    long EventsInRuns,
    RunDurations Durations,
    DpuObservation Dpu,
    IReadOnlyList<string> Warnings,
    int AwsRequests,
    DateTimeOffset FetchedAt)
{
    public TimeSpan Period => TimeSpan.FromMinutes(InvocationsPerMinute.Count);

    /// <summary>The events that reached the workflow in the period: the sum of the minutes' arrivals.</summary>
    public long Arrivals => InvocationsPerMinute.Sum(c => (long)c);

    /// <summary>Each rule's share of the arrivals, and how it was worked out from its metrics.</summary>
    public IReadOnlyList<ArrivalSource> Sources { get; init; } = [];

    /// <summary>Minutes in which the rules were invoked at all.</summary>
    public int ActiveMinutes => InvocationsPerMinute.Count(c => c > 0);

    /// <summary>
    /// How runs hold concurrency in the replay: the workflow's limit, each run for the chosen reading of the observed
    /// durations. Without a completed run there is no duration, so no refusal can be predicted
    /// (<see cref="CanPredictRefusals"/>).
    /// </summary>
    public RunCapacity CapacityFor(SlotDuration slot) =>
        MaxConcurrentRuns is { } limit && (slot == SlotDuration.P90 ? Durations.P90 : Durations.Median) is { } duration
            ? new RunCapacity(limit, duration)
            : RunCapacity.Unlimited;

    public bool CanPredictRefusals => MaxConcurrentRuns is null || Durations.Median is not null;
}
