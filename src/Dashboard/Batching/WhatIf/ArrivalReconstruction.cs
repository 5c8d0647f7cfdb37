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
/// <param name="BatchWindowSeconds">
/// The window in force: for a window start, the one that expired; for a size start, the window its events arrived within.
/// </param>
public sealed record ObservedRun(DateTimeOffset StartedOn, int EventCount, BatchStartReason Reason, int BatchWindowSeconds);

/// <summary>
/// Rebuilds an arrival stream from the rule's Invocations per minute, refined by past runs. A run is a batch, and its
/// start says where its events were: a run started by its size began at its last event's arrival, the others having
/// arrived less than one window before; a run started by its window began exactly one window after its first event,
/// the others having arrived in between. Each run's events are placed there, as many as the minutes' counts allow
/// (the metric is the count of record): latest first from a size start, earliest first from a window's opening, spread
/// evenly over the part of each minute they can occupy. A minute the batch covers in part first gives it the same part
/// of its count; only a run that holds more events than that (a burst) takes the rest of those minutes' counts. The rest
/// of each minute's events are spread by <see cref="MinuteSpread"/>.
/// </summary>
public static class ArrivalReconstruction
{
    private static readonly long TicksPerMinute = TimeSpan.TicksPerMinute;

    /// <param name="firstMinute">The start of the first counted minute (whole minute, UTC).</param>
    /// <param name="countsPerMinute">Invocations per minute, one entry per consecutive minute.</param>
    /// <param name="spread">Where events no run placed fall within their minute.</param>
    /// <param name="observedRuns">Past runs, or none.</param>
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

        var ticks = new long[total];
        var placed = new BatchPlacement(start, countsPerMinute, ticks);
        foreach (var run in (observedRuns ?? []).OrderBy(r => r.StartedOn))
        {
            placed.Place(run);
        }

        var next = placed.Count;
        for (var m = 0; m < countsPerMinute.Count; m++)
        {
            var free = countsPerMinute[m] - placed.InMinute(m);
            var minuteStart = start + (m * TicksPerMinute);
            for (var j = 0; j < free; j++)
            {
                ticks[next++] = spread == MinuteSpread.MinuteStart
                    ? minuteStart
                    : minuteStart + (((2L * j) + 1) * TicksPerMinute / (2L * free));
            }
        }

        return ArrivalStream.FromTicks(ticks, firstMinute, TimeSpan.FromMinutes(countsPerMinute.Count));
    }

    /// <summary>Places observed batches' events into the minutes that counted them, never more than a minute counted.</summary>
    private sealed class BatchPlacement(long start, IReadOnlyList<int> counts, long[] ticks)
    {
        private readonly int[] _used = new int[counts.Count];

        public int Count { get; private set; }

        public int InMinute(int minute) => _used[minute];

        public void Place(ObservedRun run)
        {
            var at = run.StartedOn.UtcTicks;
            var window = Math.Max(run.BatchWindowSeconds, 1) * TimeSpan.TicksPerSecond;

            // First each minute's share of the part of it the batch covers; then, if the run holds more events than that,
            // the rest of those minutes' counts: the events came in a burst. Only the start pins an instant.
            var remaining = run.EventCount;
            var pinned = false;
            foreach (var shareOnly in (bool[])[true, false])
            {
                if (run.Reason == BatchStartReason.Size)
                {
                    // The last event at the start, the others within the window before it: latest first.
                    for (var m = MinuteOf(at); remaining > 0 && m >= 0 && MinuteStart(m + 1) > at - window; m--)
                    {
                        var from = Math.Max(MinuteStart(m), at - window + 1);
                        var until = Math.Min(MinuteStart(m + 1), at + 1);
                        remaining -= Fill(m, from, until, remaining, shareOnly, pinAt: pinned ? null : at, ref pinned);
                    }
                }
                else
                {
                    // The first event exactly one window before the start, the others after it and before the start.
                    var opened = at - window;
                    for (var m = MinuteOf(opened); remaining > 0 && m < counts.Count && MinuteStart(m) < at; m++)
                    {
                        var from = Math.Max(MinuteStart(m), opened);
                        var until = Math.Min(MinuteStart(m + 1), at);
                        remaining -= Fill(m, from, until, remaining, shareOnly, pinAt: pinned ? null : opened, ref pinned);
                    }
                }
            }
        }

        /// <summary>
        /// Puts up to <paramref name="wanted"/> events in minute <paramref name="minute"/>, in the span from
        /// <paramref name="from"/> (inclusive) to <paramref name="until"/> (exclusive): one at <paramref name="pinAt"/> when
        /// the span holds that instant, the others in the middles of equal slots of the span. With
        /// <paramref name="shareOnly"/>, no more than the span's share of the minute's count (at least one), the rest having
        /// arrived in the part of the minute outside it. Returns how many it placed.
        /// </summary>
        private int Fill(long minute, long from, long until, int wanted, bool shareOnly, long? pinAt, ref bool pinned)
        {
            if (minute < 0 || minute >= counts.Count || until <= from)
            {
                return 0;
            }

            var span = until - from;
            var count = counts[(int)minute];
            var share = shareOnly ? Math.Max(1, (int)Math.Round(count * Math.Min(1d, span / (double)TicksPerMinute))) : count;
            var k = Math.Max(0, Math.Min(Math.Min(wanted, share), count - _used[minute]));
            var spread = k;
            if (k > 0 && pinAt is { } pin && pin >= from && pin < until)
            {
                ticks[Count++] = pin;
                pinned = true;
                spread--;
            }

            for (var i = 0; i < spread; i++)
            {
                ticks[Count++] = from + ((((2L * i) + 1) * span) / (2L * spread));
            }

            _used[minute] += k;
            return k;
        }

        private long MinuteStart(long minute) => start + (minute * TicksPerMinute);

        private long MinuteOf(long tick) => (tick - start) >= 0 ? (tick - start) / TicksPerMinute : ((tick - start + 1) / TicksPerMinute) - 1;
    }
}
