using Dashboard.Metrics;

namespace Dashboard.Tests.Metrics;

public sealed class MetricPeriodTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 17, TimeSpan.Zero);

    [Theory]
    [InlineData("1h", 60)]
    [InlineData("3h", 60)]
    [InlineData("12h", 120)]
    [InlineData("24h", 300)]
    [InlineData("7d", 1800)]
    public void Choose_Presets_AtMostAboutThreeHundredSixtyPoints(string preset, int expected)
    {
        var (start, end) = TimeRange.Parse(preset, null, null, Now).Range.Resolve(Now);

        var period = MetricPeriod.Choose(start, end, Now, queries: 20);

        Assert.Equal(expected, period);
        Assert.InRange(MetricWindow.Align(start, end, period).Buckets, 1, MetricPeriod.ReadablePoints + 1);
    }

    [Fact]
    public void Choose_ManyQueries_StaysUnderTheDataPointLimit()
    {
        // 500 queries of 1 h each: 60 one-minute points would be 30,500 with alignment; fine. Over 7 days the
        // readable period (30 min) gives 337 points, 168,500 in all: too many, so the period grows.
        var period = MetricPeriod.Choose(Now.AddDays(-7), Now, Now, queries: 500);

        Assert.Equal(3600, period);
        Assert.True(500L * MetricWindow.Align(Now.AddDays(-7), Now, period).Buckets <= MetricPeriod.MaxDatapointsPerCall);
    }

    [Fact]
    public void Choose_StartOlderThanFifteenDays_FiveMinutesAtLeast()
    {
        var start = Now.AddDays(-20);

        var period = MetricPeriod.Choose(start, start.AddHours(1), Now, queries: 1);

        Assert.Equal(300, period);
    }

    [Fact]
    public void Choose_StartOlderThanSixtyThreeDays_AnHourAtLeast()
    {
        var start = Now.AddDays(-70);

        var period = MetricPeriod.Choose(start, start.AddHours(1), Now, queries: 1);

        Assert.Equal(3600, period);
    }

    [Fact]
    public void Choose_LongCustomRange_WholeDays()
    {
        var period = MetricPeriod.Choose(Now.AddDays(-400), Now, Now, queries: 10);

        Assert.Equal(2 * 86400, period);
        Assert.Equal(0, period % 60);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(501)]
    public void Choose_QueryCountOutsideOneCall_Throws(int queries) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => MetricPeriod.Choose(Now.AddHours(-1), Now, Now, queries));

    [Fact]
    public void Choose_EmptyRange_Throws() =>
        Assert.Throws<ArgumentException>(() => MetricPeriod.Choose(Now, Now, Now, 1));

    [Fact]
    public void Align_RoundsTheStartDownAndTheEndUpToThePeriod()
    {
        var window = MetricWindow.Align(new DateTimeOffset(2026, 11, 25, 9, 3, 10, TimeSpan.Zero), new DateTimeOffset(2026, 11, 25, 9, 11, 0, TimeSpan.Zero), 300);

        Assert.Equal(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero), window.Start);
        Assert.Equal(new DateTimeOffset(2026, 11, 25, 9, 15, 0, TimeSpan.Zero), window.End);
        Assert.Equal(3, window.Buckets);
        Assert.Equal(1, window.BucketOf(new DateTimeOffset(2026, 11, 25, 9, 9, 59, TimeSpan.Zero)));
        Assert.Null(window.BucketOf(window.End));
    }
}
