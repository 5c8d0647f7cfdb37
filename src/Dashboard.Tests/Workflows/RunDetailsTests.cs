using Dashboard.Tests.Shared;
using Dashboard.Workflows;
using Microsoft.Extensions.Caching.Hybrid;

namespace Dashboard.Tests.Workflows;

public sealed class RunDetailsTests
{
    private static readonly DateTimeOffset Started = new(2026, 11, 25, 11, 0, 0, TimeSpan.Zero);

    private readonly FakeGlue _glue = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private RunDetails Details() => new(_glue, new ServiceCollection().AddHybridCache().Services.BuildServiceProvider().GetRequiredService<HybridCache>());

    [Fact]
    public async Task Load_Run_DescribesItWithItsGraphAndEvents()
    {
        _glue.AddWorkflow(TestRuns.Workflow).AddRun(TestRuns.Workflow, TestRuns.Products("wr_1", Started, "COMPLETED", "SUCCEEDED", "FAILED", ["a", "b"]));

        var lookup = await Details().LoadAsync(TestRuns.Workflow, "wr_1", Ct);

        var run = Assert.IsType<RunDetail>(lookup.Run);
        Assert.Equal(RunHealth.PartialFailure, run.Summary.Health);
        Assert.Equal("batch size reached (5 events)", run.CauseText);
        Assert.Equal(["a", "b"], run.EventIds);
        Assert.Equal(4, run.Graph.Nodes.Count);
        Assert.Equal(2, run.Attempts.Count);
        Assert.True(run.Resume.CanResume);
        Assert.False(run.IsLive);
        Assert.Equal(new EventBatching(5, 900), run.Batching);
    }

    [Fact]
    public async Task Load_RunWithoutProperties_AsksForThem()
    {
        var run = TestRuns.Products("wr_1", Started, "COMPLETED", "SUCCEEDED", "SUCCEEDED", ["a"]);
        _glue.AddWorkflow(TestRuns.Workflow).AddRun(TestRuns.Workflow, run);

        _glue.ReturnsRunProperties = false;

        var lookup = await Details().LoadAsync(TestRuns.Workflow, "wr_1", Ct);

        Assert.Equal(["a"], lookup.Run?.EventIds);
        Assert.Equal(1, _glue.Calls["GetWorkflowRunProperties"]);
    }

    [Fact]
    public async Task Load_UnknownRun_SaysTheRunIsMissing()
    {
        _glue.AddWorkflow(TestRuns.Workflow);

        var lookup = await Details().LoadAsync(TestRuns.Workflow, "wr_nope", Ct);

        Assert.Equal((null, RunMissing.Run), (lookup.Run, lookup.Missing));
    }

    [Fact]
    public async Task Load_UnknownWorkflow_SaysTheWorkflowIsMissing()
    {
        var lookup = await Details().LoadAsync("nope", "wr_1", Ct);

        Assert.Equal(RunMissing.Workflow, lookup.Missing);
    }

    [Fact]
    public async Task Get_IsSharedByEveryCaller()
    {
        _glue.AddWorkflow(TestRuns.Workflow).AddRun(TestRuns.Workflow, TestRuns.Products("wr_1", Started, "COMPLETED", "SUCCEEDED", "SUCCEEDED"));
        var details = Details();

        await details.GetAsync(TestRuns.Workflow, "wr_1", Ct);
        await details.GetAsync(TestRuns.Workflow, "wr_1", Ct);

        Assert.Equal(1, _glue.Calls["GetWorkflowRun"]);
    }
}
