namespace Dashboard.Charts;

/// <summary>How a series is drawn.</summary>
public enum SeriesStyle
{
    Line,
    Bars,
}

/// <summary>
/// The palette a chart draws from: MudBlazor's theme colours, read through their CSS variables so that a chart follows
/// the light and dark themes without being rendered again.
/// </summary>
public enum ChartColor
{
    Primary,
    Error,
    Secondary,
    Success,
    Warning,
    Tertiary,
    Info,
    Neutral,
}

public static class ChartColors
{
    /// <summary>The order series take colours in when the caller does not choose.</summary>
    private static readonly ChartColor[] Cycle = [ChartColor.Primary, ChartColor.Error, ChartColor.Secondary, ChartColor.Success, ChartColor.Warning, ChartColor.Tertiary];

    public static ChartColor ForIndex(int index) => Cycle[((index % Cycle.Length) + Cycle.Length) % Cycle.Length];

    /// <summary>The CSS colour of <paramref name="color"/>, for example <c>var(--mud-palette-error)</c>.</summary>
    public static string Css(ChartColor color) => color switch
    {
        ChartColor.Primary => "var(--mud-palette-primary)",
        ChartColor.Error => "var(--mud-palette-error)",
        ChartColor.Secondary => "var(--mud-palette-secondary)",
        ChartColor.Success => "var(--mud-palette-success)",
        ChartColor.Warning => "var(--mud-palette-warning)",
        ChartColor.Tertiary => "var(--mud-palette-tertiary)",
        ChartColor.Info => "var(--mud-palette-info)",
        _ => "var(--mud-palette-text-secondary)",
    };
}

/// <summary>
/// One series on a <see cref="TimeGrid"/>: <c>Values[i]</c> is the value of the grid's bucket <c>i</c>. Values the grid
/// does not cover are ignored; buckets without a value are not drawn.
/// </summary>
public sealed record ChartSeries(string Name, IReadOnlyList<double> Values, ChartColor Color, SeriesStyle Style = SeriesStyle.Line)
{
    /// <summary>Drawn dashed: for a compared rule beside the main one.</summary>
    public bool Dashed { get; init; }

    /// <summary>False when the source sent no data point at all, so the values are only a fill.</summary>
    public bool HasData { get; init; } = true;

    public double Total => Values.Sum();
}

/// <summary>A moment worth marking on the time axis, such as a workflow run's start.</summary>
public sealed record ChartMarker(DateTimeOffset At, string Title);

/// <summary>Equal buckets of time: bucket <c>i</c> covers <c>[Start + i·Step, Start + (i+1)·Step)</c>.</summary>
public sealed record TimeGrid
{
    public TimeGrid(DateTimeOffset start, TimeSpan step, int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(step, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        Start = start;
        Step = step;
        Count = count;
    }

    public DateTimeOffset Start { get; }

    public TimeSpan Step { get; }

    public int Count { get; }

    public DateTimeOffset End => Start + (Step * Count);

    public DateTimeOffset TimeOf(int bucket) => Start + (Step * bucket);
}
