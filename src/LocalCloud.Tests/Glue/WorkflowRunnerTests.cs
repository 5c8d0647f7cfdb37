using LocalCloud.Glue;

namespace LocalCloud.Tests.Glue;

/// <summary>The runner walks the graph on the clock and reports every state a real run can reach.</summary>
public sealed class WorkflowRunnerTests
{
    private readonly GlueHarness _glue = new();

    [Fact]
    public void AllActionsSucceed_RunCompletesWithFullStatisticsAndGraph()
    {
        _glue.EventWorkflow("products", batchSize: 1, batchWindow: 60);
        _glue.Notify("products", "e1");

        _glue.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal("RUNNING", _glue.Runs("products")[0].Status);
        _glue.Advance(TimeSpan.FromSeconds(40));

        var run = _glue.Runs("products")[0];
        Assert.Equal("COMPLETED", run.Status);
        Assert.Equal(new WorkflowRunStatistics(2, 0, 0, 0, 2, 0, 0, 0), run.Statistics);
        Assert.Equal(_glue.Clock.GetUtcNow().AddSeconds(-9), run.CompletedOn);
        var nodes = run.Graph?.Nodes ?? [];
        Assert.Equal("SUCCEEDED", nodes.Single(n => n.Name == "products-job").JobDetails?.JobRuns.Single().JobRunState);
        Assert.Equal("SUCCEEDED", nodes.Single(n => n.Name == "products-crawler").CrawlerDetails?.Crawls.Single().State);
        Assert.Contains(run.Graph?.Edges ?? [], e => e.SourceId == GlueBackendNodeId("JOB", "products-job") && e.DestinationId == GlueBackendNodeId("TRIGGER", "products-after-job"));
    }

    [Fact]
    public void JobFails_AndPredicateWantsSuccess_RunIsCompletedWithAFailedAction()
    {
        _glue.EventWorkflow("products", batchSize: 1, batchWindow: 60, jobArguments: new() { ["--localcloud-outcome"] = "FAILED", ["--localcloud-duration-seconds"] = "20" });
        _glue.Notify("products", "e1");

        _glue.Advance(TimeSpan.FromMinutes(2));

        var run = _glue.Runs("products")[0];
        Assert.Equal("COMPLETED", run.Status);
        Assert.Equal(1, run.Statistics.FailedActions);
        Assert.Equal(0, run.Statistics.SucceededActions);
        Assert.Equal(1, run.Statistics.TotalActions);
        Assert.NotNull(run.Graph?.Nodes.Single(n => n.Name == "products-job").JobDetails?.JobRuns.Single().ErrorMessage);
    }

    [Fact]
    public void CrawlerFails_AfterJobSucceeds_IsAPartialFailure()
    {
        _glue.EventWorkflow("products", batchSize: 1, batchWindow: 60, crawlerOutcome: "FAILED");
        _glue.Notify("products", "e1");

        _glue.Advance(TimeSpan.FromMinutes(3));

        var run = _glue.Runs("products")[0];
        Assert.Equal("COMPLETED", run.Status);
        Assert.Equal((1, 1), (run.Statistics.SucceededActions, run.Statistics.FailedActions));
    }

    [Fact]
    public void JobTimesOut_IsCountedAsTimeout()
    {
        _glue.EventWorkflow("products", batchSize: 1, batchWindow: 60, jobArguments: new() { ["--localcloud-outcome"] = "TIMEOUT", ["--localcloud-duration-seconds"] = "120" });
        _glue.Notify("products", "e1");

        _glue.Advance(TimeSpan.FromMinutes(5));

        Assert.Equal(1, _glue.Runs("products")[0].Statistics.TimeoutActions);
    }

    [Theory]
    [InlineData("AND", "SUCCEEDED", "SUCCEEDED", true)]
    [InlineData("AND", "SUCCEEDED", "FAILED", false)]
    [InlineData("ANY", "SUCCEEDED", "FAILED", true)]
    [InlineData("ANY", "FAILED", "FAILED", false)]
    public void Predicate_AndAny_OverJobStates(string logical, string first, string second, bool expected)
    {
        var run = new RunEntity("wf", "wr_1", DateTimeOffset.UnixEpoch);
        run.Actions.Add(new ActionRun(ActionRun.JobKind, "a", "1", null, DateTimeOffset.UnixEpoch) { State = first });
        run.Actions.Add(new ActionRun(ActionRun.JobKind, "b", "2", null, DateTimeOffset.UnixEpoch) { State = second });

        var predicate = new Predicate(logical, [new Condition("EQUALS", "a", "SUCCEEDED", null, null), new Condition("EQUALS", "b", "SUCCEEDED", null, null)]);

        Assert.Equal(expected, GlueBackend.PredicateHolds(run, predicate));
    }

    [Fact]
    public void StopWorkflowRun_StopsRunningActions()
    {
        _glue.EventWorkflow("products", batchSize: 1, batchWindow: 60);
        _glue.Notify("products", "e1");
        var runId = _glue.Runs("products")[0].WorkflowRunId;

        _glue.Call("StopWorkflowRun", new WorkflowRunRequest("products", runId));

        var run = _glue.Runs("products")[0];
        Assert.Equal("STOPPED", run.Status);
        Assert.Equal(1, run.Statistics.StoppedActions);
        Assert.Equal("IllegalWorkflowStateException", _glue.Fails("StopWorkflowRun", new WorkflowRunRequest("products", runId)).Code);
    }

    [Fact]
    public void ResumeWorkflowRun_RerunsTheFailedNodeAsANewRun()
    {
        _glue.EventWorkflow("products", batchSize: 1, batchWindow: 60, crawlerOutcome: "FAILED");
        _glue.Notify("products", "e1");
        _glue.Advance(TimeSpan.FromMinutes(3));
        var failed = _glue.Runs("products")[0];

        var resumed = _glue.Call<ResumeWorkflowRunResponse>("ResumeWorkflowRun", new ResumeWorkflowRunRequest("products", failed.WorkflowRunId, [GlueBackendNodeId("CRAWLER", "products-crawler")]));

        var run = _glue.Call<GetWorkflowRunResponse>("GetWorkflowRun", new GetWorkflowRunRequest("products", resumed.RunId, true)).Run;
        Assert.Equal(failed.WorkflowRunId, run.PreviousRunId);
        Assert.Equal("products-crawler", Assert.Single(run.Graph?.Nodes.Where(n => n.CrawlerDetails?.Crawls.Count > 0) ?? []).Name);
        Assert.Equal("InvalidInputException", _glue.Fails("ResumeWorkflowRun", new ResumeWorkflowRunRequest("products", failed.WorkflowRunId, [GlueBackendNodeId("JOB", "products-job")])).Code);
    }

    private static string GlueBackendNodeId(string kind, string name) => GlueBackend.NodeId(kind, name);
}
