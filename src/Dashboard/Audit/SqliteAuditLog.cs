using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Dashboard.Audit;

/// <summary>
/// The audit log in an embedded SQLite file (<c>Audit:Path</c>). WAL journal, <c>synchronous=FULL</c> so that a
/// record is on disk when <see cref="DbAuditLog.AppendAsync"/> returns, and triggers that abort any UPDATE or DELETE.
/// One writer at a time in this process; readers do not block it.
/// </summary>
public sealed class SqliteAuditLog : DbAuditLog
{
    /// <summary>Fixed width, so that text order is time order.</summary>
    private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    private static readonly string[] Schema =
    [
        """
        CREATE TABLE IF NOT EXISTS audit_log (
            seq            INTEGER PRIMARY KEY AUTOINCREMENT,
            id             TEXT NOT NULL UNIQUE,
            occurred_at    TEXT NOT NULL,
            environment    TEXT NOT NULL,
            actor          TEXT NOT NULL,
            action         TEXT NOT NULL,
            workflow       TEXT NULL,
            target         TEXT NOT NULL,
            result         TEXT NOT NULL CHECK (result IN ('Pending', 'Succeeded', 'Failed', 'Conflict', 'Refused')),
            message        TEXT NULL,
            reason         TEXT NULL,
            correlation_id TEXT NOT NULL,
            before_json    TEXT NULL,
            after_json     TEXT NULL
        )
        """,
        "CREATE INDEX IF NOT EXISTS audit_log_occurred_at ON audit_log (occurred_at)",
        "CREATE INDEX IF NOT EXISTS audit_log_workflow ON audit_log (workflow, occurred_at)",
        "CREATE INDEX IF NOT EXISTS audit_log_actor ON audit_log (actor, occurred_at)",
        "CREATE INDEX IF NOT EXISTS audit_log_correlation ON audit_log (correlation_id)",
        """
        CREATE TRIGGER IF NOT EXISTS audit_log_no_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only: records cannot be updated'); END
        """,
        """
        CREATE TRIGGER IF NOT EXISTS audit_log_no_delete BEFORE DELETE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only: records cannot be deleted'); END
        """,
    ];

    private readonly string _connectionString;

    /// <param name="path">The database file; its folder is created when missing.</param>
    public SqliteAuditLog(string path)
        : base(serializeWrites: true)
    {
        Path = System.IO.Path.GetFullPath(path);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    public string Path { get; }

    public override string Location => Path;

    protected override async ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            // Per connection: wait for a writer in another process rather than fail, and sync every commit.
            await ExecuteAsync(connection, "PRAGMA busy_timeout = 30000; PRAGMA synchronous = FULL;", cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    protected override async Task CreateSchemaAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        // WAL is a property of the file: set once, it stays.
        await ExecuteAsync(connection, "PRAGMA journal_mode = WAL;", cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var statement in Schema)
        {
            await ExecuteAsync(connection, statement, cancellationToken, transaction);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Makes the database's folder when it is missing, so that a fresh data folder needs no setup.</summary>
    protected override ValueTask PrepareAsync(CancellationToken cancellationToken)
    {
        if (System.IO.Path.GetDirectoryName(Path) is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
        }

        return ValueTask.CompletedTask;
    }

    protected override object TimeValue(DateTimeOffset time) => time.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture);

    protected override DateTimeOffset ReadTime(DbDataReader reader, int ordinal) =>
        DateTimeOffset.ParseExact(reader.GetString(ordinal), TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    protected override object GuidValue(Guid id) => id.ToString("D");

    protected override Guid ReadGuid(DbDataReader reader, int ordinal) => Guid.ParseExact(reader.GetString(ordinal), "D");

    protected override ValueTask ReleaseAsync()
    {
        // Pooled connections keep the file open; a closed log lets go of it (and of its WAL).
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
        return ValueTask.CompletedTask;
    }
}
