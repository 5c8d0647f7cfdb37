using System.Collections.Concurrent;
using Dashboard.Audit;

namespace Dashboard.Tests.Shared;

/// <summary>A fresh SQLite audit log in its own temporary folder, deleted with it.</summary>
public sealed class TempAuditLog : IAsyncDisposable
{
    public TempAuditLog(string? folder = null)
    {
        Folder = folder ?? System.IO.Path.Combine(System.IO.Path.GetTempPath(), "audit-tests", Guid.NewGuid().ToString("N"));
        Path = System.IO.Path.Combine(Folder, "nested", "audit.db");
        Log = new SqliteAuditLog(Path);
    }

    public string Folder { get; }

    public string Path { get; }

    public SqliteAuditLog Log { get; private set; }

    /// <summary>Closes the database and opens it again, as a restart of the app does.</summary>
    public async Task<SqliteAuditLog> ReopenAsync()
    {
        await Log.DisposeAsync();
        Log = new SqliteAuditLog(Path);
        return Log;
    }

    public async ValueTask DisposeAsync()
    {
        await Log.DisposeAsync();
        if (Directory.Exists(Folder))
        {
            Directory.Delete(Folder, recursive: true);
        }
    }
}

/// <summary>Wraps a log: records every append, and can fail appends on demand.</summary>
public sealed class ScriptedAuditLog(IAuditLog inner) : IAuditLog
{
    public ConcurrentQueue<AuditRecord> Appended { get; } = new();

    /// <summary>Fails every append whose result is in this set.</summary>
    public HashSet<AuditResult> FailOn { get; } = [];

    public Task AppendAsync(AuditRecord record, CancellationToken cancellationToken)
    {
        if (FailOn.Contains(record.Result))
        {
            throw new IOException("disk full (scripted)");
        }

        Appended.Enqueue(record);
        return inner.AppendAsync(record, cancellationToken);
    }

    public Task<AuditRecordPage> QueryAsync(AuditQuery query, CancellationToken cancellationToken) => inner.QueryAsync(query, cancellationToken);

    public Task WriteCsvAsync(AuditFilter filter, Stream output, CancellationToken cancellationToken) => inner.WriteCsvAsync(filter, output, cancellationToken);
}

/// <summary>An audit log in memory, for service tests that do not test the store.</summary>
public sealed class MemoryAuditLog : IAuditLog
{
    private readonly List<AuditRecord> _records = [];

    public IReadOnlyList<AuditRecord> Records
    {
        get
        {
            lock (_records)
            {
                return [.. _records];
            }
        }
    }

    public Task AppendAsync(AuditRecord record, CancellationToken cancellationToken)
    {
        if (record.Problems() is { Count: > 0 } problems)
        {
            throw new ArgumentException(string.Join(" ", problems), nameof(record));
        }

        lock (_records)
        {
            _records.Add(record);
        }

        return Task.CompletedTask;
    }

    public Task<AuditRecordPage> QueryAsync(AuditQuery query, CancellationToken cancellationToken)
    {
        var matching = Matching(query.Filter).Reverse().ToList();
        return Task.FromResult(new AuditRecordPage(matching.Skip(query.Offset).Take(query.Limit).ToList(), matching.Count, query.Offset, query.Limit));
    }

    public Task WriteCsvAsync(AuditFilter filter, Stream output, CancellationToken cancellationToken) =>
        AuditCsv.WriteAsync(Matching(filter).ToAsyncEnumerable(), output, cancellationToken);

    private IEnumerable<AuditRecord> Matching(AuditFilter f) => Records.Where(r =>
        (f.From is null || r.Time >= f.From) && (f.To is null || r.Time < f.To)
        && (f.Environment is null || r.Environment == f.Environment) && (f.Actor is null || r.Actor == f.Actor)
        && (f.Action is null || r.Action == f.Action) && (f.Workflow is null || r.Workflow == f.Workflow)
        && (f.Target is null || r.Target == f.Target) && (f.Result is null || r.Result == f.Result)
        && (f.CorrelationId is null || r.CorrelationId == f.CorrelationId));
}

/// <summary>
/// A small audit trail with one write in every state, for pages that should show a real table: a saved trigger edit,
/// a failed one, a refusal, a conflict, a resumed run and a pending write whose outcome never came.
/// </summary>
public static class AuditSamples
{
    public const string Workflow = "products_raw_ingest";
    public const string Trigger = "trigger/products_raw_ingest_pre_job_trigger";

    public static async Task SeedAsync(IAuditLog log, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(now - TimeSpan.FromHours(5));
        var before = TriggerJson(5, 900, "Starts the products pipeline");
        var after = TriggerJson(10, 300, "Starts the products pipeline");

        async Task<AuditRecord> Append(TimeSpan later, Func<AuditRecord> make)
        {
            clock.Advance(later);
            var record = make();
            await log.AppendAsync(record, cancellationToken);
            return record;
        }

        AuditRecord New(string actor, string action, string target, AuditResult result, string message, string? beforeJson = null, string? afterJson = null, string? reason = null) =>
            AuditRecord.Create(clock, actor, "local", action, target, Workflow, result, message, beforeJson, afterJson, reason);

        var saved = await Append(TimeSpan.FromMinutes(1), () => New("local user", AuditActions.UpdateTrigger, Trigger, AuditResult.Pending, "Sending UpdateTrigger: 5 events or 900 s → 10 events or 300 s.", before, after, "Fewer, larger runs overnight"));
        await Append(TimeSpan.FromSeconds(1), () => saved.Outcome(clock, AuditResult.Succeeded, "Saved: 10 events or 300 s, read back from Glue.", after));

        await Append(TimeSpan.FromMinutes(20), () => New("anonymous", AuditActions.UpdateTrigger, Trigger, AuditResult.Refused, "anonymous has the Viewer role, and only an Operator may edit batching.", null, TriggerJson(20, 300, "Starts the products pipeline")));

        await Append(TimeSpan.FromMinutes(30), () => New("local user", AuditActions.UpdateTrigger, Trigger, AuditResult.Conflict, "The trigger changed since it was opened: Description.", after, TriggerJson(15, 300, "Starts the products pipeline"), "Catch up after the outage"));

        var failed = await Append(TimeSpan.FromMinutes(30), () => New("local user", AuditActions.UpdateTrigger, Trigger, AuditResult.Pending, "Sending UpdateTrigger: 10 events or 300 s → 12 events or 300 s.", after, TriggerJson(12, 300, "Starts the products pipeline")));
        await Append(TimeSpan.FromSeconds(1), () => failed.Outcome(clock, AuditResult.Failed, "AccessDeniedException: the role may not call glue:UpdateTrigger. Nothing was written.", after));

        var resume = await Append(TimeSpan.FromMinutes(40), () => New("local user", AuditActions.ResumeWorkflowRun, $"workflow/{Workflow}/run/wr_0001", AuditResult.Pending, "Sending ResumeWorkflowRun for products_parquet_crawler.", """{"NodeIds":["products_parquet_crawler"]}""", null, "Crawler fixed"));
        await Append(TimeSpan.FromSeconds(2), () => resume.Outcome(clock, AuditResult.Succeeded, "Resumed as run wr_0002.", """{"NodeIds":["products_parquet_crawler"],"RunId":"wr_0002"}"""));

        await Append(TimeSpan.FromMinutes(40), () => New("local user", AuditActions.UpdateTrigger, Trigger, AuditResult.Pending, "Sending UpdateTrigger: 10 events or 300 s → 8 events or 300 s.", after, TriggerJson(8, 300, "Starts the products pipeline")));
    }

    private static string TriggerJson(int size, int window, string description) =>
        $$"""{"Actions":[{"Arguments":{"--day":"today"},"JobName":"products_json_to_parquet"}],"Description":"{{description}}","EventBatchingCondition":{"BatchSize":{{size}},"BatchWindow":{{window}}},"Name":"products_raw_ingest_pre_job_trigger","Type":"EVENT","WorkflowName":"products_raw_ingest"}""";
}
