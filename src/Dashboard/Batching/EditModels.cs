using Dashboard.Aws.Glue;
using Dashboard.Workflows;

namespace Dashboard.Batching;

/// <summary>What to edit: a workflow's start trigger, or a trigger by name.</summary>
public sealed record EditTarget(EditTargetKind Kind, string Name)
{
    public static EditTarget Workflow(string name) => new(EditTargetKind.Workflow, name);

    public static EditTarget Trigger(string name) => new(EditTargetKind.Trigger, name);

    public override string ToString() => $"{(Kind == EditTargetKind.Workflow ? "workflow" : "trigger")} {Name}";
}

public enum EditTargetKind
{
    Workflow,
    Trigger,
}

/// <summary>
/// A trigger as the editor read it when the form opened. <see cref="Fingerprint"/> covers every field, so a save can
/// tell whether anything changed in between.
/// </summary>
public sealed record EditSession(string Environment, string TriggerName, string? Workflow, Trigger Snapshot, string Fingerprint, DateTimeOffset OpenedAt)
{
    /// <summary>The batching as read; null when the trigger has none (AWS then starts a run for every event).</summary>
    public BatchingChange? Current => Snapshot.EventBatchingCondition is { } batching ? BatchingChange.From(batching) : null;
}

/// <summary>The session to edit, or why there is none.</summary>
public sealed record OpenResult(EditSession? Session, string? Problem, int AwsRequests)
{
    public bool Opened => Session is not null;
}

/// <summary>What a save would change, before anything is sent: the before and after lines of the fields that change.</summary>
public sealed record BatchingPreview(
    IReadOnlyList<DiffLine> Lines,
    IReadOnlyList<BatchingProblem> Problems,
    string Before,
    string After)
{
    public bool IsValid => Problems.Count == 0;

    public bool ChangesAnything => Lines.Count > 0;
}

public enum SaveOutcome
{
    /// <summary>Written, and the read-back shows exactly what was written.</summary>
    Saved,

    /// <summary>Nothing to write: the trigger already has this batching.</summary>
    Unchanged,

    /// <summary>Not written: the trigger changed since the session opened. See <see cref="SaveResult.Conflict"/>.</summary>
    Conflict,

    /// <summary>Not written: the input is invalid, or the trigger is not an EVENT trigger.</summary>
    Refused,

    /// <summary>Not written: reading the trigger, recording the audit record, or the write itself failed.</summary>
    Failed,

    /// <summary>Sent, but the dashboard cannot confirm the result: the read-back failed or differs, or the answer was lost.</summary>
    Unconfirmed,
}

/// <summary>A conflict: the trigger as it is now (theirs), as you meant it (yours), and their trigger with your batching.</summary>
public sealed record TriggerConflict(
    Trigger Theirs,
    Trigger Yours,
    Trigger Merged,
    IReadOnlyList<DiffLine> TheirChanges,
    EditSession Reopened);

/// <summary>What one save did, in words, with the AWS requests it made (3 when it writes: read, write, read back).</summary>
public sealed record SaveResult(string TriggerName, string? Workflow, SaveOutcome Outcome, string Message, int AwsRequests)
{
    public IReadOnlyList<BatchingProblem> Problems { get; init; } = [];

    /// <summary>The trigger as re-read just before the write.</summary>
    public Trigger? Before { get; init; }

    /// <summary>What was sent.</summary>
    public TriggerUpdate? Sent { get; init; }

    /// <summary>The trigger as read back after the write.</summary>
    public Trigger? After { get; init; }

    public TriggerConflict? Conflict { get; init; }

    /// <summary>Links this save's audit records.</summary>
    public Guid? CorrelationId { get; init; }

    /// <summary>Set when the outcome could not be recorded in the audit log after the write.</summary>
    public string? AuditProblem { get; init; }

    public bool Written => Outcome is SaveOutcome.Saved or SaveOutcome.Unconfirmed;
}

public static class BatchingText
{
    public static string Describe(BatchingChange? change) =>
        change is null ? "no batching condition (a run per event)" : new EventBatching(change.BatchSize, change.BatchWindow).Describe();
}
