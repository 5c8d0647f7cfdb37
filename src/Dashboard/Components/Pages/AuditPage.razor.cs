using System.Globalization;
using Dashboard.Audit;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Components.Pages;

/// <summary>
/// The audit trail: every write, newest first, a page at a time, with its filters in the URL so that a link shares the
/// view and the CSV download takes the same records.
/// </summary>
public partial class AuditPage : IDisposable
{
    private static readonly IReadOnlyList<string> KnownActions = [AuditActions.UpdateTrigger, AuditActions.ResumeWorkflowRun, AuditActions.StopWorkflowRun];

    private static readonly IReadOnlyList<(string? Value, string Label)> ResultOptions =
        [(null, "Any"), .. Enum.GetNames<AuditResult>().Select(name => ((string?)name, name))];

    private readonly CancellationTokenSource _disposed = new();
    private readonly HashSet<Guid> _expanded = [];
    private CancellationTokenSource? _load;
    private AuditFilterText _filter = AuditFilterText.Empty;
    private List<string> _problems = [];
    private int _pageNumber = 1;
    private AuditTrailPage? _page;
    private string? _shown;
    private bool _loading;
    private string? _error;

    // The form: what the person is typing, applied to the URL on submit.
    private string? _from;
    private string? _to;
    private string? _actor;
    private string? _environment;
    private string? _workflow;
    private string? _target;
    private string? _action;
    private string? _result;

    [SupplyParameterFromQuery(Name = AuditFilterText.FromKey)]
    public string? From { get; set; }

    [SupplyParameterFromQuery(Name = AuditFilterText.ToKey)]
    public string? To { get; set; }

    [SupplyParameterFromQuery(Name = AuditFilterText.EnvironmentKey)]
    public string? Environment { get; set; }

    [SupplyParameterFromQuery(Name = AuditFilterText.ActorKey)]
    public string? Actor { get; set; }

    [SupplyParameterFromQuery(Name = AuditFilterText.ActionKey)]
    public string? Action { get; set; }

    [SupplyParameterFromQuery(Name = AuditFilterText.WorkflowKey)]
    public string? Workflow { get; set; }

    [SupplyParameterFromQuery(Name = AuditFilterText.TargetKey)]
    public string? Target { get; set; }

    [SupplyParameterFromQuery(Name = AuditFilterText.ResultKey)]
    public string? Result { get; set; }

    [SupplyParameterFromQuery(Name = "page")]
    public string? PageText { get; set; }

    /// <summary>The browser's zone, cascaded by the layout once the circuit knows it.</summary>
    [CascadingParameter]
    public TimeZoneInfo? Zone { get; set; }

    [Inject]
    public required IAuditLog Log { get; init; }

    [Inject]
    public required NavigationManager Navigation { get; init; }

    [Inject]
    public required TimeProvider Time { get; init; }

    [Inject]
    public required ILogger<AuditPage> Logger { get; init; }

    private DateTimeOffset Now => Time.GetUtcNow();

    private bool IsFiltered => !_filter.IsEmpty;

    private IReadOnlyList<(string? Value, string Label)> ActionOptions =>
        [(null, "Any"), .. KnownActions.Union(_action is null ? [] : [_action]).Select(action => ((string?)action, action))];

    protected override async Task OnParametersSetAsync()
    {
        _filter = new AuditFilterText
        {
            From = From,
            To = To,
            Environment = Environment,
            Actor = Actor,
            Action = Action,
            Workflow = Workflow,
            Target = Target,
            Result = Result,
        };
        (_from, _to, _actor, _environment, _workflow, _target, _action, _result) = (
            _filter.Value(AuditFilterText.FromKey), _filter.Value(AuditFilterText.ToKey), _filter.Value(AuditFilterText.ActorKey),
            _filter.Value(AuditFilterText.EnvironmentKey), _filter.Value(AuditFilterText.WorkflowKey), _filter.Value(AuditFilterText.TargetKey),
            _filter.Value(AuditFilterText.ActionKey), CanonicalResult(_filter.Value(AuditFilterText.ResultKey)));

        var parsed = _filter.Parse();
        var problems = parsed.Problems.ToList();
        _pageNumber = 1;
        if (!string.IsNullOrWhiteSpace(PageText))
        {
            if (int.TryParse(PageText.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= 1)
            {
                _pageNumber = number;
            }
            else
            {
                problems.Add($"page '{PageText.Trim()}' is not a page number. Pages count from 1.");
            }
        }

        _problems = problems;
        if (parsed.Filter is { } filter && problems.Count == 0)
        {
            // Parameters also change when the layout learns the browser's time zone: read again only for a new view.
            var shown = DashboardUrls.Audit(_filter, _pageNumber);
            if (shown != _shown)
            {
                _shown = shown;
                await LoadAsync(filter);
            }
        }
        else
        {
            _load?.Cancel();
            _shown = null;
            _page = null;
            _error = null;
            _loading = false;
        }
    }

    private async Task LoadAsync(AuditFilter filter)
    {
        _load?.Cancel();
        _load?.Dispose();
        _load = CancellationTokenSource.CreateLinkedTokenSource(_disposed.Token);
        var token = _load.Token;
        _loading = true;
        _error = null;
        try
        {
            _page = await AuditTrail.ReadAsync(Log, filter, _pageNumber, Now, token);
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // A newer filter or the page's end replaced this read.
            return;
        }
        catch (Exception error)
        {
            Logger.LogError(error, "Reading the audit log failed.");
            _page = null;
            _error = $"Reading {AuditTrail.Describe(Log)} failed: {error.Message}";
        }

        _loading = false;
    }

    private async Task RefreshAsync()
    {
        if (_filter.Parse().Filter is { } filter && _problems.Count == 0)
        {
            await LoadAsync(filter);
        }
    }

    private void Apply() => Navigation.NavigateTo(DashboardUrls.Audit(new AuditFilterText
    {
        From = _from,
        To = _to,
        Environment = _environment,
        Actor = _actor,
        Action = _action,
        Workflow = _workflow,
        Target = _target,
        Result = _result,
    }));

    private void Toggle(Guid correlationId)
    {
        if (!_expanded.Remove(correlationId))
        {
            _expanded.Add(correlationId);
        }
    }

    private string PageUrl(int page) => DashboardUrls.Audit(_filter, page);

    /// <summary>A result typed in any case selects its option; anything else stays as typed, for the error to name.</summary>
    private static string? CanonicalResult(string? text) =>
        Enum.GetNames<AuditResult>().FirstOrDefault(name => string.Equals(name, text, StringComparison.OrdinalIgnoreCase)) ?? text;

    private static string Count(long count, string one) => count == 1 ? $"1 {one}" : string.Create(CultureInfo.InvariantCulture, $"{count:N0} {one}s");

    public void Dispose()
    {
        _disposed.Cancel();
        _disposed.Dispose();
        _load?.Dispose();
        GC.SuppressFinalize(this);
    }
}
