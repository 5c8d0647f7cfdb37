using System.ComponentModel;
using Dashboard.Aws.Glue;
using Dashboard.Workflows.Graph;

namespace Dashboard.Workflows;

/// <summary>One job run or crawl of the run, with how it ended.</summary>
public sealed record ActionAttempt(
    string NodeName,
    NodeKind Kind,
    string? JobRunId,
    int Attempt,
    string? GlueState,
    NodeState State,
    DateTimeOffset? StartedOn,
    DateTimeOffset? CompletedOn,
    int? ExecutionSeconds,
    string? ErrorMessage)
{
    public bool Unsuccessful => State is NodeState.Failed or NodeState.Stopped;

    /// <summary>"Failed", or "Failed (TIMEOUT)" when Glue's own word says more.</summary>
    public string StateText => GlueState is null || string.Equals(GlueState, GraphText.Describe(State), StringComparison.OrdinalIgnoreCase)
        ? GraphText.Describe(State)
        : $"{GraphText.Describe(State)} ({GlueState})";

    public string KindText => Kind == NodeKind.Crawler ? "Crawler" : "Job";

    /// <summary>Glue's execution time for a finished job run; otherwise the time from start to completion (or now).</summary>
    public TimeSpan? Duration(DateTimeOffset now) => ExecutionSeconds is > 0 && CompletedOn is not null
        ? TimeSpan.FromSeconds(ExecutionSeconds.Value)
        : StartedOn is { } started ? (CompletedOn ?? now) - started : null;
}

/// <summary>A job or crawler that <c>ResumeWorkflowRun</c> would run again.</summary>
public sealed record ResumableNode(string NodeId, string Name, NodeKind Kind, string? GlueState, string? ErrorMessage)
{
    public string KindText => Kind == NodeKind.Crawler ? "crawler" : "job";
}

/// <summary>Whether the run can be resumed, which nodes would run again, and if not, why.</summary>
public sealed record ResumePlan(IReadOnlyList<ResumableNode> Nodes, string? Blocker)
{
    public bool CanResume => Blocker is null && Nodes.Count > 0;
}

/// <summary>A workflow run as the Run page shows it: the run, its graph coloured by the run, its job runs and crawls.</summary>
public sealed record RunDetail(
    string Workflow,
    RunSummary Summary,
    WorkflowRunStatistics Statistics,
    EventBatching? Batching,
    int? StartingBatchSize,
    int? StartingBatchWindow,
    bool HasGraph,
    WorkflowGraphModel Graph,
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

public static class RunStatuses
{
    public const string Running = "RUNNING";
    public const string Completed = "COMPLETED";
    public const string Stopping = "STOPPING";
    public const string Stopped = "STOPPED";
    public const string Error = "ERROR";
}

