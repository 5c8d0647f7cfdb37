namespace Dashboard.Workflows;

/// <summary>What the Workflows list shows: the filter and search applied to a snapshot.</summary>
public sealed record WorkflowListView(string? Search, bool IncludeAll)
{
    public IReadOnlyList<WorkflowSummary> Apply(IEnumerable<WorkflowSummary> workflows) => workflows
        .Where(w => IncludeAll || w.IsEventDriven)
        .Where(Matches)
        .ToList();

    /// <summary>A term matches the workflow's name, its start trigger's name, or one of its rules.</summary>
    private bool Matches(WorkflowSummary workflow)
    {
        if (string.IsNullOrWhiteSpace(Search))
        {
            return true;
        }

        var term = Search.Trim();
        return workflow.Name.Contains(term, StringComparison.OrdinalIgnoreCase)
            || (workflow.StartTrigger?.Name.Contains(term, StringComparison.OrdinalIgnoreCase) ?? false)
            || workflow.Rules.Any(r => r.RuleName.Contains(term, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>How many workflows the event-driven filter hides.</summary>
    public static int HiddenByEventFilter(IEnumerable<WorkflowSummary> workflows) => workflows.Count(w => !w.IsEventDriven);
}
