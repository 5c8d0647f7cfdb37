using System.Globalization;
using System.Text.Json;
using Dashboard.Live;
using Dashboard.Metrics;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Dashboard.Components.Pages;

/// <summary>
/// <c>/rules/{bus}/{rule}</c>: a rule's definition, its ten <c>AWS/Events</c> series from one GetMetricData call, and
/// its workflows' run starts on the same time axis. The range and the compared rule live in the URL.
/// </summary>
public partial class RulePage : IDisposable
{
    private readonly CancellationTokenSource _disposed = new();
    private List<BreadcrumbItem> _breadcrumbs = [];
    private LiveFeed<RulePageData>? _feed;
    private RuleKey _rule = new(RuleKey.DefaultBus, string.Empty);
    private RuleKey? _compare;
    private TimeRange _range = TimeRange.Default;
    private string? _rangeError;
    private string? _compareError;
    private RuleIndex? _index;
    private string? _indexProblem;
    private bool _customOpen;
    private string? _customFrom;
    private string? _customTo;
    private string? _customError;
    private (RulePageData? Data, TimeZoneInfo? Zone, RuleChartSet? Charts) _charts;
    private (string? Key, RuleMetricsSnapshot? Metrics) _lastMetrics;

    [Parameter]
    public string EventBus { get; set; } = RuleKey.DefaultBus;

    [Parameter]
    public string RuleName { get; set; } = string.Empty;

    /// <summary>A preset, from <c>?range=</c>: 1h, 3h, 12h, 24h or 7d.</summary>
    [SupplyParameterFromQuery(Name = "range")]
    public string? RangeQuery { get; set; }

    [SupplyParameterFromQuery(Name = "from")]
    public string? FromQuery { get; set; }

    [SupplyParameterFromQuery(Name = "to")]
    public string? ToQuery { get; set; }

    /// <summary>A second rule to overlay, from <c>?compare=bus/rule</c>.</summary>
    [SupplyParameterFromQuery(Name = "compare")]
    public string? CompareQuery { get; set; }

    /// <summary>The browser's zone, cascaded by the layout once the circuit knows it.</summary>
    [CascadingParameter]
    public TimeZoneInfo? Zone { get; set; }

    [Inject]
    public required LiveData Live { get; init; }

    [Inject]
    public required RulePageLoader Loader { get; init; }

    [Inject]
    public required RuleCatalog Rules { get; init; }

    [Inject]
    public required NavigationManager Navigation { get; init; }

    [Inject]
    public required TimeProvider Time { get; init; }

    [Inject]
    public required ILogger<RulePage> Logger { get; init; }

    private LiveState<RulePageData> State => _feed?.State ?? new();

    private bool Paused => _feed?.Paused ?? false;

    private TimeZoneInfo ActiveZone => Zone ?? TimeZoneInfo.Utc;

    private string ZoneName => ActiveZone == TimeZoneInfo.Utc ? "UTC" : ActiveZone.Id;

    /// <summary>The metrics the charts show were read by an earlier poll, because the last one failed to read them.</summary>
    private bool ShowingEarlierMetrics => State.Value is { Metrics: null } && Charts is not null && _lastMetrics.Key == _feed?.Key && _lastMetrics.Metrics is not null;

    private IEnumerable<RuleListing> CompareChoices => _index?.All.Where(r => r.Key != _rule) ?? [];

    /// <summary>The charts of the current data, built once per update rather than once per render.</summary>
    private RuleChartSet? Charts
    {
        get
        {
            if (State.Value is not { Definition: not null } data)
            {
                return null;
            }

            if (!ReferenceEquals(_charts.Data, data) || !ReferenceEquals(_charts.Zone, ActiveZone))
            {
                // A poll whose metrics failed keeps the charts of the last one that worked, beside its warning.
                var shown = data.Metrics is null && _lastMetrics.Key == _feed?.Key && _lastMetrics.Metrics is { } last ? data with { Metrics = last } : data;
                if (data.Metrics is { } fresh)
                {
                    _lastMetrics = (_feed?.Key, fresh);
                }

                _charts = (data, ActiveZone, RuleCharts.Build(shown, ActiveZone, Time.GetUtcNow()));
            }

            return _charts.Charts;
        }
    }

    /// <summary>After the URL is read (so the first render shows this rule), the rule list for the comparison, once.</summary>
    protected override async Task OnParametersSetAsync()
    {
        if (_index is not null || _indexProblem is not null)
        {
            return;
        }

        try
        {
            _index = await Rules.ListAsync(_disposed.Token);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            // The page works without the comparison list; the select says why it is empty.
            Logger.LogWarning(error, "Listing rules for the comparison failed.");
            _indexProblem = "The rule list could not be read: " + Cloud.AwsErrorText.Explain(error);
        }
    }

    protected override void OnParametersSet()
    {
        _rule = new RuleKey(EventBus, RuleName);
        _breadcrumbs = [new("Rules", DashboardUrls.Rules), new(EventBus, DashboardUrls.Rules), new(RuleName, null, disabled: true)];

        (_range, _rangeError) = TimeRange.Parse(RangeQuery, FromQuery, ToQuery, Time.GetUtcNow());
        _compare = null;
        _compareError = null;
        if (!string.IsNullOrWhiteSpace(CompareQuery))
        {
            if (RuleKey.TryParse(CompareQuery, out var compare))
            {
                _compare = compare == _rule ? null : compare;
            }
            else
            {
                _compareError = $"The comparison '{CompareQuery}' is not a rule: write compare=<bus>/<rule>, for example compare=default/my-rule.";
            }
        }

        // One feed per rule, comparison and range: every tab that shows the same thing shares one poll.
        var key = $"rule-page:{_rule}|{_compare}|{_range.Key}";
        if (_feed?.Key != key)
        {
            var paused = Paused;
            _feed?.Dispose();
            var (rule, other, range) = (_rule, _compare, _range);
            _feed = new LiveFeed<RulePageData>(Live, key, ct => Loader.LoadAsync(rule, other, range, ct), () => InvokeAsync(StateHasChanged));
            if (!paused)
            {
                _feed.Resume();
            }
        }
    }

    private void OnPausedChanged(bool paused)
    {
        _feed?.SetPaused(paused);
    }

    /// <summary>Reads everything again now, the rule's definition included, for every tab on this feed.</summary>
    private async Task RefreshAsync()
    {
        await Rules.InvalidateAsync(_rule, _disposed.Token);
        await (_feed?.RefreshAsync() ?? Task.CompletedTask);
    }

    private void OnCompareChanged(string? value)
    {
        var compare = RuleKey.TryParse(value, out var parsed) ? parsed : null;
        Navigation.NavigateTo(DashboardUrls.Rule(_rule, _range, compare));
    }

    private void ToggleCustom()
    {
        _customOpen = !_customOpen;
        if (_customOpen)
        {
            var (start, end) = _range.Resolve(Time.GetUtcNow());
            _customFrom = LocalInput(start);
            _customTo = LocalInput(end);
            _customError = null;
        }
    }

    /// <summary>Reads the two browser-local times, checks them like a URL's, and puts the range in the URL.</summary>
    private void ApplyCustomRange()
    {
        if (!TryUtc(_customFrom, out var from) || !TryUtc(_customTo, out var to))
        {
            _customError = "Enter both times.";
            return;
        }

        var parsed = TimeRange.Parse(null, from.ToString("O", CultureInfo.InvariantCulture), to.ToString("O", CultureInfo.InvariantCulture), Time.GetUtcNow());
        if (parsed.Error is { } error)
        {
            _customError = error;
            return;
        }

        _customOpen = false;
        Navigation.NavigateTo(DashboardUrls.Rule(_rule, parsed.Range, _compare));
    }

    private string LocalInput(DateTimeOffset time) =>
        TimeZoneInfo.ConvertTime(time, ActiveZone).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);

    private bool TryUtc(string? local, out DateTimeOffset utc)
    {
        utc = default;
        if (!DateTime.TryParse(local, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            return false;
        }

        var unspecified = DateTime.SpecifyKind(parsed, DateTimeKind.Unspecified);
        var offset = ActiveZone.IsInvalidTime(unspecified) ? ActiveZone.BaseUtcOffset : ActiveZone.GetUtcOffset(unspecified);
        utc = new DateTimeOffset(unspecified, offset).ToUniversalTime();
        return true;
    }

    private static string PrettyJson(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return JsonSerializer.Serialize(document.RootElement, PrettyOptions);
        }
        catch (JsonException)
        {
            return json;
        }
    }

    private static readonly JsonSerializerOptions PrettyOptions = new() { WriteIndented = true };

    public void Dispose()
    {
        _feed?.Dispose();
        _disposed.Cancel();
        _disposed.Dispose();
        GC.SuppressFinalize(this);
    }
}
