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

/// <summary>One setting's figures as a band: what per-minute data cannot pin down, shown as low–high.</summary>
public sealed record SettingBand(
    BatchingSetting Setting,
    Bounds<double> RunsPerDay,
    Bounds<TimeSpan> MeanWait,
    Bounds<TimeSpan> P95Wait,
    Bounds<long> RefusedBatches,
    Bounds<decimal> EstimatedCostPerDay);

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

        var bands = new SettingBand[a.Count];
        for (var i = 0; i < a.Count; i++)
        {
            bands[i] = new SettingBand(
                a[i].Setting,
                Bounds.Of(a[i].RunsPerDay, b[i].RunsPerDay),
                Bounds.Of(a[i].MeanWait, b[i].MeanWait),
                Bounds.Of(a[i].P95Wait, b[i].P95Wait),
                Bounds.Of(a[i].RefusedBatches, b[i].RefusedBatches),
                Bounds.Of(a[i].EstimatedCostPerDay, b[i].EstimatedCostPerDay));
        }

        return bands;
    }
}
