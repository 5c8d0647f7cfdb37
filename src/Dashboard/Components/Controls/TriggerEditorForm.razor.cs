using System.Globalization;
using Dashboard.Aws.Glue;
using Dashboard.Batching;
using Dashboard.Batching.WhatIf;
using Dashboard.Security;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Dashboard.Components.Controls;

/// <summary>
/// Edits the batching of a workflow's start trigger: validation as you type, a diff, and a save that cannot half-apply
/// or overwrite someone else's change. Who may save comes from <see cref="ICurrentActor"/>; a Viewer sees it read-only.
/// </summary>
public partial class TriggerEditorForm : IDisposable
{
    private const string WhatIsEdited = "change a trigger's batching";

    private readonly CancellationTokenSource _disposed = new();
    private string? _openedFor;
    private Actor? _actor;
    private OpenResult? _open;
    private string? _size;
    private string? _window;
    private string? _reason;
    private bool _saving;
    private SaveResult? _result;
    private BatchingChange? _change;
    private (string? Size, string? Window) _proposalSeen;
    private bool _proposalPending;
    private bool _proposed;

    /// <summary>The workflow whose start trigger is edited.</summary>
    [Parameter, EditorRequired]
    public string Workflow { get; set; } = string.Empty;

    /// <summary>One column, for a dialog.</summary>
    [Parameter]
    public bool Compact { get; set; }

    /// <summary>After a save that wrote to AWS (saved, or sent without confirmation).</summary>
    [Parameter]
    public EventCallback<SaveResult> OnWritten { get; set; }

    /// <summary>What Cancel does; without it, Cancel goes back to the workflow's page.</summary>
    [Parameter]
    public EventCallback OnCancel { get; set; }

    /// <summary>
    /// A BatchSize proposed by the what-if simulator, as text from the address: it goes in the field instead of the
    /// current value, unsaved, and a bad value gets the field's usual message.
    /// </summary>
    [Parameter]
    public string? ProposedSize { get; set; }

    /// <summary>A proposed BatchWindow in seconds, as text; see <see cref="ProposedSize"/>.</summary>
    [Parameter]
    public string? ProposedWindow { get; set; }

    [Inject]
    public required TriggerEditor Editor { get; init; }

    [Inject]
    public required ICurrentActor CurrentActor { get; init; }

    private bool CanEdit => _actor?.MayWrite == true;

    private BatchingInput Input => BatchingChange.Parse(_size, _window);

    private BatchingPreview? Preview => _open?.Session is { } session && Input is { IsValid: true, Change: { } change } ? TriggerEditor.Preview(session, change) : null;

    private bool CanSave => CanEdit && !_saving && Preview is { ChangesAnything: true };

    protected override async Task OnInitializedAsync() => _actor = await CurrentActor.GetAsync(_disposed.Token);

    protected override async Task OnParametersSetAsync()
    {
        var proposal = (ProposedSize, ProposedWindow);
        if (_openedFor != Workflow)
        {
            (_openedFor, _proposalSeen, _proposalPending, _proposed) = (Workflow, proposal, true, false);
            await ReopenAsync();
        }
        else if (proposal != _proposalSeen)
        {
            (_proposalSeen, _proposalPending) = (proposal, true);
            if (_open?.Session is not null)
            {
                ApplyProposal();
            }
        }
    }

    /// <summary>Puts the proposal in the fields once, after an open; "Start again from theirs" then shows theirs.</summary>
    private void ApplyProposal()
    {
        _proposalPending = false;
        _proposed = ProposedSize is not null || ProposedWindow is not null;
        if (_proposed)
        {
            (_size, _window, _result) = (ProposedSize ?? _size, ProposedWindow ?? _window, null);
        }
    }

    /// <summary>The setting Glue's batcher applies for a condition; null when it lies outside Glue's limits.</summary>
    private static BatchingSetting? SettingOf(BatchingChange? change) =>
        change is null ? new BatchingSetting(1)
        : change.Validate().Count == 0 ? new BatchingSetting(change.BatchSize, change.EffectiveBatchWindow)
        : null;

    private async Task ReopenAsync()
    {
        (_open, _result) = (null, null);
        _open = await Editor.OpenAsync(EditTarget.Workflow(Workflow), _disposed.Token);
        var current = _open.Session?.Current;
        _size = current?.BatchSize.ToString(CultureInfo.InvariantCulture);
        _window = current?.BatchWindow?.ToString(CultureInfo.InvariantCulture);
        if (_proposalPending && _open.Session is not null)
        {
            ApplyProposal();
        }
    }

    private async Task SaveAsync()
    {
        if (_open?.Session is { } session && Input is { IsValid: true, Change: { } change })
        {
            await SaveAsync(session, change);
        }
    }

    private Task SaveMergeAsync(TriggerConflict conflict) =>
        _change is { } change ? SaveAsync(conflict.Reopened, change) : Task.CompletedTask;

    private async Task SaveAsync(EditSession session, BatchingChange change)
    {
        if (_actor is not { } actor)
        {
            return;
        }

        (_saving, _change) = (true, change);
        try
        {
            _result = await Editor.SaveAsync(session, change, actor, string.IsNullOrWhiteSpace(_reason) ? null : _reason.Trim(), _disposed.Token);
            if (_result is { Outcome: SaveOutcome.Saved, After: { } after } && _open is { } open)
            {
                // The next save starts from what is in AWS now.
                _open = open with { Session = session with { Snapshot = after, Fingerprint = TriggerText.Fingerprint(after) } };
            }
        }
        finally
        {
            _saving = false;
        }

        if (_result.Written)
        {
            await OnWritten.InvokeAsync(_result);
        }
    }

    private static string BatchingOf(Trigger trigger) =>
        BatchingText.Describe(trigger.EventBatchingCondition is { } batching ? BatchingChange.From(batching) : null);

    internal static Severity SeverityOf(SaveOutcome outcome) => outcome switch
    {
        SaveOutcome.Saved or SaveOutcome.Unchanged => Severity.Success,
        SaveOutcome.Conflict or SaveOutcome.Unconfirmed => Severity.Warning,
        _ => Severity.Error,
    };

    internal static string OutcomeText(SaveOutcome outcome) => outcome switch
    {
        SaveOutcome.Unconfirmed => "Not confirmed",
        _ => outcome.ToString(),
    };

    public void Dispose()
    {
        _disposed.Cancel();
        _disposed.Dispose();
        GC.SuppressFinalize(this);
    }
}
