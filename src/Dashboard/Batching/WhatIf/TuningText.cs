using System.Globalization;
using Dashboard.Formatting;

namespace Dashboard.Batching.WhatIf;

/// <summary>How the tuning page and the editor word the simulator's figures: bands as "low–high", waits in minutes.</summary>
public static class TuningText
{
    /// <summary>"2 min 30 s", or "1 min 10 s – 2 min" when the two readings differ.</summary>
    public static string Wait(Bounds<TimeSpan> wait) =>
        Rounded(wait.Low) == Rounded(wait.High) ? Wait(wait.High) : $"{Wait(wait.Low)} – {Wait(wait.High)}";

    public static string Wait(TimeSpan wait) => RelativeTime.Duration(Rounded(wait));

    public static string RunsPerDay(Bounds<double> runs) =>
        Math.Round(runs.Low) == Math.Round(runs.High) ? RunsPerDay(runs.High) : $"{RunsPerDay(runs.Low)} – {RunsPerDay(runs.High)}";

    public static string RunsPerDay(double runs) => runs.ToString(runs < 10 ? "0.#" : "N0", CultureInfo.InvariantCulture);

    public static string Refused(Bounds<long> refused) =>
        refused.Low == refused.High ? Count(refused.High) : $"{Count(refused.Low)} – {Count(refused.High)}";

    public static string Count(long count) => count.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>Dollars per day, or runs per day when the model has no DPU figure and cost counts runs.</summary>
    public static string CostPerDay(Bounds<decimal> cost, bool isMoney) =>
        Money(cost.Low, isMoney) == Money(cost.High, isMoney) ? Money(cost.High, isMoney) : $"{Money(cost.Low, isMoney)} – {Money(cost.High, isMoney)}";

    public static string Money(decimal amount, bool isMoney) =>
        !isMoney ? $"{RunsPerDay((double)amount)} runs"
        : amount.ToString(amount < 10 ? "$0.00" : "$#,0", CultureInfo.InvariantCulture);

    public static string Setting(BatchingSetting setting) =>
        $"BatchSize {setting.BatchSize}, BatchWindow {RelativeTime.Duration(setting.BatchWindow)}";

    private static TimeSpan Rounded(TimeSpan wait) => TimeSpan.FromSeconds(Math.Round(wait.TotalSeconds));
}
