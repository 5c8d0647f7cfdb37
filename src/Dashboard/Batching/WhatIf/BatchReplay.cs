namespace Dashboard.Batching.WhatIf;

/// <summary>Receives each batch as the replay closes it; a struct so that the replay loop is specialised and allocation-free.</summary>
internal interface IBatchSink
{
    /// <param name="arrivals">The whole stream, ascending UTC ticks.</param>
    /// <param name="first">Index of the batch's first event.</param>
    /// <param name="count">How many events the batch holds (contiguous from <paramref name="first"/>).</param>
    /// <param name="opened">UTC ticks of the first event, when the window starts.</param>
    /// <param name="started">UTC ticks when the run was started (or refused).</param>
    /// <param name="reason">Which condition closed the batch.</param>
    /// <param name="refused">True when MaxConcurrentRuns was reached and the batch was consumed without a run.</param>
    void OnBatch(ReadOnlySpan<long> arrivals, int first, int count, long opened, long started, BatchStartReason reason, bool refused);
}

/// <summary>
/// Glue's event batching, replayed over sorted arrivals, matching LocalCloud's batcher:
/// <list type="bullet">
/// <item>a batch opens at its first event, and its window ends exactly <c>BatchWindow</c> later;</item>
/// <item>the run starts at the arrival of the BatchSize-th event, or at the window's end, whichever comes first;</item>
/// <item>the race: an event arriving exactly at the window's end is too late — the window timer fires when time
/// reaches the due instant, before that event is delivered — so it opens the next batch;</item>
/// <item>when <c>MaxConcurrentRuns</c> runs are active the run is refused and its batch consumed, not retried;</item>
/// <item>a run frees its slot at start + duration, so a batch closing at that very instant is accepted.</item>
/// </list>
/// </summary>
internal static class BatchReplay
{
    public static void Run<TSink>(ReadOnlySpan<long> arrivals, BatchingSetting setting, RunCapacity capacity, ref TSink sink)
        where TSink : struct, IBatchSink
    {
        var size = setting.BatchSize;
        var window = setting.BatchWindowSeconds * TimeSpan.TicksPerSecond;
        var limit = capacity.MaxConcurrentRuns ?? int.MaxValue;
        var duration = capacity.RunDuration.Ticks;

        // With one fixed duration, runs end in the order they start: the active runs are a FIFO of end times.
        var slots = capacity.MaxConcurrentRuns is { } max ? new long[max] : [];
        int head = 0, active = 0;

        var i = 0;
        while (i < arrivals.Length)
        {
            var opened = arrivals[i];
            var windowEnd = opened + window;
            var j = i + 1;
            var cap = Math.Min(arrivals.Length, i + size);
            while (j < cap && arrivals[j] < windowEnd)
            {
                j++;
            }

            long started;
            BatchStartReason reason;
            if (j - i == size)
            {
                started = arrivals[j - 1];
                reason = BatchStartReason.Size;
            }
            else
            {
                started = windowEnd;
                reason = BatchStartReason.Window;
            }

            var refused = false;
            if (slots.Length > 0)
            {
                while (active > 0 && slots[head] <= started)
                {
                    head = (head + 1) % slots.Length;
                    active--;
                }

                if (active < limit)
                {
                    slots[(head + active) % slots.Length] = started + duration;
                    active++;
                }
                else
                {
                    refused = true;
                }
            }

            sink.OnBatch(arrivals, i, j - i, opened, started, reason, refused);
            i = j;
        }
    }
}
