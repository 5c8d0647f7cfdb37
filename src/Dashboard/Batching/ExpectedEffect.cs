using System.Collections.Concurrent;
using Dashboard.Batching.WhatIf;

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
        new("Runs per day", TuningText.RunsPerDay(Before.RunsPerDay), TuningText.RunsPerDay(After.RunsPerDay)),
        new("p95 wait", TuningText.Wait(Before.P95Wait), TuningText.Wait(After.P95Wait)),
        new("Refused batches", TuningText.Refused(Before.RefusedBatches), TuningText.Refused(After.RefusedBatches)),
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
