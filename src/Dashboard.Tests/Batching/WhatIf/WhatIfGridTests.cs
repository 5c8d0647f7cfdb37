using Dashboard.Batching.WhatIf;
using static Dashboard.Tests.Batching.WhatIf.Arrivals;

namespace Dashboard.Tests.Batching.WhatIf;

/// <summary>
/// A 2 × 2 grid over arrivals at 0, 30 and 100 s, worked out by hand (cost unit c = 0.5 DPU-hour × $0.44 = $0.22):
/// size 1 → 3 runs, p95 0 (either window); (2, 60) → [0,30] at 30 and [100] at 160: 2 runs, waits 30, 0, 60, p95 60;
/// (2, 120) → 2 runs, [100] at 220, p95 120.
/// </summary>
public sealed class WhatIfGridTests
{
    private static readonly ArrivalStream Stream = Seconds(0, 30, 100);

    private static WhatIfGrid Grid(RunCapacity capacity) => WhatIfGrid.Evaluate(Stream, [1, 2], [60, 120], capacity, HalfDpuHour, TestContext.Current.CancellationToken);

    [Fact]
    public void Evaluate_SmallGrid_MatchesHandComputedResults()
    {
        var grid = Grid(RunCapacity.Unlimited);

        Assert.Equal(
            [("1/60", 3L, 0d, 0.66m), ("1/120", 3L, 0d, 0.66m), ("2/60", 2L, 60d, 0.44m), ("2/120", 2L, 120d, 0.44m)],
            grid.Results.Select(r => ($"{r.Setting.BatchSize}/{r.Setting.BatchWindowSeconds}", r.Runs, r.P95Wait.TotalSeconds, r.EstimatedCost)));
    }

    [Fact]
    public void Frontier_SmallGrid_KeepsUndominatedSettingsCheapestFirst()
    {
        var frontier = Grid(RunCapacity.Unlimited).Frontier();

        // (2,120) is dominated by (2,60); (1,60) and (1,120) tie, and the smaller window is kept.
        Assert.Equal([new BatchingSetting(2, 60), new BatchingSetting(1, 60)], frontier.Select(r => r.Setting));
    }

    [Theory]
    [InlineData(60, 2, 60)]
    [InlineData(120, 2, 60)]
    [InlineData(59, 1, 60)]
    [InlineData(0, 1, 60)]
    public void Recommend_Target_CheapestMeetingItWithSmallerWindowOnTies(int targetSeconds, int size, int window)
    {
        var recommended = Grid(RunCapacity.Unlimited).Recommend(TimeSpan.FromSeconds(targetSeconds));

        Assert.Equal(new BatchingSetting(size, window), recommended?.Setting);
    }

    [Fact]
    public void Recommend_EverySettingRefuses_NoneAndEmptyFrontier()
    {
        // One slot held all day: every setting refuses at least one batch.
        var grid = Grid(new RunCapacity(1, TimeSpan.FromDays(1)));

        Assert.Null(grid.Recommend(TimeSpan.FromHours(1)));
        Assert.Empty(grid.Frontier());
    }

    [Fact]
    public void Recommend_RefusalsAllowed_EqualCostGoesToFewerRefusalsThenSmallerWindow()
    {
        // Every setting runs once (cost c): size 1 refuses 2 batches, size 2 refuses 1.
        var grid = Grid(new RunCapacity(1, TimeSpan.FromDays(1)));

        var recommended = grid.Recommend(TimeSpan.FromHours(1), maxRefusedBatches: 2);

        Assert.Equal(new BatchingSetting(2, 60), recommended?.Setting);
        Assert.Equal(1, recommended?.RefusedBatches);
    }

    [Fact]
    public void Find_SettingInGrid_ReturnsItsResult()
    {
        var grid = Grid(RunCapacity.Unlimited);

        Assert.Equal(TimeSpan.FromSeconds(120), grid.Find(new BatchingSetting(2, 120))?.P95Wait);
        Assert.Null(grid.Find(new BatchingSetting(3, 120)));
    }
}
