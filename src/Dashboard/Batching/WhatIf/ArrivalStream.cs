namespace Dashboard.Batching.WhatIf;

/// <summary>
/// The arrival times of the events a workflow's start trigger received over an observation period, as sorted UTC
/// ticks. The simulator works on ticks so that a whole grid of settings replays without allocating per event.
/// </summary>
public sealed class ArrivalStream
{
    private readonly long[] _ticks;

    private ArrivalStream(long[] ticks, DateTimeOffset periodStart, TimeSpan period)
    {
        _ticks = ticks;
        PeriodStart = periodStart;
        Period = period;
    }

    /// <summary>Where the observation period starts; runs per day are counted over the whole period, not the span of the events.</summary>
    public DateTimeOffset PeriodStart { get; }

    /// <summary>How long the observation period is (for example 7 days).</summary>
    public TimeSpan Period { get; }

    public int Count => _ticks.Length;

    /// <summary>The arrivals as UTC ticks, ascending.</summary>
    public ReadOnlySpan<long> Ticks => _ticks;

    public DateTimeOffset this[int index] => new(_ticks[index], TimeSpan.Zero);

    /// <summary>Builds a stream from arrival times in any order; they are sorted here.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The period is not positive, or an arrival is outside it.</exception>
    public static ArrivalStream FromTimes(IEnumerable<DateTimeOffset> arrivals, DateTimeOffset periodStart, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(arrivals);
        var ticks = arrivals.Select(a => a.UtcTicks).ToArray();
        return FromTicks(ticks, periodStart, period);
    }

    /// <summary>Takes ownership of <paramref name="utcTicks"/> and sorts it in place.</summary>
    internal static ArrivalStream FromTicks(long[] utcTicks, DateTimeOffset periodStart, TimeSpan period)
    {
        if (period <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(period), period, "The observation period must be positive.");
        }

        Array.Sort(utcTicks);
        var start = periodStart.UtcTicks;
        var end = start + period.Ticks;
        if (utcTicks.Length > 0 && (utcTicks[0] < start || utcTicks[^1] >= end))
        {
            throw new ArgumentOutOfRangeException(
                nameof(utcTicks),
                $"Every arrival must fall in the observation period [{periodStart:O}, {periodStart + period:O}).");
        }

        return new ArrivalStream(utcTicks, periodStart, period);
    }
}
