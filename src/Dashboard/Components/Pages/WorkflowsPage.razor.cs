using Dashboard.Cloud;
using Dashboard.Workflows;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Components.Pages;

public partial class WorkflowsPage : IDisposable
{
    private readonly CancellationTokenSource _disposed = new();
    private WorkflowCatalogSnapshot? _snapshot;
    private IReadOnlyList<WorkflowSummary> _rows = [];
    private string? _error;
    private bool _loading = true;
    private string? _search;
    private bool _includeAll;

    [Inject]
    public required WorkflowCatalog Catalog { get; init; }

    [Inject]
    public required TimeProvider Time { get; init; }

    [Inject]
    public required ILogger<WorkflowsPage> Logger { get; init; }

    private DateTimeOffset Now => Time.GetUtcNow();

    protected override Task OnInitializedAsync() => LoadAsync(refresh: false);

    private Task RefreshAsync() => LoadAsync(refresh: true);

    private async Task LoadAsync(bool refresh)
    {
        _loading = true;
        try
        {
            if (refresh)
            {
                await Catalog.InvalidateAsync(_disposed.Token);
            }

            _snapshot = await Catalog.GetAsync(_disposed.Token);
            _error = null;
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            // The page stays up and says what failed; the last good list, if any, stays on screen.
            Logger.LogError(error, "Loading the workflow list failed.");
            _error = AwsErrorText.Explain(error);
        }
        finally
        {
            _loading = false;
            ApplyView();
        }
    }

    private void OnSearchChanged(string? search)
    {
        _search = search;
        ApplyView();
    }

    private void OnIncludeAllChanged(bool includeAll)
    {
        _includeAll = includeAll;
        ApplyView();
    }

    private void ApplyView() =>
        _rows = _snapshot is null ? [] : new WorkflowListView(_search, _includeAll).Apply(_snapshot.Workflows);

    private string EmptyFilterHint(WorkflowCatalogSnapshot snapshot)
    {
        var hidden = WorkflowListView.HiddenByEventFilter(snapshot.Workflows);
        if (!_includeAll && hidden == snapshot.Workflows.Count)
        {
            return $"None of the {snapshot.Workflows.Count} workflows has an EVENT start trigger. Turn on \"Include all workflows\" to see them.";
        }

        return string.IsNullOrWhiteSpace(_search)
            ? "Change the filters to see more workflows."
            : $"Nothing matches \"{_search}\". Search looks at workflow, trigger and rule names.";
    }

    public void Dispose()
    {
        _disposed.Cancel();
        _disposed.Dispose();
        GC.SuppressFinalize(this);
    }
}
