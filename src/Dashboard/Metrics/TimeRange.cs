using System.Globalization;

namespace Dashboard.Metrics;

/// <summary>
/// The time a page shows: one of the presets (the last 1 h, 3 h, 12 h, 24 h or 7 d, moving with the clock) or a fixed
/// custom range. It lives in the URL as <c>?range=3h</c> or <c>?from=…&amp;to=…</c> (ISO 8601, UTC).
/// </summary>
public sealed record TimeRange
{
    /// <summary>CloudWatch keeps data points for 15 months; older ranges cannot return anything.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromDays(455);

    public static readonly TimeSpan MinimumLength = TimeSpan.FromMinutes(1);

    public static readonly IReadOnlyList<TimeRange> Presets =
    [
        new("1h", TimeSpan.FromHours(1), "1 h", "the last hour"),
        new("3h", TimeSpan.FromHours(3), "3 h", "the last 3 hours"),
        new("12h", TimeSpan.FromHours(12), "12 h", "the last 12 hours"),
        new("24h", TimeSpan.FromHours(24), "24 h", "the last 24 hours"),
        new("7d", TimeSpan.FromDays(7), "7 d", "the last 7 days"),
    ];

    /// <summary>What a page shows when the URL names no range: the last 3 hours, as CloudWatch's console does.</summary>
    public static readonly TimeRange Default = Presets[1];

    private const string IsoFormat = "yyyy-MM-dd'T'HH:mm:ss'Z'";

    private TimeRange(string? preset, TimeSpan length, string shortLabel, string description, DateTimeOffset? from = null, DateTimeOffset? to = null)
    {
        Preset = preset;
        Length = length;
        ShortLabel = shortLabel;
        Description = description;
        From = from;
        To = to;
    }

    /// <summary>The preset's URL value (<c>3h</c>); null for a custom range.</summary>
    public string? Preset { get; }

    public TimeSpan Length { get; }

    /// <summary>For the range picker: "3 h", or "Custom".</summary>
    public string ShortLabel { get; }

    /// <summary>For sentences: "the last 3 hours", or "Nov 25, 09:00 to 12:00 UTC".</summary>
    public string Description { get; }

    public DateTimeOffset? From { get; }

    public DateTimeOffset? To { get; }

    public bool IsCustom => Preset is null;

    /// <summary>Identifies the range in feed and cache keys.</summary>
    public string Key => Preset ?? $"{Iso(From)}..{Iso(To)}";

    /// <summary>A fixed range. Call <see cref="Parse"/> for input from people; this checks only the order.</summary>
    public static TimeRange Custom(DateTimeOffset from, DateTimeOffset to)
    {
        if (to - from < MinimumLength)
        {
            throw new ArgumentException($"A range must run forwards for at least a minute; from {Iso(from)} to {Iso(to)} does not.", nameof(to));
        }

        var utcFrom = from.ToUniversalTime();
        var utcTo = to.ToUniversalTime();
        return new TimeRange(null, utcTo - utcFrom, "Custom", $"{Describe(utcFrom)} to {Describe(utcTo)} UTC", utcFrom, utcTo);
    }

    /// <summary>The window this range covers now: a preset ends now; a custom range ends at its end, or now if that is sooner.</summary>
    public (DateTimeOffset Start, DateTimeOffset End) Resolve(DateTimeOffset now)
    {
        if (From is { } from && To is { } to)
        {
            var end = to < now ? to : now;
            return (from, end > from ? end : from + MinimumLength);
        }

        return (now - Length, now);
    }

    /// <summary>The query parameters that carry this range; the ones it does not use are null, so they are removed.</summary>
    public IReadOnlyDictionary<string, string?> ToQuery() => new Dictionary<string, string?>(StringComparer.Ordinal)
    {
        ["range"] = Preset,
        ["from"] = IsCustom ? Iso(From) : null,
        ["to"] = IsCustom ? Iso(To) : null,
    };

    /// <summary>
    /// Reads a range from the URL's <c>range</c>, <c>from</c> and <c>to</c>. Nothing given is the default; a bad value
    /// gives the default and an error that says what was wrong and what to write instead.
    /// </summary>
    public static TimeRangeParseResult Parse(string? range, string? from, string? to, DateTimeOffset now)
    {
        var hasRange = !string.IsNullOrWhiteSpace(range);
        var hasFrom = !string.IsNullOrWhiteSpace(from);
        var hasTo = !string.IsNullOrWhiteSpace(to);
        if (!hasRange && !hasFrom && !hasTo)
        {
            return new(Default, null);
        }

        if (hasRange && (hasFrom || hasTo))
        {
            return Fail($"Give either range or from and to, not both (range={range}, from={from}, to={to}).");
        }

        if (hasRange)
        {
            var preset = Presets.FirstOrDefault(p => string.Equals(p.Preset, range?.Trim(), StringComparison.OrdinalIgnoreCase));
            return preset is null
                ? Fail($"Unknown range '{range}'. Use one of {string.Join(", ", Presets.Select(p => p.Preset))}, or from and to.")
                : new(preset, null);
        }

        if (!hasFrom || !hasTo)
        {
            return Fail($"A custom range needs both from and to; {(hasFrom ? "to" : "from")} is missing.");
        }

        if (!TryParseTime(from, out var start))
        {
            return Fail($"from '{from}' is not a time. Write ISO 8601 with a zone, such as 2026-11-25T09:00:00Z.");
        }

        if (!TryParseTime(to, out var end))
        {
            return Fail($"to '{to}' is not a time. Write ISO 8601 with a zone, such as 2026-11-25T12:00:00Z.");
        }

        if (end <= start)
        {
            return Fail($"from ({Iso(start)}) must be before to ({Iso(end)}).");
        }

        if (end - start < MinimumLength)
        {
            return Fail("A custom range must be at least a minute long.");
        }

        if (start > now)
        {
            return Fail($"from ({Iso(start)}) is in the future.");
        }

        if (now - start > Retention)
        {
            return Fail($"from ({Iso(start)}) is older than CloudWatch's 15 months of retention, so there is no data to show.");
        }

        return new(Custom(start, end), null);

        static TimeRangeParseResult Fail(string error) => new(Default, error);
    }

    private static bool TryParseTime(string? text, out DateTimeOffset time) =>
        DateTimeOffset.TryParse(text?.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out time);

    private static string Iso(DateTimeOffset? time) =>
        time?.UtcDateTime.ToString(IsoFormat, CultureInfo.InvariantCulture) ?? string.Empty;

    private static string Describe(DateTimeOffset time) => time.UtcDateTime.ToString("MMM d, HH:mm", CultureInfo.InvariantCulture);
}

/// <summary>A range read from a URL; <see cref="Error"/> says why the URL's range was not used.</summary>
public sealed record TimeRangeParseResult(TimeRange Range, string? Error);
