using Dashboard.Charts;

namespace Dashboard.Tests.Charts;

public sealed class TimeSeriesLayoutTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeGrid FourMinutes = new(Start, TimeSpan.FromMinutes(1), 4);

    [Fact]
    public void Create_LineSeries_PathThroughBucketCentres()
    {
        var layout = TimeSeriesLayout.Create(FourMinutes, [new ChartSeries("Invocations", [0, 4, 2, 4], ChartColor.Primary)], [], TimeZoneInfo.Utc);

        // 1000 units / 4 buckets: centres at 125, 375, 625, 875. The scale is 0–4, with 4 units of headroom on top.
        Assert.Equal("M125,100 L375,4 L625,52 L875,4", layout.Series[0].Path);
        Assert.Equal("var(--mud-palette-primary)", layout.Series[0].Color);
        Assert.Equal(10, layout.Series[0].Total);
        Assert.Equal(4, layout.Series[0].Peak);
    }

    [Fact]
    public void Create_BarSeries_OneClosedRectanglePerNonZeroBucket()
    {
        var layout = TimeSeriesLayout.Create(FourMinutes, [new ChartSeries("Failed", [0, 2, 0, 0], ChartColor.Error, SeriesStyle.Bars)], [], TimeZoneInfo.Utc);

        Assert.Equal("M275,100 V4 h200 V100Z", layout.Series[0].Path);
    }

    [Fact]
    public void Create_TwoBarSeries_ShareEachBucketSideBySide()
    {
        var layout = TimeSeriesLayout.Create(
            FourMinutes,
            [new ChartSeries("A", [1, 0, 0, 0], ChartColor.Primary, SeriesStyle.Bars), new ChartSeries("B", [1, 0, 0, 0], ChartColor.Error, SeriesStyle.Bars)],
            [],
            TimeZoneInfo.Utc);

        Assert.StartsWith("M25,100", layout.Series[0].Path, StringComparison.Ordinal);
        Assert.StartsWith("M125,100", layout.Series[1].Path, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_Markers_PlacedOnTheAxisAndOutsidersDropped()
    {
        var markers = new[]
        {
            new ChartMarker(Start.AddMinutes(2), "run wr_2"),
            new ChartMarker(Start.AddMinutes(-1), "before"),
            new ChartMarker(Start.AddMinutes(9), "after"),
        };

        var layout = TimeSeriesLayout.Create(FourMinutes, [new ChartSeries("Invocations", [1, 1, 1, 1], ChartColor.Primary)], markers, TimeZoneInfo.Utc);

        var marker = Assert.Single(layout.Markers);
        Assert.Equal(500, marker.X);
        Assert.Equal("run wr_2", marker.Title);
    }

    [Fact]
    public void Create_HoverColumns_OnePerBucketWithEverySeriesValue()
    {
        var layout = TimeSeriesLayout.Create(
            FourMinutes,
            [new ChartSeries("Invocations", [1, 2, 3, 4], ChartColor.Primary), new ChartSeries("FailedInvocations", [0, 0, 1, 0], ChartColor.Error)],
            [],
            TimeZoneInfo.Utc);

        Assert.Equal(4, layout.Columns.Count);
        Assert.Equal(500, layout.Columns[2].X);
        Assert.Equal(250, layout.Columns[2].Width);
        Assert.Equal("Nov 25, 09:02\nInvocations: 3\nFailedInvocations: 1", layout.Columns[2].Title);
    }

    [Fact]
    public void Create_NoSeriesHasData_EmptyButKeepsTheAxis()
    {
        var layout = TimeSeriesLayout.Create(FourMinutes, [new ChartSeries("Invocations", [0, 0, 0, 0], ChartColor.Primary) { HasData = false }], [], TimeZoneInfo.Utc);

        Assert.True(layout.IsEmpty);
        Assert.Empty(layout.Series);
        Assert.Empty(layout.Columns);
        Assert.NotEmpty(layout.XTicks);
        Assert.Equal(["0", "1"], layout.YTicks.Select(t => t.Label));
    }

    [Fact]
    public void Create_YTicks_FromBottomToTopInPercent()
    {
        var layout = TimeSeriesLayout.Create(FourMinutes, [new ChartSeries("Invocations", [0, 4, 2, 4], ChartColor.Primary)], [], TimeZoneInfo.Utc);

        Assert.Equal(["0", "1", "2", "3", "4"], layout.YTicks.Select(t => t.Label));
        Assert.Equal(0, layout.YTicks[0].Percent);
        Assert.Equal(96, layout.YTicks[^1].Percent, 6);
    }

    [Fact]
    public void Summary_SaysTotalsPeaksAndMarkers()
    {
        var layout = TimeSeriesLayout.Create(FourMinutes, [new ChartSeries("Invocations", [0, 4, 2, 4], ChartColor.Primary)], [new ChartMarker(Start.AddMinutes(1), "run")], TimeZoneInfo.Utc);

        Assert.Equal(
            "Invocations, Nov 25, 09:00 to Nov 25, 09:04: Invocations 10 in total, peak 4; 1 workflow run starts.",
            layout.Summary("Invocations", "Workflow run starts", TimeZoneInfo.Utc));
    }

    [Fact]
    public void Sparkline_Path_SpansTheBoxWithTheZeroAtTheBottom()
    {
        var path = SparklineLayout.Path([0, 10]);

        Assert.Equal("M25,18.5 L75,1.5", path);
        Assert.Equal(string.Empty, SparklineLayout.Path([]));
    }

    [Theory]
    [InlineData(0, "0")]
    [InlineData(950, "950")]
    [InlineData(1500, "1.5k")]
    [InlineData(2_500_000, "2.5M")]
    public void Compact_AxisNumbers(double value, string expected) => Assert.Equal(expected, ChartNumbers.Compact(value));
}
