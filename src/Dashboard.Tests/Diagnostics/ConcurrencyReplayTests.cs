using Dashboard.Diagnostics.Checks;
using Dashboard.Diagnostics.Delivery;
using Dashboard.Workflows;

namespace Dashboard.Tests.Diagnostics;

/// <summary>The replay that predicts refusals, and the S3 source read from a pattern, without any AWS.</summary>
public sealed class ConcurrencyReplayTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    private static RunSummary Run(int startMinute, int? minutes, RunHealth health) => new(
        $"wr_{startMinute}", health == RunHealth.RefusedForConcurrency ? "ERROR" : "COMPLETED", health, RunCause.BatchSizeReached,
        T0.AddMinutes(startMinute), minutes is { } m ? T0.AddMinutes(startMinute + m) : null, 2, null, null, null);

    [Fact]
    public void Replay_BatchesEveryMinuteWithTenMinuteRuns_RefusesAllButTheFirstAtOneAndNoneAtTheirOverlap()
    {
        var replay = ConcurrencyReplay.Of([Run(0, 10, RunHealth.Succeeded), Run(1, null, RunHealth.RefusedForConcurrency), Run(2, null, RunHealth.RefusedForConcurrency)], T0.AddMinutes(30));

        Assert.Equal(TimeSpan.FromMinutes(10), replay.TypicalDuration);
        Assert.Equal(3, replay.PeakOverlap);
        Assert.Equal([1, 2], replay.Refusals(1));
        Assert.True(replay.NewestRefused(1));
        Assert.Empty(replay.Refusals(3));
        Assert.Empty(replay.Refusals(null));
    }

    [Fact]
    public void Replay_RunsThatNeverOverlap_RefusesNothingAtOne()
    {
        var replay = ConcurrencyReplay.Of([Run(0, 5, RunHealth.Succeeded), Run(10, 5, RunHealth.Failed), Run(20, 5, RunHealth.Succeeded)], T0.AddMinutes(30));

        Assert.Equal(1, replay.PeakOverlap);
        Assert.Empty(replay.Refusals(1));
    }

    [Theory]
    [InlineData("""{"detail":{"bucket":{"name":["b"]},"object":{"key":[{"prefix":"sales/"}]}}}""", "b", "sales/")]
    [InlineData("""{"detail":{"requestParameters":{"bucketName":["b"],"key":[{"prefix":"data/raw/"}]}}}""", "b", "data/raw/")]
    [InlineData("""{"detail":{"bucket":{"name":["b"]},"object":{"key":[{"wildcard":"in/*/x.json"}]}}}""", "b", "in/")]
    [InlineData("""{"detail":{"bucket":{"name":["b"]}}}""", "b", "")]
    public void PatternS3Source_FromAPattern_ReadsTheBucketAndTheLiteralPrefix(string pattern, string bucket, string prefix) =>
        Assert.Equal(new PatternS3Source(bucket, prefix), Assert.Single(PatternS3Source.From(pattern)));

    [Theory]
    [InlineData(null)]
    [InlineData("not json")]
    [InlineData("""{"source":["com.example"]}""")]
    public void PatternS3Source_WithoutABucket_IsEmpty(string? pattern) => Assert.Empty(PatternS3Source.From(pattern));
}
