using Dashboard.Batching.WhatIf;
using static Dashboard.Tests.Batching.WhatIf.Arrivals;

namespace Dashboard.Tests.Batching.WhatIf;

/// <summary>The band between the evenly-spaced and minute-start readings of the same per-minute counts.</summary>
public sealed class UncertaintyBandTests
{
    [Fact]
    public void Between_TwoEventsInOneMinute_BandsFromBunchedToSpread()
    {
        // Counts [2] over one minute. Evenly spaced: 15 s and 45 s; minute start: both at 0 s.
        // Size 2, window 60: spread → one batch started at 45 s, waits 30 and 0, p95 30 s;
        // bunched → one batch started at 0 s, waits 0, p95 0. One run either way.
        var even = ArrivalReconstruction.FromMinuteCounts(Start, [2], MinuteSpread.EvenlySpaced);
        var bunched = ArrivalReconstruction.FromMinuteCounts(Start, [2], MinuteSpread.MinuteStart);
        var ct = TestContext.Current.CancellationToken;

        var band = Assert.Single(UncertaintyBand.Between(
            WhatIfGrid.Evaluate(even, [2], [60], RunCapacity.Unlimited, HalfDpuHour, ct),
            WhatIfGrid.Evaluate(bunched, [2], [60], RunCapacity.Unlimited, HalfDpuHour, ct)));

        Assert.Equal(new Bounds<TimeSpan>(TimeSpan.Zero, TimeSpan.FromSeconds(30)), band.P95Wait);
        Assert.Equal(new Bounds<TimeSpan>(TimeSpan.Zero, TimeSpan.FromSeconds(15)), band.MeanWait);
        Assert.Equal(new Bounds<double>(1440, 1440), band.RunsPerDay);
    }

    [Fact]
    public void Between_DifferentGrids_Throws()
    {
        var stream = Seconds(0);
        var ct = TestContext.Current.CancellationToken;

        var error = Assert.Throws<ArgumentException>(() => UncertaintyBand.Between(
            WhatIfGrid.Evaluate(stream, [1], [60], RunCapacity.Unlimited, HalfDpuHour, ct),
            WhatIfGrid.Evaluate(stream, [2], [60], RunCapacity.Unlimited, HalfDpuHour, ct)));

        Assert.Contains("same sizes and windows", error.Message, StringComparison.Ordinal);
    }
}
