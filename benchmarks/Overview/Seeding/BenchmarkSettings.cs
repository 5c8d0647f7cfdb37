using System.Globalization;

namespace Overview.Seeding;

/// <summary>What one run seeds and how long it measures; <see cref="Full"/> is the figures, <see cref="Quick"/> a smoke run.</summary>
public sealed record BenchmarkSettings(
    string Name,
    int Workflows,
    int Rules,
    int RulesPerBus,
    int RefreshSeconds,
    TimeSpan CoalescingWindow,
    int CoalescingTabs,
    int MemoryCircuits,
    int WarmNavigations)
{
    /// <summary>
    /// 1,000 workflows and 1,000 rules, 250 rules a bus (AWS allows 300). A 60 s poll: one load of 1,000 workflows
    /// takes about 25 s under the client-side quotas, and the interval must be longer than a load, or the rate limit
    /// rather than the coalescing would bound the requests counted per interval.
    /// </summary>
    public static BenchmarkSettings Full { get; } = new("full", 1_000, 1_000, 250, 60, TimeSpan.FromMinutes(2), 20, 50, 25);

    /// <summary>A smoke run in under a minute: every figure, on a tenth of the data and a few seconds each.</summary>
    public static BenchmarkSettings Quick { get; } = new("quick", 100, 100, 40, 4, TimeSpan.FromSeconds(6), 5, 5, 5);

    /// <summary>How many rules each bus holds: the default bus first, then custom buses, <see cref="RulesPerBus"/> each.</summary>
    public IReadOnlyList<int> RulesByBus =>
    [
        .. Enumerable.Range(0, Math.Max(1, (Rules + RulesPerBus - 1) / RulesPerBus))
            .Select(bus => Math.Min(RulesPerBus, Rules - (bus * RulesPerBus))),
    ];

    public TimeSpan RefreshInterval => TimeSpan.FromSeconds(RefreshSeconds);

    /// <summary>
    /// <c>--quick</c>, then any of <c>--workflows</c>, <c>--rules</c>, <c>--refresh-seconds</c>, <c>--window-seconds</c>,
    /// <c>--tabs</c>, <c>--circuits</c> and <c>--navigations</c> with a positive number to override.
    /// </summary>
    public static BenchmarkSettings FromArguments(IReadOnlyList<string> args)
    {
        var settings = args.Contains("--quick") ? Quick : Full;
        for (var i = 0; i < args.Count - 1; i++)
        {
            settings = args[i] switch
            {
                "--workflows" => settings with { Workflows = Positive(args[i], args[i + 1]) },
                "--rules" => settings with { Rules = Positive(args[i], args[i + 1]) },
                "--refresh-seconds" => settings with { RefreshSeconds = Positive(args[i], args[i + 1]) },
                "--window-seconds" => settings with { CoalescingWindow = TimeSpan.FromSeconds(Positive(args[i], args[i + 1])) },
                "--tabs" => settings with { CoalescingTabs = Positive(args[i], args[i + 1]) },
                "--circuits" => settings with { MemoryCircuits = Positive(args[i], args[i + 1]) },
                "--navigations" => settings with { WarmNavigations = Positive(args[i], args[i + 1]) },
                _ => settings,
            };
        }

        return settings;
    }

    private static int Positive(string option, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0
            ? number
            : throw new ArgumentException($"{option} must be a positive integer, not '{value}'.");
}
