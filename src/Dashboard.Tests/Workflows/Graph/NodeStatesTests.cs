using Dashboard.Aws.Glue;
using Dashboard.Tests.Shared;
using Dashboard.Workflows.Graph;

namespace Dashboard.Tests.Workflows.Graph;

public sealed class NodeStatesTests
{
    [Theory]
    [InlineData(null, NodeState.NotRun)]
    [InlineData("", NodeState.NotRun)]
    [InlineData("SUCCEEDED", NodeState.Succeeded)]
    [InlineData("FAILED", NodeState.Failed)]
    [InlineData("ERROR", NodeState.Failed)]
    [InlineData("TIMEOUT", NodeState.Failed)]
    [InlineData("EXPIRED", NodeState.Failed)]
    [InlineData("STARTING", NodeState.Running)]
    [InlineData("RUNNING", NodeState.Running)]
    [InlineData("WAITING", NodeState.Running)]
    [InlineData("STOPPING", NodeState.Stopped)]
    [InlineData("STOPPED", NodeState.Stopped)]
    [InlineData("CANCELLING", NodeState.Stopped)]
    [InlineData("CANCELLED", NodeState.Stopped)]
    [InlineData("SOMETHING_NEW", NodeState.Unknown)]
    public void FromGlue_JobRunAndCrawlStates_MapToNodeStates(string? glueState, NodeState expected) =>
        Assert.Equal(expected, NodeStates.FromGlue(glueState));

    [Fact]
    public void FromGlue_EveryStateInTheServiceModel_IsKnown()
    {
        // JobRunState and CrawlState, as botocore's glue model lists them.
        string[] modelled = ["STARTING", "RUNNING", "STOPPING", "STOPPED", "SUCCEEDED", "FAILED", "TIMEOUT", "ERROR", "WAITING", "EXPIRED", "CANCELLING", "CANCELLED"];

        Assert.All(modelled, state => Assert.NotEqual(NodeState.Unknown, NodeStates.FromGlue(state)));
    }

    [Fact]
    public void LatestRun_RetriedJob_LastAttemptDecides()
    {
        var node = new GlueGraphs().Job("load", ["FAILED", "SUCCEEDED"], "boom").Build().Nodes![0];

        var run = NodeStates.LatestRun(node);

        Assert.Equal(NodeState.Succeeded, run.State);
        Assert.Equal("SUCCEEDED", run.GlueState);
    }

    [Fact]
    public void LatestRun_RunsListedNewestFirst_StillPicksTheLatestStart()
    {
        var started = new DateTimeOffset(2026, 11, 25, 11, 0, 0, TimeSpan.Zero);
        var node = new Node
        {
            Type = "JOB",
            Name = "load",
            JobDetails = new()
            {
                JobRuns =
                [
                    new JobRun { Attempt = 1, StartedOn = started.AddMinutes(5), JobRunState = "TIMEOUT", ErrorMessage = "Timed out after 5 minutes" },
                    new JobRun { Attempt = 0, StartedOn = started, JobRunState = "FAILED", ErrorMessage = "first try" },
                ],
            },
        };

        var run = NodeStates.LatestRun(node);

        Assert.Equal(NodeState.Failed, run.State);
        Assert.Equal("Timed out after 5 minutes", run.ErrorMessage);
    }

    [Fact]
    public void LatestRun_Crawler_ReadsCrawlStateAndError()
    {
        var node = new GlueGraphs().Crawler("catalog", "FAILED", "Access denied to s3://bucket/data").Build().Nodes![0];

        var run = NodeStates.LatestRun(node);

        Assert.Equal(NodeState.Failed, run.State);
        Assert.Equal("Access denied to s3://bucket/data", run.ErrorMessage);
    }

    [Fact]
    public void LatestRun_NoRuns_IsNotRun() =>
        Assert.Equal(NodeRun.None, NodeStates.LatestRun(new GlueGraphs().Job("idle").Build().Nodes![0]));

    [Theory]
    [InlineData(new NodeState[0], NodeState.NotRun)]
    [InlineData(new[] { NodeState.NotRun, NodeState.NotRun }, NodeState.NotRun)]
    [InlineData(new[] { NodeState.NotRun, NodeState.Failed }, NodeState.Fired)]
    [InlineData(new[] { NodeState.Running }, NodeState.Fired)]
    [InlineData(new[] { NodeState.Stopped }, NodeState.Fired)]
    public void OfTrigger_FiredWhenAnyDestinationRan(NodeState[] destinations, NodeState expected) =>
        Assert.Equal(expected, NodeStates.OfTrigger(destinations));
}
