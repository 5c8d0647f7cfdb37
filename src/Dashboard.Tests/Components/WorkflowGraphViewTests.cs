using Bunit;
using Dashboard.Components.Controls;
using Dashboard.Tests.Shared;
using Dashboard.Workflows.Graph;

namespace Dashboard.Tests.Components;

public sealed class WorkflowGraphViewTests : DashboardComponentTest
{
    private static readonly WorkflowGraphModel FailedCrawl =
        WorkflowGraphModel.FromRun(GlueGraphs.Walkthrough("SUCCEEDED", "FAILED", "Access denied on s3://products/data/"));

    private IRenderedComponent<WorkflowGraphView> RenderGraph(WorkflowGraphModel? graph, Action<GraphNode>? onSelected = null) =>
        Render<WorkflowGraphView>(parameters =>
        {
            parameters.Add(p => p.Graph, graph);
            if (onSelected is not null)
            {
                parameters.Add(p => p.OnNodeSelected, onSelected);
            }
        });

    private static string NodeText(IRenderedComponent<WorkflowGraphView> view, string name) =>
        view.Find($"[data-node-id='{GlueGraphs.IdOf(name)}']").TextContent;

    private static string Tooltip(IRenderedComponent<WorkflowGraphView> view, string name) =>
        view.Find($"[data-node-id='{GlueGraphs.IdOf(name)}'] title").TextContent;

    [Fact]
    public void Render_Walkthrough_DrawsEveryNodeAndEdge()
    {
        var view = RenderGraph(WorkflowGraphModel.From(GlueGraphs.Walkthrough()));

        Assert.Equal(4, view.FindAll("[data-testid=graph-node]").Count);
        Assert.Equal(3, view.FindAll("path.edge").Count);
        Assert.Contains("products_json_to_parquet", NodeText(view, "products_json_to_parquet"), StringComparison.Ordinal);
        Assert.Contains("Not fired", NodeText(view, "products_raw_ingest_pre_job_trigger"), StringComparison.Ordinal);
        Assert.Contains("Not run", NodeText(view, "products_parquet_crawler"), StringComparison.Ordinal);
    }

    [Fact]
    public void Render_FailedCrawl_SaysSoInWordsAndTheTooltipGivesTypeStateAndError()
    {
        var view = RenderGraph(FailedCrawl);

        Assert.Contains("Failed", NodeText(view, "products_parquet_crawler"), StringComparison.Ordinal);
        Assert.Contains("Succeeded", NodeText(view, "products_json_to_parquet"), StringComparison.Ordinal);
        Assert.Contains("Fired", NodeText(view, "products_raw_ingest_post_job_trigger"), StringComparison.Ordinal);
        var tooltip = Tooltip(view, "products_parquet_crawler");
        Assert.Contains("products_parquet_crawler", tooltip, StringComparison.Ordinal);
        Assert.Contains("Crawler · Failed", tooltip, StringComparison.Ordinal);
        Assert.Contains("Error: Access denied on s3://products/data/", tooltip, StringComparison.Ordinal);
        Assert.Contains("EVENT trigger · Fired", Tooltip(view, "products_raw_ingest_pre_job_trigger"), StringComparison.Ordinal);
    }

    [Fact]
    public void Render_WalkthroughNames_ShownWholeOnTwoLines()
    {
        var view = RenderGraph(FailedCrawl);

        var lines = view.FindAll($"[data-node-id='{GlueGraphs.IdOf("products_raw_ingest_post_job_trigger")}'] text.name tspan").Select(t => t.TextContent);
        Assert.Equal(["products_raw_ingest_", "post_job_trigger"], lines);
    }

    [Fact]
    public void Render_VeryLongName_ShortenedOnTheNodeButWholeInTooltipAndTable()
    {
        const string Name = "customer_orders_deduplicate_and_merge_into_the_curated_zone_job";
        var view = RenderGraph(WorkflowGraphModel.From(new GlueGraphs().Trigger("go", "ON_DEMAND").Job(Name).Edge("go", Name).Build()));

        var label = view.Find($"[data-node-id='{GlueGraphs.IdOf(Name)}'] text.name").TextContent;
        Assert.DoesNotContain(Name, label, StringComparison.Ordinal);
        Assert.Contains("…", label, StringComparison.Ordinal);
        Assert.StartsWith(Name + "\n", Tooltip(view, Name), StringComparison.Ordinal);
        Assert.Contains(view.FindAll("[data-testid=graph-step]"), row => row.TextContent.Contains(Name, StringComparison.Ordinal));
    }

    [Fact]
    public void Render_Svg_IsOneImageNamedByTheGraphSummary()
    {
        var view = RenderGraph(FailedCrawl);

        var svg = view.Find("[data-testid=graph-svg]");
        Assert.Equal("img", svg.GetAttribute("role"));
        var label = svg.GetAttribute("aria-label") ?? string.Empty;
        Assert.Contains("4 steps", label, StringComparison.Ordinal);
        Assert.Contains("Starts at EVENT trigger products_raw_ingest_pre_job_trigger", label, StringComparison.Ordinal);
        Assert.Contains("Failed: products_parquet_crawler", label, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_StepsTable_ListsEveryNodeInReadingOrderWithItsState()
    {
        var view = RenderGraph(FailedCrawl);

        var rows = view.FindAll("[data-testid=graph-step]").Select(r => r.TextContent).ToList();
        Assert.Equal(4, rows.Count);
        Assert.Contains("products_raw_ingest_pre_job_trigger", rows[0], StringComparison.Ordinal);
        Assert.Contains("products_parquet_crawler", rows[3], StringComparison.Ordinal);
        Assert.Contains("Failed", rows[3], StringComparison.Ordinal);
        Assert.Contains("Access denied on s3://products/data/", rows[3], StringComparison.Ordinal);
    }

    [Fact]
    public void Legend_NamesEveryShapeAndState()
    {
        var view = RenderGraph(FailedCrawl);

        var legend = view.Find("[data-testid=graph-legend]").TextContent;
        Assert.All(["Trigger", "Job", "Crawler", "Succeeded", "Running", "Failed", "Stopped", "Fired", "Not run"],
            word => Assert.Contains(word, legend, StringComparison.Ordinal));
    }

    [Fact]
    public void ClickNodeOrStep_RaisesOnNodeSelectedWithThatNode()
    {
        var selected = new List<GraphNode>();
        var view = RenderGraph(FailedCrawl, selected.Add);

        view.Find($"[data-node-id='{GlueGraphs.IdOf("products_parquet_crawler")}']").Click();
        view.FindAll(".step-button").Single(b => b.TextContent == "products_json_to_parquet").Click();

        Assert.Equal(["products_parquet_crawler", "products_json_to_parquet"], selected.Select(n => n.Name));
        Assert.Equal(NodeState.Failed, selected[0].State);
    }

    [Fact]
    public void Render_WithoutHandler_StepsAreNotButtons()
    {
        var view = RenderGraph(FailedCrawl);

        Assert.Empty(view.FindAll(".step-button"));
        Assert.Equal(4, view.FindAll("[data-testid=graph-step] code").Count);
    }

    [Fact]
    public void Render_SelectedNode_IsOutlinedAndCurrentInTheTable()
    {
        var view = Render<WorkflowGraphView>(parameters => parameters
            .Add(p => p.Graph, FailedCrawl)
            .Add(p => p.SelectedNodeId, GlueGraphs.IdOf("products_json_to_parquet")));

        Assert.Single(view.FindAll($"[data-node-id='{GlueGraphs.IdOf("products_json_to_parquet")}'] .selection"));
        Assert.Single(view.FindAll(".selection"));
        Assert.Contains("products_json_to_parquet", view.Find("[data-testid=graph-step][aria-current=true]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_NewGraph_RedrawsWithItsStates()
    {
        var view = RenderGraph(WorkflowGraphModel.From(GlueGraphs.Walkthrough()));
        Assert.Contains("Not run", NodeText(view, "products_parquet_crawler"), StringComparison.Ordinal);

        view.Render(parameters => parameters.Add(p => p.Graph, FailedCrawl));

        Assert.Contains("Failed", NodeText(view, "products_parquet_crawler"), StringComparison.Ordinal);
    }

    [Fact]
    public void Render_NoGraph_ShowsTheEmptyStateInsteadOfABlankDrawing()
    {
        var view = RenderGraph(null);

        Assert.Contains("This workflow has no graph yet", view.Find("[data-testid=graph-empty]").TextContent, StringComparison.Ordinal);
        Assert.Empty(view.FindAll("[data-testid=graph-svg]"));

        view.Render(parameters => parameters.Add(p => p.Graph, WorkflowGraphModel.Empty).Add(p => p.EmptyMessage, "This run has no graph"));

        Assert.Contains("This run has no graph", view.Find("[data-testid=graph-empty]").TextContent, StringComparison.Ordinal);
    }
}
