using System.Globalization;

namespace Dashboard.Batching.WhatIf;

/// <summary>
/// The tuning page's choices as they stand in its URL: the freshness target (<c>p95=600s</c>, <c>p95=10m</c>) and the
/// price per DPU-hour (<c>price=0.44</c>). Parsing never throws: a bad value comes back with its problem, worded for the
/// field it was typed in.
/// </summary>
public static class TuningQuery
{
    /// <summary>The longest target the page takes: a wait past a day is not freshness.</summary>
    public static readonly TimeSpan MaxTarget = TimeSpan.FromHours(24);

    /// <summary>Targets offered as one click.</summary>
    public static readonly IReadOnlyList<TimeSpan> PresetTargets =
        [TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(30)];

    /// <summary>"600s", "10m", "1h" or a bare number of minutes; null with a problem when it is none of those.</summary>
    public static (TimeSpan? Target, string? Problem) ParseTarget(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return (null, null);
        }

        var trimmed = text.Trim().ToLowerInvariant();
        var (number, unit) = trimmed[^1] switch
        {
            's' => (trimmed[..^1], TimeSpan.FromSeconds(1)),
            'm' => (trimmed[..^1], TimeSpan.FromMinutes(1)),
            'h' => (trimmed[..^1], TimeSpan.FromHours(1)),
            _ => (trimmed, TimeSpan.FromMinutes(1)),
        };
        if (!double.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) || double.IsNaN(value))
        {
            return (null, $"\"{text.Trim()}\" is not a wait: write minutes (10), or a number with s, m or h (600s, 10m, 1h).");
        }

        var target = TimeSpan.FromSeconds(Math.Round(value * unit.TotalSeconds));
        if (target <= TimeSpan.Zero)
        {
            return (null, "The target must be longer than 0 seconds.");
        }

        return target > MaxTarget ? (null, "The target can be at most 24 hours.") : (target, null);
    }

    /// <summary>The target as the URL holds it: whole seconds.</summary>
    public static string FormatTarget(TimeSpan target) => $"{(long)target.TotalSeconds}s";

    /// <summary>A price in dollars per DPU-hour, at least 0 and at most 100; null with a problem otherwise.</summary>
    public static (decimal? Price, string? Problem) ParsePrice(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return (null, null);
        }

        if (!decimal.TryParse(text.Trim().TrimStart('$'), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var price))
        {
            return (null, $"\"{text.Trim()}\" is not a price: write dollars per DPU-hour, such as 0.44.");
        }

        return price > 100 ? (null, "The price per DPU-hour can be at most $100.") : (price, null);
    }
}
