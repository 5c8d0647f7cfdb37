using System.Globalization;

namespace Dashboard.Charts;

/// <summary>Numbers on axes and in tooltips.</summary>
public static class ChartNumbers
{
    /// <summary>Short, for axis ticks: 950, 1.2k, 3.5M.</summary>
    public static string Compact(double value)
    {
        var magnitude = Math.Abs(value);
        return magnitude switch
        {
            >= 1_000_000_000 => Trim(value / 1_000_000_000) + "G",
            >= 1_000_000 => Trim(value / 1_000_000) + "M",
            >= 1_000 => Trim(value / 1_000) + "k",
            _ => Trim(value),
        };
    }

    /// <summary>Exact, for tooltips and tables: 1,234 or 0.5.</summary>
    public static string Full(double value) =>
        value == Math.Floor(value) ? value.ToString("#,0", CultureInfo.InvariantCulture) : value.ToString("#,0.##", CultureInfo.InvariantCulture);

    private static string Trim(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
}
