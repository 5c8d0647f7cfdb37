using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using LocalCloud.EventBridge.Patterns;

namespace PatternBenchmarks;

/// <summary>Matching S3 "Object Created" events against five rules of one pattern kind.</summary>
[Config(typeof(EventsPerSecondConfig))]
[MemoryDiagnoser]
public class PatternKindBenchmarks
{
    private readonly List<int> _matches = [];
    private byte[][] _events = [];
    private RuleIndex<int> _index = new();

    [ParamsSource(nameof(KindNames))]
    public string Kind { get; set; } = "exact";

    public static IEnumerable<string> KindNames => RuleSets.Kinds;

    [GlobalSetup]
    public void Setup()
    {
        _events = S3Events.Create(Workload.EventCount);
        _index = Workload.Index(RuleSets.FiveOf(Kind));
    }

    [Benchmark(OperationsPerInvoke = Workload.EventCount)]
    public int MatchEvents() => Workload.MatchAll(_index, _events, _matches);
}

/// <summary>Matching the same events against 10, 1,000 and 10,000 varied rules.</summary>
[Config(typeof(EventsPerSecondConfig))]
[MemoryDiagnoser]
public class RuleCountBenchmarks
{
    private readonly List<int> _matches = [];
    private byte[][] _events = [];
    private RuleIndex<int> _index = new();

    [Params(10, 1_000, 10_000)]
    public int Rules { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _events = S3Events.Create(Workload.EventCount);
        _index = Workload.Index(RuleSets.Varied(Rules));
    }

    [Benchmark(OperationsPerInvoke = Workload.EventCount)]
    public int MatchEvents() => Workload.MatchAll(_index, _events, _matches);
}

public static class Workload
{
    public const int EventCount = 1_000;

    public static RuleIndex<int> Index(IReadOnlyList<string> patterns)
    {
        var index = new RuleIndex<int>();
        index.AddRange(patterns.Select((p, i) => KeyValuePair.Create(i, EventPatternCompiler.Compile(p))));
        return index;
    }

    public static int MatchAll(RuleIndex<int> index, byte[][] events, List<int> matches)
    {
        var total = 0;
        foreach (var e in events)
        {
            matches.Clear();
            total += index.Match(e, matches);
        }

        return total;
    }
}

/// <summary>Adds events per second (one operation is one event) to the summary table.</summary>
public sealed class EventsPerSecondConfig : ManualConfig
{
    public EventsPerSecondConfig() => AddColumn(new EventsPerSecondColumn());

    private sealed class EventsPerSecondColumn : IColumn
    {
        public string Id => nameof(EventsPerSecondColumn);

        public string ColumnName => "Events/s";

        public bool AlwaysShow => true;

        public ColumnCategory Category => ColumnCategory.Custom;

        public int PriorityInCategory => 0;

        public bool IsNumeric => true;

        public UnitType UnitType => UnitType.Dimensionless;

        public string Legend => "Events matched per second on one thread (1 / mean time per event)";

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
        {
            var report = summary[benchmarkCase];
            return report?.ResultStatistics is { } stats
                ? (1e9 / stats.Mean).ToString("N0", System.Globalization.CultureInfo.InvariantCulture)
                : "-";
        }

        public bool IsAvailable(Summary summary) => true;

        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
    }
}
