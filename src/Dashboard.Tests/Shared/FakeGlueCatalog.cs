using System.Net;
using Dashboard.Aws.Glue;
using Dashboard.Aws.Protocol;
using Dashboard.Catalog;
using DuckDB.NET.Data;

namespace Dashboard.Tests.Shared;

/// <summary>A hand-written Data Catalog: tables by database and name, an optional failure, and an optional gate that holds GetTable.</summary>
public sealed class FakeGlueCatalog : IGlueCatalogApi
{
    public Dictionary<(string Database, string Table), Table> Tables { get; } = [];

    public Exception? Failure { get; set; }

    /// <summary>When set, GetTable waits for it: the page's loading state.</summary>
    public TaskCompletionSource? Gate { get; set; }

    public int GetTableCalls { get; private set; }

    public Amazon.Runtime.IClientConfig Config => throw new NotSupportedException();

    public void Add(string database, Table table) => Tables[(database, table.Name ?? string.Empty)] = table with { DatabaseName = database };

    public static AwsApiException NotFound(string message) =>
        AwsErrors.Create(new("Glue", "GetTable", "EntityNotFoundException", message, null, HttpStatusCode.BadRequest, Amazon.Runtime.ErrorType.Sender));

    public Task<GetDatabasesResponse> GetDatabasesAsync(GetDatabasesRequest request, CancellationToken cancellationToken = default) =>
        Task.FromResult(new GetDatabasesResponse { DatabaseList = [.. Tables.Keys.Select(k => k.Database).Distinct().Select(d => new Database { Name = d })] });

    public Task<GetTablesResponse> GetTablesAsync(GetTablesRequest request, CancellationToken cancellationToken = default) =>
        Failure is { } failure
            ? Task.FromException<GetTablesResponse>(failure)
            : Task.FromResult(new GetTablesResponse { TableList = [.. Tables.Where(t => t.Key.Database == request.DatabaseName).Select(t => t.Value)] });

    public async Task<GetTableResponse> GetTableAsync(GetTableRequest request, CancellationToken cancellationToken = default)
    {
        GetTableCalls++;
        if (Gate is { } gate)
        {
            await gate.Task.WaitAsync(cancellationToken);
        }

        if (Failure is { } failure)
        {
            throw failure;
        }

        return Tables.TryGetValue((request.DatabaseName, request.Name), out var table)
            ? new GetTableResponse { Table = table }
            : throw NotFound($"Table {request.Name} not found.");
    }

    public Task<GetPartitionsResponse> GetPartitionsAsync(GetPartitionsRequest request, CancellationToken cancellationToken = default) =>
        Task.FromResult(new GetPartitionsResponse { Partitions = [] });

    public void Dispose()
    {
    }
}

/// <summary>Parquet objects kept as local files (written with DuckDB), "downloaded" by copying.</summary>
public sealed class FakeParquetObjects : IParquetObjects, IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("fake-parquet-");
    private readonly List<(string Key, string Path)> _objects = [];

    public Exception? ListFailure { get; set; }

    /// <summary>Writes a Parquet file of <paramref name="select"/>'s rows (a DuckDB query) as the object <paramref name="key"/>.</summary>
    public void AddParquet(string key, string select)
    {
        var path = Path.Combine(_folder.FullName, $"{_objects.Count}.parquet");
        using (var connection = new DuckDBConnection("Data Source=:memory:"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"COPY ({select}) TO '{path}' (FORMAT PARQUET)";
            command.ExecuteNonQuery();
        }

        _objects.Add((key, path));
    }

    public Task<(IReadOnlyList<StoredObject> Objects, bool More)> ListAsync(string bucket, string prefix, int maxKeys, CancellationToken cancellationToken) =>
        ListFailure is { } failure
            ? Task.FromException<(IReadOnlyList<StoredObject>, bool)>(failure)
            : Task.FromResult<(IReadOnlyList<StoredObject>, bool)>(([.. _objects.Where(o => o.Key.StartsWith(prefix, StringComparison.Ordinal)).Select(o => new StoredObject(o.Key, new FileInfo(o.Path).Length))], false));

    public Task DownloadAsync(string bucket, string key, string path, CancellationToken cancellationToken)
    {
        File.Copy(_objects.Single(o => o.Key == key).Path, path);
        return Task.CompletedTask;
    }

    public void Dispose() => _folder.Delete(recursive: true);
}
