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
        // A size-started run at 30 s with 3 events: its last event at 30 s, the others before it. It covers half of
        // minute 0, so first it takes half of the minute's 4 events: the pinned one at 30 s and one mid-way, at 15 s;
        // it holds 3, so the third comes from the rest of the minute's count, mid-way too. A size-started run at 70 s
        // with 1 event: minute 1 counted none, so its event is minute 0's last, mid-minute. A window-started run at
        // 210 s with a 60 s window: its one event at 150 s.
        ObservedRun[] runs =
        [
            new(At(30), 3, BatchStartReason.Size, 900),
            new(At(210), 1, BatchStartReason.Window, 60),
            new(At(70), 1, BatchStartReason.Size, 900),
        ];

        var stream = ArrivalReconstruction.FromMinuteCounts(Start, [4, 0, 1], MinuteSpread.EvenlySpaced, runs);

        Assert.Equal([At(15), At(15), At(30), At(30), At(150)], Enumerable.Range(0, stream.Count).Select(i => stream[i]));
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
        // Window 120 s expired at 150 s: the first event at 30 s, the others after it. Minute 0 is half covered and
        // gives half its 2 events (the pin, 30 s); minute 1 its 1 event, mid-minute (90 s); minute 2 counted none. The
        // run says 5, so the rest of the counts follow: minute 0's other event, mid-way through its part (45 s).
        // Five claimed, three counted: the metric wins.
        ObservedRun[] runs = [new(At(150), 5, BatchStartReason.Window, 120)];

        var stream = ArrivalReconstruction.FromMinuteCounts(Start, [2, 1, 0], MinuteSpread.MinuteStart, runs);

        Assert.Equal([At(30), At(45), At(90)], Enumerable.Range(0, stream.Count).Select(i => stream[i]));
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
