using Dashboard.Aws.Glue;

namespace Dashboard.Workflows;

/// <summary>
/// A run's real outcome. Glue reports COMPLETED even when actions failed, so health is judged from
/// <see cref="WorkflowRunStatistics"/>, never from the bare status.
/// </summary>
public enum RunHealth
{
    Unknown,
    Running,
    Succeeded,
    PartialFailure,
    Failed,
    Stopped,
    RefusedForConcurrency,
    Error,
}

/// <summary>Why a run started, from <c>StartingEventBatchCondition</c>.</summary>
public enum RunCause
{
    /// <summary>No batch condition: started on demand, on a schedule, or by a resume.</summary>
    NotFromEvents,
    BatchSizeReached,
    BatchWindowExpired,
}

public static class RunAssessment
{
    /// <summary>The ErrorMessage Glue gives a run it refused because MaxConcurrentRuns was reached.</summary>
    public const string ConcurrencyRefusalPrefix = "Concurrent runs exceeded";

    public static RunHealth HealthOf(WorkflowRun run)
    {
        var stats = run.Statistics;
        var unsuccessful = stats is null ? 0 : stats.FailedActions + stats.TimeoutActions + stats.ErroredActions + stats.StoppedActions;
        return run.Status switch
        {
            "RUNNING" => RunHealth.Running,
            "STOPPING" or "STOPPED" => RunHealth.Stopped,
            "ERROR" when run.ErrorMessage?.StartsWith(ConcurrencyRefusalPrefix, StringComparison.OrdinalIgnoreCase) == true => RunHealth.RefusedForConcurrency,
            "ERROR" => RunHealth.Error,
            "COMPLETED" when stats is null => RunHealth.Unknown,
            "COMPLETED" when unsuccessful == 0 => RunHealth.Succeeded,
            "COMPLETED" when stats.SucceededActions > 0 => RunHealth.PartialFailure,
            "COMPLETED" => RunHealth.Failed,
            _ => RunHealth.Unknown,
        };
    }

    public static RunCause CauseOf(WorkflowRun run) => run.StartingEventBatchCondition switch
    {
        { BatchSize: > 0 } => RunCause.BatchSizeReached,
        { BatchWindow: > 0 } => RunCause.BatchWindowExpired,
        _ => RunCause.NotFromEvents,
    };

    public static string Describe(RunHealth health) => health switch
    {
        RunHealth.Running => "Running",
        RunHealth.Succeeded => "Succeeded",
        RunHealth.PartialFailure => "Partial failure",
        RunHealth.Failed => "Failed",
        RunHealth.Stopped => "Stopped",
        RunHealth.RefusedForConcurrency => "Refused: concurrency limit",
        RunHealth.Error => "Error",
        _ => "Unknown",
    };

    public static string Describe(RunCause cause) => cause switch
    {
        RunCause.BatchSizeReached => "batch size reached",
        RunCause.BatchWindowExpired => "batch window expired",
        _ => "not started by events",
    };

    /// <summary>"2/3 succeeded, 1 failed": the actions of a run, failures counting failed, errored and timed-out ones.</summary>
    public static string DescribeActions(WorkflowRunStatistics? stats)
    {
        if (stats is null)
        {
            return "—";
        }

        var failed = stats.FailedActions + stats.ErroredActions + stats.TimeoutActions;
        return $"{stats.SucceededActions}/{stats.TotalActions} succeeded" + (failed > 0 ? $", {failed} failed" : string.Empty);
    }

    public static bool IsUnhealthy(RunHealth health) =>
        health is RunHealth.PartialFailure or RunHealth.Failed or RunHealth.RefusedForConcurrency or RunHealth.Error;
}
