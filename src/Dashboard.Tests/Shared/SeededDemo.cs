using LocalCloud.Scenarios;

namespace Dashboard.Tests.Shared;

/// <summary>What LocalCloud's seeded demo holds, as the dashboard shows it.</summary>
public static class SeededDemo
{
    /// <summary>
    /// The workflows whose start trigger is EVENT: the three healthy pipelines, and the broken ones except the one
    /// whose start trigger is ON_DEMAND.
    /// </summary>
    /// <summary>Every seeded workflow: the walkthrough, two more event-driven pipelines, a scheduled one, and the broken ones.</summary>
    public static int Workflows => 4 + BrokenPipelines.Workflows.Count;

    public static int EventDrivenWorkflows => 3 + BrokenPipelines.Workflows.Count(w => w != BrokenPipelines.OnDemandStart);
}
