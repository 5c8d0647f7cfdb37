using Dashboard.Cloud;
using Dashboard.Security;
using Dashboard.Workflows;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Dashboard.Components.Dialogs;

/// <summary>
/// Asks before <c>StopWorkflowRun</c> and calls it through <see cref="RunControl"/>. Closes with the result's message;
/// a refusal or an AWS error stays in the dialog, so the engineer can read it and cancel.
/// </summary>
public partial class StopRunDialog : IDisposable
{
    private readonly CancellationTokenSource _disposed = new();
    private bool _busy;
    private string? _error;

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
    public required ILogger<StopRunDialog> Logger { get; init; }

    private void Cancel() => MudDialog.Cancel();

    private async Task ConfirmAsync()
    {
        (_busy, _error) = (true, null);
        try
        {
            var who = await CurrentActor.GetAsync(_disposed.Token);
            var result = await Control.StopAsync(Workflow, RunId, who, _disposed.Token);
            if (result.Succeeded)
            {
                MudDialog.Close(DialogResult.Ok(result.Message));
            }
            else
            {
                _error = result.AuditProblem is { } problem ? $"{result.Message} {problem}" : result.Message;
            }
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            Logger.LogError(error, "Stopping run {RunId} of {Workflow} failed.", RunId, Workflow);
            _error = AwsErrorText.Explain(error);
        }
        finally
        {
            _busy = false;
        }
    }

    public void Dispose()
    {
        _disposed.Cancel();
        _disposed.Dispose();
        GC.SuppressFinalize(this);
    }
}
