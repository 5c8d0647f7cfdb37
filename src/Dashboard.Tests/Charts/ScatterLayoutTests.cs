using Dashboard.Charts;

namespace Dashboard.Tests.Charts;

/// <summary>Where the frontier chart puts its points and ticks: x linear in minutes, y logarithmic, overlapping dots merged.</summary>
public sealed class ScatterLayoutTests
{
    private static string Dollars(double y) => $"${y}";

    [Fact]
    public void Place_NoPoints_IsEmpty()
    {
        var layout = ScatterLayout.Place([], xLine: 600, Dollars);

        Assert.True(layout.IsEmpty);
        Assert.Empty(layout.XTicks);
        Assert.Null(layout.XLine);
    }

    [Fact]
    public void Place_XIsLinearInMinutes_YIsLogarithmicOverWholeDecades()
    {
        // x up to 10 min → a 0–10 min axis; y from 1 to 100 → decades 10^0..10^2, so 10 sits halfway up.
        var layout = ScatterLayout.Place(
            [new(0, 1, ScatterKind.Frontier, "a"), new(300, 10, ScatterKind.Frontier, "b"), new(600, 100, ScatterKind.Current, "c")],
            xLine: 150,
            Dollars);

        var b = layout.Points.Single(p => p.Title == "b");
        Assert.Equal(50, b.Left, 6);
        Assert.Equal(50, b.Bottom, 6);
        Assert.Equal(100, layout.Points.Single(p => p.Title == "c").Left, 6);
        Assert.Equal(25, layout.XLine!.Value, 6);
        Assert.Equal("0", layout.XTicks[0].Label);
        Assert.Equal("10 min", layout.XTicks[^1].Label);
        Assert.Equal(["$1", "$2", "$5", "$10", "$20", "$50", "$100"], layout.YTicks.Select(t => t.Label));
    }

    [Fact]
    public void Place_FrontierPath_RunsCheapestFirst()
    {
        var layout = ScatterLayout.Place(
            [new(60, 40, ScatterKind.Frontier, "fresh"), new(600, 2, ScatterKind.Frontier, "cheap"), new(300, 8, ScatterKind.Frontier, "middle")],
            xLine: null,
            Dollars);

        Assert.Equal(3, layout.FrontierPath.Count);
        Assert.True(layout.FrontierPath[0].Bottom < layout.FrontierPath[1].Bottom && layout.FrontierPath[1].Bottom < layout.FrontierPath[2].Bottom);
        Assert.True(layout.FrontierPath[0].Left > layout.FrontierPath[2].Left);
    }

    [Fact]
    public void Place_OverlappingDots_MergeAndCount_MarksNeverMerge()
    {
        var layout = ScatterLayout.Place(
            [
                new(300, 10, ScatterKind.Allowed, "a"), new(300.1, 10.001, ScatterKind.Allowed, "b"), new(300, 10, ScatterKind.Excluded, "c"),
                new(300, 10, ScatterKind.Current, "now"), new(300, 10, ScatterKind.Recommended, "pick"), new(600, 100, ScatterKind.Allowed, "far"),
            ],
            xLine: null,
            Dollars);

        Assert.Equal(2, layout.Points.Single(p => p.Kind == ScatterKind.Allowed && p.Title == "a").Count);
        Assert.Single(layout.Points, p => p.Kind == ScatterKind.Excluded);
        Assert.Single(layout.Points, p => p.Kind == ScatterKind.Current);
        Assert.Single(layout.Points, p => p.Kind == ScatterKind.Recommended);
        Assert.Equal(5, layout.Points.Count);
    }

    [Fact]
    public void Place_Whiskers_SpanTheBand()
    {
        var layout = ScatterLayout.Place(
            [new(300, 10, ScatterKind.Frontier, "f") { XLow = 150, XHigh = 300, YLow = 1, YHigh = 10 }, new(600, 100, ScatterKind.Allowed, "edge")],
            xLine: null,
            Dollars);

        var frontier = layout.Points.Single(p => p.Kind == ScatterKind.Frontier);
        Assert.Equal((25d, 50d), frontier.XWhisker!.Value);
        Assert.Equal(0, frontier.YWhisker!.Value.Bottom, 6);
        Assert.Equal(50, frontier.YWhisker!.Value.Top, 6);
    }

    [Fact]
    public void Place_ZeroCost_SitsOnTheFloor()
    {
        var layout = ScatterLayout.Place([new(0, 0, ScatterKind.Current, "idle")], xLine: null, Dollars);

        Assert.Equal(0, layout.Points.Single().Bottom);
    }
}
