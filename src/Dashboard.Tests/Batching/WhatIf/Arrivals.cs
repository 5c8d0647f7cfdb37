using Dashboard.Batching.WhatIf;

namespace Dashboard.Tests.Batching.WhatIf;

/// <summary>Arrival streams written as seconds after a fixed Monday midnight, over one day, for hand-computed cases.</summary>
internal static class Arrivals
{
    public static readonly DateTimeOffset Start = new(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);

    public static DateTimeOffset At(double seconds) => Start + TimeSpan.FromSeconds(seconds);

    public static ArrivalStream Seconds(params double[] seconds) =>
        ArrivalStream.FromTimes(seconds.Select(At), Start, TimeSpan.FromDays(1));

    public static readonly CostModel HalfDpuHour = new(0.5);
}
