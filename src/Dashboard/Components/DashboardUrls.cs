using Dashboard.Audit;
using Dashboard.Metrics;

namespace Dashboard.Components;

/// <summary>
/// The dashboard's URLs, built in one place. They are part of the product: people paste them into incident channels,
/// so they stay stable and readable.
/// </summary>
public static class DashboardUrls
{
    public const string Workflows = "/";

    public const string Rules = "/rules";

    public static string Workflow(string name) => $"/workflows/{Segment(name)}";

    public static string WorkflowTrigger(string name) => $"/workflows/{Segment(name)}/trigger";

    /// <summary><c>/audit</c>, with the filter in the query when given, and <c>page</c> past the first.</summary>
    public static string Audit(AuditFilterText? filter = null, int page = 1)
    {
        var query = (filter ?? AuditFilterText.Empty).ToQueryString();
        return page > 1 ? $"/audit{query}{(query.Length == 0 ? '?' : '&')}page={page}" : "/audit" + query;
    }

    /// <summary>The CSV download of what <see cref="Audit"/> shows with the same filter.</summary>
    public static string AuditExport(AuditFilterText filter) => AuditExportEndpoint.Path + filter.ToQueryString();

    public static string WorkflowRun(string workflow, string runId) => $"/workflows/{Segment(workflow)}/runs/{Segment(runId)}";

    /// <summary><c>/rules/{bus}/{rule}</c>, with the range and comparison in the query when given.</summary>
    public static string Rule(string eventBus, string ruleName, TimeRange? range = null, RuleKey? compare = null)
    {
        var path = $"/rules/{Segment(eventBus)}/{Segment(ruleName)}";
        var query = new List<string>();
        if (range is not null && range != TimeRange.Default)
        {
            query.AddRange(range.ToQuery().Where(p => p.Value is not null).Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value ?? string.Empty)}"));
        }

        if (compare is not null)
        {
            query.Add($"compare={Uri.EscapeDataString(compare.ToString())}");
        }

        return query.Count == 0 ? path : $"{path}?{string.Join('&', query)}";
    }

    public static string Rule(RuleKey rule, TimeRange? range = null, RuleKey? compare = null) =>
        Rule(rule.EventBus, rule.RuleName, range, compare);

    private static string Segment(string value) => Uri.EscapeDataString(value);
}
