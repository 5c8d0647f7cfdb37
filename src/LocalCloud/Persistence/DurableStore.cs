using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Data.Sqlite;

namespace LocalCloud.Persistence;

/// <summary>
/// Where LocalCloud keeps its state across restarts when <c>LocalCloud:DataPath</c> is set: one SQLite database,
/// <c>&lt;DataPath&gt;/localcloud.db</c>, holding records (kind, key, JSON value). Without a data path the store is
/// <see cref="Disabled"/>: every call returns at once and nothing is serialized.
/// </summary>
/// <remarks>
/// <para>
/// <b>Why SQLite in WAL mode with <c>synchronous=FULL</c>.</b> A committed transaction is in the write-ahead log and
/// fsynced before <c>COMMIT</c> returns, and a transaction that was not committed (a crash or <c>kill -9</c> half-way,
/// a torn WAL frame) is ignored when the database opens, so the store always opens to its last committed state. An
/// append-only log of our own would need its own checksums, torn-tail handling and compaction; SQLite has them.
/// </para>
/// <para>
/// <b>Group commit.</b> Backends call <see cref="Put{T}"/> and <see cref="Delete"/> under their own locks: the value is
/// serialized at once (a consistent snapshot) and queued, which costs microseconds. One writer thread takes everything
/// queued, writes it in one transaction and commits, so a burst of concurrent writers shares one fsync.
/// Changes from one thread between <see cref="Atomic"/> and its disposal go into the same transaction.
/// </para>
/// <para>
/// <b>Acknowledged means durable.</b> <c>AwsRouter</c> holds every response until <see cref="FlushAsync"/> has committed
/// everything queued before it, so a 200 is only sent for state that is on disk.
/// </para>
/// <para>
/// <b>Making a backend durable</b> takes a few lines: take the <see cref="DurableStore"/> in the constructor; restore with
/// <see cref="Load{T}"/> (per kind, e.g. <c>"sqs/queue"</c>); after each change call <see cref="Put{T}"/> or
/// <see cref="Delete"/> with the record's key, or, for definitions that change only through the API, snapshot them with
/// a <see cref="SnapshotWriter"/> after each operation (see <c>EventBridgeBackend.Persistence.cs</c>).
/// </para>
/// </remarks>
public sealed class DurableStore : IAsyncDisposable
{
    /// <summary>How values are written: plain JSON, enums as strings, nulls left out.</summary>
    public static readonly JsonSerializerOptions Json = new()
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    [ThreadStatic]
    private static List<Change>? _group;

    private readonly object _gate = new();
    private readonly Lock _connectionGate = new();
    private readonly SqliteConnection? _connection;
    private readonly Thread? _writer;
    private readonly ILogger? _logger;
    private List<Change> _pending = [];
    private List<Action> _afterCommit = [];
    private TaskCompletionSource? _pendingDone;
    private TaskCompletionSource? _inflightDone;
    private bool _stopping;
    private long _transactions;
    private long _changes;

    private DurableStore()
    {
    }

    private DurableStore(string dataPath, ILogger logger)
    {
        _logger = logger;
        Directory.CreateDirectory(dataPath);
        DatabasePath = Path.Combine(Path.GetFullPath(dataPath), "localcloud.db");
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = DatabasePath, Pooling = false }.ToString());
        _connection.Open();
        Execute("PRAGMA journal_mode=WAL;");
        Execute("PRAGMA synchronous=FULL;");
        Execute("CREATE TABLE IF NOT EXISTS records (kind TEXT NOT NULL, key TEXT NOT NULL, value BLOB NOT NULL, PRIMARY KEY (kind, key)) WITHOUT ROWID;");
        _writer = new Thread(WriteLoop) { IsBackground = true, Name = "LocalCloud durable store" };
        _writer.Start();
    }

    /// <summary>The store of an in-memory LocalCloud: nothing is kept, and nothing costs anything.</summary>
    public static DurableStore Disabled { get; } = new();

    public bool IsEnabled => _connection is not null;

    /// <summary>The database file, when enabled.</summary>
    public string? DatabasePath { get; }

    /// <summary>Transactions committed since start: with group commit, far fewer than changes.</summary>
    public long Transactions => Interlocked.Read(ref _transactions);

    /// <summary>Changes (puts and deletes) committed since start.</summary>
    public long Changes => Interlocked.Read(ref _changes);

    /// <summary>Opens (or creates) the store under a data path, or returns <see cref="Disabled"/> for none.</summary>
    public static DurableStore Open(string? dataPath, ILogger logger) =>
        string.IsNullOrEmpty(dataPath) ? Disabled : new DurableStore(dataPath, logger);

    /// <summary>Queues a record's new value; serialized now, committed with the next group.</summary>
    public void Put<T>(string kind, string key, T value)
    {
        if (IsEnabled)
        {
            Enqueue(new Change(ChangeType.Put, kind, key, JsonSerializer.SerializeToUtf8Bytes(value, Json)));
        }
    }

    /// <summary>Queues a value that is already serialized (a snapshot compared with the last one written).</summary>
    public void PutBytes(string kind, string key, byte[] value)
    {
        if (IsEnabled)
        {
            Enqueue(new Change(ChangeType.Put, kind, key, value));
        }
    }

    public void Delete(string kind, string key)
    {
        if (IsEnabled)
        {
            Enqueue(new Change(ChangeType.Delete, kind, key, null));
        }
    }

    /// <summary>Deletes every record of a kind whose key starts with the prefix (a bucket's objects, a workflow's runs).</summary>
    public void DeletePrefix(string kind, string keyPrefix)
    {
        if (IsEnabled)
        {
            Enqueue(new Change(ChangeType.DeletePrefix, kind, keyPrefix, null));
        }
    }

    /// <summary>
    /// Runs an action once everything queued so far is committed: deleting the file of a replaced object must wait
    /// until no committed record names it. Without a store it runs at once.
    /// </summary>
    public void AfterCommit(Action action)
    {
        if (!IsEnabled)
        {
            action();
            return;
        }

        lock (_gate)
        {
            _afterCommit.Add(action);
            _pendingDone ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            Monitor.PulseAll(_gate);
        }
    }

    /// <summary>Changes made by this thread until the scope is disposed are committed together, or not at all.</summary>
    public AtomicScope Atomic()
    {
        if (!IsEnabled || _group is not null)
        {
            return default;
        }

        _group = [];
        return new AtomicScope(this);
    }

    /// <summary>Completes when everything queued before the call is committed (at once when nothing is waiting).</summary>
    public Task FlushAsync(CancellationToken cancellationToken)
    {
        if (!IsEnabled)
        {
            return Task.CompletedTask;
        }

        Task task;
        lock (_gate)
        {
            task = _stopping ? Task.CompletedTask : (_pendingDone ?? _inflightDone)?.Task ?? Task.CompletedTask;
        }

        return task.WaitAsync(cancellationToken);
    }

    /// <summary>Every record of a kind, oldest key first; read at start, before the backends take requests.</summary>
    public IReadOnlyList<(string Key, T Value)> Load<T>(string kind)
    {
        if (_connection is null)
        {
            return [];
        }

        var records = new List<(string, T)>();
        lock (_connectionGate)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = "SELECT key, value FROM records WHERE kind = $kind ORDER BY key;";
            command.Parameters.AddWithValue("$kind", kind);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var key = reader.GetString(0);
                var bytes = (byte[])reader.GetValue(1);
                try
                {
                    if (JsonSerializer.Deserialize<T>(bytes, Json) is { } value)
                    {
                        records.Add((key, value));
                    }
                }
                catch (JsonException error)
                {
                    // A record written by an older LocalCloud with another shape: skipped, and said so.
                    _logger?.LogWarning(error, "Durable store: {Kind} {Key} is not readable and is skipped.", kind, key);
                }
            }
        }

        return records;
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is null)
        {
            return;
        }

        await FlushAsync(CancellationToken.None);
        lock (_gate)
        {
            _stopping = true;
            Monitor.PulseAll(_gate);
        }

        _writer?.Join();
        lock (_connectionGate)
        {
            _connection.Dispose();
        }
    }

    private void Enqueue(Change change)
    {
        if (_group is { } group)
        {
            group.Add(change);
            return;
        }

        lock (_gate)
        {
            if (_stopping)
            {
                // A timer that fires while LocalCloud stops: the state it changes is rebuilt from the records at the next start.
                return;
            }

            _pending.Add(change);
            _pendingDone ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            Monitor.PulseAll(_gate);
        }
    }

    private void EnqueueGroup(List<Change> changes)
    {
        if (changes.Count == 0)
        {
            return;
        }

        lock (_gate)
        {
            // The writer takes whole lists under this lock, so a group is never split across transactions.
            _pending.AddRange(changes);
            _pendingDone ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            Monitor.PulseAll(_gate);
        }
    }

    private void WriteLoop()
    {
        while (true)
        {
            List<Change> batch;
            List<Action> after;
            TaskCompletionSource done;
            lock (_gate)
            {
                while (_pendingDone is null && !_stopping)
                {
                    Monitor.Wait(_gate);
                }

                if (_pendingDone is null)
                {
                    return;
                }

                (batch, _pending) = (_pending, []);
                (after, _afterCommit) = (_afterCommit, []);
                done = _inflightDone = _pendingDone;
                _pendingDone = null;
            }

            try
            {
                Commit(batch);
                Interlocked.Increment(ref _transactions);
                Interlocked.Add(ref _changes, batch.Count);
                foreach (var action in after)
                {
                    RunAfterCommit(action);
                }

                done.TrySetResult();
            }
            catch (SqliteException error)
            {
                // Nothing of this group is on disk: the requests waiting for it fail instead of being acknowledged.
                _logger?.LogError(error, "Durable store: a transaction of {Count} changes failed and was rolled back.", batch.Count);
                done.TrySetException(error);
            }
            finally
            {
                lock (_gate)
                {
                    if (ReferenceEquals(_inflightDone, done))
                    {
                        _inflightDone = null;
                    }
                }
            }
        }
    }

    private void RunAfterCommit(Action action)
    {
        try
        {
            action();
        }
        catch (IOException error)
        {
            _logger?.LogWarning(error, "Durable store: clean-up after a commit failed; it is retried at the next start.");
        }
    }

    private void Commit(List<Change> batch)
    {
        if (batch.Count == 0)
        {
            return;
        }

        lock (_connectionGate)
        {
            var connection = _connection ?? throw new InvalidOperationException("The durable store is disabled.");
            using var transaction = connection.BeginTransaction();
            using var put = Command(connection, transaction, "INSERT INTO records (kind, key, value) VALUES ($kind, $key, $value) ON CONFLICT (kind, key) DO UPDATE SET value = excluded.value;", withValue: true);
            using var delete = Command(connection, transaction, "DELETE FROM records WHERE kind = $kind AND key = $key;", withValue: false);
            using var deletePrefix = Command(connection, transaction, "DELETE FROM records WHERE kind = $kind AND substr(key, 1, length($key)) = $key;", withValue: false);
            foreach (var change in batch)
            {
                var command = change.Type switch
                {
                    ChangeType.Put => put,
                    ChangeType.Delete => delete,
                    _ => deletePrefix,
                };
                command.Parameters[0].Value = change.Kind;
                command.Parameters[1].Value = change.Key;
                if (change.Type == ChangeType.Put)
                {
                    command.Parameters[2].Value = change.Value;
                }

                command.ExecuteNonQuery();
            }

            transaction.Commit();
        }
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction transaction, string sql, bool withValue)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.Parameters.Add("$kind", SqliteType.Text);
        command.Parameters.Add("$key", SqliteType.Text);
        if (withValue)
        {
            command.Parameters.Add("$value", SqliteType.Blob);
        }

        command.Prepare();
        return command;
    }

    private void Execute(string sql)
    {
        using var command = (_connection ?? throw new InvalidOperationException("The durable store is disabled.")).CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>Ends an <see cref="Atomic"/> scope: its changes are queued as one group.</summary>
    public readonly struct AtomicScope(DurableStore? store) : IDisposable
    {
        public void Dispose()
        {
            if (store is not null && _group is { } group)
            {
                _group = null;
                store.EnqueueGroup(group);
            }
        }
    }

    private enum ChangeType
    {
        Put,
        Delete,
        DeletePrefix,
    }

    private sealed record Change(ChangeType Type, string Kind, string Key, byte[]? Value);
}
