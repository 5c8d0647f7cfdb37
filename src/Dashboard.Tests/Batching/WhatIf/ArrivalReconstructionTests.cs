using Dashboard.Batching.WhatIf;
using static Dashboard.Tests.Batching.WhatIf.Arrivals;

namespace Dashboard.Tests.Batching.WhatIf;

/// <summary>Arrivals rebuilt from Invocations per minute, under both spread assumptions, and pinned by past runs.</summary>
public sealed class ArrivalReconstructionTests
{
    [Fact]
    public void FromMinuteCounts_EvenlySpaced_PutsEachEventMidSlot()
    {
        var stream = ArrivalReconstruction.FromMinuteCounts(Start, [3, 0, 1], MinuteSpread.EvenlySpaced);

        Assert.Equal([At(10), At(30), At(50), At(150)], Enumerable.Range(0, stream.Count).Select(i => stream[i]));
        Assert.Equal(TimeSpan.FromMinutes(3), stream.Period);
    }

    [Fact]
    public void FromMinuteCounts_MinuteStart_PutsAllEventsAtTheMinutesFirstInstant()
    {
        var stream = ArrivalReconstruction.FromMinuteCounts(Start, [3, 0, 1], MinuteSpread.MinuteStart);

        Assert.Equal([At(0), At(0), At(0), At(120)], Enumerable.Range(0, stream.Count).Select(i => stream[i]));
    }

    [Fact]
    public void FromMinuteCounts_ObservedRuns_PlaceTheirEventsAndSpreadTheRest()
    {
        // A size-started run at 30 s with 3 events: its last event at 30 s, the two others before it, latest first,
        // evenly over minute 0 up to 30 s (at 10 s and 20 s). A size-started run at 70 s with 1 event: minute 1 counted
        // none, so its event is minute 0's last, at the minute's last instant. A window-started run at 210 s with a
        // 60 s window: its one event at 150 s.
        ObservedRun[] runs =
        [
            new(At(30), 3, BatchStartReason.Size, 900),
            new(At(210), 1, BatchStartReason.Window, 60),
            new(At(70), 1, BatchStartReason.Size, 900),
        ];

        var stream = ArrivalReconstruction.FromMinuteCounts(Start, [4, 0, 1], MinuteSpread.EvenlySpaced, runs);

        Assert.Equal([At(10), At(20), At(30), At(60).AddTicks(-1), At(150)], Enumerable.Range(0, stream.Count).Select(i => stream[i]));
    }

    [Fact]
    public void FromMinuteCounts_SizeStart_ReachesBackWithinItsWindowAcrossMinutes()
    {
        // 100 events in 50 s straddling a minute: 40 in minute 0, 60 in minute 1; the run filled at 80 s with a 60 s
        // window. Latest first: minute 1 gives its 60 from 60 s to 80 s, minute 0 the other 40 after 20 s, so every
        // event lands within the window and the replay fills the batch at 80 s, as it did.
        ObservedRun[] runs = [new(At(80), 100, BatchStartReason.Size, 60)];

        var stream = ArrivalReconstruction.FromMinuteCounts(Start, [40, 60], MinuteSpread.EvenlySpaced, runs);
        var replay = BatchingSimulator.Simulate(stream, new BatchingSetting(100, 60), RunCapacity.Unlimited, HalfDpuHour);

        Assert.True(stream[0] > At(20), $"The first event is at {stream[0]:O}.");
        Assert.Equal(At(80), stream[99]);
        var batch = Assert.Single(replay.Batches);
        Assert.Equal((At(80), BatchStartReason.Size), (batch.StartedAt, batch.Reason));
    }

    [Fact]
    public void FromMinuteCounts_WindowStart_PlacesFromTheOpeningOn_NoMoreThanTheMinutesCounted()
    {
        // Window 120 s expired at 150 s: the first event at 30 s, the others after it; the run says 5 events but the
        // minutes between 30 s and 150 s counted 2 and 1, so 3 are placed: 30 s and 45 s in minute 0, 60 s in minute 1.
        ObservedRun[] runs = [new(At(150), 5, BatchStartReason.Window, 120)];

        var stream = ArrivalReconstruction.FromMinuteCounts(Start, [2, 1, 0], MinuteSpread.MinuteStart, runs);

        Assert.Equal([At(30), At(45), At(60)], Enumerable.Range(0, stream.Count).Select(i => stream[i]));
    }

    [Fact]
    public void FromMinuteCounts_NegativeCount_ThrowsNamingTheMinute()
    {
        var error = Assert.Throws<ArgumentException>(() => ArrivalReconstruction.FromMinuteCounts(Start, [1, -2], MinuteSpread.EvenlySpaced));

        Assert.Contains("minute 1 is -2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromMinuteCounts_FirstMinuteNotWhole_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => ArrivalReconstruction.FromMinuteCounts(At(1), [1], MinuteSpread.EvenlySpaced));

        Assert.Equal("firstMinute", error.ParamName);
    }

    [Fact]
    public void FromTimes_ArrivalOutsidePeriod_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ArrivalStream.FromTimes([At(86_400)], Start, TimeSpan.FromDays(1)));
    }

    [Fact]
    public void FromTimes_Unsorted_SortsThem()
    {
        var stream = ArrivalStream.FromTimes([At(5), At(1)], Start, TimeSpan.FromDays(1));

        Assert.Equal(At(1), stream[0]);
    }
}
