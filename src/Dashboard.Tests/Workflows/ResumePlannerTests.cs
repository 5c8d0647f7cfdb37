using Dashboard.Aws.Glue;
using Dashboard.Tests.Shared;
using Dashboard.Workflows;
using Dashboard.Workflows.Graph;

namespace Dashboard.Tests.Workflows;

public sealed class ResumePlannerTests
{
    private static readonly DateTimeOffset Started = new(2026, 11, 25, 11, 0, 0, TimeSpan.Zero);

    [Fact]
    public void For_CompletedRunWithAFailedCrawler_ResumesTheCrawler()
    {
        var run = TestRuns.Products("wr_1", Started, "COMPLETED", "SUCCEEDED", "FAILED", crawlError: "Access denied to s3://landing");

        var plan = ResumePlanner.For(run);

        Assert.True(plan.CanResume);
        var node = Assert.Single(plan.Nodes);
        Assert.Equal(("wnode_crawler_products_parquet_crawler", TestRuns.Crawler, NodeKind.Crawler, "FAILED"), (node.NodeId, node.Name, node.Kind, node.GlueState));
        Assert.Equal("Access denied to s3://landing", node.ErrorMessage);
    }

    [Theory]
    [InlineData("FAILED")]
    [InlineData("ERROR")]
    [InlineData("TIMEOUT")]
    [InlineData("STOPPED")]
    [InlineData("EXPIRED")]
    public void For_JobThatDidNotSucceed_IsResumable(string jobState)
    {
        var plan = ResumePlanner.For(TestRuns.Products("wr_1", Started, "COMPLETED", jobState, crawlState: null));

        Assert.Equal(["wnode_job_products_json_to_parquet"], plan.Nodes.Select(n => n.NodeId));
    }

    [Fact]
    public void For_NodesThatDidNotRun_AreNotNamed()
    {
        // The crawler never ran because the job failed: resuming the job runs it again after the job.
        var plan = ResumePlanner.For(TestRuns.Products("wr_1", Started, "COMPLETED", "FAILED", crawlState: null));

        Assert.DoesNotContain(plan.Nodes, n => n.Name == TestRuns.Crawler);
    }

    [Fact]
    public void For_RetryThatSucceeded_LeavesNothingToResume()
    {
        var run = TestRuns.Products("wr_1", Started, "COMPLETED", "SUCCEEDED", "SUCCEEDED");
        var job = run.Graph?.Nodes?.Single(n => n.Type == "JOB") ?? throw new InvalidOperationException("No job node.");
        var retried = job with
        {
            JobDetails = new()
            {
                JobRuns =
                [
                    new JobRun { Id = "jr_2", Attempt = 1, JobRunState = "SUCCEEDED", StartedOn = Started.AddMinutes(2) },
                    new JobRun { Id = "jr_1", Attempt = 0, JobRunState = "FAILED", StartedOn = Started, ErrorMessage = "OOM" },
                ],
            },
        };
        run = run with { Graph = run.Graph with { Nodes = [.. run.Graph.Nodes.Select(n => n.Type == "JOB" ? retried : n)] } };

        var plan = ResumePlanner.For(run);

        Assert.False(plan.CanResume);
        Assert.Contains("succeeded", plan.Blocker, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("RUNNING", "still running")]
    [InlineData("STOPPED", "was stopped")]
    [InlineData("ERROR", "Glue resumes only a COMPLETED run")]
    public void For_RunNotCompleted_SaysWhy(string status, string reason)
    {
        var plan = ResumePlanner.For(TestRuns.Products("wr_1", Started, status, "FAILED", crawlState: null));

        Assert.False(plan.CanResume);
        Assert.Empty(plan.Nodes);
        Assert.Contains(reason, plan.Blocker, StringComparison.Ordinal);
    }

    [Fact]
    public void For_RefusedForConcurrency_SaysNothingRan()
    {
        var run = new WorkflowRun { WorkflowRunId = "wr_1", Status = "ERROR", ErrorMessage = "Concurrent runs exceeded for workflow: products." };

        Assert.Contains("concurrency limit", ResumePlanner.For(run).Blocker, StringComparison.Ordinal);
    }

    [Fact]
    public void For_TimedOutJobRetriedAndFailedAgain_TheLatestAttemptDecides()
    {
        var run = TestRuns.Products("wr_1", Started, "COMPLETED", "SUCCEEDED", null);
        var job = run.Graph?.Nodes?.Single(n => n.Type == "JOB") ?? throw new InvalidOperationException("No job node.");
        var retried = job with
        {
            JobDetails = new()
            {
                JobRuns =
                [
                    new JobRun { Id = "jr_1", Attempt = 0, JobRunState = "SUCCEEDED", StartedOn = Started },
                    new JobRun { Id = "jr_2", Attempt = 1, JobRunState = "TIMEOUT", StartedOn = Started.AddMinutes(5), ErrorMessage = "Timed out" },
                ],
            },
        };
        run = run with { Graph = run.Graph with { Nodes = [.. run.Graph.Nodes.Select(n => n.Type == "JOB" ? retried : n)] } };

        var node = Assert.Single(ResumePlanner.For(run).Nodes);

        Assert.Equal(("TIMEOUT", "Timed out"), (node.GlueState, node.ErrorMessage));
    }

    [Fact]
    public void For_NoGraph_SaysTheFailedNodesAreUnknown()
    {
        var run = TestRuns.Products("wr_1", Started, "COMPLETED", "FAILED", crawlState: null) with { Graph = null };

        Assert.Contains("graph", ResumePlanner.For(run).Blocker, StringComparison.Ordinal);
    }
}
