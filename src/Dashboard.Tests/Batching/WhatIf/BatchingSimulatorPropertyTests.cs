using CsCheck;
using Dashboard.Batching.WhatIf;
using static Dashboard.Tests.Batching.WhatIf.Arrivals;

namespace Dashboard.Tests.Batching.WhatIf;

/// <summary>Invariants of the replay for any arrival stream and any setting.</summary>
public sealed class BatchingSimulatorPropertyTests
{
    // Offsets in ticks within one day, with clusters (many equal or near-equal instants) likely.
    private static readonly Gen<long[]> Offsets = Gen.OneOf(
        Gen.Long[0, TimeSpan.TicksPerDay - 1],
        Gen.Long[0, 30].Select(s => s * TimeSpan.TicksPerSecond)).Array[0, 400];

    private static readonly Gen<BatchingSetting> Setting = Gen.Select(Gen.Int[1, 100], Gen.Int[1, 900], (s, w) => new BatchingSetting(s, w));

    private static readonly Gen<RunCapacity> Capacity = Gen.Select(
        Gen.Int[1, 3].Nullable(0.3),
        Gen.Long[0, 7200].Select(TimeSpan.FromSeconds),
        (limit, duration) => new RunCapacity(limit, duration));

    [Fact]
    public void Simulate_AnyStream_EachEventInExactlyOneBatchAndWaitsWithinWindowUnlessRefused()
    {
        Gen.Select(Offsets, Setting, Capacity).Sample((offsets, setting, capacity) =>
        {
            var arrivals = ArrivalStream.FromTimes(offsets.Select(o => Start + TimeSpan.FromTicks(o)), Start, TimeSpan.FromDays(1));
            var run = BatchingSimulator.Simulate(arrivals, setting, capacity, HalfDpuHour);

            var next = 0;
            foreach (var batch in run.Batches)
            {
                Assert.Equal(next, batch.FirstEvent);
                Assert.InRange(batch.EventCount, 1, setting.BatchSize);
                next += batch.EventCount;
            }

            Assert.Equal(arrivals.Count, next);
            Assert.Equal(arrivals.Count, run.Summary.WaitedEvents + run.Summary.RefusedEvents);
            var waits = new List<TimeSpan>();
            for (var i = 0; i < arrivals.Count; i++)
            {
                var wait = run.WaitOf(i);
                Assert.Equal(run.BatchOf(i).Refused, wait is null);
                if (wait is { } w)
                {
                    Assert.InRange(w, TimeSpan.Zero, setting.BatchWindow);
                    waits.Add(w);
                }
            }

            // The histogram-and-select p95 equals the nearest rank of the sorted waits.
            waits.Sort();
            var expected = waits.Count == 0 ? TimeSpan.Zero : waits[(int)Math.Ceiling(waits.Count * 0.95) - 1];
            Assert.Equal(expected, run.Summary.P95Wait);
        });
    }

    [Fact]
    public void Evaluate_AnyStream_GridSummariesEqualSingleReplays()
    {
        Gen.Select(Offsets, Capacity).Sample((offsets, capacity) =>
        {
            var arrivals = ArrivalStream.FromTimes(offsets.Select(o => Start + TimeSpan.FromTicks(o)), Start, TimeSpan.FromDays(1));
            var grid = WhatIfGrid.Evaluate(arrivals, [1, 7, 100], [1, 60, 900], capacity, HalfDpuHour, TestContext.Current.CancellationToken);

            foreach (var result in grid.Results)
            {
                Assert.Equal(BatchingSimulator.Simulate(arrivals, result.Setting, capacity, HalfDpuHour).Summary, result);
            }
        }, iter: 50);
    }

    [Fact]
    public void Select_AnyValuesWithDuplicates_EqualsSortedElement()
    {
        Gen.Long[0, 20].Array[1, 300].SelectMany(values => Gen.Int[0, values.Length - 1].Select(k => (values, k))).Sample(pair =>
        {
            var (values, k) = pair;
            var sorted = values.Order().ToArray();

            Assert.Equal(sorted[k], WaitStatistics.Select(values.ToArray(), k));
        });
    }
}
