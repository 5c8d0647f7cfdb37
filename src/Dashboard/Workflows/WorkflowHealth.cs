namespace Dashboard.Workflows;

/// <summary>How much a workflow needs attention, worst first when sorted descending.</summary>
public enum HealthLevel
{
    /// <summary>Not event-driven, or nothing to judge yet.</summary>
    Neutral,
    Healthy,
    Warning,
    Critical,
}

/// <summary>A workflow's badge: its level and every reason for it, most serious first.</summary>
public sealed record WorkflowHealthReport(HealthLevel Level, IReadOnlyList<string> Reasons)
{
    public string Label => Level switch
    {
        HealthLevel.Critical => "Failing",
        HealthLevel.Warning => "Needs attention",
        HealthLevel.Healthy => "Healthy",
        _ => "—",
    };

    public bool IsUnhealthy => Level >= HealthLevel.Warning;
}

/// <summary>
/// The health rules of the Workflows list. An event-driven workflow is only as healthy as its whole path: a rule
/// that is enabled and delivers, a batch that fires, and runs whose actions succeed (not a bare COMPLETED).
/// </summary>
public static class WorkflowHealth
{
    public static WorkflowHealthReport Assess(WorkflowSummary workflow)
    {
        var critical = new List<string>();
        var warnings = new List<string>();

        if (workflow.LastRun is { } run)
        {
            switch (run.Health)
            {
                case RunHealth.Failed:
                    critical.Add("The last run failed: none of its actions succeeded.");
                    break;
                case RunHealth.Error:
                    critical.Add($"The last run ended in error{(run.ErrorMessage is { } message ? $": {message}" : ".")}");
                    break;
                case RunHealth.PartialFailure:
                    warnings.Add("Some actions of the last run failed.");
                    break;
                case RunHealth.RefusedForConcurrency:
                    warnings.Add("The last batch was refused: the workflow was at MaxConcurrentRuns, and the batch's events were consumed.");
                    break;
            }
        }

        if (workflow.IsEventDriven)
        {
            if (workflow.RulesProblem is { } problem)
            {
                warnings.Add($"The rules are unknown: {problem}");
            }
            else if (workflow.Rules.Count == 0)
            {
                critical.Add("No EventBridge rule targets this workflow, so no event can start it.");
            }
            else if (workflow.Rules.All(r => r.State == "DISABLED"))
            {
                critical.Add("Every rule that targets this workflow is disabled.");
            }
            else if (workflow.Rules.Any(r => r.State == "DISABLED"))
            {
                warnings.Add("A rule that targets this workflow is disabled.");
            }
        }

        if (workflow.Activity is { } activity)
        {
            if (activity.FailedInvocationsTotal > 0)
            {
                critical.Add($"{activity.FailedInvocationsTotal:0} failed invocations in the last 24 hours: events did not reach the workflow.");
            }

            if (activity.Fill.State == BatchFillState.Overdue)
            {
                warnings.Add("A batch looks due but no newer run is recorded.");
            }
        }

        var level = critical.Count > 0 ? HealthLevel.Critical
            : warnings.Count > 0 ? HealthLevel.Warning
            : workflow.IsEventDriven || workflow.LastRun is not null ? HealthLevel.Healthy
            : HealthLevel.Neutral;
        return new WorkflowHealthReport(level, [.. critical, .. warnings]);
    }
}
