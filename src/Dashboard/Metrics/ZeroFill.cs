namespace Dashboard.Metrics;

/// <summary>
/// Puts CloudWatch's sparse answer on a full grid. EventBridge sends <c>Invocations</c>, <c>FailedInvocations</c> and
/// the dead-letter metrics only when they are non-zero, so a period without a data point is a 0, not a gap (AWS's
/// "Monitoring Amazon EventBridge").
/// </summary>
public static class ZeroFill
{
    /// <summary>
    /// One value per bucket of <paramref name="window"/>: the data points in it (summed if the data is finer than the
    /// window), 0 where there are none. A timestamp repeated across result pages counts once; points outside the window
    /// are ignored.
    /// </summary>
    public static double[] Fill(MetricWindow window, IReadOnlyList<DateTimeOffset> timestamps, IReadOnlyList<double> values)
    {
        if (timestamps.Count != values.Count)
        {
            throw new ArgumentException($"CloudWatch pairs timestamps with values by index; got {timestamps.Count} timestamps and {values.Count} values.", nameof(values));
        }

        var distinct = new Dictionary<DateTimeOffset, double>();
        for (var i = 0; i < timestamps.Count; i++)
        {
            distinct[timestamps[i]] = values[i];
        }

        var filled = new double[window.Buckets];
        foreach (var (time, value) in distinct)
        {
            if (window.BucketOf(time) is { } bucket && double.IsFinite(value))
            {
                filled[bucket] += value;
            }
        }

        return filled;
    }
}
