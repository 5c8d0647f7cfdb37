using System.Text.Json.Serialization;
using Dashboard.Aws.Glue;

namespace Dashboard.Batching.WhatIf;

/// <summary>Which condition started a batch's run.</summary>
public enum BatchStartReason
{
    /// <summary>The batch reached <c>BatchSize</c> events.</summary>
    Size,

    /// <summary>The <c>BatchWindow</c>, counted from the batch's first event, passed first.</summary>
    Window,
}

/// <summary>One <c>EventBatchingCondition</c> to try: BatchSize 1–100, BatchWindow 1–900 seconds (Glue's limits).</summary>
public readonly record struct BatchingSetting
{
    public const int MaxBatchSize = 100;
    public const int MaxBatchWindowSeconds = 900;

    /// <remarks>
    /// The JSON constructor too: should a cache serialize <see cref="WorkflowTuning"/>'s answers (a distributed one would),
    /// the serializer would otherwise build the struct with its implicit parameterless constructor and read back
    /// BatchSize 0, BatchWindow 0.
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException">A value is outside Glue's limits.</exception>
    [JsonConstructor]
    public BatchingSetting(int batchSize, int batchWindowSeconds = MaxBatchWindowSeconds)
    {
        if (batchSize is < 1 or > MaxBatchSize)
        {
            throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, $"BatchSize must be between 1 and {MaxBatchSize}.");
        }

        if (batchWindowSeconds is < 1 or > MaxBatchWindowSeconds)
        {
            throw new ArgumentOutOfRangeException(nameof(batchWindowSeconds), batchWindowSeconds, $"BatchWindow must be between 1 and {MaxBatchWindowSeconds} seconds.");
        }

        BatchSize = batchSize;
        BatchWindowSeconds = batchWindowSeconds;
    }

    /// <summary>
    /// The setting a trigger's condition gives Glue's batcher: no condition means one event per run, and no window
    /// means 900 seconds.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The condition holds a value outside Glue's limits.</exception>
    public static BatchingSetting FromCondition(EventBatchingCondition? condition) =>
        condition is null ? new(1) : new(condition.BatchSize, condition.BatchWindow ?? MaxBatchWindowSeconds);

    public int BatchSize { get; }

    public int BatchWindowSeconds { get; }

    public TimeSpan BatchWindow => TimeSpan.FromSeconds(BatchWindowSeconds);

    public override string ToString() => $"BatchSize {BatchSize}, BatchWindow {BatchWindowSeconds} s";
}

/// <summary>
/// How runs hold the workflow's concurrency: each accepted run occupies a slot for one fixed duration (an observed
/// median or percentile; a distribution is not modelled). Null <see cref="MaxConcurrentRuns"/> means no limit.
/// </summary>
public sealed record RunCapacity(int? MaxConcurrentRuns, TimeSpan RunDuration)
{
    public static RunCapacity Unlimited { get; } = new(null, TimeSpan.Zero);

    /// <exception cref="ArgumentOutOfRangeException">The limit is below 1 or the duration is negative.</exception>
    public void Validate()
    {
        if (MaxConcurrentRuns is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxConcurrentRuns), MaxConcurrentRuns, "MaxConcurrentRuns must be at least 1.");
        }

        if (RunDuration < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(RunDuration), RunDuration, "The run duration cannot be negative.");
        }
    }
}

/// <summary>The estimate's price: cost = accepted runs × DPU-hours per run × price per DPU-hour.</summary>
public sealed record CostModel(double DpuHoursPerRun, decimal PricePerDpuHour = CostModel.DefaultPricePerDpuHour)
{
    /// <summary>Glue's list price per DPU-hour in most regions, the default the page shows and lets people change.</summary>
    public const decimal DefaultPricePerDpuHour = 0.44m;

    public decimal CostOf(long runs) => runs * (decimal)DpuHoursPerRun * PricePerDpuHour;
}
