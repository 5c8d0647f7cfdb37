using System.Collections.Concurrent;
using Dashboard.Audit;
using Dashboard.Aws.Glue;
using Dashboard.Aws.Protocol;
using Dashboard.Cloud;
using Dashboard.Workflows;
using Dashboard.Security;

namespace Dashboard.Batching;

/// <summary>
/// Edits an EVENT trigger's batching safely. A save re-reads the trigger and refuses if anything changed since the
/// form opened; otherwise it sends the whole definition as just read with only the batching changed (UpdateTrigger
/// overwrites everything it is not sent), reads it back and confirms. Each write is recorded in the audit log before
/// it is sent and after. One singleton: saves of one trigger in this process queue behind one lock.
/// </summary>
/// <remarks>
/// Glue has no conditional update, so a change made by someone else between the re-read and the write (milliseconds)
/// cannot be detected before it happens; the read-back then reports the difference.
/// </remarks>
public sealed class TriggerEditor(IGlueApi glue, IAuditLog audit, CloudEnvironment environment, TimeProvider time, ILogger<TriggerEditor> logger)
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _locks = new(StringComparer.Ordinal);

    /// <summary>
    /// Reads the trigger to edit: a trigger by name (one GetTrigger), or a workflow's start trigger (GetWorkflow with
    /// its graph, then GetTrigger for the authoritative definition).
    /// </summary>
    public async Task<OpenResult> OpenAsync(EditTarget target, CancellationToken cancellationToken)
    {
        var requests = 0;
        try
        {
            string triggerName;
            string? workflow = null;
            if (target.Kind == EditTargetKind.Workflow)
            {
                requests++;
                var found = (await glue.GetWorkflowAsync(new() { Name = target.Name, IncludeGraph = true }, cancellationToken)).Workflow;
                if (found is null || WorkflowCatalog.StartTriggerOf(found)?.Name is not { } start)
                {
                    return new OpenResult(null, $"Workflow {target.Name} has no start trigger, so there is no batching to edit.", requests);
                }

                (triggerName, workflow) = (start, target.Name);
            }
            else
            {
                triggerName = target.Name;
            }

            requests++;
            var trigger = await ReadAsync(triggerName, cancellationToken);
            if (NotEditable(trigger) is { } refusal)
            {
                return new OpenResult(null, refusal, requests);
            }

            var session = new EditSession(environment.Name, triggerName, trigger.WorkflowName ?? workflow, trigger, TriggerText.Fingerprint(trigger), time.GetUtcNow());
            return new OpenResult(session, null, requests);
        }
        catch (AwsNotFoundException)
        {
            return new OpenResult(null, $"There is no {target} in {environment.Name}.", requests);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            logger.LogWarning(error, "Could not open {Target} for editing", target);
            return new OpenResult(null, $"The {target} could not be read: {AwsErrorText.Explain(error)}", requests);
        }
    }

    /// <summary>How many workflows <see cref="OpenManyAsync"/> reads at once; the client-side quotas set the rate.</summary>
    public const int MaxParallelOpens = 4;

    /// <summary>
    /// Opens the start trigger of each workflow, a few at once, for a bulk edit: one result per workflow, in the order
    /// given. <paramref name="opened"/> hears of each as it arrives.
    /// </summary>
    public async Task<IReadOnlyList<(string Workflow, OpenResult Open)>> OpenManyAsync(IReadOnlyList<string> workflows, Action<int>? opened, CancellationToken cancellationToken)
    {
        var results = new OpenResult[workflows.Count];
        var done = 0;
        await Parallel.ForEachAsync(
            Enumerable.Range(0, workflows.Count),
            new ParallelOptions { MaxDegreeOfParallelism = MaxParallelOpens, CancellationToken = cancellationToken },
            async (i, ct) =>
            {
                results[i] = await OpenAsync(EditTarget.Workflow(workflows[i]), ct);
                opened?.Invoke(Interlocked.Increment(ref done));
            });
        return [.. workflows.Select((workflow, i) => (workflow, results[i]))];
    }

    /// <summary>What saving this change would do to the trigger as the session read it; no AWS call.</summary>
    public static BatchingPreview Preview(EditSession session, BatchingChange change)
    {
        var problems = change.Validate();
        var lines = problems.Count > 0
            ? []
            : TriggerText.Diff(session.Snapshot, TriggerUpdates.Apply(session.Snapshot, change));
        return new BatchingPreview(lines, problems, BatchingText.Describe(session.Current), BatchingText.Describe(change));
    }

    /// <summary>
    /// Saves the change if the trigger is still as the session read it. Never throws for AWS or audit failures: the
    /// result says what happened, in words. Cancellation before the write leaves nothing written; cancellation during
    /// it is recorded in the audit log as an unknown outcome and then rethrown.
    /// </summary>
    public async Task<SaveResult> SaveAsync(EditSession session, BatchingChange change, Actor who, string? reason, CancellationToken cancellationToken)
    {
        var name = session.TriggerName;
        var gate = _locks.GetOrAdd($"{session.Environment}/{name}", _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            return await SaveLockedAsync(session, change, who, reason, cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>
    /// Saves one change to several triggers, one after another, each with the same checks as <see cref="SaveAsync"/>;
    /// a failure on one does not stop the others. Cancellation stops before the next trigger.
    /// </summary>
    public async Task<IReadOnlyList<SaveResult>> BulkSaveAsync(IEnumerable<EditSession> sessions, BatchingChange change, Actor who, string? reason, CancellationToken cancellationToken)
    {
        var results = new List<SaveResult>();
        foreach (var session in sessions)
        {
            cancellationToken.ThrowIfCancellationRequested();
            results.Add(await SaveAsync(session, change, who, reason, cancellationToken));
        }

        return results;
    }

    private async Task<SaveResult> SaveLockedAsync(EditSession session, BatchingChange change, Actor who, string? reason, CancellationToken cancellationToken)
    {
        var name = session.TriggerName;
        var requests = 0;
        SaveResult Result(SaveOutcome outcome, string message) => new(name, session.Workflow, outcome, message, requests);
        AuditRecord Record(AuditResult result, string message, string? before, string? after) => AuditRecord.Create(
            time, who.Name, session.Environment, AuditActions.UpdateTrigger, $"trigger/{name}", session.Workflow, result, message, before, after, reason);
        var intended = TriggerText.CanonicalJson(new { EventBatchingCondition = change.ToCondition() });

        // 1. Who asks, and the input, before any AWS call.
        if (who.WriteRefusal("change a trigger's batching") is { } denied)
        {
            var refused = Result(SaveOutcome.Refused, $"Nothing was written: {denied}");
            return await RecordAloneAsync(refused, Record(AuditResult.Refused, refused.Message, null, intended), cancellationToken);
        }

        if (change.Validate() is { Count: > 0 } problems)
        {
            var refused = Result(SaveOutcome.Refused, $"Nothing was written: {string.Join(" ", problems.Select(p => p.Message))}") with { Problems = problems };
            return await RecordAloneAsync(refused, Record(AuditResult.Refused, refused.Message, null, intended), cancellationToken);
        }

        // 2. Re-read: the write is built from this, never from the session's copy.
        Trigger fresh;
        try
        {
            requests++;
            fresh = await ReadAsync(name, cancellationToken);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            logger.LogWarning(error, "Could not re-read trigger {Trigger} before saving", name);
            var failed = Result(SaveOutcome.Failed, $"Nothing was written: the trigger could not be read again before saving. {AwsErrorText.Explain(error)}");
            return await RecordAloneAsync(failed, Record(AuditResult.Failed, failed.Message, null, intended), cancellationToken);
        }

        var before = TriggerText.CanonicalJson(fresh);
        if (NotEditable(fresh) is { } notEvent)
        {
            var refused = Result(SaveOutcome.Refused, $"Nothing was written: {notEvent}") with { Before = fresh };
            return await RecordAloneAsync(refused, Record(AuditResult.Refused, refused.Message, before, intended), cancellationToken);
        }

        if (TriggerText.Fingerprint(fresh) != session.Fingerprint)
        {
            var theirChanges = TriggerText.Diff(session.Snapshot, fresh);
            var conflict = new TriggerConflict(
                Theirs: fresh,
                Yours: TriggerUpdates.Apply(session.Snapshot, change),
                Merged: TriggerUpdates.Apply(fresh, change),
                TheirChanges: theirChanges,
                Reopened: session with { Snapshot = fresh, Fingerprint = TriggerText.Fingerprint(fresh), OpenedAt = time.GetUtcNow() });
            var fields = string.Join(", ", theirChanges.Select(l => l.Field).Take(5)) + (theirChanges.Count > 5 ? ", …" : string.Empty);
            var result = Result(SaveOutcome.Conflict,
                $"Nothing was written: {name} changed since you opened it ({fields}). Review their version; saving the merge keeps their changes with your batching.")
                with { Before = fresh, Conflict = conflict };
            return await RecordAloneAsync(result, Record(AuditResult.Conflict, result.Message, before, intended), cancellationToken);
        }

        if (fresh.EventBatchingCondition is { } current && BatchingChange.From(current) == change)
        {
            return Result(SaveOutcome.Unchanged, $"Nothing to save: {name} already batches {BatchingText.Describe(change)}.") with { Before = fresh };
        }

        // 3. Record the intent, then write the whole definition.
        var update = TriggerUpdates.WithBatching(fresh, change);
        var pending = Record(AuditResult.Pending, $"Sending UpdateTrigger: {BatchingText.Describe(session.Current)} → {BatchingText.Describe(change)}.", before, TriggerText.CanonicalJson(update));
        try
        {
            // Not cancellable: a pending record is either stored with its outcome to follow, or not stored at all.
            await audit.AppendAsync(pending, CancellationToken.None);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            logger.LogError(error, "Could not record the audit record for trigger {Trigger}; not writing", name);
            return Result(SaveOutcome.Failed, $"Nothing was written: the change could not be recorded in the audit log, and every change is recorded before it is sent. ({error.Message})")
                with { Before = fresh };
        }

        var sent = Result(SaveOutcome.Failed, string.Empty) with { Before = fresh, Sent = update, CorrelationId = pending.CorrelationId };
        if (cancellationToken.IsCancellationRequested)
        {
            await RecordOutcomeAsync(sent with { Message = "The save was cancelled before UpdateTrigger was sent; nothing was written." }, pending, AuditResult.Failed, after: before);
            cancellationToken.ThrowIfCancellationRequested();
        }

        try
        {
            requests++;
            await glue.UpdateTriggerAsync(new() { Name = name, TriggerUpdate = update }, cancellationToken);
        }
        catch (AwsApiException error)
        {
            // AWS answered with an error: UpdateTrigger is one call, so nothing was applied.
            logger.LogWarning(error, "UpdateTrigger on {Trigger} failed", name);
            var failed = sent with { Outcome = SaveOutcome.Failed, Message = $"AWS refused the update, so the trigger is unchanged. {AwsErrorText.Explain(error)}", AwsRequests = requests };
            return await RecordOutcomeAsync(failed, pending, AuditResult.Failed, after: before);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            var unknown = sent with { Outcome = SaveOutcome.Unconfirmed, Message = "The save was cancelled while UpdateTrigger was in flight: AWS may or may not have applied it. Open the trigger again to check.", AwsRequests = requests };
            await RecordOutcomeAsync(unknown, pending, AuditResult.Failed, after: null);
            throw;
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            // No answer (connection lost, time-out): AWS may have applied it.
            logger.LogWarning(error, "UpdateTrigger on {Trigger} got no answer", name);
            var unknown = sent with { Outcome = SaveOutcome.Unconfirmed, Message = $"The update was sent but no answer came back, so AWS may or may not have applied it. Open the trigger again to check. {AwsErrorText.Explain(error)}", AwsRequests = requests };
            return await RecordOutcomeAsync(unknown, pending, AuditResult.Failed, after: null);
        }

        // 4. Read back and confirm.
        Trigger readBack;
        try
        {
            requests++;
            readBack = await ReadAsync(name, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            var unconfirmed = sent with { Outcome = SaveOutcome.Unconfirmed, Message = "AWS accepted the update, but the save was cancelled before reading it back, so it is not confirmed.", AwsRequests = requests };
            await RecordOutcomeAsync(unconfirmed, pending, AuditResult.Failed, after: null);
            throw;
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            logger.LogWarning(error, "Could not read back trigger {Trigger} after saving", name);
            var unconfirmed = sent with { Outcome = SaveOutcome.Unconfirmed, Message = $"AWS accepted the update, but reading it back failed, so it is not confirmed. {AwsErrorText.Explain(error)}", AwsRequests = requests };
            return await RecordOutcomeAsync(unconfirmed, pending, AuditResult.Failed, after: null);
        }

        var confirmed = sent with { After = readBack, AwsRequests = requests };
        var after = TriggerText.CanonicalJson(readBack);
        if (!TriggerUpdates.SameDefinition(TriggerUpdates.Keep(readBack), update))
        {
            var differences = TriggerText.Diff(update, TriggerUpdates.Keep(readBack));
            var mismatch = confirmed with
            {
                Outcome = SaveOutcome.Unconfirmed,
                Message = $"AWS accepted the update, but the trigger reads back differently from what was written: {string.Join("; ", differences.Select(d => $"{d.Field} is {d.After ?? "(not set)"} where {d.Before ?? "(not set)"} was written"))}. Someone may have changed it at the same moment; open it again to check.",
            };
            return await RecordOutcomeAsync(mismatch, pending, AuditResult.Failed, after);
        }

        var saved = confirmed with { Outcome = SaveOutcome.Saved, Message = $"Saved: {name} now batches {BatchingText.Describe(change)}, confirmed by reading it back. Runs already in progress keep the batching they started with." };
        return await RecordOutcomeAsync(saved, pending, AuditResult.Succeeded, after);
    }

    private async Task<Trigger> ReadAsync(string name, CancellationToken cancellationToken) =>
        (await glue.GetTriggerAsync(new() { Name = name }, cancellationToken)).Trigger
        ?? throw new InvalidOperationException($"Glue GetTrigger returned no trigger for {name}.");

    private static string? NotEditable(Trigger trigger) => trigger.Type == TriggerTypes.Event
        ? null
        : $"{trigger.Name} is a {trigger.Type ?? "typeless"} trigger. Only EVENT triggers have event batching (BatchSize and BatchWindow) to edit.";

    /// <summary>An attempt that sent nothing: one audit record. If the log fails, the result says so; nothing was written anyway.</summary>
    private async Task<SaveResult> RecordAloneAsync(SaveResult result, AuditRecord record, CancellationToken cancellationToken)
    {
        try
        {
            await audit.AppendAsync(record, cancellationToken);
            return result with { CorrelationId = record.CorrelationId };
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            logger.LogError(error, "Could not record the {Result} outcome for trigger {Trigger}", record.Result, result.TriggerName);
            return result with { AuditProblem = $"The audit log could not record this attempt: {error.Message}" };
        }
    }

    /// <summary>
    /// The outcome of a write that was sent. It is recorded even when the save is being cancelled (a local insert);
    /// if the log fails now, the write stands and the result says the record is missing.
    /// </summary>
    private async Task<SaveResult> RecordOutcomeAsync(SaveResult result, AuditRecord pending, AuditResult outcome, string? after)
    {
        try
        {
            await audit.AppendAsync(pending.Outcome(time, outcome, result.Message, after), CancellationToken.None);
            return result;
        }
        catch (Exception error)
        {
            logger.LogError(error, "Could not record the outcome of UpdateTrigger on {Trigger} (correlation {Correlation})", result.TriggerName, pending.CorrelationId);
            return result with { AuditProblem = $"The change's outcome could not be recorded in the audit log (its pending record {pending.CorrelationId} is there): {error.Message}" };
        }
    }
}
