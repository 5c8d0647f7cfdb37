using Dashboard.Batching;
using Dashboard.Security;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Dashboard.Components.Pages;

/// <summary>The batching editor: validation as you type, a diff, and a save that cannot half-apply or overwrite someone else's change.</summary>
public partial class TriggerPage : IDisposable
{
    private readonly CancellationTokenSource _disposed = new();
    private List<BreadcrumbItem> _breadcrumbs = [];
    private OpenResult? _open;
    private string? _size;
    private string? _window;
    private string? _reason;
    private bool _saving;
    private SaveResult? _result;
    private BatchingChange? _change;

    [Parameter]
    public string Name { get; set; } = string.Empty;

    [Inject]
    public required TriggerEditor Editor { get; init; }

    [Inject]
    public required ICurrentActor CurrentActor { get; init; }

    /// <summary>Who edits: the signed-in user, or the local user without sign-in. Only an Operator may; the editor checks again.</summary>
    private Actor? _actor;

    private bool CanEdit => _actor?.MayWrite == true;

    protected override async Task OnInitializedAsync() => _actor = await CurrentActor.GetAsync(_disposed.Token);

    private BatchingInput Input => BatchingChange.Parse(_size, _window);

    private BatchingPreview? Preview => _open?.Session is { } session && Input.Change is { } change && Input.IsValid ? TriggerEditor.Preview(session, change) : null;

    private bool CanSave => CanEdit && !_saving && Preview is { ChangesAnything: true };

    protected override async Task OnParametersSetAsync()
    {
        _breadcrumbs = [new("Workflows", DashboardUrls.Workflows), new(Name, DashboardUrls.Workflow(Name)), new("Batching", null, disabled: true)];
        await ReopenAsync();
    }

    private async Task ReopenAsync()
    {
        _result = null;
        _open = await Editor.OpenAsync(EditTarget.Workflow(Name), _disposed.Token);
        var current = _open.Session?.Current;
        _size = current?.BatchSize.ToString(System.Globalization.CultureInfo.InvariantCulture);
        _window = current?.BatchWindow?.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    private async Task SaveAsync()
    {
        if (_open?.Session is { } session && Input.Change is { } change)
        {
            await SaveAsync(session, change);
        }
    }

    private Task SaveMergeAsync(TriggerConflict conflict) =>
        _change is { } change ? SaveAsync(conflict.Reopened, change) : Task.CompletedTask;

    private async Task SaveAsync(EditSession session, BatchingChange change)
    {
        _saving = true;
        _change = change;
        try
        {
            _result = await Editor.SaveAsync(session, change, _actor ?? AnonymousActor.AnonymousViewer, string.IsNullOrWhiteSpace(_reason) ? null : _reason.Trim(), _disposed.Token);
            if (_result.Outcome == SaveOutcome.Saved && _result.After is { } after)
            {
                // The next save starts from what is in AWS now.
                _open = _open! with { Session = session with { Snapshot = after, Fingerprint = TriggerText.Fingerprint(after) } };
            }
        }
        finally
        {
            _saving = false;
        }
    }

    private static Severity SeverityOf(SaveOutcome outcome) => outcome switch
    {
        SaveOutcome.Saved or SaveOutcome.Unchanged => Severity.Success,
        SaveOutcome.Conflict or SaveOutcome.Unconfirmed => Severity.Warning,
        _ => Severity.Error,
    };

    public void Dispose()
    {
        _disposed.Cancel();
        _disposed.Dispose();
        GC.SuppressFinalize(this);
    }
}
