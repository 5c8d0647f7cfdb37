using Dashboard.Formatting;

namespace Dashboard.Tests.Formatting;

public sealed class RelativeTimeTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(10, "just now")]
    [InlineData(60, "1 min ago")]
    [InlineData(3 * 60, "3 min ago")]
    [InlineData(89 * 60, "89 min ago")]
    [InlineData(3 * 3600, "3 h ago")]
    [InlineData(3 * 86400, "3 d ago")]
    public void Since_FormatsAgainstTheGivenClock(int secondsAgo, string expected) =>
        Assert.Equal(expected, RelativeTime.Since(Now.AddSeconds(-secondsAgo), Now));

    [Fact]
    public void Since_FutureTime_SaysSo() => Assert.Equal("in the future", RelativeTime.Since(Now.AddMinutes(5), Now));

    [Fact]
    public void Utc_IsSortableAndLabelled() => Assert.Equal("2026-11-25 12:00:00 UTC", RelativeTime.Utc(Now.ToOffset(TimeSpan.FromHours(2))));

    [Theory]
    [InlineData(42, "42 s")]
    [InlineData(150, "2 min 30 s")]
    [InlineData(300, "5 min")]
    [InlineData(3900, "1 h 5 min")]
    [InlineData(7200, "2 h")]
    public void Duration_ShowsTheNonZeroParts(int seconds, string expected) =>
        Assert.Equal(expected, RelativeTime.Duration(TimeSpan.FromSeconds(seconds)));

    [Theory]
    [InlineData(8, "8 s ago")]
    [InlineData(89, "89 s ago")]
    [InlineData(600, "10 min ago")]
    public void Ago_CountsSecondsWhileFresh(int secondsAgo, string expected) =>
        Assert.Equal(expected, RelativeTime.Ago(Now.AddSeconds(-secondsAgo), Now));
}
