using Dashboard.Audit;
using Dashboard.Tests.Shared;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Tests.Audit;

public sealed class AuditTrailTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));
    private readonly MemoryAuditLog _log = new();
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task Read_PendingAndOutcome_AreOneCompletedWrite()
    {
        var pending = await AppendAsync(AuditResult.Pending, "trigger/t1");
        var outcome = await AppendOutcomeAsync(pending, AuditResult.Succeeded);
        var refused = await AppendAsync(AuditResult.Refused, "trigger/t2");

        var page = await ReadAsync(AuditFilter.All);

        Assert.Equal(3, page.Total);
        Assert.Collection(
            page.Writes,
            w => Assert.Equal((AuditWriteState.Alone, refused.Id), (w.State, w.Latest.Id)),
            w =>
            {
                Assert.Equal(AuditWriteState.Completed, w.State);
                Assert.Equal([outcome.Id, pending.Id], w.Records.Select(r => r.Id));
                Assert.Equal(pending.Id, w.Pending?.Id);
                Assert.Equal(outcome.Id, w.Outcome?.Id);
            });
    }

    [Fact]
    public async Task Read_PendingWithNoOutcome_IsInProgressThenUnknownAfterTheGrace()
    {
        await AppendAsync(AuditResult.Pending, "trigger/t1");

        Assert.Equal(AuditWriteState.InProgress, Assert.Single((await ReadAsync(AuditFilter.All)).Writes).State);

        _clock.Advance(AuditTrail.InFlightGrace);

        Assert.Equal(AuditWriteState.OutcomeUnknown, Assert.Single((await ReadAsync(AuditFilter.All)).Writes).State);
    }

    [Fact]
    public async Task Read_FilterThatSplitsAWrite_StillFindsItsOutcome()
    {
        var pending = await AppendAsync(AuditResult.Pending, "trigger/t1");
        _clock.Advance(TimeSpan.FromHours(1));
        var outcome = await AppendOutcomeAsync(pending, AuditResult.Failed);

        var page = await ReadAsync(new AuditFilter { Result = AuditResult.Pending });

        var write = Assert.Single(page.Writes);
        Assert.Equal(AuditWriteState.Completed, write.State);
        Assert.Equal(outcome.Id, write.Outcome?.Id);
        Assert.Equal(1, page.Total);
    }

    [Fact]
    public async Task Read_WriteAcrossAPageBoundary_IsWholeOnBothPages()
    {
        var pending = await AppendAsync(AuditResult.Pending, "trigger/first");
        await AppendOutcomeAsync(pending, AuditResult.Succeeded);
        for (var i = 0; i < AuditTrail.PageSize - 1; i++)
        {
            await AppendAsync(AuditResult.Refused, $"trigger/r{i}");
        }

        var first = await ReadAsync(AuditFilter.All);
        var second = await ReadAsync(AuditFilter.All, page: 2);

        Assert.Equal(AuditTrail.PageSize + 1, first.Total);
        Assert.True(first.HasOlder);
        Assert.Equal(2, first.PageCount);
        Assert.Equal(AuditWriteState.Completed, first.Writes[^1].State);
        Assert.Equal(2, first.Writes[^1].Records.Count);
        var alone = Assert.Single(second.Writes);
        Assert.Equal(AuditWriteState.Completed, alone.State);
        Assert.Equal(pending.Id, alone.Pending?.Id);
        Assert.True(second.HasNewer);
        Assert.False(second.HasOlder);
        Assert.Equal((51L, 51L), second.RecordRange);
    }

    [Fact]
    public async Task Write_DiffSides_FollowWhatWasRecorded()
    {
        var pending = await AppendAsync(AuditResult.Pending, "trigger/t1", before: """{"A":1}""", after: """{"A":2}""");
        var noneRead = await ReadAsync(AuditFilter.All);
        Assert.Equal(("Sent", """{"A":2}"""), (noneRead.Writes[0].AfterLabel, noneRead.Writes[0].After));

        await _log.AppendAsync(pending.Outcome(_clock, AuditResult.Succeeded, "Saved.", """{"A":3}"""), _ct);
        var read = (await ReadAsync(AuditFilter.All)).Writes[0];
        Assert.Equal(("""{"A":1}""", "After", """{"A":3}"""), (read.Before, read.AfterLabel, read.After));

        var refused = await AppendAsync(AuditResult.Refused, "trigger/t2", after: """{"A":9}""");
        var alone = (await ReadAsync(new AuditFilter { Target = refused.Target })).Writes[0];
        Assert.Equal(("Asked for", """{"A":9}""", null), (alone.AfterLabel, alone.After, alone.Before));
    }

    [Fact]
    public void Diff_ComparesFieldByField_WithNamesForMapKeys()
    {
        var diff = AuditDiff.Compare(
            """{"Name":"t","EventBatchingCondition":{"BatchSize":5,"BatchWindow":300},"Actions":[{"Arguments":{"--day":"1"}}]}""",
            """{"Name":"t","EventBatchingCondition":{"BatchSize":10},"Actions":[{"Arguments":{"--day":"2"}}]}""");

        Assert.Null(diff.Problem);
        Assert.Equal(
            ["Actions[0].Arguments[\"--day\"]: 1 → 2", "EventBatchingCondition.BatchSize: 5 → 10", "EventBatchingCondition.BatchWindow: 300 → (not set)"],
            diff.Lines.Select(l => l.ToString()));
        Assert.Equal(1, diff.Unchanged);
    }

    [Fact]
    public void Diff_OneSideMissing_ShowsEveryFieldAsNew()
    {
        var diff = AuditDiff.Compare(null, """{"BatchSize":5}""");

        Assert.Equal("BatchSize: (not set) → 5", Assert.Single(diff.Lines).ToString());
    }

    [Fact]
    public void Diff_NotJson_SaysWhichSide()
    {
        var diff = AuditDiff.Compare("{}", "not json");

        Assert.StartsWith("After is not JSON", diff.Problem, StringComparison.Ordinal);
        Assert.Empty(diff.Lines);
    }

    private Task<AuditTrailPage> ReadAsync(AuditFilter filter, int page = 1) => AuditTrail.ReadAsync(_log, filter, page, _clock.GetUtcNow(), _ct);

    private async Task<AuditRecord> AppendAsync(AuditResult result, string target, string? before = null, string? after = null)
    {
        _clock.Advance(TimeSpan.FromSeconds(1));
        var record = AuditRecord.Create(_clock, "ana", "local", AuditActions.UpdateTrigger, target, "products", result, result.ToString(), before, after);
        await _log.AppendAsync(record, _ct);
        return record;
    }

    private async Task<AuditRecord> AppendOutcomeAsync(AuditRecord pending, AuditResult result)
    {
        _clock.Advance(TimeSpan.FromSeconds(1));
        var outcome = pending.Outcome(_clock, result, result.ToString(), pending.After);
        await _log.AppendAsync(outcome, _ct);
        return outcome;
    }
}
