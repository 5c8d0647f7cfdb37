namespace Dashboard.Batching.WhatIf;

/// <summary>One batch of a replay: which events, when it opened, when its run started (or was refused), and why.</summary>
/// <param name="FirstEvent">Index in the arrival stream of the batch's first event; its events are contiguous.</param>
/// <param name="EventCount">How many events the batch holds.</param>
/// <param name="OpenedAt">The first event's arrival, when the window starts.</param>
/// <param name="StartedAt">The BatchSize-th event's arrival, or <see cref="OpenedAt"/> + window.</param>
/// <param name="Reason">Which condition closed the batch.</param>
/// <param name="Refused">True when MaxConcurrentRuns was reached: no run started, and the batch was consumed.</param>
public readonly record struct SimulatedBatch(int FirstEvent, int EventCount, DateTimeOffset OpenedAt, DateTimeOffset StartedAt, BatchStartReason Reason, bool Refused);

/// <summary>The replay of one setting in detail: every batch, and every event's wait.</summary>
public sealed class SimulationRun
{
    private readonly ArrivalStream _arrivals;

    internal SimulationRun(ArrivalStream arrivals, BatchingSetting setting, IReadOnlyList<SimulatedBatch> batches, SimulationResult summary)
    {
        _arrivals = arrivals;
        Setting = setting;
        Batches = batches;
        Summary = summary;
    }

    public BatchingSetting Setting { get; }

    public IReadOnlyList<SimulatedBatch> Batches { get; }

    public SimulationResult Summary { get; }

    /// <summary>The batch that holds an event.</summary>
    public SimulatedBatch BatchOf(int eventIndex)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(eventIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(eventIndex, _arrivals.Count);
        int low = 0, high = Batches.Count - 1;
        while (low < high)
        {
            var mid = (low + high + 1) / 2;
            if (Batches[mid].FirstEvent <= eventIndex)
            {
                low = mid;
            }
            else
            {
                high = mid - 1;
            }
        }

        return Batches[low];
    }

    /// <summary>An event's wait from arrival to its run's start; null when its batch was refused (it never ran).</summary>
    public TimeSpan? WaitOf(int eventIndex)
    {
        var batch = BatchOf(eventIndex);
        return batch.Refused ? null : batch.StartedAt - _arrivals[eventIndex];
    }
}

/// <summary>Replays an arrival stream through Glue's event batching; see <see cref="BatchReplay"/> for the exact rules.</summary>
public static class BatchingSimulator
{
    /// <summary>Replays one setting and keeps every batch, for the detail view and for validation against LocalCloud.</summary>
    public static SimulationRun Simulate(ArrivalStream arrivals, BatchingSetting setting, RunCapacity capacity, CostModel cost)
    {
        ArgumentNullException.ThrowIfNull(arrivals);
        ArgumentNullException.ThrowIfNull(capacity);
        ArgumentNullException.ThrowIfNull(cost);
        capacity.Validate();
        var sink = new CollectingSink(new WaitStatistics(arrivals.Count), []);
        BatchReplay.Run(arrivals.Ticks, setting, capacity, ref sink);
        var summary = sink.Totals.ToResult(setting, arrivals.Period, sink.Waits, cost);
        return new SimulationRun(arrivals, setting, sink.Batches, summary);
    }

    /// <summary>Replays one setting for its summary only, reusing <paramref name="waits"/>; the grid's inner loop.</summary>
    internal static SimulationResult Summarize(ArrivalStream arrivals, BatchingSetting setting, RunCapacity capacity, CostModel cost, WaitStatistics waits)
    {
        waits.Reset(arrivals.Count);
        var sink = new SummarySink(waits);
        BatchReplay.Run(arrivals.Ticks, setting, capacity, ref sink);
        return sink.Totals.ToResult(setting, arrivals.Period, waits, cost);
    }

    internal struct Totals
    {
        public long Runs;
        public long RefusedBatches;
        public long RefusedEvents;
        public long SizeStarts;

        public void Add(int count, BatchStartReason reason, bool refused)
        {
            if (refused)
            {
                RefusedBatches++;
                RefusedEvents += count;
                return;
            }

            Runs++;
            if (reason == BatchStartReason.Size)
            {
                SizeStarts++;
            }
        }

        public readonly SimulationResult ToResult(BatchingSetting setting, TimeSpan period, WaitStatistics waits, CostModel cost)
        {
            var days = period.TotalDays;
            var total = cost.CostOf(Runs);
            return new SimulationResult(
                setting,
                Runs,
                Runs / days,
                RefusedBatches,
                RefusedEvents,
                waits.Count,
                waits.Mean,
                waits.P95,
                total,
                total / (decimal)days,
                SizeStarts);
        }
    }

    private struct SummarySink(WaitStatistics waits) : IBatchSink
    {
        public Totals Totals;

        public void OnBatch(ReadOnlySpan<long> arrivals, int first, int count, long opened, long started, BatchStartReason reason, bool refused)
        {
            Totals.Add(count, reason, refused);
            if (!refused)
            {
                waits.AddBatch(arrivals, first, count, started);
            }
        }
    }

    private struct CollectingSink(WaitStatistics waits, List<SimulatedBatch> batches) : IBatchSink
    {
        public Totals Totals;

        public readonly WaitStatistics Waits => waits;

        public readonly List<SimulatedBatch> Batches => batches;

        public void OnBatch(ReadOnlySpan<long> arrivals, int first, int count, long opened, long started, BatchStartReason reason, bool refused)
        {
            Totals.Add(count, reason, refused);
            batches.Add(new SimulatedBatch(first, count, new DateTimeOffset(opened, TimeSpan.Zero), new DateTimeOffset(started, TimeSpan.Zero), reason, refused));
            if (!refused)
            {
                waits.AddBatch(arrivals, first, count, started);
            }
        }
    }
}
