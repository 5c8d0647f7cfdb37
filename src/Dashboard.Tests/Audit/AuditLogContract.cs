using System.Text;
using Dashboard.Audit;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Tests.Audit;

/// <summary>
/// What every audit store must do, run against SQLite and PostgreSQL alike: keep every field, filter, page newest
/// first, export safe CSV, survive a reopen, refuse UPDATE and DELETE, and take concurrent appends.
/// </summary>
public abstract class AuditLogContract : IAsyncLifetime
{
    protected FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));

    protected CancellationToken Ct => TestContext.Current.CancellationToken;

    protected IAuditLog Log { get; set; } = null!;

    public abstract ValueTask InitializeAsync();

    public abstract ValueTask DisposeAsync();

    /// <summary>Closes the store and opens a new one on the same database.</summary>
    protected abstract Task ReopenAsync();

    /// <summary>Runs raw SQL against the store's database, as someone with direct access would.</summary>
    protected abstract Task ExecuteRawAsync(string sql);

    /// <summary>The store's time precision: PostgreSQL keeps microseconds.</summary>
    protected virtual DateTimeOffset Stored(DateTimeOffset time) => time;

    protected AuditRecord Record(
        string actor = "ana",
        string environment = "prod",
        string action = AuditActions.UpdateTrigger,
        string workflow = "orders",
        AuditResult result = AuditResult.Succeeded,
        string? message = "Saved.",
        string? reason = null,
        Guid? correlation = null)
    {
        Clock.Advance(TimeSpan.FromSeconds(1));
        return AuditRecord.Create(Clock, actor, environment, action, $"trigger/{workflow}-start", workflow, result, message,
            before: """{"EventBatchingCondition":{"BatchSize":5}}""", after: """{"EventBatchingCondition":{"BatchSize":10}}""", reason: reason, correlationId: correlation);
    }

    [Fact]
    public async Task Append_ThenQuery_KeepsEveryField()
    {
        var pending = Record(result: AuditResult.Pending, message: "Sending UpdateTrigger.", reason: "bursts of ten");
        var outcome = pending.Outcome(Clock, AuditResult.Succeeded, "Saved, confirmed.", """{"BatchSize":10}""");
        await Log.AppendAsync(pending, Ct);
        await Log.AppendAsync(outcome, Ct);

        var page = await Log.QueryAsync(new AuditQuery(), Ct);

        Assert.Equal(2, page.Total);
        Assert.Equal([outcome with { Time = Stored(outcome.Time) }, pending with { Time = Stored(pending.Time) }], page.Records);
        Assert.Equal(pending.CorrelationId, page.Records[0].CorrelationId);
        Assert.False(page.HasMore);
    }

    [Fact]
    public async Task Query_EachFilter_SelectsItsRecords()
    {
        var start = Clock.GetUtcNow();
        var a = Record(actor: "ana", environment: "prod", workflow: "orders", result: AuditResult.Succeeded);
        var b = Record(actor: "ben", environment: "prod", workflow: "clicks", result: AuditResult.Conflict);
        var c = Record(actor: "ana", environment: "dev", workflow: "orders", action: AuditActions.StopWorkflowRun, result: AuditResult.Failed);
        var d = Record(actor: "cy", environment: "prod", workflow: "orders", action: AuditActions.ResumeWorkflowRun, result: AuditResult.Refused);
        foreach (var record in new[] { a, b, c, d })
        {
            await Log.AppendAsync(record, Ct);
        }

        async Task<Guid[]> Ids(AuditFilter filter) => [.. (await Log.QueryAsync(new AuditQuery { Filter = filter }, Ct)).Records.Select(r => r.Id)];

        Assert.Equal([d.Id, c.Id, b.Id, a.Id], await Ids(AuditFilter.All));
        Assert.Equal([c.Id, a.Id], await Ids(new() { Actor = "ana" }));
        Assert.Equal([c.Id], await Ids(new() { Environment = "dev" }));
        Assert.Equal([b.Id], await Ids(new() { Workflow = "clicks" }));
        Assert.Equal([d.Id], await Ids(new() { Action = AuditActions.ResumeWorkflowRun }));
        Assert.Equal([b.Id], await Ids(new() { Result = AuditResult.Conflict }));
        Assert.Equal([a.Id], await Ids(new() { CorrelationId = a.CorrelationId }));
        Assert.Equal([a.Id], await Ids(new() { Target = "trigger/orders-start", Environment = "prod", Actor = "ana" }));
        Assert.Equal([c.Id, b.Id], await Ids(new() { From = b.Time, To = d.Time }));
        Assert.Equal([d.Id, c.Id, b.Id, a.Id], await Ids(new() { From = start }));
        Assert.Empty(await Ids(new() { Actor = "nobody" }));
    }

    [Fact]
    public async Task Query_Pages_NewestFirst_WithTheTotal()
    {
        var records = Enumerable.Range(0, 7).Select(i => Record(actor: $"user{i}")).ToList();
        foreach (var record in records)
        {
            await Log.AppendAsync(record, Ct);
        }

        var first = await Log.QueryAsync(new AuditQuery { Limit = 3 }, Ct);
        var last = await Log.QueryAsync(new AuditQuery { Offset = 6, Limit = 3 }, Ct);

        Assert.Equal(["user6", "user5", "user4"], first.Records.Select(r => r.Actor));
        Assert.Equal((7L, true), (first.Total, first.HasMore));
        Assert.Equal(["user0"], last.Records.Select(r => r.Actor));
        Assert.False(last.HasMore);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Log.QueryAsync(new AuditQuery { Limit = 0 }, Ct));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Log.QueryAsync(new AuditQuery { Limit = 1001 }, Ct));
    }

    [Fact]
    public async Task Append_IncompleteRecord_IsRefused()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => Log.AppendAsync(Record() with { Actor = " " }, Ct));

        Assert.StartsWith("The audit record is incomplete: Actor is empty.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteCsv_QuotesLikeRfc4180_AndDisarmsFormulas()
    {
        var tricky = Record(actor: "=HYPERLINK(\"http://x\")", message: "line one\r\nline \"two\", with comma", reason: "+1 because") with { Workflow = "-orders" };
        var plain = Record(actor: "@ana", message: null);
        await Log.AppendAsync(tricky, Ct);
        await Log.AppendAsync(plain, Ct);
        using var output = new MemoryStream();

        await Log.WriteCsvAsync(AuditFilter.All, output, Ct);

        var text = Encoding.UTF8.GetString(output.ToArray());
        Assert.StartsWith("id,time_utc,environment,actor,action,workflow,target,result,message,reason,correlation_id,before,after\r\n", text, StringComparison.Ordinal);
        Assert.Equal((byte)'i', output.ToArray()[0]); // no byte order mark
        var rows = Rfc4180.Parse(text);
        Assert.Equal(3, rows.Count);
        Assert.Equal(
            [tricky.Id.ToString(), "'=HYPERLINK(\"http://x\")", "'-orders", "Succeeded", "line one\r\nline \"two\", with comma", "'+1 because", """{"EventBatchingCondition":{"BatchSize":5}}"""],
            new[] { rows[1][0], rows[1][3], rows[1][5], rows[1][7], rows[1][8], rows[1][9], rows[1][11] });
        Assert.Equal(("'@ana", string.Empty), (rows[2][3], rows[2][8]));
        Assert.Contains("\"line one\r\nline \"\"two\"\", with comma\"", text, StringComparison.Ordinal);
        Assert.EndsWith("\r\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteCsv_Filtered_OldestFirst()
    {
        await Log.AppendAsync(Record(actor: "ana"), Ct);
        await Log.AppendAsync(Record(actor: "ben"), Ct);
        await Log.AppendAsync(Record(actor: "ana", message: "second"), Ct);
        using var output = new MemoryStream();

        await Log.WriteCsvAsync(new AuditFilter { Actor = "ana" }, output, Ct);

        var rows = Rfc4180.Parse(Encoding.UTF8.GetString(output.ToArray()));
        Assert.Equal(["Saved.", "second"], rows.Skip(1).Select(r => r[8]));
    }

    [Fact]
    public async Task Reopen_KeepsEveryRecord()
    {
        var record = Record(reason: "before the restart");
        await Log.AppendAsync(record, Ct);

        await ReopenAsync();

        Assert.Equal(record with { Time = Stored(record.Time) }, Assert.Single((await Log.QueryAsync(new AuditQuery(), Ct)).Records));
        await Log.AppendAsync(Record(), Ct);
        Assert.Equal(2, (await Log.QueryAsync(new AuditQuery(), Ct)).Total);
    }

    [Fact]
    public async Task RawUpdate_IsRefusedByTheDatabase()
    {
        await Log.AppendAsync(Record(), Ct);

        var error = await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => ExecuteRawAsync("UPDATE audit_log SET result = 'Failed'"));

        Assert.Contains("append-only", error.Message, StringComparison.Ordinal);
        Assert.Equal(AuditResult.Succeeded, Assert.Single((await Log.QueryAsync(new AuditQuery(), Ct)).Records).Result);
    }

    [Fact]
    public async Task RawDelete_IsRefusedByTheDatabase()
    {
        await Log.AppendAsync(Record(), Ct);

        var error = await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => ExecuteRawAsync("DELETE FROM audit_log"));

        Assert.Contains("append-only", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, (await Log.QueryAsync(new AuditQuery(), Ct)).Total);
    }

    [Fact]
    public async Task ConcurrentAppends_AllLand()
    {
        var records = Enumerable.Range(0, 200).Select(i => Record(actor: $"user{i % 10}")).ToList();

        await Parallel.ForEachAsync(records, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = Ct }, async (record, ct) => await Log.AppendAsync(record, ct));

        var all = await Log.QueryAsync(new AuditQuery { Limit = 1000 }, Ct);
        Assert.Equal(200, all.Total);
        Assert.Equal(records.Select(r => r.Id).Order(), all.Records.Select(r => r.Id).Order());
    }
}

/// <summary>A strict RFC 4180 reader for the tests: quoted fields, doubled quotes, CRLF records.</summary>
public static class Rfc4180
{
    public static List<List<string>> Parse(string text)
    {
        var rows = new List<List<string>>();
        var row = new List<string>();
        var field = new StringBuilder();
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == '"')
            {
                i++;
                while (true)
                {
                    if (text[i] == '"' && i + 1 < text.Length && text[i + 1] == '"')
                    {
                        field.Append('"');
                        i += 2;
                    }
                    else if (text[i] == '"')
                    {
                        i++;
                        break;
                    }
                    else
                    {
                        field.Append(text[i++]);
                    }
                }
            }
            else if (text[i] == ',')
            {
                row.Add(field.ToString());
                field.Clear();
                i++;
            }
            else if (text[i] == '\r' && text[i + 1] == '\n')
            {
                row.Add(field.ToString());
                field.Clear();
                rows.Add(row);
                row = [];
                i += 2;
            }
            else
            {
                Assert.False(text[i] is '\r' or '\n' or '"', $"Unquoted {(int)text[i]} at {i}");
                field.Append(text[i++]);
            }
        }

        Assert.Empty(row);
        return rows;
    }
}
