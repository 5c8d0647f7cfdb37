using Dashboard.Cloud;
using Dashboard.Security;
using Dashboard.Workflows;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Dashboard.Components.Dialogs;

/// <summary>
/// What the dialogs that write to a run share: they ask, then call <see cref="RunControl"/> as the circuit's actor
/// (the service checks the actor again on the server side and audits the attempt, whatever the button showed). A
/// success closes the dialog with <see cref="ClosingValue"/>; a refusal or an AWS error stays in it, so the engineer
/// can read it and cancel.
/// </summary>
public abstract class RunWriteDialog : ComponentBase, IDisposable
{
    private readonly CancellationTokenSource _disposed = new();

    [CascadingParameter]
    public required IMudDialogInstance MudDialog { get; set; }

    [Parameter, EditorRequired]
    public string Workflow { get; set; } = string.Empty;

    [Parameter, EditorRequired]
    public string RunId { get; set; } = string.Empty;

    [Inject]
    public required RunControl Control { get; init; }

    [Inject]
    public required ICurrentActor CurrentActor { get; init; }

    [Inject]
    public required ILogger<RunWriteDialog> Logger { get; init; }

    protected bool Busy { get; private set; }

    protected string? Error { get; private set; }

    /// <summary>"Resuming", "Stopping": for the log.</summary>
    protected abstract string Doing { get; }

    /// <summary>The write, through <see cref="Control"/>.</summary>
    protected abstract Task<RunWriteResult> WriteAsync(Actor who, CancellationToken cancellationToken);

    /// <summary>What a successful write closes the dialog with.</summary>
    protected abstract object ClosingValue(RunWriteResult result);

    protected void Cancel() => MudDialog.Cancel();

    protected async Task ConfirmAsync()
    {
        (Busy, Error) = (true, null);
        try
        {
            var result = await WriteAsync(await CurrentActor.GetAsync(_disposed.Token), _disposed.Token);
            if (result.Succeeded)
            {
                MudDialog.Close(DialogResult.Ok(ClosingValue(result)));
            }
            else
            {
                Error = result.AuditProblem is { } problem ? $"{result.Message} {problem}" : result.Message;
            }
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            Logger.LogError(error, "{Doing} run {RunId} of {Workflow} failed.", Doing, RunId, Workflow);
            Error = AwsErrorText.Explain(error);
        }
        finally
        {
            Busy = false;
        }
    }

    public void Dispose()
    {
        _disposed.Cancel();
        _disposed.Dispose();
        GC.SuppressFinalize(this);
    }
}
