namespace Dashboard.Batching.WhatIf;

/// <summary>A figure's range across the two spread assumptions, for one setting.</summary>
public readonly record struct Bounds<T>(T Low, T High)
    where T : IComparable<T>;

/// <summary>Makes <see cref="Bounds{T}"/> from two readings in either order.</summary>
public static class Bounds
{
    public static Bounds<T> Of<T>(T a, T b)
        where T : IComparable<T> => a.CompareTo(b) <= 0 ? new(a, b) : new(b, a);
}

/// <summary>
/// One setting's figures as a band: what per-minute data cannot pin down, shown as low–high, from the setting's two
/// readings.
/// </summary>
public sealed record SettingBand(SimulationResult EvenlySpaced, SimulationResult MinuteStart)
{
    public BatchingSetting Setting => EvenlySpaced.Setting;

    public Bounds<double> RunsPerDay => Bounds.Of(EvenlySpaced.RunsPerDay, MinuteStart.RunsPerDay);

    public Bounds<TimeSpan> MeanWait => Bounds.Of(EvenlySpaced.MeanWait, MinuteStart.MeanWait);

    public Bounds<TimeSpan> P95Wait => Bounds.Of(EvenlySpaced.P95Wait, MinuteStart.P95Wait);

    public Bounds<long> RefusedBatches => Bounds.Of(EvenlySpaced.RefusedBatches, MinuteStart.RefusedBatches);

    public Bounds<decimal> EstimatedCostPerDay => Bounds.Of(EvenlySpaced.EstimatedCostPerDay, MinuteStart.EstimatedCostPerDay);

    /// <summary>
    /// The band's worse edge as one result: the higher runs, waits, refusals and cost of the two readings. What the page
    /// plots and recommends on, so that a setting said to meet a target meets it under either reading.
    /// </summary>
    public SimulationResult Pessimistic => EvenlySpaced with
    {
        Runs = Math.Max(EvenlySpaced.Runs, MinuteStart.Runs),
        RunsPerDay = RunsPerDay.High,
        RefusedBatches = RefusedBatches.High,
        RefusedEvents = Math.Max(EvenlySpaced.RefusedEvents, MinuteStart.RefusedEvents),
        MeanWait = MeanWait.High,
        P95Wait = P95Wait.High,
        EstimatedCost = Math.Max(EvenlySpaced.EstimatedCost, MinuteStart.EstimatedCost),
        EstimatedCostPerDay = EstimatedCostPerDay.High,
    };
}

/// <summary>
/// The uncertainty 1-minute metrics cause. The same grid is evaluated over arrivals spread evenly within each minute
/// and over arrivals bunched at each minute's start; each figure's band runs from the lower to the higher of the two.
/// Neither assumption is always the pessimistic one (bunching can fill a batch sooner), hence low/high, not even/start.
/// </summary>
public static class UncertaintyBand
{
    /// <exception cref="ArgumentException">The grids do not hold the same settings in the same order.</exception>
    public static IReadOnlyList<SettingBand> Between(WhatIfGrid evenlySpaced, WhatIfGrid minuteStart)
    {
        ArgumentNullException.ThrowIfNull(evenlySpaced);
        ArgumentNullException.ThrowIfNull(minuteStart);
        var a = evenlySpaced.Results;
        var b = minuteStart.Results;
        if (a.Count != b.Count || Enumerable.Range(0, a.Count).Any(i => a[i].Setting != b[i].Setting))
        {
            throw new ArgumentException("Both grids must be evaluated over the same sizes and windows, in the same order.", nameof(minuteStart));
        }

        return [.. a.Select((result, i) => new SettingBand(result, b[i]))];
    }
}
