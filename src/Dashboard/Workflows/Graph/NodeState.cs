using Dashboard.Aws.Glue;

namespace Dashboard.Workflows.Graph;

/// <summary>What one node did in a run. Triggers only ever <see cref="Fired"/> or stayed <see cref="NotRun"/>.</summary>
public enum NodeState
{
    NotRun,
    Running,
    Succeeded,
    Failed,
    Stopped,
    Fired,

    /// <summary>Glue reported a state this dashboard does not know yet.</summary>
    Unknown,
}

/// <summary>The latest run of a job node, or the latest crawl of a crawler node, in one workflow run.</summary>
public sealed record NodeRun(NodeState State, string? GlueState, string? ErrorMessage, DateTimeOffset? StartedOn, DateTimeOffset? CompletedOn)
{
    public static NodeRun None { get; } = new(NodeState.NotRun, null, null, null, null);
}

/// <summary>Node states from a run's graph (<c>GetWorkflowRun</c> with <c>IncludeGraph</c>).</summary>
public static class NodeStates
{
    /// <summary>
    /// The one mapping from Glue's <c>JobRunState</c> and <c>CrawlState</c> to a node state. The two enums share
    /// their spellings where they overlap, so one function reads both.
    /// </summary>
    public static NodeState FromGlue(string? state) => state switch
    {
        null or "" => NodeState.NotRun,
        "SUCCEEDED" => NodeState.Succeeded,
        "FAILED" or "ERROR" or "TIMEOUT" => NodeState.Failed,

        // EXPIRED: a queued job run waited past its time to live and never started; the action did not happen.
        "EXPIRED" => NodeState.Failed,
        "STARTING" or "RUNNING" or "WAITING" => NodeState.Running,
        "STOPPING" or "STOPPED" or "CANCELLING" or "CANCELLED" => NodeState.Stopped,
        _ => NodeState.Unknown,
    };

    /// <summary>
    /// The latest job run or crawl of a node: retries add attempts to the same node, and the last one decides.
    /// Trigger nodes carry no run of their own; see <see cref="OfTrigger"/>.
    /// </summary>
    public static NodeRun LatestRun(Node node)
    {
        if (node.JobDetails?.JobRuns is { Count: > 0 } jobRuns)
        {
            var latest = jobRuns
                .Select((run, position) => (run, position))
                .MaxBy(r => (r.run.StartedOn ?? DateTimeOffset.MinValue, r.run.Attempt ?? 0, r.position)).run;
            return new(FromGlue(latest.JobRunState), latest.JobRunState, latest.ErrorMessage, latest.StartedOn, latest.CompletedOn);
        }

        if (node.CrawlerDetails?.Crawls is { Count: > 0 } crawls)
        {
            var latest = crawls
                .Select((crawl, position) => (crawl, position))
                .MaxBy(c => (c.crawl.StartedOn ?? DateTimeOffset.MinValue, c.position)).crawl;
            return new(FromGlue(latest.State), latest.State, latest.ErrorMessage, latest.StartedOn, latest.CompletedOn);
        }

        return NodeRun.None;
    }

    /// <summary>A trigger fired when any node it starts ran, whatever the outcome.</summary>
    public static NodeState OfTrigger(IEnumerable<NodeState> destinations) =>
        destinations.Any(state => state != NodeState.NotRun) ? NodeState.Fired : NodeState.NotRun;
}
