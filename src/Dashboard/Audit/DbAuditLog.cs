using System.Data.Common;
using System.Runtime.CompilerServices;
using System.Text;

namespace Dashboard.Audit;

/// <summary>
/// The audit log over ADO.NET: one table, <c>audit_log</c>, the same columns in SQLite and PostgreSQL. Each store
/// says how to open a connection, how to create the schema (with the triggers that refuse UPDATE and DELETE), and
/// how its column types hold times and ids. Inserts and reads are shared.
/// </summary>
public abstract class DbAuditLog : IAuditLog, IAsyncDisposable
{
    protected const string Columns =
        "id, occurred_at, environment, actor, action, workflow, target, result, message, reason, correlation_id, before_json, after_json";

    private readonly SemaphoreSlim _schemaGate = new(1, 1);
    private readonly SemaphoreSlim? _writeGate;
    private bool _ready;

    /// <param name="serializeWrites">Whether this process should send one insert at a time (SQLite has one writer).</param>
    protected DbAuditLog(bool serializeWrites) => _writeGate = serializeWrites ? new SemaphoreSlim(1, 1) : null;

    /// <summary>Where the records go, for messages: a file path or a database host, never a password.</summary>
    public abstract string Location { get; }

    /// <summary>Creates the table, its indexes and its append-only triggers when they are missing. Safe to call again.</summary>
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _ready))
        {
            return;
        }

        await _schemaGate.WaitAsync(cancellationToken);
        try
        {
            if (!_ready)
            {
                await PrepareAsync(cancellationToken);
                await using var connection = await OpenConnectionAsync(cancellationToken);
                await CreateSchemaAsync(connection, cancellationToken);
                Volatile.Write(ref _ready, true);
            }
        }
        finally
        {
            _schemaGate.Release();
        }
    }

    public async Task AppendAsync(AuditRecord record, CancellationToken cancellationToken)
    {
        if (record.Problems() is { Count: > 0 } problems)
        {
            throw new ArgumentException($"The audit record is incomplete: {string.Join(" ", problems)}", nameof(record));
        }

        await EnsureCreatedAsync(cancellationToken);
        if (_writeGate is not null)
        {
            await _writeGate.WaitAsync(cancellationToken);
        }

        try
        {
            await using var connection = await OpenConnectionAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = $"INSERT INTO audit_log ({Columns}) VALUES (@id, @time, @environment, @actor, @action, @workflow, @target, @result, @message, @reason, @correlation_id, @before_json, @after_json)";
            Add(command, "id", GuidValue(record.Id));
            Add(command, "time", TimeValue(record.Time));
            Add(command, "environment", record.Environment);
            Add(command, "actor", record.Actor);
            Add(command, "action", record.Action);
            Add(command, "workflow", record.Workflow);
            Add(command, "target", record.Target);
            Add(command, "result", record.Result.ToString());
            Add(command, "message", record.Message);
            Add(command, "reason", record.Reason);
            Add(command, "correlation_id", GuidValue(record.CorrelationId));
            Add(command, "before_json", record.Before);
            Add(command, "after_json", record.After);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        finally
        {
            _writeGate?.Release();
        }
    }

    public async Task<AuditRecordPage> QueryAsync(AuditQuery query, CancellationToken cancellationToken)
    {
        query.Validate();
        await EnsureCreatedAsync(cancellationToken);
        await using var connection = await OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        await using var count = connection.CreateCommand();
        count.Transaction = transaction;
        count.CommandText = $"SELECT COUNT(*) FROM audit_log{Where(count, query.Filter)}";
        var total = Convert.ToInt64(await count.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);

        await using var select = connection.CreateCommand();
        select.Transaction = transaction;
        select.CommandText = $"SELECT {Columns} FROM audit_log{Where(select, query.Filter)} ORDER BY occurred_at DESC, seq DESC LIMIT @limit OFFSET @offset";
        Add(select, "limit", query.Limit);
        Add(select, "offset", query.Offset);
        var records = new List<AuditRecord>(Math.Min(query.Limit, 100));
        await using (var reader = await select.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                records.Add(Read(reader));
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return new AuditRecordPage(records, total, query.Offset, query.Limit);
    }

    public async Task WriteCsvAsync(AuditFilter filter, Stream output, CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync(cancellationToken);
        await AuditCsv.WriteAsync(ReadAllAsync(filter, cancellationToken), output, cancellationToken);
    }

    public virtual async ValueTask DisposeAsync()
    {
        _schemaGate.Dispose();
        _writeGate?.Dispose();
        await ReleaseAsync();
        GC.SuppressFinalize(this);
    }

    /// <summary>An open connection.</summary>
    protected abstract ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken);

    protected abstract Task CreateSchemaAsync(DbConnection connection, CancellationToken cancellationToken);

    protected abstract object TimeValue(DateTimeOffset time);

    protected abstract DateTimeOffset ReadTime(DbDataReader reader, int ordinal);

    protected abstract object GuidValue(Guid id);

    protected abstract Guid ReadGuid(DbDataReader reader, int ordinal);

    /// <summary>Runs once before the schema is created, for what must exist before a connection opens.</summary>
    protected virtual ValueTask PrepareAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;

    protected virtual ValueTask ReleaseAsync() => ValueTask.CompletedTask;

    protected static async Task ExecuteAsync(DbConnection connection, string sql, CancellationToken cancellationToken, DbTransaction? transaction = null)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async IAsyncEnumerable<AuditRecord> ReadAllAsync(AuditFilter filter, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        await using var select = connection.CreateCommand();
        select.CommandText = $"SELECT {Columns} FROM audit_log{Where(select, filter)} ORDER BY occurred_at, seq";
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return Read(reader);
        }
    }

    private string Where(DbCommand command, AuditFilter filter)
    {
        var clauses = new List<string>();
        void Match(string column, object? value, string op = "=")
        {
            if (value is not null)
            {
                clauses.Add($"{column} {op} @f_{column}_{clauses.Count}");
                Add(command, $"f_{column}_{clauses.Count - 1}", value);
            }
        }

        Match("occurred_at", filter.From is { } from ? TimeValue(from) : null, ">=");
        Match("occurred_at", filter.To is { } to ? TimeValue(to) : null, "<");
        Match("environment", filter.Environment);
        Match("actor", filter.Actor);
        Match("action", filter.Action);
        Match("workflow", filter.Workflow);
        Match("target", filter.Target);
        Match("result", filter.Result?.ToString());
        Match("correlation_id", filter.CorrelationId is { } correlation ? GuidValue(correlation) : null);
        if (clauses.Count == 0)
        {
            return string.Empty;
        }

        var where = new StringBuilder(" WHERE ");
        return where.AppendJoin(" AND ", clauses).ToString();
    }

    private AuditRecord Read(DbDataReader reader) => new()
    {
        Id = ReadGuid(reader, 0),
        Time = ReadTime(reader, 1),
        Environment = reader.GetString(2),
        Actor = reader.GetString(3),
        Action = reader.GetString(4),
        Workflow = Text(reader, 5),
        Target = reader.GetString(6),
        Result = Enum.Parse<AuditResult>(reader.GetString(7)),
        Message = Text(reader, 8),
        Reason = Text(reader, 9),
        CorrelationId = ReadGuid(reader, 10),
        Before = Text(reader, 11),
        After = Text(reader, 12),
    };

    private static string? Text(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static void Add(DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@" + name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
    }
}
