using Dashboard.Charts;

namespace Dashboard.Tests.Charts;

public sealed class TimeTicksTests
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(60, 10)]
    [InlineData(180, 30)]
    [InlineData(720, 120)]
    [InlineData(1440, 360)]
    [InlineData(10080, 2880)]
    public void StepFor_PresetSpans_AtMostSixTicks(int spanMinutes, int expectedStepMinutes) =>
        Assert.Equal(TimeSpan.FromMinutes(expectedStepMinutes), TimeTicks.StepFor(TimeSpan.FromMinutes(spanMinutes), 6));

    [Fact]
    public void Choose_ThreeHoursInUtc_RoundHalfHours()
    {
        var ticks = TimeTicks.Choose(Noon.AddHours(-3).AddMinutes(-7), Noon.AddMinutes(-7), TimeZoneInfo.Utc);

        Assert.Equal(["09:00", "09:30", "10:00", "10:30", "11:00", "11:30"], ticks.Select(t => t.Label));
        Assert.All(ticks, t => Assert.Equal(0, t.At.Minute % 30));
    }

    [Fact]
    public void Choose_BrowserZone_LabelsLocalRoundTimes()
    {
        // India is UTC+05:30: local round hours are UTC half hours.
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Kolkata");

        var ticks = TimeTicks.Choose(Noon.AddHours(-12), Noon, zone);

        Assert.Equal(["06:00", "08:00", "10:00", "12:00", "14:00", "16:00"], ticks.Select(t => t.Label));
        Assert.Equal(new DateTimeOffset(2026, 11, 25, 0, 30, 0, TimeSpan.Zero), ticks[0].At);
    }

    [Fact]
    public void Choose_AcrossMidnight_ShowsTheDateOnTheFirstTickOfTheDay()
    {
        var ticks = TimeTicks.Choose(new DateTimeOffset(2026, 11, 25, 22, 10, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 26, 1, 10, 0, TimeSpan.Zero), TimeZoneInfo.Utc);

        Assert.Equal(["22:30", "23:00", "23:30", "Nov 26", "00:30", "01:00"], ticks.Select(t => t.Label));
    }

    [Fact]
    public void Choose_SevenDays_DatesOnly()
    {
        var ticks = TimeTicks.Choose(Noon.AddDays(-7), Noon, TimeZoneInfo.Utc);

        Assert.Equal(["Nov 19", "Nov 20", "Nov 21", "Nov 22", "Nov 23", "Nov 24", "Nov 25"], ticks.Select(t => t.Label));
    }

    [Fact]
    public void Choose_SpringForward_SkipsTheMissingHour()
    {
        // Europe/Paris skips 02:00–03:00 on 2026-03-29.
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
        var start = new DateTimeOffset(2026, 3, 29, 0, 0, 0, TimeSpan.Zero);

        var ticks = TimeTicks.Choose(start, start.AddHours(3), zone, maxTicks: 6);

        Assert.DoesNotContain(ticks, t => t.Label.StartsWith("02:", StringComparison.Ordinal));
        Assert.Equal(ticks.Select(t => t.At).Distinct().Count(), ticks.Count);
    }

    [Fact]
    public void Choose_EmptySpan_NoTicks() => Assert.Empty(TimeTicks.Choose(Noon, Noon, TimeZoneInfo.Utc));
}
