using System.Globalization;
using System.Text;

namespace Dashboard.Workflows.Graph;

/// <summary>Sizes and spacing of a layered layout, in SVG user units (CSS pixels at scale 1).</summary>
public sealed record LayoutOptions
{
    public static LayoutOptions Default { get; } = new();

    public double NodeWidth { get; init; } = 200;

    public double NodeHeight { get; init; } = 60;

    /// <summary>Horizontal space between columns, where edges bend.</summary>
    public double ColumnGap { get; init; } = 64;

    /// <summary>Vertical space between two nodes of one column; an edge passing the column runs through its middle.</summary>
    public double RowGap { get; init; } = 24;

    /// <summary>A layer with more nodes than this wraps into side-by-side columns, so no column grows too tall.</summary>
    public int MaxNodesPerColumn { get; init; } = 6;

    /// <summary>Barycenter sweeps, alternately left-to-right and right-to-left; the order with fewest crossings wins.</summary>
    public int Sweeps { get; init; } = 8;

    public double Margin { get; init; } = 20;
}

public readonly record struct LayoutPoint(double X, double Y);

/// <summary>Where a node is drawn: its top-left corner and size.</summary>
public sealed record NodeBox(GraphNode Node, int Layer, double X, double Y, double Width, double Height)
{
    public double Right => X + Width;

    public double Bottom => Y + Height;

    public double CenterY => Y + (Height / 2);
}

/// <summary>
/// An edge's route from the middle of its source's right side to the middle of its destination's left side. A forward
/// route bends only between columns and crosses a column through a gap between its nodes; a back edge, which only a
/// cycle produces, runs below the whole drawing.
/// </summary>
public sealed record EdgeRoute(GraphEdge Edge, IReadOnlyList<LayoutPoint> Points, bool IsBackEdge)
{
    /// <summary>
    /// SVG path data. Forward routes join their points with S-curves that leave and arrive horizontally, so a
    /// route never leaves the gap it bends in; back edges are straight orthogonal segments.
    /// </summary>
    public string ToSvgPath()
    {
        var path = new StringBuilder().Append('M').Append(Format(Points[0]));
        for (var i = 1; i < Points.Count; i++)
        {
            var (from, to) = (Points[i - 1], Points[i]);
            if (IsBackEdge || Math.Abs(from.Y - to.Y) < 0.05)
            {
                path.Append(" L").Append(Format(to));
            }
            else
            {
                var middle = (from.X + to.X) / 2;
                path.Append(" C").Append(Format(new(middle, from.Y))).Append(' ').Append(Format(new(middle, to.Y))).Append(' ').Append(Format(to));
            }
        }

        return path.ToString();
    }

    /// <summary>SVG path data of a filled arrowhead whose tip touches the destination's left side.</summary>
    public string ToSvgArrowhead(double length = 8)
    {
        var tip = Points[^1];
        var half = length * 0.55;
        return $"M{Format(new(tip.X - length, tip.Y - half))} L{Format(tip)} L{Format(new(tip.X - length, tip.Y + half))} Z";
    }

    private static string Format(LayoutPoint point) =>
        string.Create(CultureInfo.InvariantCulture, $"{Math.Round(point.X, 1)},{Math.Round(point.Y, 1)}");
}

/// <summary>A laid-out graph: node boxes in reading order (column by column, top to bottom) and edge routes.</summary>
public sealed record GraphLayout(double Width, double Height, IReadOnlyList<NodeBox> Nodes, IReadOnlyList<EdgeRoute> Edges)
{
    public static GraphLayout Empty { get; } = new(0, 0, [], []);

    /// <summary>
    /// How many times two routes cross, counted on their polylines. Every bend of a forward route spans one whole
    /// gap between columns, so this equals the crossings of the drawn curves. Routes that meet at a shared node do
    /// not count.
    /// </summary>
    public int CountCrossings()
    {
        var crossings = 0;
        for (var a = 0; a < Edges.Count; a++)
        {
            for (var b = a + 1; b < Edges.Count; b++)
            {
                crossings += Crossings(Edges[a].Points, Edges[b].Points);
            }
        }

        return crossings;
    }

    private static int Crossings(IReadOnlyList<LayoutPoint> first, IReadOnlyList<LayoutPoint> second)
    {
        var count = 0;
        for (var i = 1; i < first.Count; i++)
        {
            for (var j = 1; j < second.Count; j++)
            {
                if (ProperlyIntersect(first[i - 1], first[i], second[j - 1], second[j]))
                {
                    count++;
                }
            }
        }

        return count;
    }

    // Strict: segments that only touch, at an end or along a shared line, do not cross.
    private static bool ProperlyIntersect(LayoutPoint p1, LayoutPoint p2, LayoutPoint q1, LayoutPoint q2) =>
        Side(p1, p2, q1) * Side(p1, p2, q2) < 0 && Side(q1, q2, p1) * Side(q1, q2, p2) < 0;

    private static int Side(LayoutPoint a, LayoutPoint b, LayoutPoint c)
    {
        var cross = ((b.X - a.X) * (c.Y - a.Y)) - ((b.Y - a.Y) * (c.X - a.X));
        return Math.Abs(cross) < 1e-6 ? 0 : Math.Sign(cross);
    }
}
