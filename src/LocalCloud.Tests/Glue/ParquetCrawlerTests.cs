using System.Collections.Concurrent;
using System.Text;
using LocalCloud.Glue;
using LocalCloud.Glue.DataPlane;
using LocalCloud.S3;

namespace LocalCloud.Tests.Glue;

/// <summary>The crawler over Parquet files in a hand-written in-memory store: table name, columns, partitions, skips.</summary>
public sealed class ParquetCrawlerTests
{
    private const string Account = "111122223333";
    private readonly MemoryObjectStore _store = new();
    private readonly DataCatalog _catalog = new(Account);
    private readonly DateTimeOffset _now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ParquetCrawlerTests() => _catalog.CreateDatabase(new DatabaseInput("lake", null, null, null), _now);

    private async Task PutParquetAsync(string key, string jsonLines)
    {
        var records = JsonRecords.Read(key, Encoding.UTF8.GetBytes(jsonLines));
        _store.Objects[key] = await ParquetFiles.WriteAsync(records, ColumnInference.Infer(records), Ct);
    }

    private Task<List<string>> CrawlAsync(string path, string database = "lake") =>
        ParquetCrawler.RunAsync(_store, _catalog, "us-east-1", new Crawler("c", "role", new CrawlerTargets([new S3Target(path, null)]), database, null, "READY", _now, _now, null, null), () => _now, Ct);

    [Fact]
    public async Task KeyValueFolders_BecomePartitionKeysAndPartitions()
    {
        await PutParquetAsync("data/sales/year=2021/month=06/part-1.parquet", "{\"id\": 1, \"amount\": 2.5}");
        await PutParquetAsync("data/sales/year=2021/month=07/part-2.parquet", "{\"id\": 2, \"amount\": 3, \"note\": \"x\"}");
        await PutParquetAsync("data/sales/year=2021/month=07/_SUCCESS.parquet", "{\"other\": 1}");

        Assert.Equal(["sales"], await CrawlAsync("s3://b/data/sales"));

        var table = _catalog.GetTable("lake", "sales");
        Assert.Equal(["year", "month"], table.PartitionKeys.Select(k => k.Name));
        Assert.Equal(["id:bigint", "amount:double", "note:string"], table.StorageDescriptor?.Columns?.Select(c => $"{c.Name}:{c.Type}"));
        Assert.Equal("2", table.Parameters?["recordCount"]);
        Assert.Equal("2", table.Parameters?["objectCount"]);
        var partitions = _catalog.GetPartitions("lake", "sales", null, excludeColumnSchema: false);
        Assert.Equal(["2021/06", "2021/07"], partitions.Select(p => string.Join('/', p.Values)));
        Assert.Equal("s3://b/data/sales/year=2021/month=07/", partitions[1].StorageDescriptor?.Location);
        Assert.Equal(["2021/07"], _catalog.GetPartitions("lake", "sales", "month = '07'", false).Select(p => string.Join('/', p.Values)));
    }

    [Fact]
    public async Task PlainFolders_ArePartition0AndOn()
    {
        await PutParquetAsync("logs/2021/part.parquet", "{\"a\": true}");
        await CrawlAsync("s3://b/logs/");
        Assert.Equal(["partition_0"], _catalog.GetTable("lake", "logs").PartitionKeys.Select(k => k.Name));
    }

    [Fact]
    public async Task SecondCrawl_UpdatesSchema_KeepsCreateTime_AddsPartitions()
    {
        await PutParquetAsync("t/d=1/a.parquet", "{\"a\": 1}");
        await CrawlAsync("s3://b/t/");
        await PutParquetAsync("t/d=2/b.parquet", "{\"a\": \"text\"}");
        await CrawlAsync("s3://b/t/");

        var table = _catalog.GetTable("lake", "t");
        Assert.Equal(["a:string"], table.StorageDescriptor?.Columns?.Select(c => $"{c.Name}:{c.Type}"));
        Assert.Equal("1", table.VersionId);
        Assert.Equal(2, _catalog.GetPartitions("lake", "t", null, false).Count);
    }

    [Fact]
    public async Task NoParquet_NoTable_NotAnError()
    {
        _store.Objects["empty/readme.txt"] = [1];
        Assert.Empty(await CrawlAsync("s3://b/empty/"));
        Assert.Empty(_catalog.GetTables("lake", null));
    }

    [Fact]
    public async Task MissingDatabase_FailsWithEntityNotFound()
    {
        await PutParquetAsync("t/a.parquet", "{\"a\": 1}");
        var error = await Assert.ThrowsAsync<LocalCloud.Protocol.AwsServiceException>(() => CrawlAsync("s3://b/t/", database: "nope"));
        Assert.Equal("EntityNotFoundException", error.Code);
        Assert.Equal("Database nope not found.", error.Message);
    }

    [Theory]
    [InlineData("s3://b/data/products/", "products")]
    [InlineData("s3://b/data/Products-2021", "products_2021")]
    [InlineData("s3://bucket-x", "bucket_x")]
    public void TableName_IsTheLastFolder(string path, string name)
    {
        Assert.True(S3Location.TryParse(path, out var location));
        Assert.Equal(name, ParquetCrawler.TableName(location));
    }

    /// <summary>Objects in one bucket, in memory, listed in key order.</summary>
    private sealed class MemoryObjectStore : IObjectStore
    {
        public ConcurrentDictionary<string, byte[]> Objects { get; } = new(StringComparer.Ordinal);

        public Task<byte[]> GetAsync(string account, string region, string bucket, string key, CancellationToken cancellationToken) =>
            Task.FromResult(Objects.TryGetValue(key, out var content) ? content : throw S3Exception.NoSuchKey(bucket, key));

        public Task<IReadOnlyList<S3Object>> ListAsync(string account, string region, string bucket, string prefix, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<S3Object>>([.. Objects.Where(o => o.Key.StartsWith(prefix, StringComparison.Ordinal)).OrderBy(o => o.Key, StringComparer.Ordinal)
                .Select(o => new S3Object(o.Key, DateTimeOffset.UnixEpoch, "etag", o.Value.Length, "STANDARD", null))]);

        public Task PutAsync(string account, string region, string bucket, string key, byte[] content, string contentType, CancellationToken cancellationToken)
        {
            Objects[key] = content;
            return Task.CompletedTask;
        }
    }
}
