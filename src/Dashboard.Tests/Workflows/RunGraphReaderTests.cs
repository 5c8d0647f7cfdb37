using Dashboard.Tests.Shared;
using Dashboard.Workflows;

namespace Dashboard.Tests.Workflows;

public sealed class RunGraphReaderTests
{
    private static readonly DateTimeOffset Started = new(2026, 11, 25, 11, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Nodes_InReadingOrderWithStates()
    {
        var graph = TestRuns.ProductsGraph(Started, "FAILED", crawlState: null, jobError: "AnalysisException");

        var nodes = RunGraphReader.Nodes(graph);

        Assert.Equal(["products_start", TestRuns.Job, "products_after_job", TestRuns.Crawler], nodes.Select(n => n.Name));
        Assert.Equal([RunNodeState.Fired, RunNodeState.Failed, RunNodeState.NotRun, RunNodeState.NotRun], nodes.Select(n => n.State));
        Assert.Equal("EVENT", nodes[0].TriggerType);
        Assert.Equal(["products_start"], nodes[1].After);
        Assert.Equal("AnalysisException", nodes[1].ErrorMessage);
    }

    [Fact]
    public void Attempts_ListJobRunsAndCrawlsOldestFirst()
    {
        var attempts = RunGraphReader.Attempts(TestRuns.ProductsGraph(Started, "SUCCEEDED", "FAILED", crawlError: "No access"));

        Assert.Equal([TestRuns.Job, TestRuns.Crawler], attempts.Select(a => a.NodeName));
        Assert.Equal(TimeSpan.FromSeconds(75), attempts[0].Duration(Started.AddHours(1)));
        Assert.True(attempts[1].Unsuccessful);
        Assert.Equal("No access", attempts[1].ErrorMessage);
    }

    [Fact]
    public void StartBatching_ComesFromTheRunsSnapshotOfTheTrigger() =>
        Assert.Equal(new EventBatching(5, 900), RunGraphReader.StartBatching(TestRuns.ProductsGraph(Started, null, null)));

    [Theory]
    [InlineData("SUCCEEDED", RunNodeState.Succeeded)]
    [InlineData("TIMEOUT", RunNodeState.Failed)]
    [InlineData("CANCELLED", RunNodeState.Stopped)]
    [InlineData("WAITING", RunNodeState.Running)]
    [InlineData(null, RunNodeState.NotRun)]
    [InlineData("SOMETHING_NEW", RunNodeState.Unknown)]
    public void StateOf_MapsJobAndCrawlStates(string? glueState, RunNodeState expected) =>
        Assert.Equal(expected, RunGraphReader.StateOf(glueState));
}
