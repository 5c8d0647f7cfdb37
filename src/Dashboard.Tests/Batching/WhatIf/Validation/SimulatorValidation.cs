using Dashboard.Batching.WhatIf;

namespace Dashboard.Tests.Batching.WhatIf.Validation;

/// <summary>A predicted figure beside the one LocalCloud measured.</summary>
public readonly record struct Compared(double Predicted, double Actual)
{
    /// <summary>(predicted − actual) / actual in percent; 0 when both are 0, infinite when only the actual is.</summary>
    public double ErrorPercent => Actual == 0 ? (Predicted == 0 ? 0 : double.PositiveInfinity) : 100 * (Predicted - Actual) / Actual;

    public bool Within(double percent) => Math.Abs(ErrorPercent) <= percent;
}

/// <summary>One prediction of a setting's figures, set against LocalCloud's.</summary>
public sealed record PredictionError(Compared Runs, Compared RefusedBatches, Compared MeanWaitSeconds, Compared P95WaitSeconds)
{
    public static PredictionError Of(SimulationResult predicted, ReplayOutcome actual) => new(
        new(predicted.Runs, actual.AcceptedRuns),
        new(predicted.RefusedBatches, actual.RefusedRuns),
        new(predicted.MeanWait.TotalSeconds, actual.MeanWait.TotalSeconds),
        new(predicted.P95Wait.TotalSeconds, actual.P95Wait.TotalSeconds));

    /// <summary>The largest error of runs, mean and p95 wait, in percent (refusals are reported, not folded in: a few refusals make any percentage noisy).</summary>
    public double WorstPercent => new[] { Runs, MeanWaitSeconds, P95WaitSeconds }.Max(c => Math.Abs(c.ErrorPercent));
}

/// <summary>
/// One setting replayed through LocalCloud's batcher and predicted two ways: from the exact arrivals (which checks the
/// simulator's batching semantics, and should match to the tick) and from public data as the tuning page reads it
/// (Invocations by the minute and the runs, under both readings of the minute).
/// </summary>
public sealed class ValidationResult(string pattern, ReplayCase replay, ReplayOutcome actual, SimulationRun exact, TuningInputs inputs, SettingBand publicData)
{
    public string Pattern => pattern;

    public ReplayCase Case => replay;

    public ReplayOutcome Actual => actual;

    public SimulationRun Exact => exact;

    public TuningInputs Inputs => inputs;

    public SettingBand PublicData => publicData;

    public PredictionError ExactError => PredictionError.Of(exact.Summary, actual);

    public PredictionError EvenlySpacedError => PredictionError.Of(publicData.EvenlySpaced, actual);

    public PredictionError MinuteStartError => PredictionError.Of(publicData.MinuteStart, actual);

    /// <summary>Events whose simulated wait (or refusal) differs from LocalCloud's; 0 when the semantics agree exactly.</summary>
    public int EventsWhereExactDiffers => Enumerable.Range(0, actual.Arrivals.Count).Count(i => exact.WaitOf(i) != actual.Waits[i]);

    public bool RunsInBand => Inside(Bounds.Of(publicData.EvenlySpaced.Runs, publicData.MinuteStart.Runs), actual.AcceptedRuns);

    public bool MeanWaitInBand => Inside(publicData.MeanWait, actual.MeanWait);

    public bool P95WaitInBand => Inside(publicData.P95Wait, actual.P95Wait);

    private static bool Inside<T>(Bounds<T> band, T value)
        where T : IComparable<T> => band.Low.CompareTo(value) <= 0 && value.CompareTo(band.High) <= 0;
}

/// <summary>Runs one validation case end to end: LocalCloud on a fake clock, the replay, and both predictions.</summary>
public static class SimulatorValidation
{
    /// <exception cref="InvalidOperationException">The dashboard could not read the workflow's tuning inputs.</exception>
    public static async Task<ValidationResult> RunAsync(string pattern, ReplayCase replay, ArrivalStream arrivals, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(replay);
        ArgumentNullException.ThrowIfNull(arrivals);
        await using var cloud = await LocalCloudReplay.StartAsync(arrivals.PeriodStart, cancellationToken);
        var actual = await cloud.ReplayAsync(replay, arrivals, cancellationToken);
        var lookup = await cloud.LoadTuningAsync(replay.Workflow, cancellationToken);
        var inputs = lookup.Inputs ?? throw new InvalidOperationException($"The dashboard could not tune {replay.Workflow}: {lookup.Blocker}: {lookup.Explanation}");
        var model = new TuningModel(inputs, CostModel.DefaultPricePerDpuHour);
        var exact = BatchingSimulator.Simulate(arrivals, replay.Setting, replay.Capacity, model.Cost);
        return new ValidationResult(pattern, replay, actual, exact, inputs, model.Simulate(replay.Setting));
    }
}
