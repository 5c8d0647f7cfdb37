namespace Overview.Seeding;

/// <summary>One operation's share of the fewest requests a cold load of the overview can make.</summary>
public sealed record MinimumCall(string Service, string Operation, int Count, string Formula);

/// <summary>
/// The fewest AWS requests one cold load of <c>/</c> can make, from the APIs' page sizes and the seeded counts:
/// ⌈W/25⌉ ListWorkflows + ⌈W/25⌉ BatchGetWorkflows + 1 ListEventBuses + Σ⌈R_b/100⌉ ListRules + min(R, W·B) target
/// lookups + ⌈2R/500⌉ + ⌈R/500⌉ GetMetricData + 1 STS GetCallerIdentity.
/// </summary>
public static class RequestMinimum
{
    public const int WorkflowPage = 25;
    public const int RulePage = 100;
    public const int MetricQueriesPerCall = 500;

    public static IReadOnlyList<MinimumCall> For(SeededCloud cloud)
    {
        var w = cloud.Workflows;
        var r = cloud.Rules;
        var b = cloud.Buses.Count;
        var byRule = r <= w * b;
        return
        [
            new("glue", "ListWorkflows", Pages(w, WorkflowPage), "⌈W/25⌉"),
            new("glue", "BatchGetWorkflows", Ceiling(w, WorkflowPage), "⌈W/25⌉"),
            new("events", "ListEventBuses", 1, "1"),
            new("events", "ListRules", cloud.Buses.Sum(bus => Pages(bus.Rules, RulePage)), "Σ⌈R_b/100⌉"),
            new("events", byRule ? "ListTargetsByRule" : "ListRuleNamesByTarget", Math.Min(r, w * b), "min(R, W·B)"),
            new("monitoring", "GetMetricData", Ceiling(2 * r, MetricQueriesPerCall) + Ceiling(r, MetricQueriesPerCall), "⌈2R/500⌉ + ⌈R/500⌉"),
            new("sts", "GetCallerIdentity", 1, "1"),
        ];
    }

    /// <summary>A list call costs one request even when it is empty.</summary>
    private static int Pages(int items, int pageSize) => Math.Max(1, Ceiling(items, pageSize));

    private static int Ceiling(int items, int pageSize) => (items + pageSize - 1) / pageSize;
}
