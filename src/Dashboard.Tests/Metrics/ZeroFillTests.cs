using Dashboard.Metrics;

namespace Dashboard.Tests.Metrics;

public sealed class ZeroFillTests
{
    private static readonly MetricWindow Window = new(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero), 60, 5);

    [Fact]
    public void Fill_MissingPoints_AreZeros() =>
        Assert.Equal([0, 3, 0, 0, 1], ZeroFill.Fill(Window, [Window.TimeOf(1), Window.TimeOf(4)], [3, 1]));

    [Fact]
    public void Fill_NoPoints_AllZeros() =>
        Assert.Equal([0, 0, 0, 0, 0], ZeroFill.Fill(Window, [], []));

    [Fact]
    public void Fill_PointsOutsideTheWindow_Ignored() =>
        Assert.Equal([2, 0, 0, 0, 0], ZeroFill.Fill(Window, [Window.Start.AddMinutes(-1), Window.Start, Window.End], [9, 2, 9]));

    [Fact]
    public void Fill_TimestampRepeatedAcrossPages_CountsOnce() =>
        Assert.Equal([0, 0, 4, 0, 0], ZeroFill.Fill(Window, [Window.TimeOf(2), Window.TimeOf(2)], [4, 4]));

    [Fact]
    public void Fill_FinerDataThanTheWindow_SumsIntoTheBucket() =>
        Assert.Equal([0, 5, 0, 0, 0], ZeroFill.Fill(Window, [Window.TimeOf(1), Window.TimeOf(1).AddSeconds(30)], [2, 3]));

    [Fact]
    public void Fill_MismatchedLists_Throws() =>
        Assert.Throws<ArgumentException>(() => ZeroFill.Fill(Window, [Window.Start], []));
}
