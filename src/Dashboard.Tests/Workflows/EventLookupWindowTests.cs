using Dashboard.Workflows;

namespace Dashboard.Tests.Workflows;

public sealed class EventLookupWindowTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Started = Now.AddHours(-1);

    [Fact]
    public void For_EndsAtTheRunsStartAndBeginsOneWindowAndAMarginEarlier()
    {
        var window = EventLookupWindow.For(Started, 300, Now);

        Assert.Equal(Started, window.End);
        Assert.Equal(Started.AddSeconds(-300) - EventLookupWindow.Margin, window.Start);
        Assert.Equal(300, window.BatchWindowSeconds);
        Assert.False(window.ClippedByRetention);
        Assert.False(window.OutsideRetention);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(0)]
    [InlineData(901)]
    public void For_NoOrInvalidWindow_UsesGluesDefaultOf900Seconds(int? seconds)
    {
        var window = EventLookupWindow.For(Started, seconds, Now);

        Assert.Equal(900, window.BatchWindowSeconds);
        Assert.Equal(Started.AddSeconds(-900) - EventLookupWindow.Margin, window.Start);
    }

    [Fact]
    public void For_WindowReachesPast90Days_IsClippedToTheHistory()
    {
        var started = Now.AddDays(-90).AddSeconds(100);

        var window = EventLookupWindow.For(started, 900, Now);

        Assert.True(window.ClippedByRetention);
        Assert.Equal(Now.AddDays(-90), window.Start);
        Assert.Equal(started, window.End);
    }

    [Fact]
    public void For_RunOlderThan90Days_IsOutsideTheHistory()
    {
        var window = EventLookupWindow.For(Now.AddDays(-91), 900, Now);

        Assert.True(window.OutsideRetention);
    }
}
