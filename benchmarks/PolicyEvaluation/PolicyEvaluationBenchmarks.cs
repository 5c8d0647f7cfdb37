using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using LocalCloud.Iam;
using LocalCloud.Iam.Policies;

namespace PolicyEvaluation;

/// <summary>
/// Evaluations of the 10-statement policy: the compiled evaluator alone, and the whole <see cref="IRoleAuthority"/>
/// path EventBridge delivery takes (role lookup, the context dictionary turned into condition keys, then the
/// evaluation and its message). One operation is one evaluation.
/// </summary>
[Config(typeof(EvaluationsPerSecondConfig))]
[MemoryDiagnoser]
public class PolicyEvaluationBenchmarks
{
    private IReadOnlyList<NamedPolicy> _policies = [];
    private PolicyRequestContext[] _contexts = [];
    private IamBackend _iam = null!;
    private string _text = string.Empty;

    [GlobalSetup]
    public void Setup()
    {
        _policies = Workload.Compiled();
        _contexts = Workload.Contexts();
        Workload.Check(_policies, _contexts);
        _iam = Workload.Backend();
        _text = Workload.Policy;
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = 8)]
    public int Evaluator() => Workload.EvaluateAll(_policies, _contexts);

    [Benchmark(OperationsPerInvoke = 8)]
    public int RoleAuthorityIsAllowed() => Workload.AuthorizeAll(_iam);

    [Benchmark]
    public int CompileOnce() => PolicyCompiler.Compile(_text, PolicyKind.Identity).Statements.Count;
}

/// <summary>Adds evaluations per second (1 / mean time per operation) to the summary table.</summary>
public sealed class EvaluationsPerSecondConfig : ManualConfig
{
    public EvaluationsPerSecondConfig() => AddColumn(new PerSecondColumn());

    private sealed class PerSecondColumn : IColumn
    {
        public string Id => nameof(PerSecondColumn);

        public string ColumnName => "Ops/s";

        public bool AlwaysShow => true;

        public ColumnCategory Category => ColumnCategory.Custom;

        public int PriorityInCategory => 0;

        public bool IsNumeric => true;

        public UnitType UnitType => UnitType.Dimensionless;

        public string Legend => "Operations per second on one thread (1 / mean time per operation)";

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) =>
            summary[benchmarkCase]?.ResultStatistics is { } stats
                ? (1e9 / stats.Mean).ToString("N0", System.Globalization.CultureInfo.InvariantCulture)
                : "-";

        public bool IsAvailable(Summary summary) => true;

        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
    }
}
