using Dashboard.Cloud;
using Dashboard.Components.Dialogs;
using Dashboard.Formatting;
using Dashboard.Live;
using Dashboard.Security;
using Dashboard.Workflows;
using Dashboard.Workflows.Graph;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Dashboard.Components.Pages;

/// <summary>
/// One workflow run: its real health, statistics, nodes, job runs and crawls, the events that started it with their S3
/// objects, Resume and Stop (for an Operator). A running run follows a shared <see cref="LiveData"/> feed; a finished run is read once.
/// </summary>
public partial class RunPage : IDisposable
{
    private readonly CancellationTokenSource _disposed = new();
    private CancellationTokenSource _shown = new();
    private (string Name, string RunId)? _showing;
    private List<BreadcrumbItem> _breadcrumbs = [];
    private RunLookup? _lookup;
    private DateTimeOffset? _readAt;
    private string? _error;
    private DateTimeOffset? _failedAt;
    private bool _loading;
    private LiveFeed<RunLookup>? _feed;
    private bool _paused;
    private RunEventBatch? _events;
    private bool _eventsLoading;
    private string? _resumedAs;
    private string? _stopped;
    private Actor? _actor;
    private bool _showAllEvents;

    /// <summary>How many events the list shows before "Show all": a batch holds up to 100.</summary>
    private const int EventRowsShown = 20;

    [Parameter]
    public string Name { get; set; } = string.Empty;

    [Parameter]
    public string RunId { get; set; } = string.Empty;

    [Inject]
    public required RunDetails Details { get; init; }

    [Inject]
    public required RunEventSources EventSources { get; init; }

    [Inject]
    public required LiveData Live { get; init; }

    [Inject]
    public required IDialogService Dialogs { get; init; }

    [Inject]
    public required ISnackbar Snackbar { get; init; }

    [Inject]
    public required ICurrentActor CurrentActor { get; init; }

    [Inject]
    public required TimeProvider Time { get; init; }

    [Inject]
    public required ILogger<RunPage> Logger { get; init; }

    private RunDetail? Run => _lookup?.Run;

    /// <summary>Why this user may not stop runs, or null. The server checks again in <see cref="RunControl"/>.</summary>
    private string? StopRefusal => _actor is null ? "Checking who you are…" : _actor.WriteRefusal("stop a workflow run");

    /// <summary>Why Resume is off for this run and this user, or null when it is on.</summary>
    private string? ResumeRefusal(RunDetail run) => !run.Resume.CanResume
        ? run.Resume.Blocker
        : _actor is null ? "Checking who you are…" : _actor.WriteRefusal("resume a workflow run");

    private DateTimeOffset Now => Time.GetUtcNow();

    /// <summary>Whether the page follows the live feed (the run is running and was read at least once).</summary>
    private bool IsLive => _feed is not null;

    protected override async Task OnInitializedAsync() => _actor = await CurrentActor.GetAsync(_disposed.Token);

    protected override async Task OnParametersSetAsync()
    {
        if (_showing == (Name, RunId))
        {
            return;
        }

        // Another run: forget everything about the last one, and stop whatever was still reading it.
        _showing = (Name, RunId);
        StopFeed();
        await _shown.CancelAsync();
        _shown.Dispose();
        _shown = CancellationTokenSource.CreateLinkedTokenSource(_disposed.Token);
        (_lookup, _readAt, _error, _failedAt, _events, _eventsLoading, _resumedAs, _stopped, _paused, _showAllEvents) = (null, null, null, null, null, false, null, null, false, false);
        _breadcrumbs = [new("Workflows", DashboardUrls.Workflows), new(Name, DashboardUrls.Workflow(Name)), new(RunId, null, disabled: true)];
        await LoadAsync(refresh: false);
    }

    private async Task LoadAsync(bool refresh)
    {
        var token = _shown.Token;
        _loading = true;
        try
        {
            if (refresh)
            {
                await Details.InvalidateAsync(Name, RunId, token);
            }

            Show(await Details.GetAsync(Name, RunId, token), Now);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            // The page stays up: with the last run it read, marked stale; without one, with the error and a retry.
            Logger.LogError(error, "Reading run {RunId} of {Workflow} failed.", RunId, Name);
            (_error, _failedAt) = (AwsErrorText.Explain(error), Now);
        }
        finally
        {
            _loading = false;
        }
    }

    private void Show(RunLookup lookup, DateTimeOffset? readAt)
    {
        var first = _lookup?.Run is null;
        (_lookup, _readAt, _error, _failedAt) = (lookup, readAt, null, null);
        if (lookup.Run is not { } run)
        {
            StopFeed();
            return;
        }

        if (!RendererInfo.IsInteractive)
        {
            // Prerendering: the interactive render that follows subscribes and looks the events up.
            return;
        }

        if (run.IsLive)
        {
            StartFeed();
        }
        else
        {
            // A finished run does not change: nothing polls it any more.
            StopFeed();
        }

        if (first || !_eventsLoading && _events is { Outcome: not (EventLookupOutcome.AllFound or EventLookupOutcome.NoEventIds or EventLookupOutcome.OutsideRetention) })
        {
            _ = LoadEventsAsync(run, _shown.Token);
        }
    }

    private void StartFeed()
    {
        if (_feed is not null)
        {
            return;
        }

        var (name, runId) = (Name, RunId);
        _feed = new LiveFeed<RunLookup>(Live, $"workflow-run:{name}:{runId}", ct => Details.LoadAsync(name, runId, ct), () => InvokeAsync(OnFeedChanged));
        if (!_paused)
        {
            _feed.Resume();
        }
    }

    private void StopFeed()
    {
        _feed?.Dispose();
        _feed = null;
    }

    private void OnFeedChanged()
    {
        if (_feed is not { State: var state })
        {
            return;
        }

        if (state.Value is { } lookup && state.UpdatedAt is { } updated && updated != _readAt)
        {
            Show(lookup, updated);
        }

        if (state.Error is not null && state.FailedAt != _failedAt)
        {
            (_error, _failedAt) = (state.Error, state.FailedAt);
        }

        StateHasChanged();
    }

    private async Task LoadEventsAsync(RunDetail run, CancellationToken cancellationToken)
    {
        _eventsLoading = true;
        try
        {
            // The lookup turns CloudTrail's failures into an answer; the rest of the page never waits for it.
            _events = await EventSources.GetAsync(run, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return;
        }
        catch (Exception error)
        {
            // Not an AWS answer (a timeout, a bug): still a sentence on the page, never a silent gap.
            Logger.LogError(error, "Looking up the events of run {RunId} of {Workflow} failed.", run.RunId, run.Workflow);
            _events = RunEventBatch.Without(run.EventIds, EventLookupOutcome.Unavailable, null, AwsErrorText.Explain(error), MissingReason.LookupFailed);
        }
        finally
        {
            _eventsLoading = false;
        }

        StateHasChanged();
    }

    private void OnPausedChanged(bool paused)
    {
        _paused = paused;
        _feed?.SetPaused(paused);
    }

    private Task RefreshLiveAsync() => _feed?.RefreshAsync() ?? Task.CompletedTask;

    private Task RefreshAsync() => LoadAsync(refresh: true);

    private async Task ResumeAsync()
    {
        if (Run is not { } run || ResumeRefusal(run) is not null)
        {
            return;
        }

        var parameters = new DialogParameters<ResumeRunDialog>
        {
            { d => d.Workflow, run.Workflow },
            { d => d.RunId, run.RunId },
            { d => d.Nodes, run.Resume.Nodes },
        };
        var dialog = await Dialogs.ShowAsync<ResumeRunDialog>("Resume this run?", parameters, new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true, CloseOnEscapeKey = true });
        if (await dialog.Result is { Canceled: false, Data: string newRunId })
        {
            _resumedAs = newRunId;
            Snackbar.Add(ResumedMessage(run.Workflow, newRunId), Severity.Success, options => options.VisibleStateDuration = 20_000);
        }
    }

    private async Task StopAsync()
    {
        if (Run is not { } run || StopRefusal is not null)
        {
            return;
        }

        var parameters = new DialogParameters<StopRunDialog>
        {
            { d => d.Workflow, run.Workflow },
            { d => d.RunId, run.RunId },
        };
        var dialog = await Dialogs.ShowAsync<StopRunDialog>("Stop this run?", parameters, new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true, CloseOnEscapeKey = true });
        if (await dialog.Result is { Canceled: false, Data: string message })
        {
            _stopped = message;
            await (_feed?.RefreshAsync() ?? LoadAsync(refresh: true));
        }
    }

    private static Color StateColor(NodeState state) => state switch
    {
        NodeState.Succeeded => Color.Success,
        NodeState.Failed => Color.Error,
        NodeState.Stopped => Color.Warning,
        NodeState.Running => Color.Info,
        NodeState.Fired => Color.Primary,
        _ => Color.Default,
    };

    private static string StateIcon(NodeState state) => state switch
    {
        NodeState.Succeeded => Icons.Material.Filled.CheckCircle,
        NodeState.Failed => Icons.Material.Filled.Error,
        NodeState.Stopped => Icons.Material.Filled.StopCircle,
        NodeState.Running => Icons.Material.Filled.PlayCircle,
        NodeState.Fired => Icons.Material.Filled.Bolt,
        _ => Icons.Material.Outlined.Circle,
    };

    private static string NodeIcon(NodeKind kind) => kind == NodeKind.Crawler ? Icons.Material.Outlined.TravelExplore : Icons.Material.Outlined.Code;

    private string DurationText(DateTimeOffset? started, DateTimeOffset? completed) => started is { } from
        ? RelativeTime.Duration(TimeSpan.FromTicks(Math.Max(0, ((completed ?? Now) - from).Ticks))) + (completed is null ? " so far" : string.Empty)
        : "—";

    private string DurationText(ActionAttempt attempt) => attempt.Duration(Now) is { } duration
        ? RelativeTime.Duration(duration) + (attempt.CompletedOn is null ? " so far" : string.Empty)
        : "—";

    /// <summary>The statistics as the page lists them, failures first after the total.</summary>
    private static IEnumerable<(string Label, int Value, Color Color, string Hint)> StatisticTiles(Aws.Glue.WorkflowRunStatistics s) =>
    [
        ("Total", s.TotalActions, Color.Default, "Jobs and crawlers the run started."),
        ("Succeeded", s.SucceededActions, s.SucceededActions > 0 ? Color.Success : Color.Default, "Actions that succeeded."),
        ("Failed", s.FailedActions, s.FailedActions > 0 ? Color.Error : Color.Default, "Actions that failed."),
        ("Errored", s.ErroredActions, s.ErroredActions > 0 ? Color.Error : Color.Default, "Actions that ended in ERROR."),
        ("Timed out", s.TimeoutActions, s.TimeoutActions > 0 ? Color.Error : Color.Default, "Actions that hit their timeout."),
        ("Stopped", s.StoppedActions, s.StoppedActions > 0 ? Color.Warning : Color.Default, "Actions that were stopped."),
        ("Running", s.RunningActions, s.RunningActions > 0 ? Color.Info : Color.Default, "Actions running now."),
        ("Waiting", s.WaitingActions, s.WaitingActions > 0 ? Color.Info : Color.Default, "Actions waiting to start."),
    ];

    private static Severity SummarySeverity(RunEventBatch batch) => batch.Outcome switch
    {
        EventLookupOutcome.AllFound => Severity.Success,
        EventLookupOutcome.Partial or EventLookupOutcome.Unavailable => Severity.Warning,
        _ => Severity.Info,
    };

    public void Dispose()
    {
        StopFeed();
        _disposed.Cancel();
        _shown.Dispose();
        _disposed.Dispose();
        GC.SuppressFinalize(this);
    }
}
