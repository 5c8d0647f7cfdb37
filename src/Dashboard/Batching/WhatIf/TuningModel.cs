namespace Dashboard.Batching.WhatIf;

/// <summary>
/// A grid replayed under both readings of the 1-minute data, folded into the figures the page shows: each setting's
/// pessimistic reading (the higher runs, waits, refusals and cost of the two), with the band to the optimistic one.
/// The frontier and the recommendation are taken on the pessimistic reading, so a recommended setting meets its
/// target wherever in their minutes the events arrived.
/// </summary>
/// <param name="Bands">One band per setting of the grid, sizes outermost.</param>
/// <param name="Pessimistic">The grid of pessimistic readings: its frontier and recommendation are the page's.</param>
/// <param name="Current">The setting in force now, which may lie off the grid.</param>
public sealed record TuningGrid(IReadOnlyList<SettingBand> Bands, WhatIfGrid Pessimistic, SettingBand Current)
{
    public SettingBand? BandOf(BatchingSetting setting) => Bands.FirstOrDefault(b => b.Setting == setting);
}

/// <summary>
/// The simulator set up for one workflow: its arrivals rebuilt both ways from the minute counts and the runs, its
/// concurrency, and its cost per run. Without a DPU figure, cost counts runs (one unit each), which orders the
/// settings the same way, since the estimate's cost is proportional to runs.
/// </summary>
public sealed class TuningModel
{
    /// <summary>BatchSize 1 to 100: every size Glue allows.</summary>
    public static readonly IReadOnlyList<int> GridSizes = [.. Enumerable.Range(1, BatchingSetting.MaxBatchSize)];

    /// <summary>BatchWindow 30 s to 900 s in steps of 30 s.</summary>
    public static readonly IReadOnlyList<int> GridWindows = [.. Enumerable.Range(1, 30).Select(i => i * 30)];

    private readonly ArrivalStream _evenlySpaced;
    private readonly ArrivalStream _minuteStart;

    /// <param name="inputs">What was read about the workflow.</param>
    /// <param name="pricePerDpuHour">Dollars per DPU-hour.</param>
    /// <param name="slot">Which observed run duration holds a concurrency slot.</param>
    /// <exception cref="ArgumentOutOfRangeException">The price is negative.</exception>
    public TuningModel(TuningInputs inputs, decimal pricePerDpuHour, SlotDuration slot = SlotDuration.Median)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentOutOfRangeException.ThrowIfNegative(pricePerDpuHour);
        Inputs = inputs;
        PricePerDpuHour = pricePerDpuHour;
        Slot = slot;
        Capacity = inputs.CapacityFor(slot);
        Cost = inputs.Dpu.DpuHoursPerRun is { } dpuHours ? new CostModel(dpuHours, pricePerDpuHour) : new CostModel(1, 1m);
        _evenlySpaced = ArrivalReconstruction.FromMinuteCounts(inputs.PeriodStart, inputs.InvocationsPerMinute, MinuteSpread.EvenlySpaced, inputs.ObservedRuns);
        _minuteStart = ArrivalReconstruction.FromMinuteCounts(inputs.PeriodStart, inputs.InvocationsPerMinute, MinuteSpread.MinuteStart, inputs.ObservedRuns);
    }

    public TuningInputs Inputs { get; }

    public decimal PricePerDpuHour { get; }

    public SlotDuration Slot { get; }

    /// <summary>The limit and the duration each replayed run holds a slot for.</summary>
    public RunCapacity Capacity { get; }

    /// <summary>True when cost is money; false when it counts runs because no job run reported its DPUs.</summary>
    public bool HasCost => Inputs.Dpu.DpuHoursPerRun is not null;

    public CostModel Cost { get; }

    /// <summary>One setting under both readings.</summary>
    public SettingBand Simulate(BatchingSetting setting) => new(
        BatchingSimulator.Simulate(_evenlySpaced, setting, Capacity, Cost).Summary,
        BatchingSimulator.Simulate(_minuteStart, setting, Capacity, Cost).Summary);

    /// <summary>The whole grid under both readings, and the current setting.</summary>
    public TuningGrid Evaluate(CancellationToken cancellationToken = default)
    {
        var even = WhatIfGrid.Evaluate(_evenlySpaced, GridSizes, GridWindows, Capacity, Cost, cancellationToken);
        var start = WhatIfGrid.Evaluate(_minuteStart, GridSizes, GridWindows, Capacity, Cost, cancellationToken);
        var bands = UncertaintyBand.Between(even, start);
        var pessimistic = WhatIfGrid.FromResults([.. bands.Select(b => b.Pessimistic)]);
        return new TuningGrid(bands, pessimistic, Simulate(Inputs.Current));
    }
}
