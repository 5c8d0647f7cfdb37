using System.Globalization;

namespace Dashboard.Formatting;

/// <summary>Timestamps in the browser's time zone, as short as the distance from now allows.</summary>
public static class LocalTimeText
{
    public static string Format(DateTimeOffset value, TimeZoneInfo zone, DateTimeOffset now)
    {
        var local = TimeZoneInfo.ConvertTime(value, zone);
        var today = TimeZoneInfo.ConvertTime(now, zone);
        var format = (local.Date == today.Date, local.Year == today.Year) switch
        {
            (true, _) => "HH:mm:ss",
            (false, true) => "MMM d, HH:mm",
            _ => "yyyy-MM-dd HH:mm",
        };
        return local.ToString(format, CultureInfo.InvariantCulture);
    }

    /// <summary>The zone named by the browser (an IANA id such as Europe/Paris), or UTC when it is unknown here.</summary>
    public static TimeZoneInfo Zone(string? ianaId) =>
        ianaId is { Length: > 0 } && TimeZoneInfo.TryFindSystemTimeZoneById(ianaId, out var zone) ? zone : TimeZoneInfo.Utc;
}
