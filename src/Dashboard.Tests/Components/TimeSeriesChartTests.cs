using Bunit;
using Dashboard.Charts;
using Dashboard.Components.Controls;
using Dashboard.Tests.Shared;

namespace Dashboard.Tests.Components;

public sealed class TimeSeriesChartTests : DashboardComponentTest
{
    private static readonly DateTimeOffset Start = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeGrid Grid = new(Start, TimeSpan.FromMinutes(5), 12);

    private IRenderedComponent<TimeSeriesChart> RenderChart(IReadOnlyList<ChartSeries> series, IReadOnlyList<ChartMarker>? markers = null) =>
        Render<TimeSeriesChart>(p => p
            .Add(c => c.Title, "Invocations")
            .Add(c => c.Grid, Grid)
            .Add(c => c.Series, series)
            .Add(c => c.Markers, markers ?? [])
            .Add(c => c.MarkerLegend, "Workflow run starts"));

    [Fact]
    public void Render_Series_LegendWithTotalsAndAHoverTitlePerBucket()
    {
        var values = Enumerable.Range(0, 12).Select(i => (double)i).ToList();

        var chart = RenderChart([new ChartSeries("Invocations", values, ChartColor.Primary)], [new ChartMarker(Start.AddMinutes(20), "products_raw_ingest run wr_1 started")]);

        Assert.Contains("66", chart.Find(".ts-legend").TextContent, StringComparison.Ordinal);
        Assert.Equal(12, chart.FindAll("rect.ts-hover title").Count);
        Assert.Equal("products_raw_ingest run wr_1 started", chart.Find(".ts-marker title").TextContent);
        Assert.Contains("Invocations 66 in total", chart.Find("svg").GetAttribute("aria-label"), StringComparison.Ordinal);
        Assert.Empty(chart.FindAll("[data-testid=chart-empty]"));
    }

    [Fact]
    public void Render_NoData_SaysSoAndStillDrawsTheTimeAxis()
    {
        var chart = RenderChart([new ChartSeries("Invocations", new double[12], ChartColor.Primary) { HasData = false }]);

        Assert.Equal("No data in this range", chart.Find("[data-testid=chart-empty]").TextContent);
        Assert.NotEmpty(chart.FindAll(".ts-x span"));
        Assert.NotNull(chart.Find("line.ts-axis"));
    }

    [Fact]
    public void ToggleTable_ShowsEveryBucketInTheBrowserZone()
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
        var chart = Render<TimeSeriesChart>(p => p
            .Add(c => c.Title, "Invocations")
            .Add(c => c.Grid, Grid)
            .Add(c => c.Series, [new ChartSeries("Invocations", new double[12], ChartColor.Primary)])
            .AddCascadingValue(zone));
        Assert.Empty(chart.FindAll("table"));

        chart.Find("button.ts-toggle").Click();

        Assert.Equal("true", chart.Find("button.ts-toggle").GetAttribute("aria-expanded"));
        var rows = chart.FindAll("table tbody tr");
        Assert.Equal(12, rows.Count);
        Assert.StartsWith("Nov 25, 10:00", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("Europe/Paris", chart.Find("table caption").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Sparkline_AccessibleNameCarriesTheTotals()
    {
        var sparkline = Render<Sparkline>(p => p
            .Add(s => s.Values, [1, 2, 3])
            .Add(s => s.Label, "Invocations, last 24 h")
            .Add(s => s.Secondary, [0, 1, 0])
            .Add(s => s.SecondaryLabel, "FailedInvocations"));

        Assert.Equal("Invocations, last 24 h: 6 in total; FailedInvocations: 1 in total", sparkline.Find("svg").GetAttribute("aria-label"));
        Assert.Equal(2, sparkline.FindAll("path").Count);
    }
}
