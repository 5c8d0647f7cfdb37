namespace Dashboard.Batching;

/// <summary>What one selected workflow would get from a bulk edit.</summary>
public enum BulkLineState
{
    /// <summary>Editable; the fields do not hold a valid batching yet.</summary>
    Editable,

    /// <summary>Saving would change its batching.</summary>
    WillChange,

    /// <summary>It already has this batching: nothing is sent.</summary>
    Unchanged,

    /// <summary>It cannot be edited, for <see cref="BulkPlanLine.Problem"/>.</summary>
    CannotEdit,
}

/// <summary>One workflow of a bulk edit: its trigger's batching now and after, or why it cannot be edited.</summary>
public sealed record BulkPlanLine(string Workflow, BulkLineState State, EditSession? Session, string? Problem, string? After)
{
    public string? TriggerName => Session?.TriggerName;

    public string Now => Session is { } session ? BatchingText.Describe(session.Current) : "—";
}

/// <summary>
/// One batching for several workflows: which of their start triggers it changes, which already have it, and which
/// cannot be edited and why. Built from the sessions the editor opened, without AWS calls.
/// </summary>
public sealed record BulkBatchingPlan(IReadOnlyList<BulkPlanLine> Lines, BatchingChange? Change)
{
    /// <summary>The plan for <paramref name="change"/>; null while the fields are not valid.</summary>
    public static BulkBatchingPlan Build(IEnumerable<(string Workflow, OpenResult Open)> opened, BatchingChange? change) => new(
        [.. opened.Select(o => Line(o.Workflow, o.Open, change))],
        change);

    public IEnumerable<EditSession> ToSave => Lines.Where(l => l.State == BulkLineState.WillChange).Select(l => l.Session).OfType<EditSession>();

    public int Count(BulkLineState state) => Lines.Count(l => l.State == state);

    private static BulkPlanLine Line(string workflow, OpenResult open, BatchingChange? change)
    {
        if (open.Session is not { } session)
        {
            return new(workflow, BulkLineState.CannotEdit, null, open.Problem ?? "It could not be opened.", null);
        }

        if (change is null || change.Validate().Count > 0)
        {
            return new(workflow, BulkLineState.Editable, session, null, null);
        }

        var after = BatchingText.Describe(change);
        return TriggerEditor.Preview(session, change).ChangesAnything
            ? new(workflow, BulkLineState.WillChange, session, null, after)
            : new(workflow, BulkLineState.Unchanged, session, null, after);
    }
}
