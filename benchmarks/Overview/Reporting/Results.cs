using Overview.Hosting;
using Overview.Seeding;

namespace Overview.Reporting;

public sealed record OperationCount(string Service, string Operation, long Measured, int Minimum);

/// <summary>
/// Figure 1, with the cold load's timeline from the navigation: LocalCloud's first request from the dashboard, the last
/// ListWorkflows page answered, the first row visible, every stage loaded.
/// </summary>
public sealed record ColdLoadResult(
    long Requests,
    int Minimum,
    double Ratio,
    IReadOnlyList<OperationCount> ByOperation,
    string Footer,
    double FirstRowsMs,
    double LoadedSeconds,
    double? FirstRequestMs,
    double? NamesReadMs)
{
    public const double Goal = 1.1;

    public bool Met => Ratio <= Goal;
}

/// <summary>One run of the coalescing figure; <see cref="AllLoadedSeconds"/> is when the last tab had every stage.</summary>
public sealed record CoalescingRun(int Tabs, double WindowSeconds, long Requests, long Polls, double RequestsPerInterval, double AllLoadedSeconds);

public sealed record CoalescingResult(double IntervalSeconds, CoalescingRun One, CoalescingRun Many, double Ratio)
{
    public const double Tolerance = 0.10;

    public bool Met => Math.Abs(Ratio - 1) <= Tolerance;
}

public sealed record MemoryResult(int Circuits, ServerMemory Before, ServerMemory After, double PerCircuitBytes, double RssPerCircuitBytes)
{
    /// <summary>1 MB, decimal.</summary>
    public const double GoalBytes = 1_000_000;

    public bool Met => PerCircuitBytes <= GoalBytes;

    /// <summary>The live components each added circuit holds.</summary>
    public double ComponentsPerCircuit => (After.Components - Before.Components) / (double)Circuits;

    /// <summary>Per added circuit, by component type, most first.</summary>
    public IReadOnlyList<(string Type, double PerCircuit)> ComponentsByType => [..
        After.ComponentsByType
            .Select(entry => (entry.Key, (entry.Value - Before.ComponentsByType.GetValueOrDefault(entry.Key)) / (double)Circuits))
            .Where(entry => entry.Item2 > 0)
            .OrderByDescending(entry => entry.Item2)];
}

public sealed record SpeedResult(double ColdMs, IReadOnlyList<double> WarmMs, double WarmP50Ms, double WarmP95Ms, double WarmMaxMs, long WarmAwsRequests)
{
    public const double GoalP95Ms = 1_000;

    public bool Met => WarmP95Ms < GoalP95Ms;
}

public sealed record MachineInfo(string Os, int Cores, string Runtime, string Gc);

public sealed record BenchmarkReport(
    DateTimeOffset At,
    BenchmarkSettings Settings,
    MachineInfo Machine,
    SeededCloud Seeded,
    IReadOnlyList<MinimumCall> Minimum,
    ColdLoadResult ColdLoad,
    SpeedResult Speed,
    CoalescingResult Coalescing,
    MemoryResult Memory);
