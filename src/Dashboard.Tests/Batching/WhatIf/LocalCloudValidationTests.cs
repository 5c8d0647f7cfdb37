using System.Collections.Concurrent;
using Dashboard.Batching.WhatIf;
using Dashboard.Tests.Batching.WhatIf.Validation;

namespace Dashboard.Tests.Batching.WhatIf;

/// <summary>
/// Issue 8's "validate it against LocalCloud": a seeded day of arrivals replayed through LocalCloud's real batcher on a
/// fake clock, then predicted from the exact arrivals (must agree event by event) and from public data as the tuning
/// page reads it (Invocations by the minute and the runs, through <see cref="WorkflowTuning"/>). The cases are the
/// figures' (<see cref="ValidationCases"/>), so these tests hold the published table to its numbers.
/// </summary>
public sealed class LocalCloudValidationTests
{
    // Each case is replayed once and read by both checks; a replay depends only on its seed, so sharing it is safe.
    private static readonly ConcurrentDictionary<(string, int), Lazy<Task<ValidationResult>>> Replays = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string, int> Cases
    {
        get
        {
            var cases = new TheoryData<string, int>();
            foreach (var pattern in ValidationCases.Patterns)
            {
                for (var s = 0; s < ValidationCases.Settings.Count; s++)
                {
                    cases.Add(pattern, s);
                }
            }

            return cases;
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task ExactArrivals_ReplayedThroughLocalCloud_MatchTheSimulatorEventByEvent(string pattern, int setting)
    {
        var result = await ReplayAsync(pattern, setting);

        Assert.Equal(0, result.Actual.EventsNotInExactlyOneRun);
        Assert.Equal(0, result.EventsWhereExactDiffers);
        Assert.Equal(result.Actual.AcceptedRuns, result.Exact.Summary.Runs);
        Assert.Equal(result.Actual.RefusedRuns, result.Exact.Summary.RefusedBatches);
        Assert.Equal(result.Actual.MeanWait, result.Exact.Summary.MeanWait);
        Assert.Equal(result.Actual.P95Wait, result.Exact.Summary.P95Wait);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task PublicData_ThroughWorkflowTuning_PredictsRunsAndMeanWaitWithinFivePercentAndP95InBandOrWithinFivePercent(string pattern, int setting)
    {
        var result = await ReplayAsync(pattern, setting);

        Assert.Equal(result.Actual.Arrivals.Count, result.Inputs.Arrivals);
        Assert.True(result.EvenlySpacedError.Runs.Within(5), $"Evenly spaced runs: {result.EvenlySpacedError.Runs}");
        Assert.True(result.MinuteStartError.Runs.Within(5), $"Minute start runs: {result.MinuteStartError.Runs}");
        Assert.True(result.EvenlySpacedError.MeanWaitSeconds.Within(5), $"Evenly spaced mean wait: {result.EvenlySpacedError.MeanWaitSeconds}");
        Assert.True(result.MinuteStartError.MeanWaitSeconds.Within(5), $"Minute start mean wait: {result.MinuteStartError.MeanWaitSeconds}");
        Assert.True(
            result.P95WaitInBand || (result.EvenlySpacedError.P95WaitSeconds.Within(5) && result.MinuteStartError.P95WaitSeconds.Within(5)),
            $"Actual p95 {result.Actual.P95Wait} is outside the band {result.PublicData.P95Wait} and more than 5 % from an edge");
    }

    /// <summary>
    /// The instants where the two could part: an event at exactly its batch's window end (too late: it opens the next
    /// batch), a batch closing at the very instant a run ends (accepted: the slot is free), and a refused batch (consumed).
    /// BatchSize 2, BatchWindow 60 s, MaxConcurrentRuns 1, runs of 60 s; by hand:
    /// 0 opens A; 60 A's window starts run 1 (to 120), and the event at 60 opens B; 120 B's window ends as run 1 does,
    /// and run 2 starts (to 180); 130 and 131 fill C, refused; 180 opens D alone as run 2 ends; 240 run 3 starts.
    /// </summary>
    [Fact]
    public async Task RaceInstants_ReplayedThroughLocalCloud_MatchTheHandComputedRunsAndTheSimulator()
    {
        var start = ValidationCases.Start;
        var arrivals = ArrivalStream.FromTimes([.. new[] { 0, 60, 130, 131, 180 }.Select(s => start.AddSeconds(s))], start, TimeSpan.FromHours(1));
        var replay = new ReplayCase("validation-race-instants", new BatchingSetting(2, 60), 1, TimeSpan.FromSeconds(60));

        var result = await SimulatorValidation.RunAsync("race", replay, arrivals, Ct);

        Assert.Equal(
            [(60.0, false, 1), (120.0, false, 1), (131.0, true, 2), (240.0, false, 1)],
            result.Actual.Runs.Select(r => ((r.StartedOn - start).TotalSeconds, r.Refused, r.EventIds.Count)));
        Assert.Equal(0, result.EventsWhereExactDiffers);
        Assert.Equal((3, 1), (result.Exact.Summary.Runs, result.Exact.Summary.RefusedBatches));
    }

    private static Task<ValidationResult> ReplayAsync(string pattern, int setting) =>
        Replays.GetOrAdd((pattern, setting), key => new Lazy<Task<ValidationResult>>(() =>
            SimulatorValidation.RunAsync(key.Item1, ValidationCases.Case(key.Item1, key.Item2), ValidationCases.Arrivals(key.Item1), CancellationToken.None))).Value;
}
