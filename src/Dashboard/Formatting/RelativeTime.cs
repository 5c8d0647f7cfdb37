using System.Globalization;

namespace Dashboard.Formatting;

/// <summary>"3 min ago"-style times, computed against an injected clock.</summary>
public static class RelativeTime
{
    public static string Since(DateTimeOffset then, DateTimeOffset now)
    {
        var elapsed = now - then;
        if (elapsed < TimeSpan.Zero)
        {
            return "in the future";
        }

        return elapsed switch
        {
            { TotalSeconds: < 45 } => "just now",
            { TotalMinutes: < 90 } => $"{Math.Max(1, (int)Math.Round(elapsed.TotalMinutes))} min ago",
            { TotalHours: < 36 } => $"{(int)Math.Round(elapsed.TotalHours)} h ago",
            _ => $"{(int)Math.Round(elapsed.TotalDays)} d ago",
        };
    }

    /// <summary>"8 s ago", to the second: for how fresh a live page is.</summary>
    public static string Ago(DateTimeOffset then, DateTimeOffset now)
    {
        var elapsed = now - then;
        return elapsed.TotalSeconds < 90 ? $"{Math.Max(0, (int)elapsed.TotalSeconds)} s ago" : Since(then, now);
    }

    /// <summary>"2 min 30 s", "5 min", "1 h 5 min", "1 h": the parts that are not zero.</summary>
    public static string Duration(TimeSpan duration) => duration switch
    {
        { TotalSeconds: < 60 } => $"{(int)duration.TotalSeconds} s",
        { TotalMinutes: < 60 } => duration.Seconds == 0 ? $"{(int)duration.TotalMinutes} min" : $"{(int)duration.TotalMinutes} min {duration.Seconds} s",
        _ => duration.Minutes == 0 ? $"{(int)duration.TotalHours} h" : $"{(int)duration.TotalHours} h {duration.Minutes} min",
    };

    /// <summary>An absolute UTC timestamp for tooltips and incident channels.</summary>
    public static string Utc(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);
}
