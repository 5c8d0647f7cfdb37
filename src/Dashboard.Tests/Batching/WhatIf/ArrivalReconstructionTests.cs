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
    public void FromMinuteCounts_ObservedRuns_PinEventsAndSpreadTheRest()
    {
        // A size-started run at 25 s pins its last event there; a window-started run at 210 s with a 60 s window pins
        // its first event at 150 s; a pin in minute 1, which counted no events, is ignored.
        ObservedRun[] runs =
        [
            new(At(25), 3, BatchStartReason.Size, 900),
            new(At(210), 1, BatchStartReason.Window, 60),
            new(At(70), 1, BatchStartReason.Size, 900),
        ];

        var stream = ArrivalReconstruction.FromMinuteCounts(Start, [3, 0, 1], MinuteSpread.EvenlySpaced, runs);

        Assert.Equal([At(15), At(25), At(45), At(150)], Enumerable.Range(0, stream.Count).Select(i => stream[i]));
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
