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

    /// <summary>The search, from <c>?q=</c>: the URL is what people paste into incident channels.</summary>
    [SupplyParameterFromQuery(Name = "q")]
    public string? Query { get; set; }

    /// <summary>Whether non-event workflows are shown, from <c>?all=true</c>.</summary>
    [SupplyParameterFromQuery(Name = "all")]
    public bool? All { get; set; }

    [Inject]
    public required NavigationManager Navigation { get; init; }

    [Inject]
    public required WorkflowCatalog Catalog { get; init; }

    [Inject]
    public required TimeProvider Time { get; init; }

    [Inject]
    public required ILogger<WorkflowsPage> Logger { get; init; }

    private DateTimeOffset Now => Time.GetUtcNow();

    protected override Task OnInitializedAsync() => LoadAsync(refresh: false);

    protected override void OnParametersSet()
    {
        _search = Query;
        _includeAll = All == true;
        ApplyView();
    }

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
        KeepInUrl();
    }

    private void OnIncludeAllChanged(bool includeAll)
    {
        _includeAll = includeAll;
        ApplyView();
        KeepInUrl();
    }

    /// <summary>Puts the view in the address bar without a new history entry per keystroke.</summary>
    private void KeepInUrl() => Navigation.NavigateTo(
        Navigation.GetUriWithQueryParameters(new Dictionary<string, object?>
        {
            ["q"] = string.IsNullOrWhiteSpace(_search) ? null : _search,
            ["all"] = _includeAll ? "true" : null,
        }),
        new NavigationOptions { ReplaceHistoryEntry = true });

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
