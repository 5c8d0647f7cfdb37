using Dashboard.Aws.Glue;

namespace Dashboard.Workflows.Graph;

public enum NodeKind
{
    Trigger,
    Job,
    Crawler,
    Unknown,
}

/// <summary>One trigger, job or crawler of a workflow, with what it did in the run the graph shows.</summary>
public sealed record GraphNode(string Id, NodeKind Kind, string Name, NodeState State)
{
    /// <summary>For triggers: EVENT, SCHEDULED, ON_DEMAND or CONDITIONAL.</summary>
    public string? TriggerType { get; init; }

    /// <summary>Glue's own state of the latest job run or crawl, such as TIMEOUT.</summary>
    public string? GlueState { get; init; }

    public string? ErrorMessage { get; init; }

    public DateTimeOffset? StartedOn { get; init; }

    public DateTimeOffset? CompletedOn { get; init; }
}

/// <summary>A directed connection: a trigger starts a job or crawler, or a job or crawler feeds a conditional trigger.</summary>
public sealed record GraphEdge(string SourceId, string DestinationId);

/// <summary>
/// A workflow's graph, ready to lay out and draw. Every edge joins two listed nodes, no edge repeats and none loops
/// on one node.
/// </summary>
/// <param name="Nodes">In Glue's order; the layout sorts them itself.</param>
/// <param name="Edges">Source and destination ids of listed nodes.</param>
/// <param name="HasRun">Whether the states come from a run; when false every node is <see cref="NodeState.NotRun"/>.</param>
public sealed record WorkflowGraphModel(IReadOnlyList<GraphNode> Nodes, IReadOnlyList<GraphEdge> Edges, bool HasRun)
{
    public static WorkflowGraphModel Empty { get; } = new([], [], HasRun: false);

    public bool IsEmpty => Nodes.Count == 0;

    /// <summary>
    /// Builds the model from a workflow's structure and, optionally, a run's graph that colours it.
    /// <list type="bullet">
    /// <item>Workflow page: <c>From(workflow.Graph, lastRun?.Graph)</c>.</item>
    /// <item>Run page: <c>From(run.Graph, run.Graph)</c>, or <see cref="FromRun"/>.</item>
    /// </list>
    /// Run nodes are matched to structure nodes by <c>UniqueId</c>, then by type and name. Nodes without an id or a
    /// name, edges to unknown nodes, repeated edges and self-loops are dropped.
    /// </summary>
    public static WorkflowGraphModel From(WorkflowGraph? structure, WorkflowGraph? run = null)
    {
        var nodes = new List<(string Id, string Name, Node Node)>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var node in structure?.Nodes ?? [])
        {
            if (node is { Name: { } name } && IdOf(node) is { } id && ids.Add(id))
            {
                nodes.Add((id, name, node));
            }
        }

        var edges = new List<GraphEdge>();
        var seen = new HashSet<GraphEdge>();
        foreach (var edge in structure?.Edges ?? [])
        {
            if (edge is { SourceId: { } source, DestinationId: { } destination } && source != destination
                && ids.Contains(source) && ids.Contains(destination) && seen.Add(new(source, destination)))
            {
                edges.Add(new(source, destination));
            }
        }

        var runs = RunsOf(run);
        var latest = nodes.ToDictionary(
            n => n.Id,
            n => runs.ById.GetValueOrDefault(n.Id) ?? runs.ByName.GetValueOrDefault((n.Node.Type, n.Name)) ?? NodeRun.None,
            StringComparer.Ordinal);

        var graphNodes = nodes.Select(n =>
        {
            var kind = KindOf(n.Node.Type);
            var nodeRun = kind == NodeKind.Trigger ? NodeRun.None : latest[n.Id];
            var state = kind == NodeKind.Trigger
                ? NodeStates.OfTrigger(edges.Where(e => e.SourceId == n.Id).Select(e => latest[e.DestinationId].State))
                : nodeRun.State;
            return new GraphNode(n.Id, kind, n.Name, state)
            {
                TriggerType = n.Node.TriggerDetails?.Trigger?.Type,
                GlueState = nodeRun.GlueState,
                ErrorMessage = nodeRun.ErrorMessage,
                StartedOn = nodeRun.StartedOn,
                CompletedOn = nodeRun.CompletedOn,
            };
        }).ToList();

        return new(graphNodes, edges, HasRun: run is not null);
    }

    /// <summary>A run's own graph, coloured by that run.</summary>
    public static WorkflowGraphModel FromRun(WorkflowGraph? runGraph) => From(runGraph, runGraph);

    public GraphNode? Find(string id) => Nodes.FirstOrDefault(n => n.Id == id);

    public static NodeKind KindOf(string? type) => type switch
    {
        "TRIGGER" => NodeKind.Trigger,
        "JOB" => NodeKind.Job,
        "CRAWLER" => NodeKind.Crawler,
        _ => NodeKind.Unknown,
    };

    // Glue always sends UniqueId; a node without one is still drawn, keyed by its type and name.
    private static string? IdOf(Node node) => node.UniqueId ?? (node.Name is { } name ? $"{node.Type}:{name}" : null);

    private static (Dictionary<string, NodeRun> ById, Dictionary<(string?, string?), NodeRun> ByName) RunsOf(WorkflowGraph? run)
    {
        var byId = new Dictionary<string, NodeRun>(StringComparer.Ordinal);
        var byName = new Dictionary<(string?, string?), NodeRun>();
        foreach (var node in run?.Nodes ?? [])
        {
            if (node is null || KindOf(node.Type) == NodeKind.Trigger)
            {
                continue;
            }

            var latest = NodeStates.LatestRun(node);
            if (IdOf(node) is { } id)
            {
                byId.TryAdd(id, latest);
            }

            byName.TryAdd((node.Type, node.Name), latest);
        }

        return (byId, byName);
    }
}
