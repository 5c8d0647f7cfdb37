using Dashboard.Batching;
using Dashboard.Batching.WhatIf;
using Dashboard.Cloud;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Components.Controls;

/// <summary>
/// Shows what the what-if simulator expects a batching change to do. Reads the workflow's tuning inputs the first time
/// there is a change to show (so a form that is only looked at costs AWS nothing), builds the model and replays
/// settings off the render thread, and drops a replay the next keystroke made stale.
/// </summary>
public sealed partial class BatchingEffect : IDisposable
{
    private readonly CancellationTokenSource _disposed = new();
    private string? _loadedFor;
    private Task<Loaded>? _load;
    private CancellationTokenSource? _replay;
    private ExpectedEffect? _effect;

    /// <summary>The workflow whose trigger is edited.</summary>
    [Parameter, EditorRequired]
    public string Workflow { get; set; } = string.Empty;

    /// <summary>The setting in force now, with Glue's defaults applied.</summary>
    [Parameter, EditorRequired]
    public BatchingSetting Before { get; set; }

    /// <summary>The setting in the fields; null while they do not parse.</summary>
    [Parameter]
    public BatchingSetting? After { get; set; }

    /// <summary>The price the model is built with; the table shows no cost, so the default is enough.</summary>
    [Parameter]
    public decimal PricePerDpuHour { get; set; } = CostModel.DefaultPricePerDpuHour;

    [Inject]
    public required WorkflowTuning Tuning { get; init; }

    [Inject]
    public required ILogger<BatchingEffect> Logger { get; init; }

    protected override async Task OnParametersSetAsync()
    {
        if (After is not { } after || after == Before)
        {
            return;
        }

        if (_loadedFor != Workflow)
        {
            (_loadedFor, _effect) = (Workflow, null);
            _load = LoadAsync(Workflow, PricePerDpuHour, _disposed.Token);
        }

        if (_load is null || await _load is not { Estimator: { } estimator })
        {
            return;
        }

        _replay?.Cancel();
        _replay?.Dispose();
        var replay = _replay = CancellationTokenSource.CreateLinkedTokenSource(_disposed.Token);
        var before = Before;
        var token = replay.Token;
        try
        {
            var effect = await Task.Run(() => estimator.Estimate(before, after, token), token);
            if (!token.IsCancellationRequested)
            {
                _effect = effect;
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // A newer value replaced this one, or the form closed: the newer replay renders, or nothing does.
            Logger.LogDebug("Replay of {After} for {Workflow} dropped for a newer one.", after, Workflow);
        }
    }

    /// <summary>The inputs and the model, or a sentence that says why there are none; never throws but for cancellation.</summary>
    private async Task<Loaded> LoadAsync(string workflow, decimal price, CancellationToken cancellationToken)
    {
        try
        {
            var lookup = await Tuning.LoadAsync(workflow, cancellationToken);
            if (lookup.Inputs is not { } inputs)
            {
                return new Loaded(null, lookup.Explanation ?? lookup.Blocker.ToString(), null);
            }

            // Rebuilding 7 days of arrivals is CPU work: keep it off the circuit's thread.
            var model = await Task.Run(() => new TuningModel(inputs, price), cancellationToken);
            return new Loaded(new EffectEstimator(model), null, null);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            Logger.LogWarning(error, "Reading the tuning inputs of {Workflow} failed.", workflow);
            return new Loaded(null, null, AwsErrorText.Explain(error));
        }
    }

    public void Dispose()
    {
        _disposed.Cancel();
        _replay?.Dispose();
        _disposed.Dispose();
    }

    /// <summary>What the load gave: a model to replay, or why it is blocked, or why it failed.</summary>
    private sealed record Loaded(EffectEstimator? Estimator, string? Blocked, string? Problem);
}
