using System.Globalization;
using Dashboard.Workflows.Graph;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Dashboard.Components.Controls;

/// <summary>
/// A workflow's graph drawn left to right as inline SVG: one shape and icon per node type, colours and words for
/// what each node did in a run, a legend, and the same steps as a table for keyboards and screen readers.
/// </summary>
public partial class WorkflowGraphView
{
    private static readonly NodeState[] LegendStates = [NodeState.Succeeded, NodeState.Running, NodeState.Failed, NodeState.Stopped, NodeState.Fired];

    private WorkflowGraphModel? _drawn;
    private GraphLayout _layout = GraphLayout.Empty;
    private Dictionary<string, NodeState> _states = [];
    private string _summary = string.Empty;

    /// <summary>The graph to draw: <see cref="WorkflowGraphModel.From"/> or <see cref="WorkflowGraphModel.FromRun"/>.</summary>
    [Parameter, EditorRequired]
    public WorkflowGraphModel? Graph { get; set; }

    /// <summary>Called when a node is clicked, or chosen in the steps table. Nodes are not clickable without it.</summary>
    [Parameter]
    public EventCallback<GraphNode> OnNodeSelected { get; set; }

    /// <summary>The node to outline, if any.</summary>
    [Parameter]
    public string? SelectedNodeId { get; set; }

    [Parameter]
    public string EmptyMessage { get; set; } = "This workflow has no graph yet";

    private bool Selectable => OnNodeSelected.HasDelegate;

    private string ViewBox => Invariant($"0 0 {_layout.Width} {_layout.Height}");

    // Scales down to the container, but not below 80 % of its size, where the labels stop being readable.
    private string SizeStyle => Invariant($"max-width: {_layout.Width}px; min-width: {Math.Round(_layout.Width * 0.8)}px");

    protected override void OnParametersSet()
    {
        // Lay out again only for a new graph: pages re-render on every poll.
        if (_layout.Nodes.Count > 0 && ReferenceEquals(Graph, _drawn))
        {
            return;
        }

        _drawn = Graph;
        var graph = Graph ?? WorkflowGraphModel.Empty;
        _layout = LayeredLayout.Compute(graph);
        _states = graph.Nodes.DistinctBy(n => n.Id).ToDictionary(n => n.Id, n => n.State, StringComparer.Ordinal);
        _summary = GraphText.Summary(graph);
    }

    private Task SelectAsync(GraphNode node) => Selectable ? OnNodeSelected.InvokeAsync(node) : Task.CompletedTask;

    private string NodeClass(GraphNode node) =>
        $"node kind-{node.Kind.ToString().ToLowerInvariant()} {StateClass(node.State)}{(Selectable ? " selectable" : string.Empty)}";

    // An edge the run went along: both of its ends ran.
    private string EdgeClass(EdgeRoute route)
    {
        var taken = Ran(route.Edge.SourceId) && Ran(route.Edge.DestinationId);
        return $"{(taken ? "taken" : string.Empty)}{(route.IsBackEdge ? " back" : string.Empty)}";

        bool Ran(string id) => _states.GetValueOrDefault(id) != NodeState.NotRun;
    }

    private static string StateClass(NodeState state) => $"state-{state.ToString().ToLowerInvariant()}";

    private static string Translate(NodeBox box) => Invariant($"translate({box.X},{box.Y})");

    private static double Radius(GraphNode node, NodeBox box) => node.Kind == NodeKind.Trigger ? Math.Min(22, box.Height / 2) : 6;

    private static string ChamferedBox(NodeBox box)
    {
        const double Cut = 10;
        var (w, h) = (box.Width, box.Height);
        return Invariant($"M{Cut},0 L{w - Cut},0 L{w},{Cut} L{w},{h - Cut} L{w - Cut},{h} L{Cut},{h} L0,{h - Cut} L0,{Cut} Z");
    }

    private static MarkupString KindIcon(GraphNode node) => new(node switch
    {
        { Kind: NodeKind.Trigger, TriggerType: "SCHEDULED" } => Icons.Material.Filled.Schedule,
        { Kind: NodeKind.Trigger, TriggerType: "ON_DEMAND" } => Icons.Material.Filled.TouchApp,
        { Kind: NodeKind.Trigger, TriggerType: "CONDITIONAL" } => Icons.Material.Filled.AltRoute,
        { Kind: NodeKind.Trigger } => Icons.Material.Filled.Bolt,
        { Kind: NodeKind.Job } => Icons.Material.Filled.Code,
        { Kind: NodeKind.Crawler } => Icons.Material.Filled.TravelExplore,
        _ => Icons.Material.Filled.HelpOutline,
    });

    private static MarkupString StateIcon(NodeState state) => new(state switch
    {
        NodeState.Succeeded => Icons.Material.Filled.CheckCircle,
        NodeState.Running => Icons.Material.Filled.PlayCircle,
        NodeState.Failed => Icons.Material.Filled.Cancel,
        NodeState.Stopped => Icons.Material.Filled.StopCircle,
        NodeState.Fired => Icons.Material.Filled.TaskAlt,
        NodeState.NotRun => Icons.Material.Filled.RadioButtonUnchecked,
        _ => Icons.Material.Filled.HelpOutline,
    });

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
