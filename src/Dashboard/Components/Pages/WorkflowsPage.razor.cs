using Dashboard.Batching;
using Dashboard.Components.Dialogs;
using Dashboard.Live;
using Dashboard.Workflows;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Dashboard.Components.Pages;

public partial class WorkflowsPage : IDisposable
{
    private LiveFeed<WorkflowCatalogSnapshot>? _feed;
    private WorkflowListView _view = new();
    private IReadOnlyList<WorkflowRow> _rows = [];

    /// <summary>The workflows picked for a bulk edit, by name: the list's refreshes replace its rows, not this.</summary>
    private readonly HashSet<string> _selected = new(StringComparer.Ordinal);

    /// <summary>The search, from <c>?q=</c>: the URL is what people paste into incident channels.</summary>
    [SupplyParameterFromQuery(Name = "q")]
    public string? Query { get; set; }

    /// <summary>Whether non-event workflows are shown, from <c>?all=true</c>.</summary>
    [SupplyParameterFromQuery(Name = "all")]
    public bool? All { get; set; }

    [SupplyParameterFromQuery(Name = "unhealthy")]
    public bool? Unhealthy { get; set; }

    /// <summary><c>enabled</c>, <c>disabled</c> or <c>none</c>.</summary>
    [SupplyParameterFromQuery(Name = "rules")]
    public string? RulesFilter { get; set; }

    /// <summary>A <see cref="WorkflowSort"/> name, with a leading <c>-</c> for descending.</summary>
    [SupplyParameterFromQuery(Name = "sort")]
    public string? Sort { get; set; }

    [Inject]
    public required NavigationManager Navigation { get; init; }

    [Inject]
    public required WorkflowOverview Overview { get; init; }

    [Inject]
    public required LiveData Live { get; init; }

    [Inject]
    public required TimeProvider Time { get; init; }

    [Inject]
    public required WorkflowCatalog Catalog { get; init; }

    [Inject]
    public required IDialogService Dialogs { get; init; }

    [Inject]
    public required ISnackbar Snackbar { get; init; }

    private DateTimeOffset Now => Time.GetUtcNow();

    private LiveState<WorkflowCatalogSnapshot> State => _feed?.State ?? new();

    protected override async Task OnInitializedAsync()
    {
        // The prerendered page hands its list to the interactive one through the feed's reuse of a fresh list.
        _feed = WorkflowFeeds.Overview(Live, Overview, () => InvokeAsync(() =>
        {
            ApplyView();
            StateHasChanged();
        }));
        _feed.Resume();

        // The first HTML carries at least the names.
        await _feed.FirstUpdate;
        ApplyView();
    }

    protected override void OnParametersSet()
    {
        _view = WorkflowListView.FromQuery(Query, All, Unhealthy, RulesFilter, Sort);
        ApplyView();
    }

    private Task RefreshAsync() => _feed?.RefreshAsync() ?? Task.CompletedTask;

    private void OnPausedChanged(bool paused)
    {
        _feed?.SetPaused(paused);
    }

    private void OnSearchChanged(string? search) => Change(_view with { Search = search });

    private void OnIncludeAllChanged(bool includeAll) => Change(_view with { IncludeAll = includeAll });

    private void OnUnhealthyOnlyChanged(bool unhealthyOnly) => Change(_view with { UnhealthyOnly = unhealthyOnly });

    private void OnRulesFilterChanged(RuleStateFilter rules) => Change(_view with { Rules = rules });

    private void OnSortChanged(WorkflowSort sort) => Change(_view with { Sort = sort });

    private void ToggleDirection() => Change(_view with { Descending = !_view.Descending });

    private void ClearFilters() => Change(new WorkflowListView(Sort: _view.Sort, Descending: _view.Descending));

    /// <summary>Applies a new view and puts it in the address bar, without a history entry per keystroke.</summary>
    private void Change(WorkflowListView view)
    {
        _view = view;
        ApplyView();
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameters(view.ToQuery()), new NavigationOptions { ReplaceHistoryEntry = true });
    }

    private string SelectionText
    {
        get
        {
            var hidden = _selected.Count - _rows.Count(r => _selected.Contains(r.Name));
            return $"{_selected.Count} selected" + (hidden > 0 ? $" ({hidden} not shown by the filters)" : string.Empty);
        }
    }

    private void ToggleSelected(string workflow)
    {
        if (!_selected.Remove(workflow))
        {
            _selected.Add(workflow);
        }
    }

    private void ToggleAllShown(bool select)
    {
        foreach (var row in _rows)
        {
            if (select)
            {
                _selected.Add(row.Name);
            }
            else
            {
                _selected.Remove(row.Name);
            }
        }
    }

    private void ClearSelection() => _selected.Clear();

    /// <summary>The bulk editor for the selection; when it sent anything, the list is read from AWS again.</summary>
    private async Task EditSelectedAsync()
    {
        var parameters = new DialogParameters<BulkBatchingDialog> { { d => d.Workflows, [.. _selected.Order(StringComparer.Ordinal)] } };
        var options = new DialogOptions { MaxWidth = MaxWidth.Medium, FullWidth = true, CloseOnEscapeKey = false, BackdropClick = false };
        var dialog = await Dialogs.ShowAsync<BulkBatchingDialog>("Edit the batching of the selected workflows", parameters, options);
        if (await dialog.Result is { Canceled: false, Data: IReadOnlyList<SaveResult> results })
        {
            var saved = results.Count(r => r.Outcome == SaveOutcome.Saved);
            Snackbar.Add($"{saved} of {results.Count} triggers saved.", saved == results.Count ? Severity.Success : Severity.Warning);
            await Catalog.InvalidateAsync(CancellationToken.None);
            await RefreshAsync();
        }
    }

    private void ApplyView() => _rows = State.Value is { } snapshot ? _view.Apply(snapshot) : [];

    private bool IsFiltered => !string.IsNullOrWhiteSpace(_view.Search) || _view.UnhealthyOnly || _view.Rules != RuleStateFilter.Any;

    private string EmptyFilterHint(WorkflowCatalogSnapshot snapshot)
    {
        var hidden = WorkflowListView.HiddenByEventFilter(snapshot.Workflows);
        if (!_view.IncludeAll && hidden == snapshot.Workflows.Count)
        {
            return $"None of the {snapshot.Workflows.Count} workflows has an EVENT start trigger. Turn on \"Include all workflows\" to see them.";
        }

        if (_view.UnhealthyOnly && string.IsNullOrWhiteSpace(_view.Search) && _view.Rules == RuleStateFilter.Any)
        {
            return "Every workflow shown is healthy.";
        }

        return string.IsNullOrWhiteSpace(_view.Search)
            ? "Change the filters to see more workflows."
            : $"Nothing matches \"{_view.Search}\". Search looks at workflow, trigger and rule names.";
    }

    private static string ActivityPending(WorkflowCatalogSnapshot snapshot) => snapshot switch
    {
        { HasActivity: false } => "reading metrics…",
        { MetricsProblem: not null } => "metrics unavailable",
        _ => "no rule to measure",
    };

    private static readonly IReadOnlyList<(WorkflowSort, string)> SortOptions = [.. Enum.GetValues<WorkflowSort>().Select(sort => (sort, SortLabel(sort)))];

    private static readonly IReadOnlyList<(RuleStateFilter, string)> RulesOptions = [.. Enum.GetValues<RuleStateFilter>().Select(filter => (filter, RulesLabel(filter)))];

    private static string SortLabel(WorkflowSort sort) => sort switch
    {
        WorkflowSort.LastRun => "Last run",
        WorkflowSort.Invocations => "Invocations (24 h)",
        WorkflowSort.FailedInvocations => "Failed invocations (24 h)",
        _ => sort.ToString(),
    };

    private static string RulesLabel(RuleStateFilter filter) => filter switch
    {
        RuleStateFilter.Enabled => "An enabled rule",
        RuleStateFilter.Disabled => "A disabled rule",
        RuleStateFilter.None => "No rule",
        _ => "Any rules",
    };

    public void Dispose()
    {
        _feed?.Dispose();
        GC.SuppressFinalize(this);
    }
}
