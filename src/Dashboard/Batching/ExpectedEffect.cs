using System.Collections.Concurrent;
using System.Globalization;
using Dashboard.Batching.WhatIf;
using Dashboard.Formatting;

namespace Dashboard.Batching;

/// <summary>One figure of the expected-effect table, as the editor shows it: before and after, each a value or a band.</summary>
public sealed record EffectRow(string Figure, string Before, string After);

/// <summary>
/// What the what-if simulator expects a batching change to do over the replayed days: the current setting's band
/// and the proposed one's, under both readings of the 1-minute data.
/// </summary>
public sealed record ExpectedEffect(SettingBand Before, SettingBand After)
{
    /// <summary>Runs per day, p95 wait and refused batches, in that order: the figures a change trades.</summary>
    public IReadOnlyList<EffectRow> Rows =>
    [
        new("Runs per day", EffectText.RunsPerDay(Before.RunsPerDay), EffectText.RunsPerDay(After.RunsPerDay)),
        new("p95 wait", EffectText.Wait(Before.P95Wait), EffectText.Wait(After.P95Wait)),
        new("Refused batches", EffectText.Count(Before.RefusedBatches), EffectText.Count(After.RefusedBatches)),
    ];
}

/// <summary>
/// Replays settings through one workflow's <see cref="TuningModel"/> for the editor, remembering each setting's band:
/// typing back and forth between two values replays each once. Thread-safe, so replays can run off the render thread.
/// </summary>
public sealed class EffectEstimator(TuningModel model)
{
    private readonly ConcurrentDictionary<BatchingSetting, SettingBand> _bands = new();

    public TuningModel Model => model;

    /// <summary>The effect of going from <paramref name="before"/> to <paramref name="after"/>.</summary>
    public ExpectedEffect Estimate(BatchingSetting before, BatchingSetting after, CancellationToken cancellationToken)
    {
        var beforeBand = _bands.GetOrAdd(before, model.Simulate);
        cancellationToken.ThrowIfCancellationRequested();
        return new ExpectedEffect(beforeBand, _bands.GetOrAdd(after, model.Simulate));
    }
}

/// <summary>
/// The figures of a <see cref="SettingBand"/> in words: one value when both readings show the same, else "low–high",
/// so the uncertainty the 1-minute data causes is visible without a second column.
/// </summary>
public static class EffectText
{
    public static string RunsPerDay(Bounds<double> runs) => Band(runs, r => r.ToString("0.#", CultureInfo.InvariantCulture));

    public static string Wait(Bounds<TimeSpan> wait) => Band(wait, RelativeTime.Duration);

    public static string Count(Bounds<long> count) => Band(count, c => c.ToString("N0", CultureInfo.InvariantCulture));

    private static string Band<T>(Bounds<T> bounds, Func<T, string> format)
        where T : IComparable<T>
    {
        var (low, high) = (format(bounds.Low), format(bounds.High));
        return low == high ? low : $"{low}–{high}";
    }
}
