using Dashboard.Audit;
using Dashboard.Aws.Glue;
using Dashboard.Batching;
using Dashboard.Cloud;
using Dashboard.Security;
using Dashboard.Tests.Shared;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Tests.Batching;

/// <summary>The editor against an in-memory Glue that overwrites like Glue: every outcome, its requests and its audit records.</summary>
public sealed class TriggerEditorTests
{
    private const string Name = "orders-start";
    private const string Workflow = "orders";

    private readonly FakeGlue _glue = new();
    private readonly MemoryAuditLog _audit = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    public TriggerEditorTests() => _glue.AddWorkflow(Workflow, RichEventTrigger(Name));

    private TriggerEditor Editor(IAuditLog? audit = null) =>
        new(_glue, audit ?? _audit, new CloudEnvironment("prod"), _clock, NullLogger<TriggerEditor>.Instance);

    /// <summary>An EVENT trigger with two actions (arguments, timeout, notification, security configuration, a crawler) and a description.</summary>
    public static Trigger RichEventTrigger(string name) => new()
    {
        Name = name,
        Id = "t-1",
        Type = "EVENT",
        State = "CREATED",
        Description = "Starts the merge when order files land",
        EventBatchingCondition = new() { BatchSize = 5, BatchWindow = 900 },
        Actions =
        [
            new()
            {
                JobName = "merge",
                Arguments = new Dictionary<string, string> { ["--mode"] = "full", ["--day"] = "today" },
                Timeout = 30,
                SecurityConfiguration = "sec",
                NotificationProperty = new() { NotifyDelayAfter = 5 },
            },
            new() { CrawlerName = "orders-crawler" },
        ],
    };

    private async Task<EditSession> OpenAsync()
    {
        var opened = await Editor().OpenAsync(EditTarget.Workflow(Workflow), _ct);
        return opened.Session ?? throw new InvalidOperationException(opened.Problem);
    }

    private static Actor Operator(string name) => new(name, DashboardRoles.Operator);

    [Fact]
    public async Task Open_Workflow_ReadsItsStartTriggerInTwoRequests()
    {
        var opened = await Editor().OpenAsync(EditTarget.Workflow(Workflow), _ct);

        var session = Assert.IsType<EditSession>(opened.Session);
        Assert.Equal((Name, Workflow, "prod"), (session.TriggerName, session.Workflow, session.Environment));
        Assert.Equal(new BatchingChange(5, 900), session.Current);
        Assert.Equal(2, opened.AwsRequests);
        Assert.Equal(64, session.Fingerprint.Length);
        Assert.Equal(_clock.GetUtcNow(), session.OpenedAt);
    }

    [Fact]
    public async Task Open_Trigger_ReadsItInOneRequest()
    {
        var opened = await Editor().OpenAsync(EditTarget.Trigger(Name), _ct);

        Assert.True(opened.Opened);
        Assert.Equal(1, opened.AwsRequests);
        Assert.Equal(1, _glue.Calls["GetTrigger"]);
    }

    [Fact]
    public async Task Open_ScheduledTrigger_IsRefusedInWords()
    {
        _glue.AddWorkflow("nightly", FakeGlue.ScheduledTrigger("nightly-start", "cron(0 2 * * ? *)"));

        var opened = await Editor().OpenAsync(EditTarget.Workflow("nightly"), _ct);

        Assert.Null(opened.Session);
        Assert.Equal("nightly-start is a SCHEDULED trigger. Only EVENT triggers have event batching (BatchSize and BatchWindow) to edit.", opened.Problem);
    }

    [Fact]
    public async Task Open_MissingWorkflow_SaysSo()
    {
        var opened = await Editor().OpenAsync(EditTarget.Workflow("absent"), _ct);

        Assert.Equal("There is no workflow absent in prod.", opened.Problem);
    }

    [Fact]
    public async Task Open_WorkflowWithoutStartTrigger_SaysSo()
    {
        _glue.AddWorkflow("empty");

        var opened = await Editor().OpenAsync(EditTarget.Workflow("empty"), _ct);

        Assert.Equal("Workflow empty has no start trigger, so there is no batching to edit.", opened.Problem);
    }

    [Fact]
    public async Task Open_AccessDenied_IsASentence()
    {
        _glue.FailingOperations["GetTrigger"] = FakeGlue.Error("GetTrigger", "AccessDeniedException", "no");

        var opened = await Editor().OpenAsync(EditTarget.Trigger(Name), _ct);

        Assert.StartsWith("The trigger orders-start could not be read: The dashboard's credentials may not call glue:GetTrigger.", opened.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Preview_ListsOnlyTheBatchingLinesThatChange()
    {
        var session = await OpenAsync();

        var preview = TriggerEditor.Preview(session, new BatchingChange(10, 900));

        var line = Assert.Single(preview.Lines);
        Assert.Equal(new DiffLine("EventBatchingCondition.BatchSize", "5", "10"), line);
        Assert.Equal("EventBatchingCondition.BatchSize: 5 → 10", line.ToString());
        Assert.Equal(("5 events / 900 s", "10 events / 900 s"), (preview.Before, preview.After));
    }

    [Fact]
    public async Task Preview_DefaultWindow_ShowsTheWindowGoingAway()
    {
        var session = await OpenAsync();

        var preview = TriggerEditor.Preview(session, new BatchingChange(5, null));

        Assert.Equal([new DiffLine("EventBatchingCondition.BatchWindow", "900", null)], preview.Lines);
        Assert.Equal("5 events / 900 s (default)", preview.After);
    }

    [Fact]
    public async Task Preview_InvalidChange_HasProblemsAndNoLines()
    {
        var session = await OpenAsync();

        var preview = TriggerEditor.Preview(session, new BatchingChange(0, 901));

        Assert.False(preview.IsValid);
        Assert.Equal(2, preview.Problems.Count);
        Assert.Empty(preview.Lines);
    }

    [Fact]
    public async Task Save_HappyPath_ReadsWritesReadsBack_InThreeRequests()
    {
        var session = await OpenAsync();
        _glue.Calls.Clear();

        var result = await Editor().SaveAsync(session, new BatchingChange(10, 120), Operator("ana"), "Orders arrive in bursts of ten", _ct);

        Assert.Equal(SaveOutcome.Saved, result.Outcome);
        Assert.Equal("Saved: orders-start now batches 10 events / 120 s, confirmed by reading it back. Runs already in progress keep the batching they started with.", result.Message);
        Assert.Equal(3, result.AwsRequests);
        Assert.Equal(3, _glue.TotalCalls);
        Assert.Equal((2, 1), (_glue.Calls["GetTrigger"], _glue.Calls["UpdateTrigger"]));
        Assert.Equal(new EventBatchingCondition { BatchSize = 10, BatchWindow = 120 }, _glue.TriggerNamed(Name).EventBatchingCondition);
        Assert.Equal(new EventBatchingCondition { BatchSize = 10, BatchWindow = 120 }, result.After?.EventBatchingCondition);
    }

    [Fact]
    public async Task Save_SendsTheWholeDefinition_KeepingActionsAndDescription()
    {
        var session = await OpenAsync();
        var before = _glue.TriggerNamed(Name);

        await Editor().SaveAsync(session, new BatchingChange(10, 120), Operator("ana"), null, _ct);

        var sent = Assert.Single(_glue.Updates).TriggerUpdate;
        Assert.Equal(Name, sent.Name);
        Assert.Equal(before.Description, sent.Description);
        Assert.Equal(TriggerText.CanonicalJson(before.Actions!), TriggerText.CanonicalJson(sent.Actions!));
        Assert.Equal(["EventBatchingCondition.BatchSize", "EventBatchingCondition.BatchWindow"], TriggerText.Diff(before, _glue.TriggerNamed(Name)).Select(l => l.Field));
    }

    [Fact]
    public async Task Save_WritesPendingThenSucceeded_LinkedByCorrelation()
    {
        var session = await OpenAsync();

        var result = await Editor().SaveAsync(session, new BatchingChange(10, 120), Operator("ana"), "bursts", _ct);

        Assert.Collection(_audit.Records,
            pending =>
            {
                Assert.Equal((AuditResult.Pending, "ana", "prod", "UpdateTrigger", "trigger/orders-start", "orders", "bursts"),
                    (pending.Result, pending.Actor, pending.Environment, pending.Action, pending.Target, pending.Workflow, pending.Reason));
                Assert.Contains("\"BatchSize\":5", pending.Before, StringComparison.Ordinal);
                Assert.Contains("\"BatchSize\":10", pending.After, StringComparison.Ordinal);
                Assert.Contains("\"JobName\":\"merge\"", pending.After, StringComparison.Ordinal);
                Assert.Equal("Sending UpdateTrigger: 5 events / 900 s → 10 events / 120 s.", pending.Message);
            },
            outcome =>
            {
                Assert.Equal(AuditResult.Succeeded, outcome.Result);
                Assert.Equal(result.Message, outcome.Message);
                Assert.Contains("\"BatchWindow\":120", outcome.After, StringComparison.Ordinal);
            });
        Assert.All(_audit.Records, r => Assert.Equal(result.CorrelationId, r.CorrelationId));
        Assert.NotEqual(_audit.Records[0].Id, _audit.Records[1].Id);
    }

    [Theory]
    [InlineData(0, null)]
    [InlineData(101, null)]
    [InlineData(-1, 60)]
    [InlineData(5, 0)]
    [InlineData(5, 901)]
    public async Task Save_InvalidChange_IsRefusedBeforeAnyAwsCall(int size, int? window)
    {
        var session = await OpenAsync();
        _glue.Calls.Clear();

        var result = await Editor().SaveAsync(session, new BatchingChange(size, window), Operator("ana"), null, _ct);

        Assert.Equal(SaveOutcome.Refused, result.Outcome);
        Assert.StartsWith("Nothing was written: Batch ", result.Message, StringComparison.Ordinal);
        Assert.NotEmpty(result.Problems);
        Assert.Equal(0, result.AwsRequests);
        Assert.Equal(0, _glue.TotalCalls);
        Assert.Equal(AuditResult.Refused, Assert.Single(_audit.Records).Result);
    }

    [Fact]
    public async Task Save_ByAViewer_IsRefusedBeforeAnyAwsCall_AndAudited()
    {
        var session = await OpenAsync();
        _glue.Calls.Clear();

        var result = await Editor().SaveAsync(session, new BatchingChange(10, 120), new Actor("vic", DashboardRoles.Viewer), "just looking", _ct);

        Assert.Equal(SaveOutcome.Refused, result.Outcome);
        Assert.Equal("Nothing was written: vic has the Viewer role, and only an Operator may change a trigger's batching.", result.Message);
        Assert.Equal(0, _glue.TotalCalls);
        var record = Assert.Single(_audit.Records);
        Assert.Equal(("vic", AuditResult.Refused, "just looking"), (record.Actor, record.Result, record.Reason));
        Assert.Equal(5, _glue.TriggerNamed(Name).EventBatchingCondition?.BatchSize);
    }

    [Fact]
    public async Task Save_Refused_RecordsWhatWasAskedFor()
    {
        var session = await OpenAsync();

        var result = await Editor().SaveAsync(session, new BatchingChange(0, 901), Operator("ana"), "typo", _ct);

        var record = Assert.Single(_audit.Records);
        Assert.Equal((AuditResult.Refused, result.Message, "typo", null), (record.Result, record.Message, record.Reason, record.Before));
        Assert.Equal("""{"EventBatchingCondition":{"BatchSize":0,"BatchWindow":901}}""", record.After);
        Assert.Equal(record.CorrelationId, result.CorrelationId);
    }

    [Fact]
    public async Task Save_AfterSomeoneChangedTheActions_IsAConflict_AndWritesNothing()
    {
        var session = await OpenAsync();
        var theirs = _glue.TriggerNamed(Name) with { Actions = [new() { JobName = "merge-v2" }] };
        _glue.PutTrigger(theirs);
        _glue.Calls.Clear();

        var result = await Editor().SaveAsync(session, new BatchingChange(10, 120), Operator("ana"), null, _ct);

        Assert.Equal(SaveOutcome.Conflict, result.Outcome);
        Assert.StartsWith("Nothing was written: orders-start changed since you opened it (Actions[0].Arguments", result.Message, StringComparison.Ordinal);
        Assert.Equal(1, result.AwsRequests);
        Assert.False(_glue.Calls.ContainsKey("UpdateTrigger"));
        var conflict = Assert.IsType<TriggerConflict>(result.Conflict);
        Assert.Equal(theirs, conflict.Theirs);
        Assert.Equal("merge", conflict.Yours.Actions?[0].JobName);
        Assert.Equal(10, conflict.Yours.EventBatchingCondition?.BatchSize);
        Assert.Equal("merge-v2", conflict.Merged.Actions?[0].JobName);
        Assert.Equal(new EventBatchingCondition { BatchSize = 10, BatchWindow = 120 }, conflict.Merged.EventBatchingCondition);
        Assert.Contains(conflict.TheirChanges, l => l == new DiffLine("Actions[0].JobName", "merge", "merge-v2"));
        Assert.Equal(AuditResult.Conflict, Assert.Single(_audit.Records).Result);
    }

    [Fact]
    public async Task Save_TheMergeAfterAConflict_KeepsTheirActionsWithYourBatching()
    {
        var session = await OpenAsync();
        _glue.PutTrigger(_glue.TriggerNamed(Name) with { Description = "theirs" });
        var conflict = (await Editor().SaveAsync(session, new BatchingChange(10, 120), Operator("ana"), null, _ct)).Conflict;

        var result = await Editor().SaveAsync(conflict!.Reopened, new BatchingChange(10, 120), Operator("ana"), null, _ct);

        Assert.Equal(SaveOutcome.Saved, result.Outcome);
        Assert.Equal("theirs", _glue.TriggerNamed(Name).Description);
        Assert.Equal(10, _glue.TriggerNamed(Name).EventBatchingCondition?.BatchSize);
    }

    [Fact]
    public async Task Save_SameBatching_IsUnchanged_WithoutAWrite()
    {
        var session = await OpenAsync();
        _glue.Calls.Clear();

        var result = await Editor().SaveAsync(session, new BatchingChange(5, 900), Operator("ana"), null, _ct);

        Assert.Equal((SaveOutcome.Unchanged, 1), (result.Outcome, result.AwsRequests));
        Assert.Empty(_glue.Updates);
        Assert.Empty(_audit.Records);
    }

    [Fact]
    public async Task Save_NonEventTrigger_IsRefused()
    {
        var scheduled = FakeGlue.ScheduledTrigger("nightly-start", "cron(0 2 * * ? *)");
        _glue.PutTrigger(scheduled);
        var session = new EditSession("prod", "nightly-start", null, scheduled, TriggerText.Fingerprint(scheduled), _clock.GetUtcNow());

        var result = await Editor().SaveAsync(session, new BatchingChange(10, null), Operator("ana"), null, _ct);

        Assert.Equal(SaveOutcome.Refused, result.Outcome);
        Assert.Equal("Nothing was written: nightly-start is a SCHEDULED trigger. Only EVENT triggers have event batching (BatchSize and BatchWindow) to edit.", result.Message);
        Assert.Empty(_glue.Updates);
        Assert.Equal(AuditResult.Refused, Assert.Single(_audit.Records).Result);
    }

    [Fact]
    public async Task Save_UpdateDenied_IsASentence_AndTheTriggerIsUnchanged()
    {
        var session = await OpenAsync();
        _glue.FailingOperations["UpdateTrigger"] = FakeGlue.Error("UpdateTrigger", "AccessDeniedException", "User is not authorized to perform: glue:UpdateTrigger");

        var result = await Editor().SaveAsync(session, new BatchingChange(10, 120), Operator("ana"), null, _ct);

        Assert.Equal(SaveOutcome.Failed, result.Outcome);
        Assert.Equal("AWS refused the update, so the trigger is unchanged. The dashboard's credentials may not call glue:UpdateTrigger. Grant that action in its IAM policy. (AWS said: User is not authorized to perform: glue:UpdateTrigger)", result.Message);
        Assert.Equal(2, result.AwsRequests);
        Assert.Equal(5, _glue.TriggerNamed(Name).EventBatchingCondition?.BatchSize);
        Assert.Equal([AuditResult.Pending, AuditResult.Failed], _audit.Records.Select(r => r.Result));
    }

    [Fact]
    public async Task Save_RereadFails_WritesNothing()
    {
        var session = await OpenAsync();
        _glue.FailingOperations["GetTrigger"] = FakeGlue.Error("GetTrigger", "ThrottlingException", "Rate exceeded");

        var result = await Editor().SaveAsync(session, new BatchingChange(10, 120), Operator("ana"), null, _ct);

        Assert.Equal(SaveOutcome.Failed, result.Outcome);
        Assert.StartsWith("Nothing was written: the trigger could not be read again before saving. AWS throttled glue:GetTrigger", result.Message, StringComparison.Ordinal);
        Assert.Empty(_glue.Updates);
        Assert.Equal(AuditResult.Failed, Assert.Single(_audit.Records).Result);
    }

    [Fact]
    public async Task Save_LostAnswer_IsUnconfirmed()
    {
        var session = await OpenAsync();
        _glue.LoseUpdateAnswer = new HttpRequestException("Connection reset by peer");

        var result = await Editor().SaveAsync(session, new BatchingChange(10, 120), Operator("ana"), null, _ct);

        Assert.Equal(SaveOutcome.Unconfirmed, result.Outcome);
        Assert.StartsWith("The update was sent but no answer came back, so AWS may or may not have applied it.", result.Message, StringComparison.Ordinal);
        Assert.Equal([AuditResult.Pending, AuditResult.Failed], _audit.Records.Select(r => r.Result));
    }

    [Fact]
    public async Task Save_ReadBackDiffers_IsReportedAsAMismatch()
    {
        var session = await OpenAsync();
        _glue.AfterUpdateTrigger = glue => glue.PutTrigger(glue.TriggerNamed(Name) with { EventBatchingCondition = new() { BatchSize = 7, BatchWindow = 120 } });

        var result = await Editor().SaveAsync(session, new BatchingChange(10, 120), Operator("ana"), null, _ct);

        Assert.Equal(SaveOutcome.Unconfirmed, result.Outcome);
        Assert.Equal("AWS accepted the update, but the trigger reads back differently from what was written: EventBatchingCondition.BatchSize is 7 where 10 was written. Someone may have changed it at the same moment; open it again to check.", result.Message);
        Assert.Equal(3, result.AwsRequests);
        Assert.Equal(AuditResult.Failed, _audit.Records[^1].Result);
    }

    [Fact]
    public async Task Save_ReadBackFillsInTheDefaultWindow_IsNotAMismatch()
    {
        var session = await OpenAsync();
        _glue.AfterUpdateTrigger = glue => glue.PutTrigger(glue.TriggerNamed(Name) with { EventBatchingCondition = new() { BatchSize = 10, BatchWindow = 900 } });

        var result = await Editor().SaveAsync(session, new BatchingChange(10, null), Operator("ana"), null, _ct);

        Assert.Equal(SaveOutcome.Saved, result.Outcome);
    }

    [Fact]
    public async Task Save_ReadBackFails_IsUnconfirmed()
    {
        var session = await OpenAsync();
        _glue.AfterUpdateTrigger = glue => glue.FailingOperations["GetTrigger"] = FakeGlue.Error("GetTrigger", "InternalServiceException", "boom");

        var result = await Editor().SaveAsync(session, new BatchingChange(10, 120), Operator("ana"), null, _ct);

        Assert.Equal(SaveOutcome.Unconfirmed, result.Outcome);
        Assert.StartsWith("AWS accepted the update, but reading it back failed, so it is not confirmed.", result.Message, StringComparison.Ordinal);
        Assert.Equal(10, _glue.TriggerNamed(Name).EventBatchingCondition?.BatchSize);
    }

    [Fact]
    public async Task Save_AuditLogDown_WritesNothing()
    {
        var session = await OpenAsync();
        var audit = new ScriptedAuditLog(_audit) { FailOn = { AuditResult.Pending } };

        var result = await Editor(audit).SaveAsync(session, new BatchingChange(10, 120), Operator("ana"), null, _ct);

        Assert.Equal(SaveOutcome.Failed, result.Outcome);
        Assert.Equal("Nothing was written: the change could not be recorded in the audit log, and every change is recorded before it is sent. (disk full (scripted))", result.Message);
        Assert.Empty(_glue.Updates);
        Assert.Equal(5, _glue.TriggerNamed(Name).EventBatchingCondition?.BatchSize);
    }

    [Fact]
    public async Task Save_OutcomeNotRecorded_KeepsTheWriteAndSaysTheRecordIsMissing()
    {
        var session = await OpenAsync();
        var audit = new ScriptedAuditLog(_audit) { FailOn = { AuditResult.Succeeded } };

        var result = await Editor(audit).SaveAsync(session, new BatchingChange(10, 120), Operator("ana"), null, _ct);

        Assert.Equal(SaveOutcome.Saved, result.Outcome);
        Assert.StartsWith("The change's outcome could not be recorded in the audit log (its pending record ", result.AuditProblem, StringComparison.Ordinal);
        Assert.Equal(AuditResult.Pending, Assert.Single(_audit.Records).Result);
    }

    [Fact]
    public async Task Save_CancelledBeforeReadBack_RecordsTheUnknownOutcome_ThenThrows()
    {
        var session = await OpenAsync();
        using var cancel = new CancellationTokenSource();
        _glue.AfterUpdateTrigger = _ => cancel.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Editor().SaveAsync(session, new BatchingChange(10, 120), Operator("ana"), null, cancel.Token));

        Assert.Equal([AuditResult.Pending, AuditResult.Failed], _audit.Records.Select(r => r.Result));
        Assert.Equal("AWS accepted the update, but the save was cancelled before reading it back, so it is not confirmed.", _audit.Records[1].Message);
    }

    [Fact]
    public async Task Save_TwoSavesOfOneSessionAtOnce_OneWinsAndTheOtherConflicts()
    {
        var session = await OpenAsync();
        var editor = Editor();

        var results = await Task.WhenAll(
            editor.SaveAsync(session, new BatchingChange(10, 120), Operator("ana"), null, _ct),
            editor.SaveAsync(session, new BatchingChange(20, 60), Operator("ben"), null, _ct));

        Assert.Equal([SaveOutcome.Saved, SaveOutcome.Conflict], results.Select(r => r.Outcome).Order());
        Assert.Single(_glue.Updates);
    }

    [Fact]
    public async Task BulkSave_OneResultPerTrigger_AndGoesOnAfterAFailure()
    {
        _glue.AddWorkflow("clicks", RichEventTrigger("clicks-start"));
        _glue.AddWorkflow("refunds", RichEventTrigger("refunds-start"));
        var editor = Editor();
        var sessions = new List<EditSession>();
        foreach (var workflow in new[] { Workflow, "clicks", "refunds" })
        {
            sessions.Add((await editor.OpenAsync(EditTarget.Workflow(workflow), _ct)).Session!);
        }

        _glue.PutTrigger(_glue.TriggerNamed("clicks-start") with { Description = "changed meanwhile" });

        var results = await editor.BulkSaveAsync(sessions, new BatchingChange(25, 300), Operator("ana"), "quieter runs", _ct);

        Assert.Equal([("orders", SaveOutcome.Saved), ("clicks", SaveOutcome.Conflict), ("refunds", SaveOutcome.Saved)], results.Select(r => (r.Workflow, r.Outcome)));
        Assert.Equal([3, 1, 3], results.Select(r => r.AwsRequests));
        Assert.Equal(25, _glue.TriggerNamed("refunds-start").EventBatchingCondition?.BatchSize);
        Assert.Equal(5, _glue.TriggerNamed("clicks-start").EventBatchingCondition?.BatchSize);
    }
}
