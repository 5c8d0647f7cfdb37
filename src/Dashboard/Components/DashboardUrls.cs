using Dashboard.Audit;
using Dashboard.Cloud;
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

    public const string Diagnostics = "/diagnostics";

    /// <summary><c>/diagnostics/{workflow}</c>: one workflow's checks.</summary>
    public static string WorkflowDiagnostics(string workflow) => $"/diagnostics/{Segment(workflow)}";

    public static string Workflow(string name) => $"/workflows/{Segment(name)}";

    public static string WorkflowTrigger(string name) => $"/workflows/{Segment(name)}/trigger";

    /// <summary>The batching editor with a proposed setting in its fields (<c>?size=36&amp;window=630</c>), not yet saved.</summary>
    public static string WorkflowTrigger(string name, int batchSize, int batchWindowSeconds) =>
        $"{WorkflowTrigger(name)}?size={batchSize}&window={batchWindowSeconds}";

    /// <summary><c>/workflows/{name}/tuning</c>: the what-if simulator, with the freshness target in the query when given.</summary>
    public static string WorkflowTuning(string name, TimeSpan? p95Target = null) =>
        $"/workflows/{Segment(name)}/tuning{(p95Target is { } target ? $"?p95={(int)target.TotalSeconds}s" : string.Empty)}";

    /// <summary><c>/audit</c>, with the filter in the query when given, and <c>page</c> past the first.</summary>
    public static string Audit(AuditFilterText? filter = null, int page = 1)
    {
        var query = (filter ?? AuditFilterText.Empty).ToQueryString();
        return page > 1 ? $"/audit{query}{(query.Length == 0 ? '?' : '&')}page={page}" : "/audit" + query;
    }

    /// <summary>The CSV download of what <see cref="Audit"/> shows with the same filter.</summary>
    public static string AuditExport(AuditFilterText filter) => AuditExportEndpoint.Path + filter.ToQueryString();

    public static string WorkflowRun(string workflow, string runId) => $"/workflows/{Segment(workflow)}/runs/{Segment(runId)}";

    /// <summary>A Data Catalog table's page: its schema, partitions and a preview of its rows.</summary>
    public static string Table(string database, string table) => $"/tables/{Segment(database)}/{Segment(table)}";

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

    /// <summary>
    /// <paramref name="url"/> with <c>env=</c><paramref name="environment"/> in its query, replacing any other
    /// <c>env</c>; the rest of the query and the fragment stay as they are.
    /// </summary>
    public static string WithEnvironment(string url, string environment)
    {
        var hashAt = url.IndexOf('#', StringComparison.Ordinal);
        var fragment = hashAt >= 0 ? url[hashAt..] : string.Empty;
        var rest = hashAt >= 0 ? url[..hashAt] : url;
        var queryAt = rest.IndexOf('?', StringComparison.Ordinal);
        var path = queryAt >= 0 ? rest[..queryAt] : rest;
        var kept = queryAt >= 0
            ? rest[(queryAt + 1)..].Split('&', StringSplitOptions.RemoveEmptyEntries)
                .Where(p => !string.Equals(Uri.UnescapeDataString(p.Split('=')[0]), EnvironmentSelection.QueryParameter, StringComparison.Ordinal))
            : [];
        var query = string.Join('&', kept.Append($"{EnvironmentSelection.QueryParameter}={Uri.EscapeDataString(environment)}"));
        return $"{path}?{query}{fragment}";
    }

    private static string Segment(string value) => Uri.EscapeDataString(value);
}
