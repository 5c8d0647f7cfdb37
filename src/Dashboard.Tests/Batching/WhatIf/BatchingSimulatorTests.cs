using Dashboard.Aws.Glue;
using Dashboard.Batching.WhatIf;
using static Dashboard.Tests.Batching.WhatIf.Arrivals;

namespace Dashboard.Tests.Batching.WhatIf;

/// <summary>Glue's batching replayed on small streams whose batches, waits and refusals are worked out by hand.</summary>
public sealed class BatchingSimulatorTests
{
    [Fact]
    public void Simulate_WindowExpiresBeforeSizeReached_StartsAtOpenPlusWindow()
    {
        var run = BatchingSimulator.Simulate(Seconds(0, 10, 30), new BatchingSetting(5, 60), RunCapacity.Unlimited, HalfDpuHour);

        var batch = Assert.Single(run.Batches);
        Assert.Equal(new SimulatedBatch(0, 3, At(0), At(60), BatchStartReason.Window, Refused: false), batch);
        Assert.Equal([TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(50), TimeSpan.FromSeconds(30)], Enumerable.Range(0, 3).Select(run.WaitOf));
        Assert.Equal(TimeSpan.FromTicks(TimeSpan.FromSeconds(140).Ticks / 3), run.Summary.MeanWait);
        Assert.Equal(TimeSpan.FromSeconds(60), run.Summary.P95Wait);
        Assert.Equal(0, run.Summary.RunsStartedBySize);
    }

    [Fact]
    public void Simulate_SizeReached_StartsAtNthArrivalAndNextBatchOpensAfter()
    {
        var run = BatchingSimulator.Simulate(Seconds(0, 10, 20, 30), new BatchingSetting(3, 900), RunCapacity.Unlimited, HalfDpuHour);

        Assert.Equal(
            [
                new SimulatedBatch(0, 3, At(0), At(20), BatchStartReason.Size, false),
                new SimulatedBatch(3, 1, At(30), At(930), BatchStartReason.Window, false),
            ],
            run.Batches);
        Assert.Equal([20d, 10d, 0d, 900d], Enumerable.Range(0, 4).Select(i => run.WaitOf(i)!.Value.TotalSeconds));
        Assert.Equal(2, run.Summary.Runs);
        Assert.Equal(1, run.Summary.RunsStartedBySize);
    }

    [Fact]
    public void Simulate_NthEventArrivesExactlyAtWindowEnd_WindowWinsAndEventOpensNextBatch()
    {
        // LocalCloud's window timer fires when time reaches the due instant, before an event at that instant is delivered.
        var run = BatchingSimulator.Simulate(Seconds(0, 60), new BatchingSetting(2, 60), RunCapacity.Unlimited, HalfDpuHour);

        Assert.Equal(
            [
                new SimulatedBatch(0, 1, At(0), At(60), BatchStartReason.Window, false),
                new SimulatedBatch(1, 1, At(60), At(120), BatchStartReason.Window, false),
            ],
            run.Batches);
    }

    [Fact]
    public void Simulate_NthEventArrivesOneTickBeforeWindowEnd_SizeWins()
    {
        var last = At(60) - TimeSpan.FromTicks(1);
        var arrivals = ArrivalStream.FromTimes([At(0), last], Start, TimeSpan.FromDays(1));

        var run = BatchingSimulator.Simulate(arrivals, new BatchingSetting(2, 60), RunCapacity.Unlimited, HalfDpuHour);

        Assert.Equal(new SimulatedBatch(0, 2, At(0), last, BatchStartReason.Size, false), Assert.Single(run.Batches));
    }

    [Fact]
    public void Simulate_MaxConcurrentRunsOneWithLongRuns_RefusesAndConsumesBatchesUntilSlotFrees()
    {
        // Runs last 10 minutes. 0 s runs until 600 s; 60 s is refused; 600 s finds the slot just freed; 601 s is refused.
        var capacity = new RunCapacity(1, TimeSpan.FromMinutes(10));

        var run = BatchingSimulator.Simulate(Seconds(0, 60, 600, 601), new BatchingSetting(1, 900), capacity, HalfDpuHour);

        Assert.Equal([false, true, false, true], run.Batches.Select(b => b.Refused));
        Assert.Equal([TimeSpan.Zero, null, TimeSpan.Zero, null], Enumerable.Range(0, 4).Select(run.WaitOf));
        Assert.Equal(2, run.Summary.Runs);
        Assert.Equal(2, run.Summary.RefusedBatches);
        Assert.Equal(2, run.Summary.RefusedEvents);
        Assert.Equal(2, run.Summary.WaitedEvents);
    }

    [Fact]
    public void Simulate_RefusedBatchNotRetried_NextEventsOpenNewBatch()
    {
        // Size 2, window 60, one slot, 5-minute runs: [0,10] runs 10..310; [20,30] refused at 30; [40] closes at 100, refused.
        var capacity = new RunCapacity(1, TimeSpan.FromMinutes(5));

        var run = BatchingSimulator.Simulate(Seconds(0, 10, 20, 30, 40, 400), new BatchingSetting(2, 60), capacity, HalfDpuHour);

        Assert.Equal(
            [
                new SimulatedBatch(0, 2, At(0), At(10), BatchStartReason.Size, false),
                new SimulatedBatch(2, 2, At(20), At(30), BatchStartReason.Size, true),
                new SimulatedBatch(4, 1, At(40), At(100), BatchStartReason.Window, true),
                new SimulatedBatch(5, 1, At(400), At(460), BatchStartReason.Window, false),
            ],
            run.Batches);
        Assert.Equal(3, run.Summary.RefusedEvents);
    }

    [Fact]
    public void Simulate_TwoRunsInADay_ReportsRunsPerDayAndCost()
    {
        var run = BatchingSimulator.Simulate(Seconds(0, 1000), new BatchingSetting(1, 900), RunCapacity.Unlimited, HalfDpuHour);

        Assert.Equal(2d, run.Summary.RunsPerDay);
        Assert.Equal(0.44m, run.Summary.EstimatedCost); // 2 runs × 0.5 DPU-hour × $0.44
        Assert.Equal(0.44m, run.Summary.EstimatedCostPerDay);
    }

    [Fact]
    public void Simulate_CustomPrice_UsesIt()
    {
        var run = BatchingSimulator.Simulate(Seconds(0), new BatchingSetting(1, 900), RunCapacity.Unlimited, new CostModel(2, 1.5m));

        Assert.Equal(3m, run.Summary.EstimatedCost);
    }

    [Fact]
    public void Simulate_NoEvents_ZeroRunsAndZeroWaits()
    {
        var run = BatchingSimulator.Simulate(Seconds(), new BatchingSetting(10, 60), RunCapacity.Unlimited, HalfDpuHour);

        Assert.Empty(run.Batches);
        Assert.Equal(TimeSpan.Zero, run.Summary.P95Wait);
        Assert.Equal(0m, run.Summary.EstimatedCost);
    }

    [Fact]
    public void Simulate_TwentyEvents_P95IsNearestRank()
    {
        // Size 20, window 900: one batch started by the 20th event at 19 s; waits 19..0 s; ⌈0.95·20⌉ = 19th smallest = 18 s.
        var run = BatchingSimulator.Simulate(Seconds([.. Enumerable.Range(0, 20).Select(i => (double)i)]), new BatchingSetting(20, 900), RunCapacity.Unlimited, HalfDpuHour);

        Assert.Equal(TimeSpan.FromSeconds(18), run.Summary.P95Wait);
        Assert.Equal(TimeSpan.FromSeconds(9.5), run.Summary.MeanWait);
    }

    [Theory]
    [InlineData(0, 60, "batchSize")]
    [InlineData(101, 60, "batchSize")]
    [InlineData(1, 0, "batchWindowSeconds")]
    [InlineData(1, 901, "batchWindowSeconds")]
    public void BatchingSetting_OutsideGlueLimits_Throws(int size, int window, string parameter)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new BatchingSetting(size, window));

        Assert.Equal(parameter, error.ParamName);
    }

    [Fact]
    public void Simulate_MaxConcurrentRunsZero_Throws()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(
            () => BatchingSimulator.Simulate(Seconds(0), new BatchingSetting(1, 60), new RunCapacity(0, TimeSpan.FromMinutes(1)), HalfDpuHour));

        Assert.Contains("MaxConcurrentRuns must be at least 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Simulate_NegativeRunDuration_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(
            () => BatchingSimulator.Simulate(Seconds(0), new BatchingSetting(1, 60), new RunCapacity(1, TimeSpan.FromMinutes(-1)), HalfDpuHour));
    }

    [Fact]
    public void FromCondition_NoCondition_OneEventPerRunAnd900SecondWindow()
    {
        Assert.Equal(new BatchingSetting(1, 900), BatchingSetting.FromCondition(null));
    }

    [Fact]
    public void FromCondition_NoWindow_DefaultsTo900Seconds()
    {
        Assert.Equal(new BatchingSetting(10, 900), BatchingSetting.FromCondition(new EventBatchingCondition { BatchSize = 10 }));
        Assert.Equal(new BatchingSetting(10, 30), BatchingSetting.FromCondition(new EventBatchingCondition { BatchSize = 10, BatchWindow = 30 }));
    }
}
