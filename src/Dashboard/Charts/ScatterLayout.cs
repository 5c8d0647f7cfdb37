using System.Globalization;

namespace Dashboard.Charts;

/// <summary>What a point of a scatter stands for; the chart styles each kind.</summary>
public enum ScatterKind
{
    /// <summary>A choice that meets the constraints.</summary>
    Allowed,

    /// <summary>A choice that breaks a constraint (shown faint and hollow).</summary>
    Excluded,

    /// <summary>A point of the frontier line.</summary>
    Frontier,

    /// <summary>The choice in force now.</summary>
    Current,

    /// <summary>The recommended choice.</summary>
    Recommended,
}

/// <summary>One input point: x (seconds of wait) and y (a positive amount), with its whiskers and its tooltip.</summary>
public sealed record ScatterPoint(double X, double Y, ScatterKind Kind, string Title)
{
    public double XLow { get; init; } = double.NaN;

    public double XHigh { get; init; } = double.NaN;

    public double YLow { get; init; } = double.NaN;

    public double YHigh { get; init; } = double.NaN;
}

/// <summary>A point placed on the plot: left and bottom in percent of the plot, and the number of inputs it stands for.</summary>
public sealed record PlacedPoint(double Left, double Bottom, ScatterKind Kind, string Title, int Count)
{
    /// <summary>The whiskers' extent in percent, when the input had them.</summary>
    public (double Left, double Right)? XWhisker { get; init; }

    public (double Bottom, double Top)? YWhisker { get; init; }
}

/// <summary>
/// Places a wait-against-amount scatter: x linear from 0 in minutes, y logarithmic (settings' costs span orders of
/// magnitude, and the cheap end is where choices are made). Points that would overlap are merged, so thousands of
/// settings draw as a few hundred marks; the frontier, current and recommended points are never merged away.
/// </summary>
public sealed class ScatterLayout
{
    /// <summary>The plot's grid for merging: points in the same cell of 160 × 80 draw as one.</summary>
    private const int CellsX = 160;
    private const int CellsY = 80;

    private ScatterLayout(IReadOnlyList<PlacedPoint> points, IReadOnlyList<AxisTick> xTicks, IReadOnlyList<AxisTick> yTicks, double? xLine, IReadOnlyList<(double Left, double Bottom)> frontier)
    {
        Points = points;
        XTicks = xTicks;
        YTicks = yTicks;
        XLine = xLine;
        FrontierPath = frontier;
    }

    public IReadOnlyList<PlacedPoint> Points { get; }

    public IReadOnlyList<AxisTick> XTicks { get; }

    public IReadOnlyList<AxisTick> YTicks { get; }

    /// <summary>A vertical marker (the target), in percent; null when none or off the plot.</summary>
    public double? XLine { get; }

    /// <summary>The frontier's points in order, in percent.</summary>
    public IReadOnlyList<(double Left, double Bottom)> FrontierPath { get; }

    public bool IsEmpty => Points.Count == 0;

    /// <param name="points">The inputs; points with a y of 0 or less sit on the axis's floor.</param>
    /// <param name="xLine">A wait to mark with a vertical line, in seconds.</param>
    /// <param name="yLabel">Formats a y tick.</param>
    public static ScatterLayout Place(IReadOnlyList<ScatterPoint> points, double? xLine, Func<double, string> yLabel)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(yLabel);
        if (points.Count == 0)
        {
            return new ScatterLayout([], [], [], null, []);
        }

        var xMaxSeconds = Math.Max(points.Max(p => double.IsNaN(p.XHigh) ? p.X : Math.Max(p.X, p.XHigh)), xLine ?? 0);
        var xScale = ValueScale.For(xMaxSeconds / 60, wholeNumbers: false, targetTicks: 5);
        var positive = points.SelectMany(p => new[] { p.Y, p.YLow, p.YHigh }).Where(y => y > 0 && !double.IsNaN(y)).ToList();
        var (decadeLow, decadeHigh) = positive.Count == 0
            ? (0, 1)
            : ((int)Math.Floor(Math.Log10(positive.Min())), Math.Max((int)Math.Ceiling(Math.Log10(positive.Max())), (int)Math.Floor(Math.Log10(positive.Min())) + 1));

        double Left(double seconds) => xScale.Fraction(seconds / 60) * 100;
        double Bottom(double y) => y <= 0 || double.IsNaN(y) ? 0 : Math.Clamp((Math.Log10(y) - decadeLow) / (decadeHigh - decadeLow), 0, 1) * 100;

        var placed = new List<PlacedPoint>();
        var merged = new Dictionary<(int, int, ScatterKind), int>();
        foreach (var point in points.OrderBy(p => p.Kind))
        {
            var left = Left(point.X);
            var bottom = Bottom(point.Y);
            if (point.Kind is ScatterKind.Allowed or ScatterKind.Excluded)
            {
                var cell = ((int)(left / 100 * CellsX), (int)(bottom / 100 * CellsY), point.Kind);
                if (merged.TryGetValue(cell, out var at))
                {
                    placed[at] = placed[at] with { Count = placed[at].Count + 1 };
                    continue;
                }

                merged[cell] = placed.Count;
            }

            placed.Add(new PlacedPoint(left, bottom, point.Kind, point.Title, 1)
            {
                XWhisker = double.IsNaN(point.XLow) ? null : (Left(point.XLow), Left(point.XHigh)),
                YWhisker = double.IsNaN(point.YLow) ? null : (Bottom(point.YLow), Bottom(point.YHigh)),
            });
        }

        var xTicks = xScale.Ticks().Select(minutes => new AxisTick(xScale.Fraction(minutes) * 100, MinutesLabel(minutes))).ToList();
        var yTicks = new List<AxisTick>();
        for (var decade = decadeLow; decade <= decadeHigh; decade++)
        {
            foreach (var step in decadeHigh - decadeLow <= 2 ? new[] { 1, 2, 5 } : [1])
            {
                var value = step * Math.Pow(10, decade);
                var percent = Bottom(value);
                if (Math.Log10(value) <= decadeHigh + 1e-9)
                {
                    yTicks.Add(new AxisTick(percent, yLabel(value)));
                }
            }
        }

        var frontier = points.Where(p => p.Kind == ScatterKind.Frontier).OrderBy(p => p.Y).Select(p => (Left(p.X), Bottom(p.Y))).ToList();
        return new ScatterLayout(placed, xTicks, yTicks, xLine is { } line ? Left(line) : null, frontier);
    }

    private static string MinutesLabel(double minutes) =>
        minutes == 0 ? "0" : $"{minutes.ToString("0.##", CultureInfo.InvariantCulture)} min";
}
