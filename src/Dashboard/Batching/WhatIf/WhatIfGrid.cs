namespace Dashboard.Batching.WhatIf;

/// <summary>
/// Every (BatchSize, BatchWindow) of a grid replayed over one arrival stream, with the freshness/cost Pareto frontier
/// and a recommendation.
/// <para>
/// Refusals are a constraint, not a third axis: a refused batch's events never ran, so they drop out of the waits and
/// would make a refusing setting look fresher than it is. A setting with more than <c>maxRefusedBatches</c>
/// refused batches (default 0) is neither on the frontier nor recommended; it stays in <see cref="Results"/>, where
/// the page can show it greyed out with its refusals.
/// </para>
/// </summary>
public sealed class WhatIfGrid
{
    private WhatIfGrid(IReadOnlyList<SimulationResult> results) => Results = results;

    /// <summary>One result per setting, sizes outermost, in the order given.</summary>
    public IReadOnlyList<SimulationResult> Results { get; }

    /// <summary>A grid of results computed elsewhere, such as the pessimistic readings of an uncertainty band.</summary>
    public static WhatIfGrid FromResults(IReadOnlyList<SimulationResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        return new WhatIfGrid(results);
    }

    /// <summary>Replays every combination of <paramref name="sizes"/> and <paramref name="windowsSeconds"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A size or window is outside Glue's limits.</exception>
    public static WhatIfGrid Evaluate(
        ArrivalStream arrivals,
        IReadOnlyList<int> sizes,
        IReadOnlyList<int> windowsSeconds,
        RunCapacity capacity,
        CostModel cost,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(arrivals);
        ArgumentNullException.ThrowIfNull(sizes);
        ArgumentNullException.ThrowIfNull(windowsSeconds);
        ArgumentNullException.ThrowIfNull(capacity);
        ArgumentNullException.ThrowIfNull(cost);
        capacity.Validate();
        var settings = new BatchingSetting[sizes.Count * windowsSeconds.Count];
        for (var s = 0; s < sizes.Count; s++)
        {
            for (var w = 0; w < windowsSeconds.Count; w++)
            {
                settings[(s * windowsSeconds.Count) + w] = new BatchingSetting(sizes[s], windowsSeconds[w]);
            }
        }

        var results = new SimulationResult[settings.Length];
        var options = new ParallelOptions { CancellationToken = cancellationToken };
        Parallel.For(
            0,
            settings.Length,
            options,
            () => new WaitStatistics(arrivals.Count),
            (k, _, waits) =>
            {
                results[k] = BatchingSimulator.Summarize(arrivals, settings[k], capacity, cost, waits);
                return waits;
            },
            _ => { });
        return new WhatIfGrid(results);
    }

    /// <summary>
    /// The settings no other allowed setting beats on both p95 wait and cost, cheapest first (so p95 falls along it).
    /// Of settings equal on both, one is kept, chosen as <see cref="Recommend"/> breaks ties.
    /// </summary>
    public IReadOnlyList<SimulationResult> Frontier(long maxRefusedBatches = 0)
    {
        var frontier = new List<SimulationResult>();
        var bestP95 = TimeSpan.MaxValue;
        foreach (var result in Allowed(maxRefusedBatches).OrderBy(r => r.EstimatedCost).ThenBy(r => r.P95Wait).ThenBy(TieBreak))
        {
            if (result.P95Wait < bestP95)
            {
                frontier.Add(result);
                bestP95 = result.P95Wait;
            }
        }

        return frontier;
    }

    /// <summary>
    /// The cheapest allowed setting whose p95 wait is at most <paramref name="targetP95Wait"/>; ties go to fewer
    /// refused batches, then the smaller window, then the lower p95, then the smaller size. Null when none meets it.
    /// </summary>
    public SimulationResult? Recommend(TimeSpan targetP95Wait, long maxRefusedBatches = 0) =>
        Allowed(maxRefusedBatches)
            .Where(r => r.P95Wait <= targetP95Wait)
            .OrderBy(r => r.EstimatedCost)
            .ThenBy(TieBreak)
            .FirstOrDefault();

    /// <summary>The result for one setting of the grid, or null when the grid did not include it.</summary>
    public SimulationResult? Find(BatchingSetting setting) => Results.FirstOrDefault(r => r.Setting == setting);

    private IEnumerable<SimulationResult> Allowed(long maxRefusedBatches) => Results.Where(r => r.RefusedBatches <= maxRefusedBatches);

    private static (long, int, TimeSpan, int) TieBreak(SimulationResult r) =>
        (r.RefusedBatches, r.Setting.BatchWindowSeconds, r.P95Wait, r.Setting.BatchSize);
}
