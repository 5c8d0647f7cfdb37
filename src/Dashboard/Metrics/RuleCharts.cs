using Dashboard.Charts;
using Dashboard.Formatting;
using Dashboard.Workflows;

namespace Dashboard.Metrics;

/// <summary>One chart of the rule page: a few related series on the shared time axis.</summary>
public sealed record ChartPanel(string Key, string Title, IReadOnlyList<ChartSeries> Series);

/// <summary>The rule page's charts: one time grid, the run-start markers, and the panels.</summary>
public sealed record RuleChartSet(TimeGrid Grid, IReadOnlyList<ChartMarker> Markers, IReadOnlyList<ChartPanel> Panels, string Note)
{
    /// <summary>What one point is, under each chart: "Sum per 5 min".</summary>
    public string PeriodNote => $"Sum per {RuleCharts.Describe(Grid.Step)}";
}

/// <summary>Groups a rule's ten series into charts a data engineer reads top to bottom: did it fire, did it deliver, did it drop.</summary>
public static class RuleCharts
{
    public const string MarkerLegend = "Workflow run starts";

    private static readonly (string Key, string Title, (string Metric, ChartColor Color)[] Series)[] Panels =
    [
        ("invocations", "Invocations", [(EventsMetrics.Invocations, ChartColor.Primary), (EventsMetrics.FailedInvocations, ChartColor.Error)]),
        ("matching", "Matching", [(EventsMetrics.MatchedEvents, ChartColor.Secondary), (EventsMetrics.TriggeredRules, ChartColor.Tertiary)]),
        ("attempts", "Delivery attempts", [(EventsMetrics.InvocationAttempts, ChartColor.Primary), (EventsMetrics.SuccessfulInvocationAttempts, ChartColor.Success), (EventsMetrics.RetryInvocationAttempts, ChartColor.Warning)]),
        ("throttling", "Throttling", [(EventsMetrics.ThrottledRules, ChartColor.Warning)]),
        ("dlq", "Dead-letter queue", [(EventsMetrics.InvocationsSentToDlq, ChartColor.Secondary), (EventsMetrics.InvocationsFailedToBeSentToDlq, ChartColor.Error)]),
    ];

    /// <summary>
    /// The charts for <paramref name="data"/>. Without metrics (they failed) the panels hold no series but keep the
    /// window and the run starts, so the axis still shows when runs began.
    /// </summary>
    public static RuleChartSet Build(RulePageData data, TimeZoneInfo zone, DateTimeOffset now)
    {
        var window = data.Metrics?.Window ?? FallbackWindow(data.Range, now);
        var grid = new TimeGrid(window.Start, window.Period, window.Buckets);
        var markers = data.RunStarts.Select(run => new ChartMarker(run.StartedOn, MarkerTitle(run, zone, now))).ToList();
        var compare = data.Compare is { } other && other != data.Rule ? other : null;
        var hasData = !data.IsEmpty;

        var panels = Panels.Select(panel => new ChartPanel(
            panel.Key,
            panel.Title,
            data.Metrics is not { } metrics ? [] : panel.Series.SelectMany((s, i) => SeriesOf(metrics, data.Rule, compare, s.Metric, s.Color, Style(panel.Series.Length, i), hasData)).ToList()))
            .ToList();

        return new RuleChartSet(grid, markers, panels, $"Each point is the sum over {Describe(window.Period)}. A period without a data point counts as 0: AWS sends these metrics only when they are non-zero.");
    }

    public static string MarkerTitle(RunStart run, TimeZoneInfo zone, DateTimeOffset now) =>
        $"{run.Workflow} run {run.RunId} started {LocalTimeText.Format(run.StartedOn, zone, now)} · {RunAssessment.Describe(run.Health)} · {RunAssessment.Describe(run.Cause)}";

    public static string Describe(TimeSpan period) => period switch
    {
        { TotalDays: >= 1 } when period.TotalDays == Math.Floor(period.TotalDays) => $"{period.TotalDays:0} d",
        { TotalHours: >= 1 } when period.TotalHours == Math.Floor(period.TotalHours) => $"{period.TotalHours:0} h",
        _ => $"{period.TotalMinutes:0} min",
    };

    /// <summary>
    /// The first series of a panel is the whole (matched events, attempts) and the others are parts of it that often
    /// equal it: bars for the whole and lines for the parts keep both visible where they coincide.
    /// </summary>
    private static SeriesStyle Style(int seriesInPanel, int index) => seriesInPanel > 1 && index == 0 ? SeriesStyle.Bars : SeriesStyle.Line;

    private static IEnumerable<ChartSeries> SeriesOf(RuleMetricsSnapshot metrics, RuleKey rule, RuleKey? compare, string metric, ChartColor color, SeriesStyle style, bool hasData)
    {
        yield return new ChartSeries(metric, metrics.Get(rule, metric).Values, color, style) { HasData = hasData };
        if (compare is not null)
        {
            yield return new ChartSeries($"{metric} · {compare.Label}", metrics.Get(compare, metric).Values, color, style) { HasData = hasData, Dashed = true };
        }
    }

    private static MetricWindow FallbackWindow(TimeRange range, DateTimeOffset now)
    {
        var (start, end) = range.Resolve(now);
        return MetricWindow.Align(start, end, MetricPeriod.Choose(start, end, now, EventsMetrics.RulePage.Count));
    }
}
