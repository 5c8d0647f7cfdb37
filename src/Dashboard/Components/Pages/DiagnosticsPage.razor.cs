using Dashboard.Cloud;
using Dashboard.Components.Dialogs;
using Dashboard.Diagnostics;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using MudBlazor;

namespace Dashboard.Components.Pages;

/// <summary>
/// <c>/diagnostics</c>: every check for every event-driven workflow, the most broken first, grouped by workflow;
/// <c>/diagnostics/{workflow}</c>: one workflow's checks. The status and search filter live in the URL. The checks run
/// once the circuit is up (not while prerendering), and each can be run again on its own.
/// </summary>
public partial class DiagnosticsPage : IDisposable
{
    private readonly HashSet<(string Workflow, string CheckId)> _rechecking = [];
    private CancellationTokenSource _run = new();
    private List<BreadcrumbItem> _breadcrumbs = [];
    private IReadOnlyList<WorkflowDiagnosis>? _report;
    private DiagnosticsProgress? _progress;
    private DateTimeOffset? _checkedAt;
    private DiagnosticsFilter _filter = DiagnosticsFilter.All;
    private string? _filterError;
    private string? _error;
    private string? _loaded;
    private bool _interactive;
    private bool _loading = true;

    /// <summary>One workflow, from <c>/diagnostics/{workflow}</c>; null for every workflow.</summary>
    [Parameter]
    public string? Workflow { get; set; }

    /// <summary>The statuses shown, from <c>?status=fail,warn</c>.</summary>
    [SupplyParameterFromQuery(Name = DiagnosticsFilter.StatusKey)]
    public string? StatusQuery { get; set; }

    /// <summary>A part of the workflows' names, from <c>?q=</c>.</summary>
    [SupplyParameterFromQuery(Name = DiagnosticsFilter.SearchKey)]
    public string? SearchQuery { get; set; }

    /// <summary>The browser's zone, cascaded by the layout once the circuit knows it.</summary>
    [CascadingParameter]
    public TimeZoneInfo? Zone { get; set; }

    [Inject]
    public required DiagnosticsRunner Runner { get; init; }

    [Inject]
    public required NavigationManager Navigation { get; init; }

    [Inject]
    public required IJSRuntime JS { get; init; }

    [Inject]
    public required ISnackbar Snackbar { get; init; }

    [Inject]
    public required IDialogService Dialogs { get; init; }

    [Inject]
    public required IServiceProvider Services { get; init; }

    [Inject]
    public required TimeProvider Time { get; init; }

    [Inject]
    public required ILogger<DiagnosticsPage> Logger { get; init; }

    /// <summary>The dead-letter peek, where this build has one: the button is disabled without it.</summary>
    private IDeadLetterPeek? Peek => Services.GetService<IDeadLetterPeek>();

    protected override void OnParametersSet()
    {
        (_filter, _filterError) = DiagnosticsFilter.Parse(StatusQuery, SearchQuery);
        _breadcrumbs = Workflow is null ? [] : [new("Diagnostics", DashboardUrls.Diagnostics), new(Workflow, null, disabled: true)];

        // The same component shows another workflow when a link moves between /diagnostics/a and /diagnostics/b.
        if (_interactive && _loaded != Key)
        {
            _ = LoadAsync();
        }
    }

    protected override void OnAfterRender(bool firstRender)
    {
        // Not while prerendering: a run of every check would hold the first byte of the page.
        if (firstRender)
        {
            _interactive = true;
            _ = LoadAsync();
        }
    }

    private string Key => Workflow ?? string.Empty;

    private Task RunAgainAsync() => LoadAsync();

    /// <summary>Runs the checks, replacing any run still going; its own errors end up on the page, never thrown.</summary>
    private async Task LoadAsync()
    {
        await _run.CancelAsync();
        _run.Dispose();
        _run = new CancellationTokenSource();
        var token = _run.Token;
        var workflow = Workflow;
        _loaded = Key;
        _loading = true;
        _error = null;
        _progress = null;
        StateHasChanged();
        try
        {
            if (workflow is null)
            {
                var report = await Runner.DiagnoseAllAsync(new PageProgress(this), token);
                (_report, _checkedAt) = (report.Workflows, report.CheckedAt);
            }
            else
            {
                var diagnosis = await Runner.DiagnoseAsync(workflow, token);
                (_report, _checkedAt) = ([diagnosis], diagnosis.CheckedAt);
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // A newer run, or the page going away, replaced this one.
            return;
        }
        catch (Exception error)
        {
            Logger.LogWarning(error, "Diagnostics for {Workflow} failed.", workflow ?? "every workflow");
            _error = AwsErrorText.Explain(error);
        }

        if (token.IsCancellationRequested)
        {
            return;
        }

        _loading = false;
        StateHasChanged();
    }

    /// <summary>Runs one check again for one workflow and puts its findings in place of the old ones.</summary>
    private async Task RecheckAsync(string workflow, string checkId)
    {
        if (!_rechecking.Add((workflow, checkId)))
        {
            return;
        }

        try
        {
            var findings = await Runner.RecheckAsync(workflow, checkId, _run.Token);
            var at = Time.GetUtcNow();

            // The workflow keeps its place: a list that reorders under the pointer loses the reader. Run again re-sorts.
            _report = [.. (_report ?? []).Select(d => d.Workflow == workflow ? DiagnosticsPresentation.Replace(d, checkId, findings, at) : d)];
            var worst = findings.Count == 0 ? CheckStatus.Pass : findings.Max(f => f.Status);
            Snackbar.Add($"Rechecked: {DiagnosticsPresentation.Label(worst)}.", worst == CheckStatus.Pass ? Severity.Success : Severity.Info);
        }
        catch (OperationCanceledException) when (_run.IsCancellationRequested)
        {
            return;
        }
        catch (Exception error)
        {
            Logger.LogWarning(error, "Recheck of {Check} for {Workflow} failed.", checkId, workflow);
            Snackbar.Add($"The recheck could not run: {AwsErrorText.Explain(error)}", Severity.Error);
        }
        finally
        {
            _rechecking.Remove((workflow, checkId));
        }
    }

    private async Task CopyAsync(string text)
    {
        try
        {
            var copied = await JS.InvokeAsync<bool>("dashboardClipboard.copy", _run.Token, text);
            Snackbar.Add(copied ? "Copied to the clipboard." : "The browser refused the copy: select the text and copy it by hand.", copied ? Severity.Success : Severity.Warning);
        }
        catch (JSException error)
        {
            Logger.LogWarning(error, "Copying a fix failed.");
            Snackbar.Add("The browser refused the copy: select the text and copy it by hand.", Severity.Warning);
        }
    }

    private async Task PeekAsync(FindingAction action)
    {
        if (Peek is not { } peek)
        {
            return;
        }

        var parameters = new DialogParameters<DeadLetterPeekDialog>
        {
            { d => d.QueueArn, action.Target },
            { d => d.Peek, peek },
        };
        await Dialogs.ShowAsync<DeadLetterPeekDialog>($"Dead-letter queue {action.Target[(action.Target.LastIndexOf(':') + 1)..]}", parameters, new DialogOptions { MaxWidth = MaxWidth.Large, FullWidth = true, CloseButton = true });
    }

    private void OnSearchChanged(string? search) => Navigate(_filter with { Search = string.IsNullOrWhiteSpace(search) ? null : search.Trim() });

    private void Navigate(DiagnosticsFilter filter) =>
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameters(filter.ToQuery()), new NavigationOptions { ReplaceHistoryEntry = true });

    private static string Counts(WorkflowDiagnosis diagnosis) =>
        string.Join(" · ", DiagnosticsPresentation.WorstFirst.Where(s => diagnosis.Count(s) > 0).Select(s => $"{diagnosis.Count(s)} {DiagnosticsPresentation.Label(s).ToLowerInvariant()}"));

    public void Dispose()
    {
        _run.Cancel();
        _run.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Shows the run's progress: a render per few workflows, not per workflow, for 200 of them.</summary>
    private sealed class PageProgress(DiagnosticsPage page) : IProgress<DiagnosticsProgress>
    {
        public void Report(DiagnosticsProgress value)
        {
            var step = Math.Max(1, value.Total / 40);
            if (value.Done % step == 0 || value.Done == value.Total)
            {
                _ = page.InvokeAsync(() =>
                {
                    if (page._progress is null || value.Done > page._progress.Done)
                    {
                        page._progress = value;
                        page.StateHasChanged();
                    }
                });
            }
        }
    }
}
