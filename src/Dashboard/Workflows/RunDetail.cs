using System.ComponentModel;
using Dashboard.Aws.Glue;

namespace Dashboard.Workflows;

/// <summary>What a job or crawler node did in one run, judged from its latest job run or crawl.</summary>
public enum RunNodeState
{
    NotRun,
    Running,
    Succeeded,
    Failed,
    Stopped,

    /// <summary>A trigger whose actions ran in this run.</summary>
    Fired,

    /// <summary>Glue reported a state this dashboard does not know.</summary>
    Unknown,
}

/// <summary>One node of the run's graph: the start trigger, a conditional trigger, a job or a crawler.</summary>
public sealed record RunNode(
    string UniqueId,
    string Type,
    string Name,
    RunNodeState State,
    string? GlueState,
    string? TriggerType,
    DateTimeOffset? StartedOn,
    DateTimeOffset? CompletedOn,
    string? ErrorMessage,
    int Attempts,
    IReadOnlyList<string> After)
{
    public bool IsAction => Type is NodeTypes.Job or NodeTypes.Crawler;
}

/// <summary>One job run or crawl of the run, with how it ended.</summary>
public sealed record ActionAttempt(
    string NodeName,
    string Type,
    string? JobRunId,
    int Attempt,
    string? GlueState,
    RunNodeState State,
    DateTimeOffset? StartedOn,
    DateTimeOffset? CompletedOn,
    int? ExecutionSeconds,
    string? ErrorMessage)
{
    public bool Unsuccessful => State is RunNodeState.Failed or RunNodeState.Stopped;

    /// <summary>Glue's execution time for a finished job run; otherwise the time from start to completion (or now).</summary>
    public TimeSpan? Duration(DateTimeOffset now) => ExecutionSeconds is > 0 && CompletedOn is not null
        ? TimeSpan.FromSeconds(ExecutionSeconds.Value)
        : StartedOn is { } started ? (CompletedOn ?? now) - started : null;
}

/// <summary>A job or crawler that <c>ResumeWorkflowRun</c> would run again.</summary>
public sealed record ResumableNode(string NodeId, string Name, string Type, string? GlueState, string? ErrorMessage);

/// <summary>Whether the run can be resumed, which nodes would run again, and if not, why.</summary>
public sealed record ResumePlan(IReadOnlyList<ResumableNode> Nodes, string? Blocker)
{
    public bool CanResume => Blocker is null && Nodes.Count > 0;
}

/// <summary>A workflow run as the Run page shows it: the run, its graph's nodes, its job runs and crawls.</summary>
public sealed record RunDetail(
    string Workflow,
    RunSummary Summary,
    WorkflowRunStatistics Statistics,
    EventBatching? Batching,
    int? StartingBatchSize,
    int? StartingBatchWindow,
    bool HasGraph,
    IReadOnlyList<RunNode> Nodes,
    IReadOnlyList<ActionAttempt> Attempts,
    IReadOnlyList<string> EventIds,
    ResumePlan Resume)
{
    public string RunId => Summary.RunId;

    /// <summary>While Glue may still change the run; a finished run is read once and never polled.</summary>
    public bool IsLive => Summary.Status is RunStatuses.Running or RunStatuses.Stopping;

    public IEnumerable<ActionAttempt> Failures => Attempts.Where(a => a.Unsuccessful);

    /// <summary>"batch size reached (5 events)" or "batch window expired (900 s)".</summary>
    public string CauseText => Summary.Cause switch
    {
        RunCause.BatchSizeReached => $"{RunAssessment.Describe(Summary.Cause)} ({StartingBatchSize} {(StartingBatchSize == 1 ? "event" : "events")})",
        RunCause.BatchWindowExpired => $"{RunAssessment.Describe(Summary.Cause)} ({StartingBatchWindow} s)",
        _ => Summary.PreviousRunId is null ? RunAssessment.Describe(Summary.Cause) : "resumed",
    };
}

/// <summary>The answer to "show me this run": the run, or which of the workflow and the run does not exist.</summary>
[ImmutableObject(true)]
public sealed record RunLookup(RunDetail? Run, RunMissing Missing)
{
    public static RunLookup Found(RunDetail run) => new(run, RunMissing.None);
}

public enum RunMissing
{
    None,
    Workflow,
    Run,
}

public static class NodeTypes
{
    public const string Job = "JOB";
    public const string Crawler = "CRAWLER";
    public const string Trigger = "TRIGGER";
}

public static class RunStatuses
{
    public const string Running = "RUNNING";
    public const string Completed = "COMPLETED";
    public const string Stopping = "STOPPING";
    public const string Stopped = "STOPPED";
    public const string Error = "ERROR";
}

/// <summary>How node states read on screen.</summary>
public static class RunNodeStateText
{
    /// <summary>"Failed", or "Failed (TIMEOUT)" when Glue's own word says more.</summary>
    public static string Describe(RunNodeState state, string? glueState)
    {
        var text = state switch
        {
            RunNodeState.NotRun => "Not run",
            RunNodeState.Running => "Running",
            RunNodeState.Succeeded => "Succeeded",
            RunNodeState.Failed => "Failed",
            RunNodeState.Stopped => "Stopped",
            RunNodeState.Fired => "Fired",
            _ => "Unknown",
        };
        return glueState is null || string.Equals(glueState, text, StringComparison.OrdinalIgnoreCase) ? text : $"{text} ({glueState})";
    }

    public static string Kind(string type) => type switch
    {
        NodeTypes.Job => "Job",
        NodeTypes.Crawler => "Crawler",
        NodeTypes.Trigger => "Trigger",
        _ => type,
    };
}
