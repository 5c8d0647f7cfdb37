using Dashboard.Tests.Shared;
using Dashboard.Workflows;
using Dashboard.Workflows.Graph;

namespace Dashboard.Tests.Workflows;

public sealed class RunGraphReaderTests
{
    private static readonly DateTimeOffset Started = new(2026, 11, 25, 11, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Attempts_ListJobRunsAndCrawlsOldestFirst()
    {
        var attempts = RunGraphReader.Attempts(TestRuns.ProductsGraph(Started, "SUCCEEDED", "FAILED", crawlError: "No access"));

        Assert.Equal([TestRuns.Job, TestRuns.Crawler], attempts.Select(a => a.NodeName));
        Assert.Equal([NodeKind.Job, NodeKind.Crawler], attempts.Select(a => a.Kind));
        Assert.Equal(["Succeeded", "Failed"], attempts.Select(a => a.StateText));
        Assert.Equal(TimeSpan.FromSeconds(75), attempts[0].Duration(Started.AddHours(1)));
        Assert.True(attempts[1].Unsuccessful);
        Assert.Equal("No access", attempts[1].ErrorMessage);
    }

    [Fact]
    public void StartBatching_ComesFromTheRunsSnapshotOfTheTrigger() =>
        Assert.Equal(new EventBatching(5, 900), RunGraphReader.StartBatching(TestRuns.ProductsGraph(Started, null, null)));
}
