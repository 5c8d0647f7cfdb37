using Dashboard.Audit;
using Dashboard.Aws.Glue;
using Dashboard.Aws.Protocol;
using Dashboard.Batching;
using Dashboard.Cloud;
using Dashboard.Security;

namespace Dashboard.Workflows;

/// <summary>How a resume or a stop ended.</summary>
public enum RunWriteOutcome
{
    /// <summary>Glue accepted it.</summary>
    Done,

    /// <summary>Not sent: the actor may not write, or the input was bad.</summary>
    Refused,

    /// <summary>Not applied: Glue refused it, or it could not be recorded in the audit log first.</summary>
    Failed,

    /// <summary>Sent, but no answer came back: Glue may or may not have applied it.</summary>
    Unconfirmed,
}

/// <summary>What a resume or a stop did, in words; <see cref="NewRunId"/> is the resumed run's id.</summary>
public sealed record RunWriteResult(RunWriteOutcome Outcome, string Message)
{
    public string? NewRunId { get; init; }

    /// <summary>The audit records' correlation id, when they were written.</summary>
    public Guid? CorrelationId { get; init; }

    /// <summary>Set when the audit log could not record part of this write.</summary>
    public string? AuditProblem { get; init; }

    public bool Succeeded => Outcome == RunWriteOutcome.Done;
}

/// <summary>
/// The writes to a workflow run: <c>ResumeWorkflowRun</c> and <c>StopWorkflowRun</c>. Like the trigger editor, each one
/// refuses an actor who may not write before any AWS call, records a pending audit record before it calls Glue and the
/// outcome after (same correlation id), and never throws for an AWS or audit failure: the result says what happened.
/// </summary>
public sealed class RunControl(IGlueApi glue, IAuditLog audit, RunDetails details, CloudEnvironment environment, TimeProvider time, ILogger<RunControl> logger)
{
    public static string Target(string workflow, string runId) => $"workflow/{workflow}/run/{runId}";

    /// <summary>Restarts the given failed nodes of a COMPLETED run, and the nodes after them, as a new run.</summary>
    public Task<RunWriteResult> ResumeAsync(string workflow, string runId, IReadOnlyList<string> nodeIds, Actor who, CancellationToken cancellationToken)
    {
        var request = new ResumeWorkflowRunRequest { Name = workflow, RunId = runId, NodeIds = nodeIds };
        return WriteAsync(
            AuditActions.ResumeWorkflowRun, workflow, runId, who, "resume a workflow run",
            nodeIds.Count == 0 ? $"Resuming run {runId} of {workflow} needs at least one failed node to run again." : null,
            TriggerText.CanonicalJson(new { NodeIds = nodeIds }),
            $"Sending ResumeWorkflowRun for {nodeIds.Count} node(s).",
            async ct =>
            {
                var response = await glue.ResumeWorkflowRunAsync(request, ct);
                var newRunId = response.RunId ?? throw new InvalidOperationException($"Glue resumed run {runId} of {workflow} but returned no new run id.");
                var after = TriggerText.CanonicalJson(new { RunId = newRunId, NodeIds = response.NodeIds ?? nodeIds });
                return (new RunWriteResult(RunWriteOutcome.Done, $"Resumed run {runId} of {workflow} as {newRunId}.") { NewRunId = newRunId }, after);
            },
            cancellationToken);
    }

    /// <summary>Stops a RUNNING run: Glue stops its running jobs and crawlers and starts nothing more.</summary>
    public Task<RunWriteResult> StopAsync(string workflow, string runId, Actor who, CancellationToken cancellationToken) => WriteAsync(
        AuditActions.StopWorkflowRun, workflow, runId, who, "stop a workflow run",
        problem: null,
        intended: null,
        pendingMessage: "Sending StopWorkflowRun.",
        async ct =>
        {
            await glue.StopWorkflowRunAsync(new() { Name = workflow, RunId = runId }, ct);
            return (new RunWriteResult(RunWriteOutcome.Done, $"Stopping run {runId} of {workflow}: Glue stops its running jobs and crawlers and starts nothing more."), null);
        },
        cancellationToken);

    private async Task<RunWriteResult> WriteAsync(
        string action,
        string workflow,
        string runId,
        Actor who,
        string what,
        string? problem,
        string? intended,
        string pendingMessage,
        Func<CancellationToken, Task<(RunWriteResult Result, string? After)>> send,
        CancellationToken cancellationToken)
    {
        AuditRecord Record(AuditResult result, string message, string? after) =>
            AuditRecord.Create(time, who.Name, environment.Name, action, Target(workflow, runId), workflow, result, message, before: null, after);

        // 1. Who asks, and the input, before any AWS call.
        if (who.WriteRefusal(what) is { } denied)
        {
            var refused = new RunWriteResult(RunWriteOutcome.Refused, $"Nothing was sent: {denied}");
            return await RecordAloneAsync(refused, Record(AuditResult.Refused, refused.Message, intended), cancellationToken);
        }

        if (problem is not null)
        {
            var refused = new RunWriteResult(RunWriteOutcome.Refused, $"Nothing was sent: {problem}");
            return await RecordAloneAsync(refused, Record(AuditResult.Refused, refused.Message, intended), cancellationToken);
        }

        // 2. Record the intent; nothing is sent unless it is stored.
        var pending = Record(AuditResult.Pending, pendingMessage, intended);
        try
        {
            await audit.AppendAsync(pending, CancellationToken.None);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            logger.LogError(error, "Could not record the audit record for {Action} on run {RunId} of {Workflow}; not sending", action, runId, workflow);
            return new RunWriteResult(RunWriteOutcome.Failed, $"Nothing was sent: the request could not be recorded in the audit log, and every change is recorded before it is sent. ({error.Message})");
        }

        if (cancellationToken.IsCancellationRequested)
        {
            await RecordOutcomeAsync(new(RunWriteOutcome.Failed, $"Cancelled before {action} was sent; nothing was sent."), pending, AuditResult.Failed, null);
            cancellationToken.ThrowIfCancellationRequested();
        }

        // 3. Send, and record the outcome.
        RunWriteResult result;
        string? after;
        try
        {
            (result, after) = await send(cancellationToken);
        }
        catch (AwsApiException error)
        {
            logger.LogWarning(error, "{Action} on run {RunId} of {Workflow} failed", action, runId, workflow);
            return await RecordOutcomeAsync(new(RunWriteOutcome.Failed, $"Glue refused {action}, so nothing changed. {AwsErrorText.Explain(error)}"), pending, AuditResult.Failed, null);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await RecordOutcomeAsync(new(RunWriteOutcome.Unconfirmed, $"Cancelled while {action} was in flight: Glue may or may not have applied it."), pending, AuditResult.Failed, null);
            throw;
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            logger.LogWarning(error, "{Action} on run {RunId} of {Workflow} got no answer", action, runId, workflow);
            return await RecordOutcomeAsync(
                new(RunWriteOutcome.Unconfirmed, $"{action} was sent but no usable answer came back, so Glue may or may not have applied it. Refresh the run to check. {AwsErrorText.Explain(error)}"),
                pending, AuditResult.Failed, null);
        }

        logger.LogInformation("{Actor} ran {Action} on run {RunId} of {Workflow}", who.Name, action, runId, workflow);
        await details.InvalidateAsync(workflow, runId, CancellationToken.None);
        return await RecordOutcomeAsync(result, pending, AuditResult.Succeeded, after);
    }

    private async Task<RunWriteResult> RecordAloneAsync(RunWriteResult result, AuditRecord record, CancellationToken cancellationToken)
    {
        try
        {
            await audit.AppendAsync(record, cancellationToken);
            return result with { CorrelationId = record.CorrelationId };
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            logger.LogError(error, "Could not record the {Result} outcome of {Action} on {Target}", record.Result, record.Action, record.Target);
            return result with { AuditProblem = $"The audit log could not record this attempt: {error.Message}" };
        }
    }

    private async Task<RunWriteResult> RecordOutcomeAsync(RunWriteResult result, AuditRecord pending, AuditResult outcome, string? after)
    {
        result = result with { CorrelationId = pending.CorrelationId };
        try
        {
            await audit.AppendAsync(pending.Outcome(time, outcome, result.Message, after), CancellationToken.None);
            return result;
        }
        catch (Exception error)
        {
            logger.LogError(error, "Could not record the outcome of {Action} on {Target} (correlation {Correlation})", pending.Action, pending.Target, pending.CorrelationId);
            return result with { AuditProblem = $"The outcome could not be recorded in the audit log (its pending record {pending.CorrelationId} is there): {error.Message}" };
        }
    }
}
