using Dashboard.Batching.WhatIf;
using Dashboard.Tests.Batching.WhatIf.Validation;

namespace Dashboard.Tests.Batching.WhatIf;

/// <summary>
/// Issue 8's "validate it against LocalCloud": a seeded stream replayed through LocalCloud's real batcher on a fake
/// clock, then predicted from the exact arrivals (must agree event by event) and from public data as the tuning page
/// reads it (Invocations by the minute and the runs, through <see cref="WorkflowTuning"/>).
/// </summary>
public sealed class LocalCloudValidationTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 6, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Length = TimeSpan.FromHours(4);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string, int, int, int?, int> Cases => new()
    {
        { "steady", 10, 300, null, 120 },
        { "steady", 5, 120, 2, 300 },
        { "bursty", 20, 600, 2, 600 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task ExactArrivals_ReplayedThroughLocalCloud_MatchTheSimulatorEventByEvent(string pattern, int size, int window, int? limit, int seconds)
    {
        var result = await RunAsync(pattern, size, window, limit, seconds);

        Assert.Equal(0, result.Actual.EventsNotInExactlyOneRun);
        Assert.Equal(0, result.EventsWhereExactDiffers);
        Assert.Equal(result.Actual.AcceptedRuns, result.Exact.Summary.Runs);
        Assert.Equal(result.Actual.RefusedRuns, result.Exact.Summary.RefusedBatches);
        Assert.Equal(result.Actual.MeanWait, result.Exact.Summary.MeanWait);
        Assert.Equal(result.Actual.P95Wait, result.Exact.Summary.P95Wait);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task PublicData_ThroughWorkflowTuning_PredictsRunsWithinFivePercentAndBracketsTheP95(string pattern, int size, int window, int? limit, int seconds)
    {
        var result = await RunAsync(pattern, size, window, limit, seconds);

        Assert.Equal(result.Actual.Arrivals.Count, result.Inputs.Invocations);
        Assert.True(result.EvenlySpacedError.Runs.Within(5), $"Evenly spaced runs: {result.EvenlySpacedError.Runs}");
        Assert.True(result.MinuteStartError.Runs.Within(5), $"Minute start runs: {result.MinuteStartError.Runs}");
        Assert.True(
            result.P95WaitInBand || (result.EvenlySpacedError.P95WaitSeconds.Within(5) && result.MinuteStartError.P95WaitSeconds.Within(5)),
            $"Actual p95 {result.Actual.P95Wait} outside the band {result.PublicData.P95Wait}");
    }

    private static Task<ValidationResult> RunAsync(string pattern, int size, int window, int? limit, int seconds)
    {
        var arrivals = pattern == "steady" ? SyntheticArrivals.Steady(7, Start, Length) : SyntheticArrivals.Bursty(7, Start, Length);
        var replay = new ReplayCase($"validation-{pattern}-{size}-{window}", new BatchingSetting(size, window), limit, TimeSpan.FromSeconds(seconds));
        return SimulatorValidation.RunAsync(pattern, replay, arrivals, Ct);
    }
}
