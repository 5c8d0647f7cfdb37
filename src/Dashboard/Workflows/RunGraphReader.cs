using Dashboard.Aws.Glue;

namespace Dashboard.Workflows;

/// <summary>
/// Reads a run's graph (<c>GetWorkflowRun</c> with <c>IncludeGraph</c>): each node's state in the run, every job run and
/// crawl, and the start trigger's batching as Glue snapshotted it when the run started.
/// </summary>
public static class RunGraphReader
{
    /// <summary>
    /// One mapping from Glue's <c>JobRunState</c> and crawl <c>State</c> to a node state; the two enums share their
    /// spellings where they overlap.
    /// </summary>
    public static RunNodeState StateOf(string? glueState) => glueState switch
    {
        null or "" => RunNodeState.NotRun,
        "SUCCEEDED" => RunNodeState.Succeeded,

        // EXPIRED: a queued job run waited past its time to live and never started.
        "FAILED" or "ERROR" or "TIMEOUT" or "EXPIRED" => RunNodeState.Failed,
        "STARTING" or "RUNNING" or "WAITING" => RunNodeState.Running,
        "STOPPING" or "STOPPED" or "CANCELLING" or "CANCELLED" => RunNodeState.Stopped,
        _ => RunNodeState.Unknown,
    };

    /// <summary>Every job run and crawl in the graph, oldest first.</summary>
    public static IReadOnlyList<ActionAttempt> Attempts(WorkflowGraph? graph)
    {
        var attempts = new List<ActionAttempt>();
        foreach (var node in graph?.Nodes ?? [])
        {
            var name = node.Name ?? "(unnamed)";
            foreach (var run in node.JobDetails?.JobRuns ?? [])
            {
                attempts.Add(new ActionAttempt(name, NodeTypes.Job, run.Id, run.Attempt ?? 0, run.JobRunState, StateOf(run.JobRunState),
                    run.StartedOn, run.CompletedOn, run.ExecutionTime, run.ErrorMessage));
            }

            var crawls = node.CrawlerDetails?.Crawls ?? [];
            for (var i = 0; i < crawls.Count; i++)
            {
                var crawl = crawls[i];
                attempts.Add(new ActionAttempt(name, NodeTypes.Crawler, null, i, crawl.State, StateOf(crawl.State),
                    crawl.StartedOn, crawl.CompletedOn, null, crawl.ErrorMessage));
            }
        }

        return [.. attempts.OrderBy(a => a.StartedOn ?? DateTimeOffset.MaxValue).ThenBy(a => a.NodeName, StringComparer.Ordinal).ThenBy(a => a.Attempt)];
    }

    /// <summary>
    /// The graph's nodes in reading order (the start trigger first, then each node after the ones it follows), each with
    /// its state in this run. A job or crawler takes the state of its latest attempt: a retry that succeeded makes the
    /// node succeeded. A trigger fired when any action it starts ran.
    /// </summary>
    public static IReadOnlyList<RunNode> Nodes(WorkflowGraph? graph)
    {
        var nodes = (graph?.Nodes ?? []).Where(n => n.UniqueId is not null).ToList();
        var byId = nodes.ToDictionary(n => n.UniqueId ?? string.Empty, StringComparer.Ordinal);
        var edges = (graph?.Edges ?? []).Where(e => e.SourceId is not null && e.DestinationId is not null && byId.ContainsKey(e.SourceId) && byId.ContainsKey(e.DestinationId)).ToList();
        var incoming = edges.ToLookup(e => e.DestinationId ?? string.Empty, e => e.SourceId ?? string.Empty, StringComparer.Ordinal);
        var outgoing = edges.ToLookup(e => e.SourceId ?? string.Empty, e => e.DestinationId ?? string.Empty, StringComparer.Ordinal);

        var states = new Dictionary<string, RunNode>(StringComparer.Ordinal);
        foreach (var node in nodes.Where(n => n.Type != NodeTypes.Trigger))
        {
            states[node.UniqueId ?? string.Empty] = ActionNode(node, AfterNames(node, incoming, byId));
        }

        foreach (var node in nodes.Where(n => n.Type == NodeTypes.Trigger))
        {
            var id = node.UniqueId ?? string.Empty;
            var fired = outgoing[id].Any(target => states.TryGetValue(target, out var action) && action.State != RunNodeState.NotRun);
            states[id] = new RunNode(id, NodeTypes.Trigger, node.Name ?? "(unnamed)", fired ? RunNodeState.Fired : RunNodeState.NotRun, null,
                node.TriggerDetails?.Trigger?.Type, null, null, null, 0, AfterNames(node, incoming, byId));
        }

        return [.. ReadingOrder(nodes, incoming, outgoing).Select(n => states[n.UniqueId ?? string.Empty])];
    }

    /// <summary>The start trigger's batching as the run's graph holds it: the definition when the run started.</summary>
    public static EventBatching? StartBatching(WorkflowGraph? graph) =>
        graph?.Nodes?
            .Select(n => n.TriggerDetails?.Trigger)
            .FirstOrDefault(t => t?.Type == TriggerTypes.Event)?
            .EventBatchingCondition is { } batching
            ? new EventBatching(batching.BatchSize, batching.BatchWindow)
            : null;

    private static RunNode ActionNode(Node node, IReadOnlyList<string> after)
    {
        var id = node.UniqueId ?? string.Empty;
        var type = node.Type ?? NodeTypes.Job;
        var name = node.Name ?? "(unnamed)";
        if (node.JobDetails?.JobRuns is { Count: > 0 } runs)
        {
            // Retries are attempts of the same node: the latest decides.
            var latest = runs.Select((run, position) => (run, position)).MaxBy(r => (r.run.StartedOn ?? DateTimeOffset.MinValue, r.run.Attempt ?? 0, r.position)).run;
            return new RunNode(id, type, name, StateOf(latest.JobRunState), latest.JobRunState, null, runs.Min(r => r.StartedOn), latest.CompletedOn, latest.ErrorMessage, runs.Count, after);
        }

        if (node.CrawlerDetails?.Crawls is { Count: > 0 } crawls)
        {
            var latest = crawls.Select((crawl, position) => (crawl, position)).MaxBy(c => (c.crawl.StartedOn ?? DateTimeOffset.MinValue, c.position)).crawl;
            return new RunNode(id, type, name, StateOf(latest.State), latest.State, null, crawls.Min(c => c.StartedOn), latest.CompletedOn, latest.ErrorMessage, crawls.Count, after);
        }

        return new RunNode(id, type, name, RunNodeState.NotRun, null, null, null, null, null, 0, after);
    }

    private static List<string> AfterNames(Node node, ILookup<string, string> incoming, Dictionary<string, Node> byId) =>
        [.. incoming[node.UniqueId ?? string.Empty].Select(source => byId[source].Name ?? source).Order(StringComparer.Ordinal)];

    /// <summary>Breadth-first from the nodes nothing precedes, start triggers first; a cycle's leftovers come last.</summary>
    private static List<Node> ReadingOrder(List<Node> nodes, ILookup<string, string> incoming, ILookup<string, string> outgoing)
    {
        static int Rank(Node n) => n.Type == NodeTypes.Trigger && n.TriggerDetails?.Trigger?.Type is not "CONDITIONAL" ? 0 : 1;
        var ordered = new List<Node>(nodes.Count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var queue = new Queue<Node>(nodes.Where(n => !incoming[n.UniqueId ?? string.Empty].Any()).OrderBy(Rank).ThenBy(n => n.Name, StringComparer.Ordinal));
        var byId = nodes.ToDictionary(n => n.UniqueId ?? string.Empty, StringComparer.Ordinal);
        while (queue.Count > 0)
        {
            var node = queue.Dequeue();
            if (!seen.Add(node.UniqueId ?? string.Empty))
            {
                continue;
            }

            ordered.Add(node);
            foreach (var next in outgoing[node.UniqueId ?? string.Empty].Select(id => byId[id]).OrderBy(n => n.Name, StringComparer.Ordinal))
            {
                queue.Enqueue(next);
            }
        }

        ordered.AddRange(nodes.Where(n => !seen.Contains(n.UniqueId ?? string.Empty)).OrderBy(n => n.Name, StringComparer.Ordinal));
        return ordered;
    }
}

/// <summary>Which nodes <c>ResumeWorkflowRun</c> should restart.</summary>
public static class ResumePlanner
{
    /// <summary>
    /// Glue resumes only a COMPLETED run, from jobs or crawlers that had a run attempt in it and did not succeed: those
    /// whose latest attempt failed, errored, timed out, expired or was stopped (a crawl: failed or cancelled). The nodes
    /// after them run again too, so they are not named.
    /// </summary>
    public static ResumePlan For(WorkflowRun run)
    {
        var status = run.Status ?? "UNKNOWN";
        if (status != RunStatuses.Completed)
        {
            var blocker = status switch
            {
                RunStatuses.Running => "The run is still running. Glue resumes only a COMPLETED run.",
                RunStatuses.Stopping or RunStatuses.Stopped => "The run was stopped. Glue resumes only a COMPLETED run.",
                RunStatuses.Error when RunAssessment.HealthOf(run) == RunHealth.RefusedForConcurrency =>
                    "Glue refused this run for the workflow's concurrency limit: no node ran, so there is nothing to resume.",
                _ => $"The run is {status}. Glue resumes only a COMPLETED run.",
            };
            return new ResumePlan([], blocker);
        }

        if (run.Graph?.Nodes is null)
        {
            return new ResumePlan([], "Glue did not return this run's graph, so its failed nodes are not known.");
        }

        var nodes = RunGraphReader.Nodes(run.Graph)
            .Where(n => n.IsAction && n.State is RunNodeState.Failed or RunNodeState.Stopped)
            .Select(n => new ResumableNode(n.UniqueId, n.Name, n.Type, n.GlueState, n.ErrorMessage))
            .ToList();
        return nodes.Count == 0
            ? new ResumePlan([], "Every job and crawler that ran in this run succeeded: there is nothing to resume.")
            : new ResumePlan(nodes, null);
    }
}
