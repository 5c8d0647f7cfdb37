using System.Globalization;
using Dashboard.Formatting;

namespace Dashboard.Workflows.Graph;

/// <summary>The words the graph uses: labels, tooltips and the summary that screen readers hear.</summary>
public static class GraphText
{
    /// <summary>How many characters of a name fit on one line of a node at the default size, in the monospace font.</summary>
    public const int NameLineLength = 20;

    /// <summary>
    /// Shortens <paramref name="name"/> to <paramref name="length"/> text elements by cutting its middle: Glue names
    /// in one workflow tend to share a prefix (<c>products_raw_job</c>, <c>products_raw_crawler</c>), so both ends
    /// are kept.
    /// </summary>
    public static string Truncate(string name, int length = NameLineLength)
    {
        var elements = StringInfo.ParseCombiningCharacters(name);
        if (elements.Length <= length)
        {
            return name;
        }

        if (length < 2)
        {
            return "…";
        }

        var tail = (length - 1) / 2;
        var head = length - 1 - tail;
        return string.Concat(name.AsSpan(0, elements[head]), "…", name.AsSpan(elements[elements.Length - tail]));
    }

    /// <summary>
    /// A node's name on one line, or two: broken after a separator (<c>_ - . / space</c>) in the second half of the
    /// first line if there is one, and the rest cut in the middle if it still does not fit.
    /// </summary>
    public static IReadOnlyList<string> NameLines(string name, int length = NameLineLength)
    {
        var elements = StringInfo.ParseCombiningCharacters(name);
        if (elements.Length <= length)
        {
            return [name];
        }

        var cut = length;
        for (var i = length; i > length / 2; i--)
        {
            if (name[elements[i - 1]] is '_' or '-' or '.' or '/' or ' ')
            {
                cut = i;
                break;
            }
        }

        return [name[..elements[cut]].TrimEnd(), Truncate(name[elements[cut]..], length)];
    }

    public static string KindLabel(GraphNode node) => node.Kind switch
    {
        NodeKind.Trigger when node.TriggerType is { } type => $"{type} trigger",
        NodeKind.Trigger => "Trigger",
        NodeKind.Job => "Job",
        NodeKind.Crawler => "Crawler",
        _ => "Step",
    };

    public static string StateLabel(GraphNode node) => (node.Kind, node.State) switch
    {
        (NodeKind.Trigger, NodeState.NotRun) => "Not fired",
        (_, NodeState.NotRun) => "Not run",
        (_, NodeState.Unknown) => node.GlueState is { } glue ? $"Unknown ({glue})" : "Unknown",
        (_, NodeState.Failed) when node.GlueState is "TIMEOUT" or "ERROR" or "EXPIRED" => $"Failed ({node.GlueState.ToLowerInvariant()})",
        (_, var state) => Describe(state),
    };

    public static string Describe(NodeState state) => state switch
    {
        NodeState.NotRun => "Not run",
        NodeState.Running => "Running",
        NodeState.Succeeded => "Succeeded",
        NodeState.Failed => "Failed",
        NodeState.Stopped => "Stopped",
        NodeState.Fired => "Fired",
        _ => "Unknown",
    };

    /// <summary>The node's second line: what it is and what it did, so the state never rests on colour alone.</summary>
    public static string Caption(GraphNode node) => $"{KindLabel(node)} · {StateLabel(node)}";

    /// <summary>The node's tooltip: full name, type, state, timing and error.</summary>
    public static string Tooltip(GraphNode node)
    {
        var lines = new List<string> { node.Name, Caption(node) };
        if (node.StartedOn is { } started)
        {
            lines.Add(node.CompletedOn is { } completed
                ? $"Started {RelativeTime.Utc(started)}, took {RelativeTime.Duration(completed - started)}"
                : $"Started {RelativeTime.Utc(started)}");
        }

        if (!string.IsNullOrWhiteSpace(node.ErrorMessage))
        {
            lines.Add($"Error: {node.ErrorMessage}");
        }

        return string.Join('\n', lines);
    }

    /// <summary>One or two sentences that stand for the drawing: its shape, where it starts, and what went wrong.</summary>
    public static string Summary(WorkflowGraphModel graph)
    {
        if (graph.IsEmpty)
        {
            return "Workflow graph: no triggers, jobs or crawlers yet.";
        }

        var parts = new List<string>
        {
            $"Workflow graph of {Count(graph.Nodes.Count, "step")}: {Count(graph.Nodes.Count(n => n.Kind == NodeKind.Trigger), "trigger")}, "
                + $"{Count(graph.Nodes.Count(n => n.Kind == NodeKind.Job), "job")} and {Count(graph.Nodes.Count(n => n.Kind == NodeKind.Crawler), "crawler")}.",
        };

        var hasIncoming = graph.Edges.Select(e => e.DestinationId).ToHashSet(StringComparer.Ordinal);
        var starts = graph.Nodes.Where(n => !hasIncoming.Contains(n.Id)).OrderBy(n => n.Name, StringComparer.Ordinal).ToList();
        if (starts.Count > 0)
        {
            parts.Add($"Starts at {string.Join(", ", starts.Select(n => $"{KindLabel(n)} {n.Name}"))}.");
        }

        if (!graph.HasRun)
        {
            parts.Add("No run to show.");
            return string.Join(' ', parts);
        }

        var work = graph.Nodes.Where(n => n.Kind != NodeKind.Trigger).ToList();
        if (work.Count > 0)
        {
            var counts = work.GroupBy(n => n.State).OrderBy(g => g.Key).Select(g => $"{g.Count()} {Describe(g.Key).ToLowerInvariant()}");
            parts.Add($"In this run: {string.Join(", ", counts)}.");
        }

        var failed = work.Where(n => n.State == NodeState.Failed).Select(n => n.Name).Order(StringComparer.Ordinal).ToList();
        if (failed.Count > 0)
        {
            parts.Add($"Failed: {string.Join(", ", failed)}.");
        }

        return string.Join(' ', parts);
    }

    private static string Count(int count, string noun) =>
        string.Create(CultureInfo.InvariantCulture, $"{count} {noun}{(count == 1 ? string.Empty : "s")}");
}
