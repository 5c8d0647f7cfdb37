using Dashboard.Aws.Glue;
using Dashboard.Tests.Shared;
using Dashboard.Workflows.Graph;

namespace Dashboard.Tests.Workflows.Graph;

public sealed class WorkflowGraphModelTests
{
    private static GraphNode Node(WorkflowGraphModel model, string name) => Assert.Single(model.Nodes, n => n.Name == name);

    [Fact]
    public void From_Walkthrough_KeepsKindsTriggerTypesAndEdges()
    {
        var model = WorkflowGraphModel.From(GlueGraphs.Walkthrough());

        Assert.Equal(4, model.Nodes.Count);
        Assert.Equal(3, model.Edges.Count);
        Assert.Equal(NodeKind.Trigger, Node(model, "products_raw_ingest_pre_job_trigger").Kind);
        Assert.Equal("EVENT", Node(model, "products_raw_ingest_pre_job_trigger").TriggerType);
        Assert.Equal("CONDITIONAL", Node(model, "products_raw_ingest_post_job_trigger").TriggerType);
        Assert.Equal(NodeKind.Job, Node(model, "products_json_to_parquet").Kind);
        Assert.Equal(NodeKind.Crawler, Node(model, "products_parquet_crawler").Kind);
        Assert.Contains(new GraphEdge(GlueGraphs.IdOf("products_json_to_parquet"), GlueGraphs.IdOf("products_raw_ingest_post_job_trigger")), model.Edges);
    }

    [Fact]
    public void From_StructureOnly_EveryNodeNotRunAndNoRun()
    {
        var model = WorkflowGraphModel.From(GlueGraphs.Walkthrough());

        Assert.False(model.HasRun);
        Assert.All(model.Nodes, n => Assert.Equal(NodeState.NotRun, n.State));
    }

    [Fact]
    public void FromRun_FailedCrawl_ColoursEveryNodeAndFiresBothTriggers()
    {
        var model = WorkflowGraphModel.FromRun(GlueGraphs.Walkthrough("SUCCEEDED", "FAILED", "Crawler could not read s3://products"));

        Assert.True(model.HasRun);
        Assert.Equal(NodeState.Fired, Node(model, "products_raw_ingest_pre_job_trigger").State);
        Assert.Equal(NodeState.Succeeded, Node(model, "products_json_to_parquet").State);
        Assert.Equal(NodeState.Fired, Node(model, "products_raw_ingest_post_job_trigger").State);
        var crawler = Node(model, "products_parquet_crawler");
        Assert.Equal(NodeState.Failed, crawler.State);
        Assert.Equal("Crawler could not read s3://products", crawler.ErrorMessage);
    }

    [Fact]
    public void FromRun_JobFailed_ConditionalTriggerDidNotFire()
    {
        var model = WorkflowGraphModel.FromRun(GlueGraphs.Walkthrough("FAILED"));

        Assert.Equal(NodeState.Fired, Node(model, "products_raw_ingest_pre_job_trigger").State);
        Assert.Equal(NodeState.Failed, Node(model, "products_json_to_parquet").State);
        Assert.Equal(NodeState.NotRun, Node(model, "products_raw_ingest_post_job_trigger").State);
        Assert.Equal(NodeState.NotRun, Node(model, "products_parquet_crawler").State);
    }

    [Fact]
    public void From_LastRunGraph_ColoursTheWorkflowStructure()
    {
        var model = WorkflowGraphModel.From(GlueGraphs.Walkthrough(), GlueGraphs.Walkthrough("RUNNING"));

        Assert.Equal(NodeState.Running, Node(model, "products_json_to_parquet").State);
        Assert.Equal(NodeState.Fired, Node(model, "products_raw_ingest_pre_job_trigger").State);
    }

    [Fact]
    public void From_RunNodesWithOtherIds_MatchByTypeAndName()
    {
        var run = GlueGraphs.Walkthrough("TIMEOUT");
        var renumbered = run with { Nodes = [.. run.Nodes!.Select(n => n with { UniqueId = "other_" + n.UniqueId })], Edges = [] };

        var model = WorkflowGraphModel.From(GlueGraphs.Walkthrough(), renumbered);

        var job = Node(model, "products_json_to_parquet");
        Assert.Equal(NodeState.Failed, job.State);
        Assert.Equal("TIMEOUT", job.GlueState);
    }

    [Fact]
    public void From_BadEdgesAndDuplicateNodes_AreDropped()
    {
        var graph = new GlueGraphs().Trigger("t", "ON_DEMAND").Job("j").Job("j").Edge("t", "j").Edge("t", "j").Edge("j", "j").Edge("t", "ghost").Build();
        graph = graph with { Nodes = [.. graph.Nodes!, new Node { Type = "JOB" }], Edges = [.. graph.Edges!, new Edge { SourceId = null, DestinationId = GlueGraphs.IdOf("j") }] };

        var model = WorkflowGraphModel.From(graph);

        Assert.Equal(["t", "j"], model.Nodes.Select(n => n.Name));
        Assert.Equal([new GraphEdge(GlueGraphs.IdOf("t"), GlueGraphs.IdOf("j"))], model.Edges);
    }

    [Fact]
    public void From_NodeWithoutUniqueId_IsKeptUnderItsTypeAndName()
    {
        var graph = new WorkflowGraph { Nodes = [new Node { Type = "JOB", Name = "j" }] };

        var model = WorkflowGraphModel.From(graph);

        Assert.Equal("JOB:j", Assert.Single(model.Nodes).Id);
    }

    [Fact]
    public void From_NoGraph_IsEmpty()
    {
        Assert.True(WorkflowGraphModel.From(null).IsEmpty);
        Assert.True(WorkflowGraphModel.From(new WorkflowGraph()).IsEmpty);
        Assert.True(WorkflowGraphModel.FromRun(null).IsEmpty);
    }
}
