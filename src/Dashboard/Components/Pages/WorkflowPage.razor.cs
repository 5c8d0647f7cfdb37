using Dashboard.Cloud;
using Dashboard.Workflows;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Dashboard.Components.Pages;

public partial class WorkflowPage : IDisposable
{
    private readonly CancellationTokenSource _disposed = new();
    private List<BreadcrumbItem> _breadcrumbs = [];
    private WorkflowSummary? _summary;
    private List<RunSummary> _runs = [];
    private string? _nextToken;
    private string? _error;
    private bool _loading = true;

    [Parameter]
    public string Name { get; set; } = string.Empty;

    [Inject]
    public required WorkflowCatalog Catalog { get; init; }

    [Inject]
    public required WorkflowRuns Runs { get; init; }

    [Inject]
    public required TimeProvider Time { get; init; }

    [Inject]
    public required ILogger<WorkflowPage> Logger { get; init; }

    private DateTimeOffset Now => Time.GetUtcNow();

    protected override Task OnParametersSetAsync()
    {
        _breadcrumbs = [new("Workflows", DashboardUrls.Workflows), new(Name, null, disabled: true)];
        _runs = [];
        _nextToken = null;
        return LoadAsync();
    }

    private Task RefreshAsync()
    {
        _runs = [];
        _nextToken = null;
        return LoadAsync();
    }

    private Task LoadMoreAsync() => LoadAsync();

    private async Task LoadAsync()
    {
        _loading = true;
        try
        {
            var snapshot = await Catalog.GetAsync(_disposed.Token);
            _summary = snapshot.Workflows.FirstOrDefault(w => w.Name == Name);
            var page = await Runs.GetPageAsync(Name, _nextToken, _disposed.Token);
            _runs.AddRange(page.Runs);
            _nextToken = page.NextToken;
            _error = null;
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            Logger.LogError(error, "Loading the runs of {Workflow} failed.", Name);
            _error = AwsErrorText.Explain(error);
        }
        finally
        {
            _loading = false;
        }
    }

    private static string ActionsText(RunSummary run) => run.Statistics is { } stats
        ? $"{stats.SucceededActions}/{stats.TotalActions} succeeded" + (stats.FailedActions + stats.ErroredActions + stats.TimeoutActions > 0 ? $", {stats.FailedActions + stats.ErroredActions + stats.TimeoutActions} failed" : string.Empty)
        : "—";

    public void Dispose()
    {
        _disposed.Cancel();
        _disposed.Dispose();
        GC.SuppressFinalize(this);
    }
}
