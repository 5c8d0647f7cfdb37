using Dashboard.Aws.Protocol;
using Dashboard.Diagnostics;

namespace DiagnosticsBenchmark.Measuring;

/// <summary>A finding that is not Pass, on a pipeline seeded healthy: a false positive to explain.</summary>
public sealed record NonPassFinding(string Workflow, string CheckId, CheckStatus Status, string? Subject, string Explanation);

/// <summary>One <c>DiagnoseAllAsync</c>: its wall time, the requests LocalCloud answered for it, and its findings.</summary>
public sealed record DiagnosticsRun(
    string Name,
    TimeSpan Elapsed,
    int Workflows,
    IReadOnlyList<OperationCount> Requests,
    IReadOnlyDictionary<CheckStatus, int> FindingsByStatus,
    IReadOnlyList<NonPassFinding> NonPass)
{
    /// <summary>LocalCloud's signing names, as the request log counts them, to the client-side quota's service id.</summary>
    private static readonly Dictionary<string, string> QuotaServiceIds = new(StringComparer.Ordinal)
    {
        ["glue"] = "Glue",
        ["events"] = "EventBridge",
        ["monitoring"] = "CloudWatch",
        ["iam"] = "IAM",
        ["cloudtrail"] = "CloudTrail",
    };

    public long Total => Requests.Sum(r => r.Count);

    public double PerWorkflow => Workflows == 0 ? 0 : (double)Total / Workflows;

    public IReadOnlyList<(string Service, long Count)> ByService =>
        [.. Requests.GroupBy(r => r.Service).Select(g => (g.Key, g.Sum(r => r.Count))).OrderByDescending(s => s.Item2)];

    /// <summary>
    /// The shortest time <see cref="RequestQuotas"/> lets these requests take: per service, the requests beyond the
    /// burst at the service's rate; the run can be no faster than its slowest service.
    /// </summary>
    public (string Service, double Seconds) RateLimitFloor =>
        ByService
            .Where(s => QuotaServiceIds.ContainsKey(s.Service))
            .Select(s =>
            {
                var rate = RequestQuotas.ServiceRates[QuotaServiceIds[s.Service]];
                return (s.Service, Math.Max(0, s.Count - rate) / rate);
            })
            .DefaultIfEmpty((Service: "none", 0.0))
            .MaxBy(s => s.Item2);

    public static DiagnosticsRun From(string name, TimeSpan elapsed, DiagnosticsReport report, IReadOnlyList<OperationCount> requests)
    {
        var findings = report.Workflows.SelectMany(w => w.Findings.Select(f => (w.Workflow, Finding: f))).ToList();
        var byStatus = Enum.GetValues<CheckStatus>().ToDictionary(s => s, s => findings.Count(f => f.Finding.Status == s));
        IReadOnlyList<NonPassFinding> nonPass = [.. findings
            .Where(f => f.Finding.Status != CheckStatus.Pass)
            .Select(f => new NonPassFinding(f.Workflow, f.Finding.CheckId, f.Finding.Status, f.Finding.Subject, f.Finding.Explanation))];
        return new DiagnosticsRun(name, elapsed, report.Workflows.Count, requests, byStatus, nonPass);
    }
}
