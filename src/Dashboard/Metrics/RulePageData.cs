using System.ComponentModel;
using Dashboard.Aws.Glue;
using Dashboard.Aws.Protocol;
using Dashboard.Cloud;
using Dashboard.Workflows;

namespace Dashboard.Metrics;

/// <summary>A workflow run's start, to mark on the rule's time axis.</summary>
public sealed record RunStart(string Workflow, string RunId, DateTimeOffset StartedOn, RunHealth Health, RunCause Cause);

/// <summary>
/// Everything the rule page shows, read together: the rule, its metrics (and a compared rule's) from one
/// GetMetricData call, and its workflows' run starts in the same window. A part that fails leaves an error beside the
/// parts that worked.
/// </summary>
[ImmutableObject(true)]
public sealed record RulePageData(
    RuleKey Rule,
    RuleKey? Compare,
    TimeRange Range,
    RuleDefinition? Definition,
    string? NotFound,
    RuleMetricsSnapshot? Metrics,
    string? MetricsError,
    IReadOnlyList<RunStart> RunStarts,
    string? RunsError,
    bool RunsTruncated)
{
    /// <summary>Metrics loaded and the rule has no data point at all in the window.</summary>
    public bool IsEmpty => Metrics is not null && !Metrics.HasData(Rule) && (Compare is null || !Metrics.HasData(Compare));

    /// <summary>Some parts failed while others loaded.</summary>
    public bool IsPartial => Definition is not null && (MetricsError is not null || RunsError is not null);
}

/// <summary>Loads <see cref="RulePageData"/>; the rule page's live feed polls it.</summary>
public sealed class RulePageLoader(RuleCatalog rules, RuleMetrics metrics, IGlueApi glue, TimeProvider time, ILogger<RulePageLoader> logger)
{
    /// <summary>GetWorkflowRuns page size; Glue allows up to 1,000.</summary>
    public const int RunPageSize = 200;

    /// <summary>Pages read per workflow at most: the newest 1,000 runs of the range are drawn.</summary>
    public const int MaxRunPages = 5;

    public async Task<RulePageData> LoadAsync(RuleKey rule, RuleKey? compare, TimeRange range, CancellationToken cancellationToken)
    {
        RuleDefinition definition;
        try
        {
            definition = await rules.DescribeAsync(rule, cancellationToken);
        }
        catch (AwsNotFoundException missing)
        {
            // A rule that does not exist is a state of the page, not a failure: it may be created later.
            return new RulePageData(rule, compare, range, null, missing.AwsMessage, null, null, [], null, false);
        }

        var (start, end) = range.Resolve(time.GetUtcNow());
        var metricsTask = ReadMetricsAsync(rule, compare, range, cancellationToken);
        var runsTask = ReadRunStartsAsync(definition, start, end, cancellationToken);
        var (snapshot, metricsError) = await metricsTask;
        var (runs, truncated, runsError) = await runsTask;
        return new RulePageData(rule, compare, range, definition, null, snapshot, metricsError, runs, runsError, truncated);
    }

    private async Task<(RuleMetricsSnapshot?, string?)> ReadMetricsAsync(RuleKey rule, RuleKey? compare, TimeRange range, CancellationToken cancellationToken)
    {
        try
        {
            return (await metrics.GetRuleMetricsAsync(compare is null || compare == rule ? [rule] : [rule, compare], range, cancellationToken), null);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            logger.LogWarning(error, "Reading the metrics of rule {Rule} failed.", rule);
            return (null, AwsErrorText.Explain(error));
        }
    }

    private async Task<(IReadOnlyList<RunStart>, bool, string?)> ReadRunStartsAsync(RuleDefinition definition, DateTimeOffset start, DateTimeOffset end, CancellationToken cancellationToken)
    {
        if (definition.TargetsProblem is { } problem)
        {
            return ([], false, $"The rule's targets could not be read, so neither could their runs. {problem}");
        }

        try
        {
            var perWorkflow = await Task.WhenAll(definition.TargetWorkflows.Select(w => RunStartsOfAsync(w, start, end, cancellationToken)));
            return (perWorkflow.SelectMany(r => r.Starts).OrderBy(r => r.StartedOn).ToList(), perWorkflow.Any(r => r.Truncated), null);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            logger.LogWarning(error, "Reading the runs of the workflows that rule {Rule} targets failed.", definition.Key);
            return ([], false, AwsErrorText.Explain(error));
        }
    }

    /// <summary>Runs come newest first: read pages until one reaches back past the window's start.</summary>
    private async Task<(List<RunStart> Starts, bool Truncated)> RunStartsOfAsync(string workflow, DateTimeOffset start, DateTimeOffset end, CancellationToken cancellationToken)
    {
        var starts = new List<RunStart>();
        var pages = 0;
        await foreach (var page in glue.GetWorkflowRunsPagesAsync(new() { Name = workflow, IncludeGraph = false, MaxResults = RunPageSize }, cancellationToken))
        {
            pages++;
            var runs = page.Runs ?? [];
            starts.AddRange(runs
                .Where(r => r.StartedOn is { } at && at >= start && at <= end)
                .Select(r => new RunStart(workflow, r.WorkflowRunId ?? "(unknown)", r.StartedOn ?? start, RunAssessment.HealthOf(r), RunAssessment.CauseOf(r))));
            var reachedStart = runs.Any(r => r.StartedOn < start);
            if (reachedStart || page.NextToken is null)
            {
                return (starts, false);
            }

            if (pages == MaxRunPages)
            {
                return (starts, true);
            }
        }

        return (starts, false);
    }
}
