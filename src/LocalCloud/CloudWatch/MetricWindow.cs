namespace LocalCloud.CloudWatch;

/// <summary>
/// The periods a query asks for, aligned as CloudWatch aligns them. The start is rounded down by its age: to the
/// period (for periods under a minute) within 3 hours, to the minute within 15 days, to 5 minutes within 63 days, and
/// to the hour beyond. Data older than 3 hours, 15 days and 63 days is only kept at 1-minute, 5-minute and 1-hour
/// resolution, so a period that is not a multiple of that resolution returns no data points (not an error).
/// </summary>
internal readonly record struct MetricWindow(long StartSeconds, long EndSeconds, int Period, bool ResolutionAvailable)
{
    public static readonly TimeSpan HighResolutionRetention = TimeSpan.FromHours(3);
    public static readonly TimeSpan MinuteRetention = TimeSpan.FromDays(15);
    public static readonly TimeSpan FiveMinuteRetention = TimeSpan.FromDays(63);

    /// <summary>1, 5, 10, 20, 30 or a multiple of 60: what AWS accepts as a period.</summary>
    public static bool IsValidPeriod(int period) => period is 1 or 5 or 10 or 20 or 30 || (period >= 60 && period % 60 == 0);

    public static MetricWindow Create(DateTimeOffset start, DateTimeOffset end, int period, DateTimeOffset now)
    {
        var age = now - start;
        var (alignment, resolution) = age <= HighResolutionRetention ? (Math.Min(period, 60), 1)
            : age <= MinuteRetention ? (60, 60)
            : age <= FiveMinuteRetention ? (300, 300)
            : (3600, 3600);

        var startSeconds = FloorDiv(Seconds(start, ceiling: false), alignment) * alignment;
        return new MetricWindow(startSeconds, Seconds(end, ceiling: true), period, period % resolution == 0);
    }

    /// <summary>How many periods the window spans (AWS's count for its data point limits).</summary>
    public long PeriodCount => EndSeconds <= StartSeconds ? 0 : (EndSeconds - StartSeconds + Period - 1) / Period;

    /// <summary>The first minute whose bucket lies in the window.</summary>
    public long FirstMinute => -FloorDiv(-StartSeconds, 60);

    /// <summary>The first minute past the window.</summary>
    public long EndMinute => -FloorDiv(-EndSeconds, 60);

    /// <summary>The start of the period that holds a minute's bucket.</summary>
    public long PeriodStart(long minute) => StartSeconds + (FloorDiv((minute * 60) - StartSeconds, Period) * Period);

    public static long MinuteOf(DateTimeOffset timestamp) => FloorDiv(Seconds(timestamp, ceiling: false), 60);

    public static DateTimeOffset FromSeconds(long seconds) => DateTimeOffset.FromUnixTimeSeconds(seconds);

    private static long Seconds(DateTimeOffset time, bool ceiling)
    {
        var ticks = time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        var seconds = FloorDiv(ticks, TimeSpan.TicksPerSecond);
        return ceiling && seconds * TimeSpan.TicksPerSecond != ticks ? seconds + 1 : seconds;
    }

    private static long FloorDiv(long value, long divisor) => (value / divisor) - ((value % divisor) < 0 ? 1 : 0);
}
