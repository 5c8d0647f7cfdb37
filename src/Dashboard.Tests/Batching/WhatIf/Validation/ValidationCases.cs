using Dashboard.Batching.WhatIf;

namespace Dashboard.Tests.Batching.WhatIf.Validation;

/// <summary>
/// The figures' cases, shared by the tests and the benchmark so that both measure the same thing: three settings (one
/// without a concurrency limit, two whose limit of 2 refuses batches) over a seeded day of steady and of bursty arrivals.
/// </summary>
public static class ValidationCases
{
    public const int Seed = 7;

    public static readonly DateTimeOffset Start = new(2026, 3, 2, 0, 0, 0, TimeSpan.Zero);

    public static readonly TimeSpan Length = TimeSpan.FromHours(24);

    public static IReadOnlyList<string> Patterns { get; } = ["steady", "bursty"];

    /// <summary>(setting, MaxConcurrentRuns, run duration).</summary>
    public static IReadOnlyList<(BatchingSetting Setting, int? MaxConcurrentRuns, TimeSpan RunDuration)> Settings { get; } =
    [
        (new BatchingSetting(10, 300), null, TimeSpan.FromSeconds(120)),
        (new BatchingSetting(5, 120), 2, TimeSpan.FromSeconds(300)),
        (new BatchingSetting(25, 900), 2, TimeSpan.FromSeconds(600)),
    ];

    /// <exception cref="ArgumentOutOfRangeException">The pattern is neither steady nor bursty.</exception>
    public static ArrivalStream Arrivals(string pattern, int seed = Seed, TimeSpan? length = null) => pattern switch
    {
        "steady" => SyntheticArrivals.Steady(seed, Start, length ?? Length),
        "bursty" => SyntheticArrivals.Bursty(seed, Start, length ?? Length),
        _ => throw new ArgumentOutOfRangeException(nameof(pattern), pattern, "The patterns are steady and bursty."),
    };

    public static ReplayCase Case(string pattern, int settingIndex)
    {
        var (setting, limit, duration) = Settings[settingIndex];
        return new ReplayCase($"validation-{pattern}-{setting.BatchSize}-{setting.BatchWindowSeconds}", setting, limit, duration);
    }
}
