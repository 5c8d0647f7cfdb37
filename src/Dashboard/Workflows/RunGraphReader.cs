using Dashboard.Aws.Glue;
using Dashboard.Workflows.Graph;

namespace Dashboard.Workflows;

/// <summary>
/// Reads a run's graph (<c>GetWorkflowRun</c> with <c>IncludeGraph</c>) for what the graph drawing does not show: every
/// job run and crawl, and the start trigger's batching as Glue snapshotted it when the run started. Node states come
/// from <see cref="WorkflowGraphModel"/>.
/// </summary>
public static class RunGraphReader
{
    /// <summary>Every job run and crawl in the graph, oldest first.</summary>
    public static IReadOnlyList<ActionAttempt> Attempts(WorkflowGraph? graph)
    {
        var attempts = new List<ActionAttempt>();
        foreach (var node in graph?.Nodes ?? [])
        {
            var name = node.Name ?? "(unnamed)";
            foreach (var run in node.JobDetails?.JobRuns ?? [])
            {
                attempts.Add(new ActionAttempt(name, NodeKind.Job, run.Id, run.Attempt ?? 0, run.JobRunState, NodeStates.FromGlue(run.JobRunState),
                    run.StartedOn, run.CompletedOn, run.ExecutionTime, run.ErrorMessage));
            }

            var crawls = node.CrawlerDetails?.Crawls ?? [];
            for (var i = 0; i < crawls.Count; i++)
            {
                var crawl = crawls[i];
                attempts.Add(new ActionAttempt(name, NodeKind.Crawler, null, i, crawl.State, NodeStates.FromGlue(crawl.State),
                    crawl.StartedOn, crawl.CompletedOn, null, crawl.ErrorMessage));
            }
        }

        return [.. attempts.OrderBy(a => a.StartedOn ?? DateTimeOffset.MaxValue).ThenBy(a => a.NodeName, StringComparer.Ordinal).ThenBy(a => a.Attempt)];
    }

    /// <summary>The start trigger's batching as the run's graph holds it: the definition when the run started.</summary>
    public static EventBatching? StartBatching(WorkflowGraph? graph) =>
        graph?.Nodes?
            .Select(n => n.TriggerDetails?.Trigger)
            .FirstOrDefault(t => t?.Type == TriggerTypes.Event)?
            .EventBatchingCondition is { } batching
            ? new EventBatching(batching.BatchSize, batching.BatchWindow)
            : null;
}
