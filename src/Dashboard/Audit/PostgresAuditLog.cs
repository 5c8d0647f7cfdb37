using System.Data.Common;
using Npgsql;

namespace Dashboard.Audit;

/// <summary>
/// The audit log in PostgreSQL (<c>Audit:ConnectionString</c>), for teams that run several replicas: the same table
/// as SQLite's, with <c>timestamptz</c> and <c>uuid</c> columns, and a trigger that raises on UPDATE, DELETE and
/// TRUNCATE. Replicas creating the schema at once take an advisory lock first.
/// </summary>
public sealed class PostgresAuditLog : DbAuditLog
{
    private static readonly string[] Schema =
    [
        // One replica at a time past this point; the lock ends with the transaction.
        "SELECT pg_advisory_xact_lock(4242424242)",
        """
        CREATE TABLE IF NOT EXISTS audit_log (
            seq            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            id             uuid NOT NULL UNIQUE,
            occurred_at    timestamptz NOT NULL,
            environment    text NOT NULL,
            actor          text NOT NULL,
            action         text NOT NULL,
            workflow       text NULL,
            target         text NOT NULL,
            result         text NOT NULL CHECK (result IN ('Pending', 'Succeeded', 'Failed', 'Conflict', 'Refused')),
            message        text NULL,
            reason         text NULL,
            correlation_id uuid NOT NULL,
            before_json    text NULL,
            after_json     text NULL
        )
        """,
        "CREATE INDEX IF NOT EXISTS audit_log_occurred_at ON audit_log (occurred_at)",
        "CREATE INDEX IF NOT EXISTS audit_log_workflow ON audit_log (workflow, occurred_at)",
        "CREATE INDEX IF NOT EXISTS audit_log_actor ON audit_log (actor, occurred_at)",
        "CREATE INDEX IF NOT EXISTS audit_log_correlation ON audit_log (correlation_id)",
        """
        CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION 'audit_log is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
        END
        $$
        """,
        """
        CREATE OR REPLACE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
        FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()
        """,
        """
        CREATE OR REPLACE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
        FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()
        """,
    ];

    private readonly NpgsqlDataSource _dataSource;

    public PostgresAuditLog(string connectionString)
        : base(serializeWrites: false)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        Location = $"PostgreSQL database '{builder.Database ?? builder.Username}' on {builder.Host}:{builder.Port}";
        _dataSource = NpgsqlDataSource.Create(builder);
    }

    public override string Location { get; }

    protected override async ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken) =>
        await _dataSource.OpenConnectionAsync(cancellationToken);

    protected override async Task CreateSchemaAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var statement in Schema)
        {
            await ExecuteAsync(connection, statement, cancellationToken, transaction);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    protected override object TimeValue(DateTimeOffset time) => time.ToUniversalTime();

    protected override DateTimeOffset ReadTime(DbDataReader reader, int ordinal) => reader.GetFieldValue<DateTimeOffset>(ordinal);

    protected override object GuidValue(Guid id) => id;

    protected override Guid ReadGuid(DbDataReader reader, int ordinal) => reader.GetGuid(ordinal);

    protected override ValueTask ReleaseAsync() => _dataSource.DisposeAsync();
}
