namespace Dashboard.Metrics;

/// <summary>
/// Chooses a GetMetricData period: a round multiple of 60 s that keeps a call within AWS's limits (500 queries and
/// 100,800 data points), keeps each series readable (about <see cref="ReadablePoints"/> points), and asks only for
/// resolutions CloudWatch still keeps for data that old (1 minute for 15 days, 5 minutes for 63 days, then 1 hour).
/// </summary>
public static class MetricPeriod
{
    public const int MaxQueriesPerCall = 500;
    public const int MaxDatapointsPerCall = 100_800;

    /// <summary>About what a chart a few hundred pixels wide can show point by point.</summary>
    public const int ReadablePoints = 360;

    public static readonly TimeSpan MinuteRetention = TimeSpan.FromDays(15);
    public static readonly TimeSpan FiveMinuteRetention = TimeSpan.FromDays(63);

    /// <summary>Round periods, so buckets start on round times: 1, 2, 5, 10, 15, 30 min, 1, 2, 3, 6, 12 h, 1 d.</summary>
    private static readonly int[] RoundPeriods = [60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400];

    /// <summary>
    /// The smallest round period for <paramref name="queries"/> series over <c>[start, end)</c> that stays within the
    /// limits, counting the partial periods that alignment adds at both ends.
    /// </summary>
    public static int Choose(DateTimeOffset start, DateTimeOffset end, DateTimeOffset now, int queries, int readablePoints = ReadablePoints)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(queries, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(queries, MaxQueriesPerCall);
        ArgumentOutOfRangeException.ThrowIfLessThan(readablePoints, 2);
        if (end <= start)
        {
            throw new ArgumentException($"The end ({end:O}) must be after the start ({start:O}).", nameof(end));
        }

        var resolution = MinimumResolution(start, now);
        foreach (var period in RoundPeriods.Concat(Days()))
        {
            if (period % resolution != 0)
            {
                continue;
            }

            var buckets = MetricWindow.Align(start, end, period).Buckets;
            if (buckets <= readablePoints + 1 && (long)buckets * queries <= MaxDatapointsPerCall)
            {
                return period;
            }
        }

        throw new InvalidOperationException("No period fits; the range is longer than CloudWatch keeps data.");
    }

    /// <summary>The finest period CloudWatch still keeps for data starting at <paramref name="start"/>.</summary>
    public static int MinimumResolution(DateTimeOffset start, DateTimeOffset now) => (now - start) switch
    {
        var age when age > FiveMinuteRetention => 3600,
        var age when age > MinuteRetention => 300,
        _ => 60,
    };

    private static IEnumerable<int> Days()
    {
        for (var days = 2; days <= 455; days++)
        {
            yield return days * 86400;
        }
    }
}
