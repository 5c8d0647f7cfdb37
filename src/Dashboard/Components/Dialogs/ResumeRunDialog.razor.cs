using Dashboard.Cloud;
using Dashboard.Security;
using Dashboard.Workflows;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Dashboard.Components.Dialogs;

/// <summary>
/// Asks before <c>ResumeWorkflowRun</c>, naming the nodes that will run again, and calls it through <see cref="RunControl"/>. Closes with the new run's
/// id; an AWS refusal stays in the dialog, so the engineer can read it and cancel.
/// </summary>
public partial class ResumeRunDialog : IDisposable
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

    [Parameter, EditorRequired]
    public IReadOnlyList<ResumableNode> Nodes { get; set; } = [];

    [Inject]
    public required RunControl Control { get; init; }

    [Inject]
    public required ICurrentActor CurrentActor { get; init; }

    [Inject]
    public required ILogger<ResumeRunDialog> Logger { get; init; }

    private void Cancel() => MudDialog.Cancel();

    private async Task ConfirmAsync()
    {
        (_busy, _error) = (true, null);
        try
        {
            // The service checks the actor again on the server side and audits the attempt, whatever the button showed.
            var who = await CurrentActor.GetAsync(_disposed.Token);
            var result = await Control.ResumeAsync(Workflow, RunId, [.. Nodes.Select(n => n.NodeId)], who, _disposed.Token);
            if (result is { Succeeded: true, NewRunId: { } newRunId })
            {
                MudDialog.Close(DialogResult.Ok(newRunId));
            }
            else
            {
                _error = result.AuditProblem is { } problem ? $"{result.Message} {problem}" : result.Message;
            }
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            Logger.LogError(error, "Resuming run {RunId} of {Workflow} failed.", RunId, Workflow);
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
