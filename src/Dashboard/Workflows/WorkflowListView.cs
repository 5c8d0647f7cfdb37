using System.Globalization;
using System.Runtime.CompilerServices;

namespace Dashboard.Workflows;

/// <summary>One row of the Workflows list: the workflow and its badge, judged once per workflow summary.</summary>
public sealed record WorkflowRow(WorkflowSummary Workflow, WorkflowHealthReport Health)
{
    public string Name => Workflow.Name;
}

/// <summary>Which rules a row must have.</summary>
public enum RuleStateFilter
{
    Any,

    /// <summary>At least one enabled rule targets the workflow.</summary>
    Enabled,

    /// <summary>At least one disabled rule targets the workflow.</summary>
    Disabled,

    /// <summary>No rule targets the workflow.</summary>
    None,
}

public enum WorkflowSort
{
    Name,
    Health,
    LastRun,
    Batching,
    Invocations,
    FailedInvocations,
}

/// <summary>
/// What the Workflows list shows: search, filters and sort applied to a snapshot. Every field round-trips through
/// the URL query, because the URL is what people paste into incident channels.
/// </summary>
public sealed record WorkflowListView(
    string? Search = null,
    bool IncludeAll = false,
    bool UnhealthyOnly = false,
    RuleStateFilter Rules = RuleStateFilter.Any,
    WorkflowSort Sort = WorkflowSort.Name,
    bool Descending = false)
{
    /// <summary>Rows by summary instance; an entry goes with its snapshot.</summary>
    private static readonly ConditionalWeakTable<WorkflowSummary, WorkflowRow> SharedRows = new();

    /// <summary>
    /// Applies the view to a snapshot as far as its stage allows: names alone can only be searched, and the rule and
    /// health filters wait for the rules.
    /// </summary>
    public IReadOnlyList<WorkflowRow> Apply(WorkflowCatalogSnapshot snapshot) => snapshot.Stage switch
    {
        CatalogStage.Names => (this with { IncludeAll = true, UnhealthyOnly = false, Rules = RuleStateFilter.Any, Sort = WorkflowSort.Name }).Apply(snapshot.Workflows),
        CatalogStage.Details => (this with { UnhealthyOnly = false, Rules = RuleStateFilter.Any }).Apply(snapshot.Workflows),
        _ => Apply(snapshot.Workflows),
    };

    public IReadOnlyList<WorkflowRow> Apply(IEnumerable<WorkflowSummary> workflows)
    {
        var rows = workflows
            .Where(w => IncludeAll || w.IsEventDriven)
            .Where(Matches)
            .Where(MatchesRules)
            .Select(RowOf)
            .Where(r => !UnhealthyOnly || r.Health.IsUnhealthy);
        return [.. Sorted(rows)];
    }

    /// <summary>
    /// The row of a summary, made once and shared by every view of it: every circuit on the list shows the same
    /// snapshot, so each keeps only its own order of the rows, not a copy of them.
    /// </summary>
    public static WorkflowRow RowOf(WorkflowSummary workflow) => SharedRows.GetValue(workflow, static w => new WorkflowRow(w, WorkflowHealth.Assess(w)));

    /// <summary>How many workflows the event-driven filter hides.</summary>
    public static int HiddenByEventFilter(IEnumerable<WorkflowSummary> workflows) => workflows.Count(w => !w.IsEventDriven);

    /// <summary>Reads the view from the URL query values; unknown values fall back to the default.</summary>
    public static WorkflowListView FromQuery(string? search, bool? all, bool? unhealthy, string? rules, string? sort) => new(
        search,
        all == true,
        unhealthy == true,
        Enum.TryParse<RuleStateFilter>(rules, ignoreCase: true, out var r) && Enum.IsDefined(r) && !IsNumber(rules) ? r : RuleStateFilter.Any,
        ParseSort(sort, out var descending),
        descending);

    /// <summary>The URL query values of this view; defaults are left out so URLs stay short.</summary>
    public IReadOnlyDictionary<string, object?> ToQuery() => new Dictionary<string, object?>
    {
        ["q"] = string.IsNullOrWhiteSpace(Search) ? null : Search,
        ["all"] = IncludeAll ? "true" : null,
        ["unhealthy"] = UnhealthyOnly ? "true" : null,
        ["rules"] = Rules == RuleStateFilter.Any ? null : Rules.ToString().ToLowerInvariant(),
        ["sort"] = Sort == WorkflowSort.Name && !Descending ? null : $"{(Descending ? "-" : string.Empty)}{Sort.ToString().ToLowerInvariant()}",
    };

    private static WorkflowSort ParseSort(string? value, out bool descending)
    {
        var minus = value?.StartsWith('-') == true;
        var name = minus ? value?[1..] : value;
        var valid = Enum.TryParse<WorkflowSort>(name, ignoreCase: true, out var sort) && Enum.IsDefined(sort) && !IsNumber(name);
        descending = valid && minus;
        return valid ? sort : WorkflowSort.Name;
    }

    private static bool IsNumber(string? value) => int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _);

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

    private bool MatchesRules(WorkflowSummary workflow) => Rules switch
    {
        RuleStateFilter.Enabled => workflow.Rules.Any(r => r.State == "ENABLED"),
        RuleStateFilter.Disabled => workflow.Rules.Any(r => r.State == "DISABLED"),
        RuleStateFilter.None => workflow.Rules.Count == 0 && workflow.RulesProblem is null,
        _ => true,
    };

    private IEnumerable<WorkflowRow> Sorted(IEnumerable<WorkflowRow> rows)
    {
        // Ties always fall back on the name, so the order is stable from one poll to the next.
        var ordered = Sort switch
        {
            WorkflowSort.Health => Order(rows, r => (int)r.Health.Level),
            WorkflowSort.LastRun => Order(rows, r => r.Workflow.LastRun?.StartedOn ?? DateTimeOffset.MinValue),
            WorkflowSort.Batching => Order(rows, r => r.Workflow.StartTrigger?.Batching?.BatchSize ?? 0)
                .ThenBy(r => r.Workflow.StartTrigger?.Batching?.EffectiveWindowSeconds ?? 0),
            WorkflowSort.Invocations => Order(rows, r => r.Workflow.Activity?.InvocationsTotal ?? -1),
            WorkflowSort.FailedInvocations => Order(rows, r => r.Workflow.Activity?.FailedInvocationsTotal ?? -1),
            _ => Order(rows, r => r.Name, StringComparer.OrdinalIgnoreCase),
        };
        return ordered.ThenBy(r => r.Name, StringComparer.OrdinalIgnoreCase);
    }

    private IOrderedEnumerable<WorkflowRow> Order<TKey>(IEnumerable<WorkflowRow> rows, Func<WorkflowRow, TKey> key, IComparer<TKey>? comparer = null) =>
        Descending ? rows.OrderByDescending(key, comparer) : rows.OrderBy(key, comparer);
}
