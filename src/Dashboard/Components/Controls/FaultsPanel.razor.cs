using Dashboard.Cloud;
using Dashboard.Playground;
using Dashboard.Security;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Dashboard.Components.Controls;

/// <summary>
/// Lists, adds and removes the embedded LocalCloud's fault rules, so a newcomer can see how the dashboard and the
/// pipelines behave when AWS throttles, fails or slows down. The draft is checked before anything is sent;
/// LocalCloud's own refusal is shown as it words it.
/// </summary>
public partial class FaultsPanel : IDisposable
{
    private static readonly IReadOnlyList<(string Value, string Label)> ServiceOptions =
        [.. FaultDraft.Services.Select(s => (s, s))];

    private static readonly IReadOnlyList<(InjectedFaultKind Value, string Label)> KindOptions =
    [
        (InjectedFaultKind.Throttle, "Throttle"),
        (InjectedFaultKind.ServerError, "ServerError (5xx)"),
        (InjectedFaultKind.Latency, "Latency"),
    ];

    private readonly CancellationTokenSource _disposed = new();
    private readonly FaultDraft _draft = new();
    private IReadOnlyList<InjectedFault>? _faults;
    private Actor? _actor;
    private string? _refusal;
    private string? _error;
    private bool _triedAdd;
    private bool _busy;

    [Inject]
    public required ILocalCloudFaults Faults { get; init; }

    [Inject]
    public required ICurrentActor CurrentActor { get; init; }

    [Inject]
    public required ILogger<FaultsPanel> Logger { get; init; }

    private bool CanWrite => _actor is { MayWrite: true } && !_busy;

    protected override async Task OnInitializedAsync()
    {
        _actor = await CurrentActor.GetAsync(_disposed.Token);
        _refusal = _actor.WriteRefusal("change LocalCloud's faults");
        await RunAsync(ct => Faults.ListAsync(ct));
    }

    /// <summary>Problems show once the user has tried to add, then follow the typing.</summary>
    private string? ProblemWith(string field) =>
        _triedAdd && _draft.Problems().TryGetValue(field, out var problem) ? problem : null;

    private async Task AddAsync()
    {
        _triedAdd = true;
        if (_draft.Problems().Count > 0 || _actor is not { } actor)
        {
            return;
        }

        var fault = _draft.ToFault();
        if (await RunAsync(ct => Faults.PutAsync(fault, actor, ct)))
        {
            _triedAdd = false;
        }
    }

    private async Task AddPresetAsync(FaultPreset preset)
    {
        if (_actor is not { } actor)
        {
            return;
        }

        await RunAsync(async ct =>
        {
            IReadOnlyList<InjectedFault> after = [];
            foreach (var fault in preset.Faults)
            {
                after = await Faults.PutAsync(fault, actor, ct);
            }

            return after;
        });
    }

    private async Task RemoveAsync(InjectedFault fault)
    {
        if (_actor is { } actor && !await RunAsync(ct => Faults.RemoveAsync(fault, actor, ct)))
        {
            // Someone else may have changed the rules: show what is there now under the message.
            await ReloadKeepingErrorAsync();
        }
    }

    private async Task ClearAsync()
    {
        if (_actor is { } actor)
        {
            await RunAsync(ct => Faults.ClearAsync(actor, ct));
        }
    }

    /// <summary>Runs one call, keeps its list, or shows its error in a sentence; true when it worked.</summary>
    private async Task<bool> RunAsync(Func<CancellationToken, Task<IReadOnlyList<InjectedFault>>> call)
    {
        _busy = true;
        _error = null;
        try
        {
            _faults = await call(_disposed.Token);
            return true;
        }
        catch (FaultInjectionException error)
        {
            Logger.LogWarning(error, "A fault injection call failed.");
            _error = error.Message;
            return false;
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            Logger.LogError(error, "A fault injection call failed unexpectedly.");
            _error = AwsErrorText.Explain(error);
            return false;
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task ReloadKeepingErrorAsync()
    {
        var error = _error;
        await RunAsync(ct => Faults.ListAsync(ct));
        _error ??= error;
    }

    private static Color KindColor(InjectedFaultKind kind) => kind switch
    {
        InjectedFaultKind.Throttle => Color.Warning,
        InjectedFaultKind.ServerError => Color.Error,
        _ => Color.Info,
    };

    public void Dispose()
    {
        _disposed.Cancel();
        _disposed.Dispose();
        GC.SuppressFinalize(this);
    }
}
