using System.Globalization;
using System.Text;

namespace Dashboard.Charts;

/// <summary>A series, ready to draw: an SVG path in the plot's coordinates and its CSS colour.</summary>
public sealed record PlottedSeries(string Name, string Path, SeriesStyle Style, string Color, bool Dashed, double Total, double Peak);

/// <summary>A marker at <see cref="X"/> in plot coordinates.</summary>
public sealed record PlottedMarker(double X, string Title);

/// <summary>One bucket's hover target: its left edge and width in plot coordinates, and the text it shows.</summary>
public sealed record HoverColumn(double X, double Width, string Title);

/// <summary>A tick on an axis: where it sits (0–100 % along the axis) and its label.</summary>
public sealed record AxisTick(double Percent, string Label);

/// <summary>
/// Turns series on a time grid into SVG geometry for a plot of <see cref="PlotWidth"/> × <see cref="PlotHeight"/>
/// units, which the chart stretches to its box (strokes do not scale). Axis labels are placed in percent, so the
/// component can draw them as HTML text that keeps its size on any screen. Times are labelled in the viewer's zone.
/// </summary>
public sealed class TimeSeriesLayout
{
    public const double PlotWidth = 1000;
    public const double PlotHeight = 100;

    /// <summary>Room above the highest tick, so a peak does not touch the frame.</summary>
    private const double TopPadding = 4;

    private TimeSeriesLayout(
        TimeGrid grid,
        ValueScale scale,
        IReadOnlyList<PlottedSeries> series,
        IReadOnlyList<PlottedMarker> markers,
        IReadOnlyList<HoverColumn> columns,
        IReadOnlyList<AxisTick> xTicks,
        IReadOnlyList<AxisTick> yTicks,
        bool isEmpty)
    {
        Grid = grid;
        Scale = scale;
        Series = series;
        Markers = markers;
        Columns = columns;
        XTicks = xTicks;
        YTicks = yTicks;
        IsEmpty = isEmpty;
    }

    public TimeGrid Grid { get; }

    public ValueScale Scale { get; }

    public IReadOnlyList<PlottedSeries> Series { get; }

    public IReadOnlyList<PlottedMarker> Markers { get; }

    public IReadOnlyList<HoverColumn> Columns { get; }

    public IReadOnlyList<AxisTick> XTicks { get; }

    public IReadOnlyList<AxisTick> YTicks { get; }

    /// <summary>No series has data: the chart draws its axes and says so.</summary>
    public bool IsEmpty { get; }

    public static TimeSeriesLayout Create(
        TimeGrid grid, IReadOnlyList<ChartSeries> series, IReadOnlyList<ChartMarker> markers, TimeZoneInfo zone, int maxTimeTicks = 7)
    {
        var isEmpty = grid.Count == 0 || !series.Any(s => s.HasData);
        var peak = isEmpty ? 0 : series.SelectMany(s => s.Values.Take(grid.Count)).DefaultIfEmpty(0).Max();
        var scale = ValueScale.For(peak);
        var bars = series.Where(s => s.Style == SeriesStyle.Bars).ToList();

        var plotted = isEmpty ? [] : series.Select(s => new PlottedSeries(
            s.Name,
            s.Style == SeriesStyle.Bars ? BarPath(grid, s.Values, scale, bars.IndexOf(s), bars.Count) : LinePath(grid, s.Values, scale),
            s.Style,
            ChartColors.Css(s.Color),
            s.Dashed,
            s.Values.Take(grid.Count).Sum(),
            s.Values.Take(grid.Count).DefaultIfEmpty(0).Max())).ToList();

        var plottedMarkers = markers
            .Where(m => m.At >= grid.Start && m.At <= grid.End)
            .OrderBy(m => m.At)
            .Select(m => new PlottedMarker(X(grid, m.At), m.Title))
            .ToList();

        var columns = isEmpty ? [] : Enumerable.Range(0, grid.Count)
            .Select(i => new HoverColumn(i * PlotWidth / grid.Count, PlotWidth / grid.Count, ColumnTitle(grid, series, i, zone)))
            .ToList();

        var xTicks = TimeTicks.Choose(grid.Start, grid.End, zone, maxTimeTicks)
            .Select(t => new AxisTick(X(grid, t.At) / PlotWidth * 100, t.Label))
            .ToList();
        var yTicks = scale.Ticks()
            .Select(v => new AxisTick((PlotHeight - Y(v, scale)) / PlotHeight * 100, ChartNumbers.Compact(v)))
            .ToList();

        return new TimeSeriesLayout(grid, scale, plotted, plottedMarkers, columns, xTicks, yTicks, isEmpty);
    }

    /// <summary>A sentence for screen readers: what each series adds up to, its peak, and how many markers there are.</summary>
    public string Summary(string title, string? markerLegend, TimeZoneInfo zone)
    {
        var text = new StringBuilder(title);
        text.Append(", ").Append(TimeLabel(Grid.Start, zone)).Append(" to ").Append(TimeLabel(Grid.End, zone)).Append(": ");
        if (IsEmpty)
        {
            text.Append("no data in this range");
        }
        else
        {
            text.AppendJoin("; ", Series.Select(s => $"{s.Name} {ChartNumbers.Full(s.Total)} in total, peak {ChartNumbers.Full(s.Peak)}"));
        }

        if (markerLegend is not null)
        {
            text.Append("; ").Append(Markers.Count.ToString(CultureInfo.InvariantCulture)).Append(' ').Append(markerLegend.ToLowerInvariant());
        }

        return text.Append('.').ToString();
    }

    /// <summary>A bucket's time as the table and tooltips show it, in the viewer's zone.</summary>
    public static string TimeLabel(DateTimeOffset time, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(time, zone).ToString("MMM d, HH:mm", CultureInfo.InvariantCulture);

    private static string ColumnTitle(TimeGrid grid, IReadOnlyList<ChartSeries> series, int bucket, TimeZoneInfo zone)
    {
        var text = new StringBuilder(TimeLabel(grid.TimeOf(bucket), zone));
        foreach (var s in series)
        {
            text.Append('\n').Append(s.Name).Append(": ").Append(bucket < s.Values.Count ? ChartNumbers.Full(s.Values[bucket]) : "–");
        }

        return text.ToString();
    }

    private static double X(TimeGrid grid, DateTimeOffset at) =>
        Math.Clamp((at - grid.Start) / (grid.End - grid.Start), 0, 1) * PlotWidth;

    private static double Y(double value, ValueScale scale) =>
        PlotHeight - (scale.Fraction(value) * (PlotHeight - TopPadding));

    /// <summary>A polyline through each bucket's centre: <c>M x,y L x,y …</c>; one bucket draws a short flat stroke.</summary>
    internal static string LinePath(TimeGrid grid, IReadOnlyList<double> values, ValueScale scale) =>
        Polyline(values, grid.Count, PlotWidth, v => Y(v, scale));

    /// <summary>
    /// A polyline through the centres of <paramref name="buckets"/> equal slots across <paramref name="width"/>, for the
    /// values there are; <paramref name="y"/> places a value vertically.
    /// </summary>
    internal static string Polyline(IReadOnlyList<double> values, int buckets, double width, Func<double, double> y)
    {
        var count = Math.Min(buckets, values.Count);
        if (count == 0)
        {
            return string.Empty;
        }

        var slot = width / buckets;
        var path = new StringBuilder(count * 14);
        for (var i = 0; i < count; i++)
        {
            path.Append(i == 0 ? "M" : " L").Append(Number((i + 0.5) * slot)).Append(',').Append(Number(y(values[i])));
        }

        if (count == 1)
        {
            path.Append(" L").Append(Number(slot)).Append(',').Append(Number(y(values[0])));
        }

        return path.ToString();
    }

    /// <summary>
    /// Every non-zero bucket as a closed rectangle in one path, so a series costs one element whatever its length.
    /// Bar series share each bucket side by side.
    /// </summary>
    internal static string BarPath(TimeGrid grid, IReadOnlyList<double> values, ValueScale scale, int index, int barSeries)
    {
        var bucket = PlotWidth / grid.Count;
        var width = bucket * 0.8 / Math.Max(1, barSeries);
        var path = new StringBuilder();
        for (var i = 0; i < Math.Min(grid.Count, values.Count); i++)
        {
            if (values[i] <= 0)
            {
                continue;
            }

            var left = (i * bucket) + (bucket * 0.1) + (index * width);
            var top = Y(values[i], scale);
            path.Append(path.Length == 0 ? "M" : " M").Append(Number(left)).Append(',').Append(Number(PlotHeight))
                .Append(" V").Append(Number(top)).Append(" h").Append(Number(width)).Append(" V").Append(Number(PlotHeight)).Append('Z');
        }

        return path.ToString();
    }

    private static string Number(double value) => Math.Round(value, 2).ToString("0.##", CultureInfo.InvariantCulture);
}
