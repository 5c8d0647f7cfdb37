using Dashboard.Audit;
using Dashboard.Tests.Shared;
using Npgsql;

namespace Dashboard.Tests.Audit;

/// <summary>The same contract on PostgreSQL, for teams that run several replicas.</summary>
public sealed class PostgresAuditLogTests(PostgresServer postgres) : AuditLogContract, IClassFixture<PostgresServer>
{
    private string _connectionString = string.Empty;

    public override async ValueTask InitializeAsync()
    {
        postgres.Require();
        _connectionString = await postgres.NewDatabaseAsync();
        Log = new PostgresAuditLog(_connectionString);
    }

    public override async ValueTask DisposeAsync()
    {
        if (Log is PostgresAuditLog log)
        {
            await log.DisposeAsync();
        }
    }

    protected override DateTimeOffset Stored(DateTimeOffset time) => new(time.Ticks - (time.Ticks % 10), time.Offset);

    protected override async Task ReopenAsync()
    {
        await ((PostgresAuditLog)Log).DisposeAsync();
        Log = new PostgresAuditLog(_connectionString);
    }

    protected override async Task ExecuteRawAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(Ct);
    }

    [Fact]
    public async Task RawTruncate_IsRefusedByTheDatabase()
    {
        await Log.AppendAsync(Record(), Ct);

        var error = await Assert.ThrowsAsync<PostgresException>(() => ExecuteRawAsync("TRUNCATE audit_log"));

        Assert.Contains("append-only", error.MessageText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ManyStoresCreatingTheSchemaAtOnce_AllSucceed()
    {
        var replicas = Enumerable.Range(0, 4).Select(_ => new PostgresAuditLog(_connectionString)).ToList();

        await Task.WhenAll(replicas.Select(r => r.EnsureCreatedAsync(Ct)));
        await Task.WhenAll(replicas.Select(r => r.AppendAsync(Record(), Ct)));

        Assert.Equal(4, (await Log.QueryAsync(new AuditQuery(), Ct)).Total);
        foreach (var replica in replicas)
        {
            await replica.DisposeAsync();
        }
    }
}
