using Dashboard.Cloud;
using Dashboard.Metrics;

namespace Dashboard.Workflows;

/// <summary>
/// The Workflows list with its rules' activity: the catalog's stages, then one more, the rules' 24-hour metrics and
/// the filling batch, read for every rule at once. The metrics are a bonus: when CloudWatch fails, the list stays and
/// says why its sparklines are missing.
/// </summary>
public sealed class WorkflowOverview(WorkflowCatalog catalog, RuleMetrics metrics, TimeProvider time, ILogger<WorkflowOverview> logger)
{
    /// <param name="maxAge">How old a cached catalog may be to be reused instead of read again.</param>
    /// <param name="progress">Hears of each stage before the last.</param>
    /// <param name="cancellationToken">Stops the load.</param>
    public async Task<WorkflowCatalogSnapshot> LoadAsync(TimeSpan maxAge, Action<WorkflowCatalogSnapshot>? progress, CancellationToken cancellationToken)
    {
        var snapshot = await catalog.GetFreshAsync(maxAge, progress, cancellationToken);
        var keys = snapshot.Workflows.Where(w => w.IsEventDriven).SelectMany(w => w.Rules).Select(Key).Distinct().ToList();
        if (keys.Count == 0)
        {
            return snapshot with { Stage = CatalogStage.Activity };
        }

        progress?.Invoke(snapshot);
        try
        {
            var overview = await metrics.GetOverviewAsync(keys, cancellationToken);
            return WithActivity(snapshot, overview, time.GetUtcNow());
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            logger.LogWarning(error, "Reading the rules' metrics for the Workflows list failed.");
            return snapshot with { Stage = CatalogStage.Activity, MetricsProblem = AwsErrorText.Explain(error) };
        }
    }

    /// <summary>Sums each workflow's rules, and estimates the batch its trigger is filling.</summary>
    public static WorkflowCatalogSnapshot WithActivity(WorkflowCatalogSnapshot snapshot, RuleOverview overview, DateTimeOffset now)
    {
        var workflows = snapshot.Workflows.Select(workflow =>
        {
            var rules = workflow.Rules.Select(r => overview.For(Key(r))).OfType<RuleActivity>().ToList();
            if (!workflow.IsEventDriven || rules.Count == 0)
            {
                return workflow;
            }

            var perMinute = Enumerable.Range(0, overview.Recent.Buckets)
                .Select(b => new KeyValuePair<DateTimeOffset, double>(overview.Recent.TimeOf(b), rules.Sum(r => r.RecentInvocations.ElementAtOrDefault(b))));
            var fill = workflow.StartTrigger?.Batching is { } batching
                ? BatchFill.Estimate(batching, workflow.LastRun?.StartedOn, perMinute, now)
                : BatchFillEstimate.Unknown;
            return workflow with
            {
                Activity = new WorkflowActivity(
                    Sum(rules.Select(r => r.Invocations), overview.Day.Buckets),
                    Sum(rules.Select(r => r.FailedInvocations), overview.Day.Buckets),
                    overview.Day.Period,
                    fill),
            };
        });
        return snapshot with
        {
            Workflows = [.. workflows],
            Stage = CatalogStage.Activity,
            AwsRequests = snapshot.AwsRequests + overview.AwsRequests,
            MetricsProblem = overview.Warnings.Count > 0 ? string.Join(" ", overview.Warnings) : null,
        };
    }

    private static RuleKey Key(RuleReference rule) => new(rule.EventBusName, rule.RuleName);

    private static double[] Sum(IEnumerable<IReadOnlyList<double>> series, int buckets)
    {
        var total = new double[buckets];
        foreach (var values in series)
        {
            for (var i = 0; i < Math.Min(buckets, values.Count); i++)
            {
                total[i] += values[i];
            }
        }

        return total;
    }
}
