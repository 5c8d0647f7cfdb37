using Dashboard.Formatting;

namespace Dashboard.Tests.Formatting;

public sealed class LocalTimeTextTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 9, 30, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(-60, "UTC", "08:30:00")]
    [InlineData(-60 * 24, "UTC", "Nov 25, 09:30")]
    [InlineData(-60 * 24 * 400, "UTC", "2025-10-22 09:30")]
    [InlineData(-60, "Asia/Tokyo", "17:30:00")]
    [InlineData(-60 * 10, "America/Los_Angeles", "Nov 25, 15:30")] // 01:30 there now: yesterday
    public void Format_InTheBrowsersZone_ShortensByDistance(int minutesAgo, string zone, string expected) =>
        Assert.Equal(expected, LocalTimeText.Format(Now.AddMinutes(minutesAgo), LocalTimeText.Zone(zone), Now));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Mars/Olympus_Mons")]
    public void Zone_UnknownOrMissing_IsUtc(string? id) => Assert.Equal(TimeZoneInfo.Utc, LocalTimeText.Zone(id));
}
