using System.ComponentModel;

namespace Dashboard.Metrics;

/// <summary>One metric of one rule on a window's grid, missing points filled with 0.</summary>
public sealed record MetricSeries(RuleKey Rule, string MetricName, IReadOnlyList<double> Values, bool HasData)
{
    public double Total => Values.Sum();
}

/// <summary>The rule page's metrics for one or more rules over one window, read in one GetMetricData call.</summary>
[ImmutableObject(true)]
public sealed record RuleMetricsSnapshot(
    MetricWindow Window,
    IReadOnlyList<RuleKey> Rules,
    IReadOnlyList<MetricSeries> Series,
    int AwsRequests,
    IReadOnlyList<string> Warnings)
{
    /// <summary>The series of <paramref name="metric"/> for <paramref name="rule"/>; all zero when AWS had none.</summary>
    public MetricSeries Get(RuleKey rule, string metric) =>
        Series.FirstOrDefault(s => s.Rule == rule && s.MetricName == metric)
        ?? new MetricSeries(rule, metric, new double[Window.Buckets], HasData: false);

    /// <summary>Whether AWS sent any data point for the rule in this window.</summary>
    public bool HasData(RuleKey rule) => Series.Any(s => s.Rule == rule && s.HasData);
}

/// <summary>A rule's activity for the overview: 24 hours of invocations and failures, and the last minutes by the minute.</summary>
public sealed record RuleActivity(
    RuleKey Rule,
    IReadOnlyList<double> Invocations,
    IReadOnlyList<double> FailedInvocations,
    IReadOnlyList<double> RecentInvocations)
{
    public double InvocationsTotal => Invocations.Sum();

    public double FailedInvocationsTotal => FailedInvocations.Sum();
}

/// <summary>The overview's metrics for many rules, packed 500 queries to a call.</summary>
[ImmutableObject(true)]
public sealed record RuleOverview(
    MetricWindow Day,
    MetricWindow Recent,
    IReadOnlyDictionary<RuleKey, RuleActivity> Rules,
    int AwsRequests,
    IReadOnlyList<string> Warnings)
{
    public RuleActivity? For(RuleKey rule) => Rules.GetValueOrDefault(rule);
}
