namespace Dashboard.Audit;

/// <summary>Where a write stands. A write is recorded as <see cref="Pending"/> before it is sent, then its outcome.</summary>
public enum AuditResult
{
    /// <summary>About to be sent to AWS; the outcome follows in a record with the same correlation id.</summary>
    Pending,

    /// <summary>AWS applied it (and, for trigger edits, the read-back confirmed it).</summary>
    Succeeded,

    /// <summary>AWS refused it or failed, or the outcome could not be confirmed; the message says which.</summary>
    Failed,

    /// <summary>Not sent: the target changed since the editor read it.</summary>
    Conflict,

    /// <summary>Not sent: the input was invalid or the target cannot take this change.</summary>
    Refused,
}

/// <summary>The writes the dashboard makes to AWS, named as the AWS operations.</summary>
public static class AuditActions
{
    public const string UpdateTrigger = "UpdateTrigger";
    public const string ResumeWorkflowRun = "ResumeWorkflowRun";
    public const string StopWorkflowRun = "StopWorkflowRun";
}

/// <summary>
/// One line of the audit trail. Records are only ever appended: a write leaves a <see cref="AuditResult.Pending"/>
/// record before it is sent and an outcome record after, linked by <see cref="CorrelationId"/>; an attempt that is
/// refused or conflicts before anything is sent leaves one record.
/// </summary>
public sealed record AuditRecord
{
    public required Guid Id { get; init; }

    public required DateTimeOffset Time { get; init; }

    /// <summary>Who asked for the write: the signed-in user, or the local user in Local mode.</summary>
    public required string Actor { get; init; }

    /// <summary>The account and region the write went to, by the environment's name.</summary>
    public required string Environment { get; init; }

    /// <summary>One of <see cref="AuditActions"/>.</summary>
    public required string Action { get; init; }

    /// <summary>What was written, as <c>trigger/NAME</c> or <c>workflow/NAME/run/ID</c>.</summary>
    public required string Target { get; init; }

    /// <summary>The workflow the target belongs to, when there is one.</summary>
    public string? Workflow { get; init; }

    /// <summary>The target as read before the write, as JSON.</summary>
    public string? Before { get; init; }

    /// <summary>What was sent (pending record) or what AWS holds afterwards (outcome record), as JSON.</summary>
    public string? After { get; init; }

    public required AuditResult Result { get; init; }

    /// <summary>The outcome in words.</summary>
    public string? Message { get; init; }

    /// <summary>Why the user made the change, as they typed it.</summary>
    public string? Reason { get; init; }

    /// <summary>Shared by the pending record of a write and its outcome.</summary>
    public required Guid CorrelationId { get; init; }

    /// <summary>A new record; its id is time-ordered (UUID version 7) and its time is the given clock's.</summary>
    public static AuditRecord Create(
        TimeProvider time,
        string actor,
        string environment,
        string action,
        string target,
        string? workflow,
        AuditResult result,
        string? message = null,
        string? before = null,
        string? after = null,
        string? reason = null,
        Guid? correlationId = null)
    {
        var now = time.GetUtcNow();
        var id = Guid.CreateVersion7(now);
        return new AuditRecord
        {
            Id = id,
            Time = now,
            Actor = actor,
            Environment = environment,
            Action = action,
            Target = target,
            Workflow = workflow,
            Before = before,
            After = after,
            Result = result,
            Message = message,
            Reason = reason,
            CorrelationId = correlationId ?? id,
        };
    }

    /// <summary>The outcome of this pending write: a new record with the same correlation id, actor, target and reason.</summary>
    public AuditRecord Outcome(TimeProvider time, AuditResult result, string message, string? after)
    {
        var now = time.GetUtcNow();
        return this with { Id = Guid.CreateVersion7(now), Time = now, Result = result, Message = message, After = after };
    }

    /// <summary>The problems that stop this record from being stored, in words; empty when it is complete.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        Require(Actor, nameof(Actor));
        Require(Environment, nameof(Environment));
        Require(Action, nameof(Action));
        Require(Target, nameof(Target));
        if (Id == Guid.Empty)
        {
            problems.Add("Id is empty.");
        }

        if (CorrelationId == Guid.Empty)
        {
            problems.Add("CorrelationId is empty.");
        }

        if (!Enum.IsDefined(Result))
        {
            problems.Add($"Result {(int)Result} is not an audit result.");
        }

        return problems;

        void Require(string value, string name)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                problems.Add($"{name} is empty.");
            }
        }
    }
}
