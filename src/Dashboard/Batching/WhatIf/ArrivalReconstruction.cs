namespace Dashboard.Batching.WhatIf;

/// <summary>
/// Where, inside a minute, the events that the 1-minute Invocations metric counted are assumed to have arrived.
/// Public metrics cannot tell; the two assumptions bound the uncertainty the coarse data causes.
/// </summary>
public enum MinuteSpread
{
    /// <summary>The minute's k events are spaced evenly, each in the middle of its 60/k-second slot.</summary>
    EvenlySpaced,

    /// <summary>All of the minute's events arrive together at the minute's first instant (the burstiest reading).</summary>
    MinuteStart,
}

/// <summary>What a past workflow run tells about arrivals: when it started, with how many events, and why.</summary>
/// <param name="StartedOn">The run's start.</param>
/// <param name="EventCount">How many event ids the run carried (<c>aws:eventIds</c>).</param>
/// <param name="Reason">Which condition started it (<c>StartingEventBatchCondition</c>).</param>
/// <param name="BatchWindowSeconds">The window in force, needed when the window started the run.</param>
public sealed record ObservedRun(DateTimeOffset StartedOn, int EventCount, BatchStartReason Reason, int BatchWindowSeconds);

/// <summary>
/// Rebuilds an arrival stream from the rule's Invocations per minute, refined by past runs: a run started by its size
/// began at the exact arrival of its last event, and a run started by its window began exactly one window after its
/// first event. Each such instant pins one of the minute's events; the rest are spread by <see cref="MinuteSpread"/>.
/// </summary>
public static class ArrivalReconstruction
{
    private static readonly long TicksPerMinute = TimeSpan.TicksPerMinute;

    /// <param name="firstMinute">The start of the first counted minute (whole minute, UTC).</param>
    /// <param name="countsPerMinute">Invocations per minute, one entry per consecutive minute.</param>
    /// <param name="spread">Where unpinned events fall within their minute.</param>
    /// <param name="observedRuns">Past runs, or none; pins beyond a minute's count are ignored, since the metric is the count of record.</param>
    /// <exception cref="ArgumentException">A count is negative, or the first minute is not a whole minute.</exception>
    public static ArrivalStream FromMinuteCounts(
        DateTimeOffset firstMinute,
        IReadOnlyList<int> countsPerMinute,
        MinuteSpread spread,
        IReadOnlyList<ObservedRun>? observedRuns = null)
    {
        ArgumentNullException.ThrowIfNull(countsPerMinute);
        var start = firstMinute.UtcTicks;
        if (start % TicksPerMinute != 0)
        {
            throw new ArgumentException($"The first minute must be a whole minute, but was {firstMinute:O}.", nameof(firstMinute));
        }

        var total = 0L;
        for (var m = 0; m < countsPerMinute.Count; m++)
        {
            if (countsPerMinute[m] < 0)
            {
                throw new ArgumentException($"The count for minute {m} is {countsPerMinute[m]}; counts cannot be negative.", nameof(countsPerMinute));
            }

            total += countsPerMinute[m];
        }

        var pins = PinsByMinute(start, countsPerMinute.Count, observedRuns);
        var ticks = new long[total];
        var next = 0;
        for (var m = 0; m < countsPerMinute.Count; m++)
        {
            var count = countsPerMinute[m];
            var minuteStart = start + (m * TicksPerMinute);
            var pinned = 0;
            if (pins.TryGetValue(m, out var minutePins))
            {
                foreach (var pin in minutePins)
                {
                    if (pinned == count)
                    {
                        break;
                    }

                    ticks[next++] = pin;
                    pinned++;
                }
            }

            var free = count - pinned;
            for (var j = 0; j < free; j++)
            {
                ticks[next++] = spread == MinuteSpread.MinuteStart
                    ? minuteStart
                    : minuteStart + (((2L * j) + 1) * TicksPerMinute / (2L * free));
            }
        }

        return ArrivalStream.FromTicks(ticks, firstMinute, TimeSpan.FromMinutes(countsPerMinute.Count));
    }

    private static Dictionary<int, List<long>> PinsByMinute(long start, int minutes, IReadOnlyList<ObservedRun>? runs)
    {
        var pins = new Dictionary<int, List<long>>();
        foreach (var run in runs ?? [])
        {
            var pin = run.Reason == BatchStartReason.Size
                ? run.StartedOn.UtcTicks
                : run.StartedOn.UtcTicks - (run.BatchWindowSeconds * TimeSpan.TicksPerSecond);
            var minute = (pin - start) / TicksPerMinute;
            if (pin < start || minute >= minutes)
            {
                continue;
            }

            if (!pins.TryGetValue((int)minute, out var list))
            {
                pins[(int)minute] = list = [];
            }

            list.Add(pin);
        }

        return pins;
    }
}
