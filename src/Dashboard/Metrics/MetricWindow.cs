namespace Dashboard.Metrics;

/// <summary>
/// The buckets a GetMetricData query returns: <see cref="Buckets"/> periods from <see cref="Start"/>, which is aligned
/// to the period so that CloudWatch's timestamps fall on bucket boundaries.
/// </summary>
public sealed record MetricWindow
{
    public MetricWindow(DateTimeOffset start, int periodSeconds, int buckets)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(periodSeconds, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(buckets);
        Start = start;
        PeriodSeconds = periodSeconds;
        Buckets = buckets;
    }

    public DateTimeOffset Start { get; }

    public int PeriodSeconds { get; }

    public int Buckets { get; }

    public TimeSpan Period => TimeSpan.FromSeconds(PeriodSeconds);

    /// <summary>Exclusive: GetMetricData's EndTime.</summary>
    public DateTimeOffset End => Start.AddSeconds((long)PeriodSeconds * Buckets);

    /// <summary>The window that covers <c>[start, end)</c> in whole periods: the start rounded down, the end up.</summary>
    public static MetricWindow Align(DateTimeOffset start, DateTimeOffset end, int periodSeconds)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(periodSeconds, 1);
        var first = FloorDiv(start.ToUnixTimeSeconds(), periodSeconds) * periodSeconds;
        var endSeconds = end.ToUnixTimeSeconds() + (end.UtcTicks % TimeSpan.TicksPerSecond > 0 ? 1 : 0);
        var last = -FloorDiv(-endSeconds, periodSeconds) * periodSeconds;
        var buckets = (int)Math.Max(1, (last - first) / periodSeconds);
        return new MetricWindow(DateTimeOffset.FromUnixTimeSeconds(first), periodSeconds, buckets);
    }

    public DateTimeOffset TimeOf(int bucket) => Start.AddSeconds((long)PeriodSeconds * bucket);

    /// <summary>The bucket that holds <paramref name="time"/>; null outside the window.</summary>
    public int? BucketOf(DateTimeOffset time)
    {
        if (time < Start || time >= End)
        {
            return null;
        }

        return (int)((time - Start).Ticks / Period.Ticks);
    }

    private static long FloorDiv(long value, long divisor) => (value / divisor) - ((value % divisor) < 0 ? 1 : 0);
}
