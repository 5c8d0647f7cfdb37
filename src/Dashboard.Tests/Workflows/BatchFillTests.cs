using Dashboard.Workflows;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Tests.Workflows;

public sealed class BatchFillTests
{
    private static readonly DateTimeOffset LastRun = new(2026, 11, 26, 9, 0, 30, TimeSpan.Zero);
    private static readonly EventBatching FiveIn300 = new(5, 300);

    private readonly FakeTimeProvider _clock = new(LastRun);

    private static KeyValuePair<DateTimeOffset, double> At(int minute, double count) =>
        new(new DateTimeOffset(2026, 11, 26, 9, minute, 0, TimeSpan.Zero), count);

    [Fact]
    public void Estimate_NoEventSinceLastRun_IsEmpty()
    {
        _clock.Advance(TimeSpan.FromMinutes(3));

        var estimate = BatchFill.Estimate(FiveIn300, LastRun, [At(0, 0), At(1, 0), At(2, 0)], _clock.GetUtcNow());

        Assert.Equal(BatchFillState.Empty, estimate.State);
        Assert.Equal("0 of 5: waiting for the first event", estimate.Describe(_clock.GetUtcNow()));
    }

    [Fact]
    public void Estimate_EventsBeforeTheLastRun_BelongToThatRun()
    {
        _clock.Advance(TimeSpan.FromMinutes(2));

        var estimate = BatchFill.Estimate(FiveIn300, LastRun, [At(58, 4), At(59, 1)], _clock.GetUtcNow());

        Assert.Equal(BatchFillState.Empty, estimate.State);
    }

    [Fact]
    public void Estimate_EventsSinceLastRun_CountsThemAndBoundsTheWindowByTheFirstMinutesEnd()
    {
        _clock.Advance(TimeSpan.FromMinutes(3)); // 09:03:30

        var estimate = BatchFill.Estimate(FiveIn300, LastRun, [At(1, 2), At(2, 0), At(3, 1)], _clock.GetUtcNow());

        Assert.Equal(BatchFillState.Filling, estimate.State);
        Assert.Equal(3, estimate.Events);
        Assert.Equal(At(2, 0).Key.AddSeconds(300), estimate.WindowClosesBy); // first event by 09:02:00, + 300 s
        Assert.Equal("≈ 3 of 5, window closes in ≤ 4 min", estimate.Describe(_clock.GetUtcNow()));
    }

    [Fact]
    public void Estimate_TheMinuteInWhichTheLastRunStarted_CountsForThatRun()
    {
        _clock.Advance(TimeSpan.FromMinutes(2)); // 09:02:30; the run started at 09:00:30, as its batch's 5th event came

        var estimate = BatchFill.Estimate(FiveIn300, LastRun, [At(0, 3), At(1, 1)], _clock.GetUtcNow());

        Assert.Equal(1, estimate.Events);
        Assert.Equal(At(2, 0).Key.AddSeconds(300), estimate.WindowClosesBy);
    }

    [Fact]
    public void Estimate_WindowCloseUnderAMinuteAway_SaysSeconds()
    {
        _clock.Advance(TimeSpan.FromMinutes(6)); // 09:06:30; first event by 09:02:00 → window closes by 09:07:00

        var estimate = BatchFill.Estimate(FiveIn300, LastRun, [At(1, 1)], _clock.GetUtcNow());

        Assert.Equal("≈ 1 of 5, window closes in ≤ 30 s", estimate.Describe(_clock.GetUtcNow()));
    }

    [Fact]
    public void Estimate_BatchSizeReachedWithoutANewerRun_IsOverdue()
    {
        _clock.Advance(TimeSpan.FromMinutes(2));

        var estimate = BatchFill.Estimate(FiveIn300, LastRun, [At(1, 6)], _clock.GetUtcNow());

        Assert.Equal(BatchFillState.Overdue, estimate.State);
        Assert.Equal("≈ 6 of 5: full, no run yet", estimate.Describe(_clock.GetUtcNow()));
    }

    [Fact]
    public void Estimate_WindowLongClosedWithoutANewerRun_IsOverdue()
    {
        _clock.Advance(TimeSpan.FromMinutes(9)); // window closed by 09:07:00, a minute's grace to 09:08:00

        var estimate = BatchFill.Estimate(FiveIn300, LastRun, [At(1, 2)], _clock.GetUtcNow());

        Assert.Equal(BatchFillState.Overdue, estimate.State);
        Assert.Equal("≈ 2 of 5: window closed, no run yet", estimate.Describe(_clock.GetUtcNow()));
    }

    [Fact]
    public void Estimate_NeverRan_CountsEveryRecentEventAndUsesTheDefaultWindow()
    {
        _clock.Advance(TimeSpan.FromMinutes(2));

        var estimate = BatchFill.Estimate(new EventBatching(10, null), null, [At(1, 3)], _clock.GetUtcNow());

        Assert.Equal(3, estimate.Events);
        Assert.Equal(At(2, 0).Key.AddSeconds(900), estimate.WindowClosesBy);
    }

    [Fact]
    public void Estimate_PointsInTheFuture_AreIgnored()
    {
        var estimate = BatchFill.Estimate(FiveIn300, LastRun, [At(5, 3)], _clock.GetUtcNow());

        Assert.Equal(BatchFillState.Empty, estimate.State);
    }
}
