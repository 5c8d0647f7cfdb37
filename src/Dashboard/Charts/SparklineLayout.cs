namespace Dashboard.Charts;

/// <summary>The path of a sparkline: values spread evenly across a box, from 0 at the bottom to the peak at the top.</summary>
public static class SparklineLayout
{
    public const double Width = 100;
    public const double Height = 20;

    /// <summary>Keeps a stroke at 0 or at the peak inside the box.</summary>
    private const double Inset = 1.5;

    /// <summary>The line, in a <see cref="Width"/> × <see cref="Height"/> box; <paramref name="max"/> shares one scale between lines.</summary>
    public static string Path(IReadOnlyList<double> values, double? max = null)
    {
        var top = max ?? values.DefaultIfEmpty(0).Max();
        var scale = top > 0 ? top : 1;
        return TimeSeriesLayout.Polyline(values, values.Count, Width, v => Height - Inset - (Math.Clamp(v / scale, 0, 1) * (Height - (2 * Inset))));
    }
}
