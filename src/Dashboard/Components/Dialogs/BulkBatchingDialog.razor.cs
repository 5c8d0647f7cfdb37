using System.Globalization;
using Dashboard.Batching;
using Dashboard.Security;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Dashboard.Components.Dialogs;

/// <summary>
/// One batching for several workflows: validation as you type, the change per trigger (and which would not change or
/// cannot be edited, and why), then <see cref="TriggerEditor.BulkSaveAsync"/> with a result per trigger. Closes with
/// the results when anything was sent, so the list behind can read AWS again.
/// </summary>
public partial class BulkBatchingDialog : IDisposable
{
    private const string WhatIsEdited = "change a trigger's batching";

    private readonly CancellationTokenSource _disposed = new();
    private Actor? _actor;
    private IReadOnlyList<(string Workflow, OpenResult Open)>? _opened;
    private int _openedCount;
    private string? _size;
    private string? _window;
    private string? _reason;
    private bool _saving;
    private IReadOnlyList<SaveResult>? _results;
    private bool _sent;

    [CascadingParameter]
    public required IMudDialogInstance MudDialog { get; set; }

    /// <summary>The selected workflows, by name.</summary>
    [Parameter, EditorRequired]
    public IReadOnlyList<string> Workflows { get; set; } = [];

    [Inject]
    public required TriggerEditor Editor { get; init; }

    [Inject]
    public required ICurrentActor CurrentActor { get; init; }

    private bool CanEdit => _actor?.MayWrite == true && _results is null;

    private BatchingInput Input => BatchingChange.Parse(_size, _window);

    private BulkBatchingPlan Plan => BulkBatchingPlan.Build(_opened ?? [], Input.IsValid ? Input.Change : null);

    private bool CanSave => CanEdit && !_saving && _opened is not null && Plan.Count(BulkLineState.WillChange) > 0;

    private string Summary
    {
        get
        {
            if (_results is { } results)
            {
                var counts = results.GroupBy(r => r.Outcome).OrderBy(g => g.Key).Select(g => $"{g.Count()} {OutcomeLabel(g.Key).ToLowerInvariant()}");
                return $"{string.Join(", ", counts)}.{NotSentText(Plan)}";
            }

            var plan = Plan;
            if (plan.Change is null)
            {
                return "Fix the fields to see the change.";
            }

            var parts = new List<string> { $"{TriggersText(plan.Count(BulkLineState.WillChange))} will change" };
            if (plan.Count(BulkLineState.Unchanged) is > 0 and var unchanged)
            {
                parts.Add($"{unchanged} already {(unchanged == 1 ? "has" : "have")} this batching");
            }

            if (plan.Count(BulkLineState.CannotEdit) is > 0 and var cannot)
            {
                parts.Add($"{WorkflowsText(cannot)} cannot be edited");
            }

            return $"{string.Join(", ", parts)}.";
        }
    }

    protected override async Task OnInitializedAsync()
    {
        _actor = await CurrentActor.GetAsync(_disposed.Token);
        await OpenAllAsync();
    }

    private async Task OpenAllAsync()
    {
        (_opened, _openedCount, _results) = (null, 0, null);
        _opened = await Editor.OpenManyAsync(Workflows, count =>
        {
            _openedCount = count;
            _ = InvokeAsync(StateHasChanged);
        }, _disposed.Token);

        // Start from the batching most of them have now.
        var common = _opened.Select(o => o.Open.Session?.Current).OfType<BatchingChange>()
            .GroupBy(c => c).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstOrDefault();
        _size = common?.BatchSize.ToString(CultureInfo.InvariantCulture);
        _window = common?.BatchWindow?.ToString(CultureInfo.InvariantCulture);
    }

    private async Task SaveAsync()
    {
        if (_actor is not { } actor || Plan is not { Change: { } change } plan)
        {
            return;
        }

        _saving = true;
        try
        {
            var reason = string.IsNullOrWhiteSpace(_reason) ? null : _reason.Trim();
            _results = await Editor.BulkSaveAsync([.. plan.ToSave], change, actor, reason, _disposed.Token);
            _sent = _sent || _results.Any(r => r.Written);
        }
        finally
        {
            _saving = false;
        }
    }

    private Task StartAgainAsync() => OpenAllAsync();

    private void Close()
    {
        if (_sent)
        {
            MudDialog.Close(DialogResult.Ok(_results ?? []));
        }
        else
        {
            MudDialog.Cancel();
        }
    }

    private static string NotSentText(BulkBatchingPlan plan)
    {
        var unchanged = plan.Count(BulkLineState.Unchanged);
        var cannot = plan.Count(BulkLineState.CannotEdit);
        return unchanged + cannot == 0 ? string.Empty : $" Not sent: {unchanged} already had this batching, {cannot} cannot be edited.";
    }

    internal static string OutcomeLabel(SaveOutcome outcome) => outcome switch
    {
        SaveOutcome.Unconfirmed => "Not confirmed",
        _ => outcome.ToString(),
    };

    private static string OutcomeClass(SaveOutcome outcome) => outcome switch
    {
        SaveOutcome.Saved or SaveOutcome.Unchanged => "outcome-good",
        SaveOutcome.Conflict or SaveOutcome.Unconfirmed => "outcome-warn",
        _ => "outcome-bad",
    };

    private static string WorkflowsText(int count) => count == 1 ? "1 workflow" : $"{count} workflows";

    private static string TriggersText(int count) => count == 1 ? "1 trigger" : $"{count} triggers";

    public void Dispose()
    {
        _disposed.Cancel();
        _disposed.Dispose();
        GC.SuppressFinalize(this);
    }
}
