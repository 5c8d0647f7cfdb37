using Dashboard.Workflows;

namespace Dashboard.Live;

/// <summary>
/// The live feeds of workflow data, each defined once: every page that shows the same data subscribes to the same
/// key with the same loader, so they share one poll.
/// </summary>
public static class WorkflowFeeds
{
    public const string OverviewKey = "workflow-overview";

    /// <summary>The Workflows list and its activity; a list younger than half a poll is reused, so a page that reconnects costs nothing.</summary>
    public static LiveFeed<WorkflowCatalogSnapshot> Overview(LiveData live, WorkflowOverview overview, Func<Task> changed) =>
        new(live, OverviewKey, (progress, ct) => overview.LoadAsync(live.Interval / 2, progress, ct), changed);

    public static string RunsKey(string workflow) => $"workflow-runs:{workflow}";

    /// <summary>The newest page of a workflow's runs.</summary>
    public static LiveFeed<RunHistoryPage> Runs(LiveData live, WorkflowRuns runs, string workflow, Func<Task> changed) =>
        new(live, RunsKey(workflow), ct => runs.GetPageAsync(workflow, null, ct), changed);
}
