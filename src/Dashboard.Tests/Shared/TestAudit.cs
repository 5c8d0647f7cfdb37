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

    public Task<AuditPage> QueryAsync(AuditQuery query, CancellationToken cancellationToken) => inner.QueryAsync(query, cancellationToken);

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

    public Task<AuditPage> QueryAsync(AuditQuery query, CancellationToken cancellationToken)
    {
        var matching = Matching(query.Filter).Reverse().ToList();
        return Task.FromResult(new AuditPage(matching.Skip(query.Offset).Take(query.Limit).ToList(), matching.Count, query.Offset, query.Limit));
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
