using Dashboard.Charts;
using Dashboard.Metrics;
using Dashboard.Workflows;

namespace Dashboard.Tests.Metrics;

public sealed class RuleChartsTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
    private static readonly RuleKey Rule = new("default", "products");
    private static readonly RuleKey Other = new("analytics", "clicks");
    private static readonly MetricWindow Window = new(Now.AddHours(-1), 60, 60);

    private static RuleMetricsSnapshot Snapshot(params MetricSeries[] series) => new(Window, [Rule], series, 1, []);

    private static RulePageData Data(RuleMetricsSnapshot? metrics, RuleKey? compare = null, IReadOnlyList<RunStart>? runs = null) =>
        new(Rule, compare, TimeRange.Presets[0], null, null, metrics, metrics is null ? "denied" : null, runs ?? [], null, false);

    private static double[] Values(int bucket, double value)
    {
        var values = new double[Window.Buckets];
        values[bucket] = value;
        return values;
    }

    [Fact]
    public void Build_EveryMetricInOneOfFivePanelsOnTheWindowsGrid()
    {
        var charts = RuleCharts.Build(Data(Snapshot(new MetricSeries(Rule, EventsMetrics.Invocations, Values(3, 4), true))), TimeZoneInfo.Utc, Now);

        Assert.Equal(["invocations", "matching", "attempts", "throttling", "dlq"], charts.Panels.Select(p => p.Key));
        Assert.Equal(EventsMetrics.RulePage.Order(), charts.Panels.SelectMany(p => p.Series).Select(s => s.Name).Order());
        Assert.Equal(new TimeGrid(Window.Start, TimeSpan.FromMinutes(1), 60), charts.Grid);
        var invocations = charts.Panels[0].Series[0];
        Assert.Equal(4, invocations.Total);
        Assert.Equal(SeriesStyle.Bars, invocations.Style);
        Assert.Equal(SeriesStyle.Line, charts.Panels[0].Series[1].Style);
        Assert.All(charts.Panels.SelectMany(p => p.Series), s => Assert.True(s.HasData));
        Assert.Equal("Sum per 1 min", charts.PeriodNote);
    }

    [Fact]
    public void Build_NoDataPointAtAll_SeriesMarkedEmpty()
    {
        var charts = RuleCharts.Build(Data(Snapshot()), TimeZoneInfo.Utc, Now);

        Assert.All(charts.Panels.SelectMany(p => p.Series), s => Assert.False(s.HasData));
    }

    [Fact]
    public void Build_Compare_SecondRuleDashedBesideEachSeries()
    {
        var snapshot = new RuleMetricsSnapshot(Window, [Rule, Other], [new MetricSeries(Other, EventsMetrics.Invocations, Values(0, 7), true)], 1, []);

        var charts = RuleCharts.Build(Data(snapshot, Other), TimeZoneInfo.Utc, Now);

        var invocations = charts.Panels[0].Series;
        Assert.Equal(["Invocations", "Invocations · analytics / clicks", "FailedInvocations", "FailedInvocations · analytics / clicks"], invocations.Select(s => s.Name));
        Assert.Equal([false, true, false, true], invocations.Select(s => s.Dashed));
        Assert.Equal(7, invocations[1].Total);
    }

    [Fact]
    public void Build_MetricsFailed_KeepsTheAxisAndTheRunStarts()
    {
        var run = new RunStart("products_raw_ingest", "wr_1", Now.AddMinutes(-20), RunHealth.PartialFailure, RunCause.BatchWindowExpired);

        var charts = RuleCharts.Build(Data(null, runs: [run]), TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris"), Now);

        Assert.All(charts.Panels, p => Assert.Empty(p.Series));
        Assert.Equal(60, charts.Grid.Step.TotalSeconds);
        var marker = Assert.Single(charts.Markers);
        Assert.Equal("products_raw_ingest run wr_1 started 12:40:00 · Partial failure · batch window expired", marker.Title);
    }
}
