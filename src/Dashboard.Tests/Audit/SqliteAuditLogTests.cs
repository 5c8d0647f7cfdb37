using Dashboard.Audit;
using Dashboard.Tests.Shared;
using Microsoft.Data.Sqlite;

namespace Dashboard.Tests.Audit;

public sealed class SqliteAuditLogTests : AuditLogContract
{
    private TempAuditLog _temp = null!;

    public override ValueTask InitializeAsync()
    {
        _temp = new TempAuditLog();
        Log = _temp.Log;
        return ValueTask.CompletedTask;
    }

    public override ValueTask DisposeAsync() => _temp.DisposeAsync();

    protected override async Task ReopenAsync() => Log = await _temp.ReopenAsync();

    protected override async Task ExecuteRawAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={_temp.Path}");
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(Ct);
    }

    [Fact]
    public async Task FirstUse_CreatesTheFolderAndTheFile_InWalMode()
    {
        Assert.False(Directory.Exists(Path.GetDirectoryName(_temp.Path)));

        await Log.AppendAsync(Record(), Ct);

        Assert.True(File.Exists(_temp.Path));
        await using var connection = new SqliteConnection($"Data Source={_temp.Path}");
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", await command.ExecuteScalarAsync(Ct));
    }

    [Fact]
    public async Task TwoStoresOnOneFile_SeeEachOthersRecords()
    {
        await using var second = new SqliteAuditLog(_temp.Path);
        await Log.AppendAsync(Record(actor: "first"), Ct);

        await second.AppendAsync(Record(actor: "second"), Ct);

        Assert.Equal(["second", "first"], (await Log.QueryAsync(new AuditQuery(), Ct)).Records.Select(r => r.Actor));
    }
}
