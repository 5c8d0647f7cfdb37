using Dashboard.Batching.WhatIf;
using Dashboard.Metrics;

namespace Dashboard.Tests.Batching.WhatIf;

/// <summary>
/// The simulator as the page uses it: a day of minute counts replayed under both readings, figures folded to the
/// pessimistic one, and the recommendation taken on it.
/// </summary>
public sealed class TuningModelTests
{
    private static readonly DateTimeOffset Day = new(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);

    /// <summary>A day of minutes, two invocations in the first: evenly spaced at 15 s and 45 s, or both at 0 s.</summary>
    private static TuningInputs TwoEventsInTheFirstMinute(DpuObservation? dpu = null, int? maxConcurrentRuns = null, RunDurations? durations = null)
    {
        var counts = new int[1440];
        counts[0] = 2;
        return new TuningInputs(
            "orders", "orders_start", new BatchingSetting(1, 900), maxConcurrentRuns, [new RuleKey("default", "orders_rule")], Day, counts,
            [], 0, false, 0, 0, durations ?? RunDurations.None, dpu ?? new DpuObservation(0, 1, null), [], 0, Day.AddDays(1));
    }

    [Fact]
    public void Evaluate_TwoEventsAndSize2Window60_BandsFromBunchedToSpread()
    {
        // Size 2, window 60 s. Spread: the 45 s event fills the batch: waits 30 s and 0, one run.
        // Bunched: both at 0 s fill it at once: waits 0, one run.
        var grid = new TuningModel(TwoEventsInTheFirstMinute(), 0.44m).Evaluate(TestContext.Current.CancellationToken);

        var band = grid.BandOf(new BatchingSetting(2, 60))!;
        Assert.Equal(new Bounds<TimeSpan>(TimeSpan.Zero, TimeSpan.FromSeconds(30)), band.P95Wait);
        Assert.Equal(new Bounds<double>(1, 1), band.RunsPerDay);
        Assert.Equal(TimeSpan.FromSeconds(30), band.Pessimistic.P95Wait);
        Assert.Equal(TuningModel.GridSizes.Count * TuningModel.GridWindows.Count, grid.Bands.Count);
    }

    [Fact]
    public void Evaluate_Size2Window30_TheRaceSplitsTheBatchWhenSpread()
    {
        // Spread: the window opened at 15 s ends at 45 s, exactly when the second event arrives: too late, so it
        // opens a second batch (two runs, waits 30 s each). Bunched: one run at 0 s.
        var grid = new TuningModel(TwoEventsInTheFirstMinute(), 0.44m).Evaluate(TestContext.Current.CancellationToken);

        var band = grid.BandOf(new BatchingSetting(2, 30))!;
        Assert.Equal(2, band.EvenlySpaced.Runs);
        Assert.Equal(TimeSpan.FromSeconds(30), band.EvenlySpaced.P95Wait);
        Assert.Equal(1, band.MinuteStart.Runs);
        Assert.Equal(2, band.Pessimistic.Runs);
    }

    [Fact]
    public void Recommend_TargetMetOnlyUnderOneReading_IsNotRecommended()
    {
        // p95 ≤ 20 s: size 2 meets it bunched (0 s) but not spread (30 s), so the pessimistic reading picks size 1,
        // whose two runs start as each event arrives.
        var grid = new TuningModel(TwoEventsInTheFirstMinute(), 0.44m).Evaluate(TestContext.Current.CancellationToken);

        var pick = grid.Pessimistic.Recommend(TimeSpan.FromSeconds(20));

        Assert.Equal(new BatchingSetting(1, 30), pick!.Setting);
        Assert.Equal(2, pick.Runs);
    }

    [Fact]
    public void Recommend_TargetMetUnderBothReadings_PicksTheCheapestSmallestWindow()
    {
        var grid = new TuningModel(TwoEventsInTheFirstMinute(), 0.44m).Evaluate(TestContext.Current.CancellationToken);

        var pick = grid.Pessimistic.Recommend(TimeSpan.FromSeconds(30));

        Assert.Equal(new BatchingSetting(2, 60), pick!.Setting);
        Assert.Equal(1, pick.Runs);
    }

    [Fact]
    public void Cost_WithoutDpus_CountsRuns_WithDpus_IsMoney()
    {
        var unknown = new TuningModel(TwoEventsInTheFirstMinute(), 0.44m);
        var known = new TuningModel(TwoEventsInTheFirstMinute(new DpuObservation(10, 1, 0.5)), 0.44m);

        Assert.False(unknown.HasCost);
        Assert.Equal(2m, unknown.Simulate(new BatchingSetting(1, 30)).Pessimistic.EstimatedCostPerDay);
        Assert.True(known.HasCost);
        Assert.Equal(0.44m, known.Simulate(new BatchingSetting(1, 30)).Pessimistic.EstimatedCostPerDay);
    }

    [Fact]
    public void Current_OffTheGrid_IsStillReplayed()
    {
        var grid = new TuningModel(TwoEventsInTheFirstMinute() with { Current = new BatchingSetting(2, 45) }, 0.44m).Evaluate(TestContext.Current.CancellationToken);

        Assert.Null(grid.BandOf(new BatchingSetting(2, 45)));
        Assert.Equal(new BatchingSetting(2, 45), grid.Current.Setting);
        Assert.Equal(1, grid.Current.Pessimistic.Runs);
    }

    [Fact]
    public void Capacity_LimitWithoutACompletedRun_CannotPredictRefusals()
    {
        var blind = TwoEventsInTheFirstMinute(maxConcurrentRuns: 1);
        var seeing = TwoEventsInTheFirstMinute(maxConcurrentRuns: 1, durations: RunDurations.Of([TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(3)]));

        Assert.False(blind.CanPredictRefusals);
        Assert.Equal(RunCapacity.Unlimited, blind.CapacityFor(SlotDuration.Median));
        Assert.True(seeing.CanPredictRefusals);
        Assert.Equal(new RunCapacity(1, TimeSpan.FromMinutes(3)), seeing.CapacityFor(SlotDuration.Median));

        // Size 1: the second event's run is refused while the first holds the only slot for 3 minutes.
        var band = new TuningModel(seeing, 0.44m).Simulate(new BatchingSetting(1, 30));
        Assert.Equal(1, band.Pessimistic.RefusedBatches);
    }

    [Fact]
    public void Slot_P90_HoldsLonger_AndRefusesWhatTheMedianAccepts()
    {
        // One event in minute 0 and one in minute 4: 4 minutes apart under either reading. With one slot, a run that
        // holds it for the median (3 min) frees it in time; for the p90 (5 min) it does not.
        var counts = new int[1440];
        counts[0] = 1;
        counts[4] = 1;
        var inputs = TwoEventsInTheFirstMinute(maxConcurrentRuns: 1, durations: RunDurations.Of([TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(3)]))
            with { InvocationsPerMinute = counts };

        var median = new TuningModel(inputs, 0.44m).Simulate(new BatchingSetting(1, 30));
        var p90 = new TuningModel(inputs, 0.44m, SlotDuration.P90).Simulate(new BatchingSetting(1, 30));

        Assert.Equal(new Bounds<long>(0, 0), median.RefusedBatches);
        Assert.Equal(new Bounds<long>(1, 1), p90.RefusedBatches);
        Assert.Equal(new RunCapacity(1, TimeSpan.FromMinutes(5)), inputs.CapacityFor(SlotDuration.P90));
    }

    [Fact]
    public void Constructor_NegativePrice_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new TuningModel(TwoEventsInTheFirstMinute(), -0.01m));

    [Fact]
    public void RunDurations_NearestRank()
    {
        var durations = RunDurations.Of(Enumerable.Range(1, 10).Select(i => TimeSpan.FromMinutes(i)));

        Assert.Equal(10, durations.Completed);
        Assert.Equal(TimeSpan.FromMinutes(5), durations.Median);
        Assert.Equal(TimeSpan.FromMinutes(9), durations.P90);
        Assert.Equal(RunDurations.None, RunDurations.Of([]));
    }

    [Theory]
    [InlineData(7200.0, null, null, null, null, 2.0)]
    [InlineData(null, 3600, 10.0, null, null, 10.0)]
    [InlineData(null, 1800, null, "G.2X", 5, 5.0)]
    [InlineData(null, 1800, null, "Unknown", 5, null)]
    [InlineData(null, 0, 10.0, null, null, null)]
    public void DpuHoursOf_PrefersDpuSeconds_ThenCapacityTimesTime(double? dpuSeconds, int? seconds, double? maxCapacity, string? workerType, int? workers, double? expected) =>
        Assert.Equal(expected, DpuObservation.DpuHoursOf(dpuSeconds, seconds, maxCapacity, workerType, workers));
}
