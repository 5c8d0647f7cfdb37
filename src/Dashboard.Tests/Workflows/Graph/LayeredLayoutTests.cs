using Dashboard.Aws.Glue;
using Dashboard.Tests.Shared;
using Dashboard.Workflows.Graph;

namespace Dashboard.Tests.Workflows.Graph;

public sealed class LayeredLayoutTests
{
    private static GraphLayout Lay(WorkflowGraph graph, LayoutOptions? options = null) =>
        LayeredLayout.Compute(WorkflowGraphModel.From(graph), options);

    private static NodeBox Box(GraphLayout layout, string name) => Assert.Single(layout.Nodes, b => b.Node.Name == name);

    [Fact]
    public void Compute_Walkthrough_FlowsLeftToRightOnOneLine()
    {
        var layout = Lay(GlueGraphs.Walkthrough());

        string[] flow = ["products_raw_ingest_pre_job_trigger", "products_json_to_parquet", "products_raw_ingest_post_job_trigger", "products_parquet_crawler"];
        var boxes = flow.Select(name => Box(layout, name)).ToList();
        Assert.Equal([0, 1, 2, 3], boxes.Select(b => b.Layer));
        Assert.All(boxes.Zip(boxes.Skip(1)), pair => Assert.True(pair.First.Right < pair.Second.X, $"{pair.First.Node.Name} is not left of {pair.Second.Node.Name}"));
        Assert.Single(boxes.Select(b => b.CenterY).Distinct());
        Assert.All(layout.Edges, route => Assert.Equal(2, route.Points.Count));
        Assert.Equal(0, layout.CountCrossings());
        Assert.True(layout.Width >= boxes[^1].Right && layout.Height >= boxes[0].Bottom);
    }

    [Fact]
    public void Compute_ThirtyNodes_NoOverlapsNoEdgeUnderANodeAndFewCrossings()
    {
        var options = LayoutOptions.Default;

        var layout = Lay(GlueGraphs.Thirty(), options);

        Assert.Equal(30, layout.Nodes.Count);
        AssertNoOverlaps(layout);
        AssertEdgesAvoidNodes(layout);
        AssertForwardEdgesPointRight(layout);
        Assert.All(layout.Nodes.GroupBy(b => b.X), column => Assert.InRange(column.Count(), 1, options.MaxNodesPerColumn));
        Assert.Equal(["start"], layout.Nodes.Where(b => b.Layer == 0).Select(b => b.Node.Name));
        Assert.InRange(layout.CountCrossings(), 0, 4);
        Assert.True(layout.CountCrossings() <= Lay(GlueGraphs.Thirty(), options with { Sweeps = 0 }).CountCrossings());
    }

    [Fact]
    public void Compute_AvoidableCrossing_BarycenterSweepsRemoveIt()
    {
        // By name the layers read (a, b) and (x, y), so a→y and b→x cross until the sweeps reorder them.
        var graph = new GlueGraphs().Trigger("a", "EVENT").Trigger("b", "EVENT").Job("x").Job("y").Edge("a", "y").Edge("b", "x").Build();

        Assert.Equal(1, Lay(graph, new() { Sweeps = 0 }).CountCrossings());
        Assert.Equal(0, Lay(graph).CountCrossings());
    }

    [Fact]
    public void Compute_EdgeSkippingLayers_PassesEachColumnBetweenItsNodes()
    {
        var graph = new GlueGraphs()
            .Trigger("start", "EVENT").Job("first").Trigger("after_first").Job("second").Trigger("after_both").Job("last")
            .Edge("start", "first").Edge("first", "after_first").Edge("after_first", "second")
            .Edge("second", "after_both").Edge("first", "after_both").Edge("after_both", "last")
            .Build();

        var layout = Lay(graph);

        var skip = Assert.Single(layout.Edges, r => r.Edge == new GraphEdge(GlueGraphs.IdOf("first"), GlueGraphs.IdOf("after_both")));
        Assert.Equal(2 + (2 * 2), skip.Points.Count);
        AssertEdgesAvoidNodes(layout);
        AssertNoOverlaps(layout);
    }

    [Fact]
    public void Compute_WideFanOut_WrapsIntoStaggeredColumns()
    {
        var graph = new GlueGraphs().Trigger("start", "EVENT");
        for (var i = 0; i < 13; i++)
        {
            graph.Job($"job_{i:00}").Edge("start", $"job_{i:00}");
        }

        var layout = Lay(graph.Build(), new() { MaxNodesPerColumn = 5 });

        var jobColumns = layout.Nodes.Where(b => b.Layer == 1).GroupBy(b => b.X).ToList();
        Assert.Equal(3, jobColumns.Count);
        Assert.All(jobColumns, column => Assert.InRange(column.Count(), 4, 5));
        AssertNoOverlaps(layout);
        AssertEdgesAvoidNodes(layout);
    }

    [Fact]
    public void Compute_SameGraphInAnyOrder_SameDrawing()
    {
        var graph = GlueGraphs.Thirty();
        var shuffled = graph with
        {
            Nodes = [.. graph.Nodes!.Reverse().OrderBy(n => n.Name!.Length)],
            Edges = [.. graph.Edges!.Reverse()],
        };

        var first = Lay(graph);
        var again = Lay(graph);
        var reordered = Lay(shuffled);

        Assert.Equal(Describe(first), Describe(again));
        Assert.Equal(Describe(first), Describe(reordered));
    }

    [Fact(Timeout = 10_000)]
    public async Task Compute_Cycles_FinishWithBackEdgesDrawnBelow()
    {
        // Glue graphs are acyclic; a cycle here stands for bad data and must not hang the page.
        var graph = new GlueGraphs()
            .Trigger("start", "EVENT").Job("a").Trigger("loop").Job("b")
            .Edge("start", "a").Edge("a", "loop").Edge("loop", "b").Edge("b", "loop").Edge("loop", "a")
            .Build();
        var ring = new GlueGraphs().Job("x").Job("y").Job("z").Edge("x", "y").Edge("y", "z").Edge("z", "x").Build();

        var (layout, ringLayout) = await Task.Run(() => (Lay(graph), Lay(ring)), TestContext.Current.CancellationToken);

        Assert.Equal(5, layout.Edges.Count);
        Assert.Equal(2, layout.Edges.Count(r => r.IsBackEdge));
        var bottom = layout.Nodes.Max(b => b.Bottom);
        Assert.All(layout.Edges.Where(r => r.IsBackEdge), r => Assert.Contains(r.Points, p => p.Y > bottom));
        AssertNoOverlaps(layout);
        AssertEdgesAvoidNodes(layout);
        Assert.Equal(3, ringLayout.Nodes.Count);
        Assert.Single(ringLayout.Edges, r => r.IsBackEdge);
        Assert.Equal([0, 1, 2], ringLayout.Nodes.Select(b => b.Layer));
    }

    [Fact]
    public void Compute_EmptyGraph_EmptyLayout()
    {
        var layout = LayeredLayout.Compute(WorkflowGraphModel.Empty);

        Assert.Empty(layout.Nodes);
        Assert.Empty(layout.Edges);
        Assert.Equal(0, layout.Width);
    }

    [Fact]
    public void Compute_SingleNode_SitsInsideTheMargins()
    {
        var layout = Lay(new GlueGraphs().Trigger("alone", "ON_DEMAND").Build());

        var box = Assert.Single(layout.Nodes);
        Assert.True(box.X > 0 && box.Y > 0 && box.Right < layout.Width && box.Bottom < layout.Height);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(8)]
    public void Compute_RandomGlueShapedGraphs_NoOverlapsAndNoEdgeUnderANode(int seed)
    {
        var graph = RandomGraph(new Random(seed), nodes: 10 + (seed * 5));

        var layout = Lay(graph);

        Assert.Equal(graph.Nodes!.Count, layout.Nodes.Count);
        AssertNoOverlaps(layout);
        AssertEdgesAvoidNodes(layout);
        AssertForwardEdgesPointRight(layout);
    }

    [Fact]
    public void ToSvgPath_ForwardRoute_CurvesBetweenColumnsAndRunsStraightThroughThem()
    {
        var route = new EdgeRoute(new("a", "b"), [new(10, 20), new(50, 60), new(90, 60), new(130, 20)], IsBackEdge: false);

        Assert.Equal("M10,20 C30,20 30,60 50,60 L90,60 C110,60 110,20 130,20", route.ToSvgPath());
    }

    // Each node's box, and each route's path, in a stable text form.
    private static string Describe(GraphLayout layout) => string.Join('\n',
        layout.Nodes.Select(b => $"{b.Node.Id} {b.Layer} {b.X} {b.Y}")
            .Concat(layout.Edges.OrderBy(r => r.Edge.SourceId, StringComparer.Ordinal).ThenBy(r => r.Edge.DestinationId, StringComparer.Ordinal)
                .Select(r => $"{r.Edge.SourceId}->{r.Edge.DestinationId} {r.ToSvgPath()}")));

    private static void AssertNoOverlaps(GraphLayout layout)
    {
        for (var i = 0; i < layout.Nodes.Count; i++)
        {
            for (var j = i + 1; j < layout.Nodes.Count; j++)
            {
                var (a, b) = (layout.Nodes[i], layout.Nodes[j]);
                Assert.False(a.X < b.Right && b.X < a.Right && a.Y < b.Bottom && b.Y < a.Bottom, $"{a.Node.Name} overlaps {b.Node.Name}");
            }
        }
    }

    // A route's segments, curves included, stay inside the box their end points span; no such box may enter a
    // node other than the route's own ends.
    private static void AssertEdgesAvoidNodes(GraphLayout layout)
    {
        foreach (var route in layout.Edges)
        {
            foreach (var (p, q) in route.Points.Zip(route.Points.Skip(1)))
            {
                var (left, right, top, bottom) = (Math.Min(p.X, q.X), Math.Max(p.X, q.X), Math.Min(p.Y, q.Y), Math.Max(p.Y, q.Y));
                foreach (var box in layout.Nodes.Where(b => b.Node.Id != route.Edge.SourceId && b.Node.Id != route.Edge.DestinationId))
                {
                    Assert.False(left < box.Right && right > box.X && top < box.Bottom && bottom > box.Y,
                        $"{route.Edge.SourceId}->{route.Edge.DestinationId} runs under {box.Node.Name}");
                }
            }
        }
    }

    private static void AssertForwardEdgesPointRight(GraphLayout layout) =>
        Assert.All(layout.Edges.Where(r => !r.IsBackEdge), r => Assert.True(r.Points[^1].X > r.Points[0].X));

    // Alternating layers of triggers and jobs or crawlers, as Glue builds them; conditional triggers may watch
    // several earlier nodes, so some edges skip layers.
    private static WorkflowGraph RandomGraph(Random random, int nodes)
    {
        var graph = new GlueGraphs().Trigger("n000", "EVENT");
        var earlierWork = new List<string>();
        var triggers = new List<string> { "n000" };
        for (var i = 1; i < nodes; i++)
        {
            var name = $"n{i:000}";
            if (earlierWork.Count > 0 && random.Next(3) == 0)
            {
                graph.Trigger(name);
                foreach (var watched in earlierWork.OrderBy(_ => random.Next()).Take(random.Next(1, 4)).Order(StringComparer.Ordinal))
                {
                    graph.Edge(watched, name);
                }

                triggers.Add(name);
            }
            else
            {
                _ = random.Next(4) == 0 ? graph.Crawler(name) : graph.Job(name);
                graph.Edge(triggers[random.Next(triggers.Count)], name);
                earlierWork.Add(name);
            }
        }

        return graph.Build();
    }
}
