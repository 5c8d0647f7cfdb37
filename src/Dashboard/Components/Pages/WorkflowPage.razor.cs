using Dashboard.Batching;
using Dashboard.Components.Dialogs;
using Dashboard.Live;
using Dashboard.Metrics;
using Dashboard.Workflows;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Dashboard.Components.Pages;

public partial class WorkflowPage : IDisposable
{
    private readonly CancellationTokenSource _disposed = new();
    private List<BreadcrumbItem> _breadcrumbs = [];
    private string? _shownName;
    private LiveFeed<WorkflowLookup>? _detail;
    private LiveFeed<RunHistoryPage>? _runs;
    private LiveFeed<RunChartData>? _chart;
    private string? _chartKey;
    private TimeRange _range = TimeRange.Default;
    private string? _rangeError;
    private List<RunSummary> _older = [];
    private string? _olderToken;
    private bool _loadingOlder;
    private string? _olderError;

    [Parameter]
    public string Name { get; set; } = string.Empty;

    [SupplyParameterFromQuery(Name = "range")]
    public string? Range { get; set; }

    [SupplyParameterFromQuery(Name = "from")]
    public string? From { get; set; }

    [SupplyParameterFromQuery(Name = "to")]
    public string? To { get; set; }

    [Inject]
    public required WorkflowDetails Details { get; init; }

    [Inject]
    public required WorkflowRuns RunHistory { get; init; }

    [Inject]
    public required LiveData Live { get; init; }

    [Inject]
    public required NavigationManager Navigation { get; init; }

    [Inject]
    public required TimeProvider Time { get; init; }

    [Inject]
    public required ILogger<WorkflowPage> Logger { get; init; }

    [Inject]
    public required IDialogService Dialogs { get; init; }

    [Inject]
    public required ISnackbar Snackbar { get; init; }

    private DateTimeOffset Now => Time.GetUtcNow();

    private LiveState<WorkflowLookup> Detail => _detail?.State ?? new();

    private LiveState<RunHistoryPage> Runs => _runs?.State ?? new();

    private LiveState<RunChartData> Chart => _chart?.State ?? new();

    private bool NotFound => Detail.Value?.Missing == true;

    private bool Paused => _detail?.Paused ?? false;

    /// <summary>The newest page, live, then the older pages read on demand, without repeats.</summary>
    private IEnumerable<RunSummary> AllRuns => (Runs.Value?.Runs ?? []).Concat(_older).DistinctBy(r => r.RunId);

    private string? OlderToken => _older.Count == 0 ? Runs.Value?.NextToken : _olderToken;

    protected override async Task OnParametersSetAsync()
    {
        var parsed = TimeRange.Parse(Range, From, To, Now);
        _range = parsed.Range;
        _rangeError = parsed.Error;

        if (_shownName != Name)
        {
            _shownName = Name;
            _breadcrumbs = [new("Workflows", DashboardUrls.Workflows), new(Name, null, disabled: true)];
            _older = [];
            _olderToken = null;
            Subscribe();

            // The first HTML carries the workflow.
            await (_detail?.FirstUpdate ?? Task.CompletedTask);
        }

        SubscribeChart();
    }

    private void Subscribe()
    {
        _detail?.Dispose();
        _runs?.Dispose();
        var name = Name;
        _detail = new LiveFeed<WorkflowLookup>(Live, $"workflow:{name}", ct => Details.LookupAsync(name, ct), Changed);
        _runs = WorkflowFeeds.Runs(Live, RunHistory, name, Changed);
        _detail.Resume();
        _runs.Resume();
    }

    /// <summary>The chart's feed follows the range: a new range is a new feed.</summary>
    private void SubscribeChart()
    {
        var key = $"workflow-chart:{Name}:{_range.Key}";
        if (key == _chartKey)
        {
            return;
        }

        _chartKey = key;
        _chart?.Dispose();
        var (name, range) = (Name, _range);
        _chart = new LiveFeed<RunChartData>(Live, key, async ct =>
        {
            var (start, end) = range.Resolve(Time.GetUtcNow());
            return RunCharts.Build(await RunHistory.GetRangeAsync(name, start, end, ct));
        }, Changed);
        if (!Paused)
        {
            _chart.Resume();
        }
    }

    private Task Changed() => InvokeAsync(StateHasChanged);

    private IEnumerable<ILiveFeedControl> Feeds => new ILiveFeedControl?[] { _detail, _runs, _chart }.OfType<ILiveFeedControl>();

    private void OnPausedChanged(bool paused)
    {
        foreach (var feed in Feeds)
        {
            feed.SetPaused(paused);
        }
    }

    private Task RefreshAsync() => Task.WhenAll(Feeds.Select(f => f.RefreshAsync()));

    private void OnRangeChanged(TimeRange range) =>
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameters(range.ToQuery().ToDictionary(p => p.Key, p => (object?)p.Value)), new NavigationOptions { ReplaceHistoryEntry = true });

    /// <summary>
    /// The batching editor in a dialog; afterwards the page reads the workflow again, so it shows what AWS has now. The
    /// dialog hangs from the top, so that Save stays where it is while the expected effect fills in below it, and a click
    /// beside it does not throw an edit away.
    /// </summary>
    private async Task EditBatchingAsync()
    {
        var parameters = new DialogParameters<TriggerEditorDialog> { { d => d.Workflow, Name } };
        var options = new DialogOptions
        {
            MaxWidth = MaxWidth.Medium,
            FullWidth = true,
            CloseOnEscapeKey = true,
            CloseButton = true,
            BackdropClick = false,
            Position = DialogPosition.TopCenter,
        };
        var dialog = await Dialogs.ShowAsync<TriggerEditorDialog>($"Edit the batching of {Name}", parameters, options);
        var result = await dialog.Result;
        if (result is { Canceled: false, Data: SaveResult written })
        {
            await (_detail?.RefreshAsync() ?? Task.CompletedTask);
            Snackbar.Add(written.Message, written.Outcome == SaveOutcome.Saved ? Severity.Success : Severity.Warning, options => options.VisibleStateDuration = 10_000);
        }
    }

    private async Task LoadOlderAsync()
    {
        if (OlderToken is not { } token)
        {
            return;
        }

        _loadingOlder = true;
        _olderError = null;
        try
        {
            var page = await RunHistory.GetPageAsync(Name, token, _disposed.Token);
            _older.AddRange(page.Runs);
            _olderToken = page.NextToken;
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            Logger.LogError(error, "Loading older runs of {Workflow} failed.", Name);
            _olderError = Cloud.AwsErrorText.Explain(error);
        }
        finally
        {
            _loadingOlder = false;
        }
    }

    public void Dispose()
    {
        _disposed.Cancel();
        _disposed.Dispose();
        foreach (var feed in Feeds)
        {
            feed.Dispose();
        }

        GC.SuppressFinalize(this);
    }
}
