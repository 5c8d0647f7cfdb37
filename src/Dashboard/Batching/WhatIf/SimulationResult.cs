namespace Dashboard.Batching.WhatIf;

/// <summary>
/// What one setting would have given over the observation period. Waits cover only events whose run started:
/// refused events never ran, and are counted in <see cref="RefusedEvents"/> instead.
/// </summary>
/// <param name="Setting">The setting replayed.</param>
/// <param name="Runs">Runs started (refused batches excluded).</param>
/// <param name="RunsPerDay">Runs over the period's length in days.</param>
/// <param name="RefusedBatches">Batches refused because MaxConcurrentRuns was reached.</param>
/// <param name="RefusedEvents">Events in those batches.</param>
/// <param name="WaitedEvents">Events whose run started: the population of the wait statistics.</param>
/// <param name="MeanWait">Mean wait from arrival to run start.</param>
/// <param name="P95Wait">Nearest-rank 95th percentile wait.</param>
/// <param name="EstimatedCost">Runs × DPU-hours per run × price, over the period.</param>
/// <param name="EstimatedCostPerDay">The same per day.</param>
/// <param name="RunsStartedBySize">Runs started because the batch filled (the rest by the window).</param>
public sealed record SimulationResult(
    BatchingSetting Setting,
    long Runs,
    double RunsPerDay,
    long RefusedBatches,
    long RefusedEvents,
    long WaitedEvents,
    TimeSpan MeanWait,
    TimeSpan P95Wait,
    decimal EstimatedCost,
    decimal EstimatedCostPerDay,
    long RunsStartedBySize);
