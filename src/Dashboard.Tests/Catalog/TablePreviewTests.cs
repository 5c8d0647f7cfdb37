using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Dashboard.Aws.Glue;
using Dashboard.Catalog;
using Dashboard.Tests.Shared;
using DuckDB.NET.Data;
using LocalCloud.Glue;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dashboard.Tests.Catalog;

/// <summary>
/// The table preview against LocalCloud, over the wire: Parquet files in S3 under <c>year=/month=</c> folders, a
/// crawler that catalogs them, then our Glue Data Catalog client, S3 client and DuckDB reading them back.
/// </summary>
public sealed class TablePreviewTests : IClassFixture<LocalCloudServer>, IDisposable
{
    private readonly string _bucket = "preview-" + Guid.NewGuid().ToString("N")[..12];
    private readonly string _database = "db_" + Guid.NewGuid().ToString("N")[..8];
    private readonly DirectoryInfo _files = Directory.CreateTempSubdirectory("preview-test-");
    private readonly LocalCloudServer _cloud;
    private readonly AmazonS3Client _s3;
    private readonly GlueCatalogClient _catalog;
    private readonly GlueClient _glue;

    public TablePreviewTests(LocalCloudServer cloud)
    {
        _cloud = cloud;
        _s3 = new AmazonS3Client(new BasicAWSCredentials("test", "test"), new AmazonS3Config { ServiceURL = cloud.Endpoint.ToString(), ForcePathStyle = true, AuthenticationRegion = "us-east-1" });
        _catalog = new GlueCatalogClient(LocalCloudServer.Credentials, TestClients.EndpointConfig(GlueClient.Spec, cloud.Endpoint));
        _glue = new GlueClient(LocalCloudServer.Credentials, TestClients.EndpointConfig(GlueClient.Spec, cloud.Endpoint));
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static HybridCache Cache() => new ServiceCollection().AddHybridCache().Services.BuildServiceProvider().GetRequiredService<HybridCache>();

    private TablePreview Preview(PreviewLimits? limits = null) =>
        new(_catalog, new S3ParquetObjects(_s3), Cache(), NullLogger<TablePreview>.Instance) { Limits = limits ?? PreviewLimits.Default };

    /// <summary>Three months of sales, two rows each, as Parquet under sales/year=2021/month=MM/; crawled into the catalog.</summary>
    private async Task SeedAsync()
    {
        await _s3.PutBucketAsync(_bucket, Ct);
        foreach (var month in new[] { "06", "07", "08" })
        {
            var path = Path.Combine(_files.FullName, $"{month}.parquet");
            using (var connection = new DuckDBConnection("Data Source=:memory:"))
            {
                connection.Open();
                using var command = connection.CreateCommand();
                command.CommandText = $"COPY (SELECT id::BIGINT AS id, amount::DOUBLE AS amount, note FROM (VALUES (1, 2.5, 'a'), (2, 3.0, NULL)) t(id, amount, note)) TO '{path}' (FORMAT PARQUET)";
                command.ExecuteNonQuery();
            }

            await _s3.PutObjectAsync(new PutObjectRequest { BucketName = _bucket, Key = $"sales/year=2021/month={month}/part-0.parquet", FilePath = path }, Ct);
        }

        await _cloud.GlueAsync("CreateDatabase", new { DatabaseInput = new { Name = _database } });
        await _cloud.GlueAsync("CreateCrawler", new
        {
            Name = $"{_database}-crawler",
            Role = "arn:aws:iam::000000000000:role/glue",
            DatabaseName = _database,
            Targets = new { S3Targets = new[] { new { Path = $"s3://{_bucket}/sales/" } } },
            Tags = new Dictionary<string, string> { ["localcloud:duration-seconds"] = "0" },
        });
        await _cloud.GlueAsync("StartCrawler", new { Name = $"{_database}-crawler" });

        // A zero-length crawl does its work in the background: wait for it, no sleeping.
        await _cloud.Cloud.Services.GetRequiredService<GlueBackend>().DataPlaneWork.WhenIdleAsync(Ct);
    }

    [Fact]
    public async Task Lookup_DescribesTheCrawledTable_WithPartitions()
    {
        await SeedAsync();

        var lookup = await Preview().LookupAsync(_database, "sales", Ct);

        var table = Assert.IsType<TableDescription>(lookup.Table);
        Assert.Equal($"s3://{_bucket}/sales/", table.Location);
        Assert.Equal("parquet", table.Classification);
        Assert.Equal(6, table.RecordCount);
        Assert.Equal(["id:bigint", "amount:double", "note:string"], table.Columns.Select(c => $"{c.Name}:{c.Type}"));
        Assert.Equal(["year", "month"], table.PartitionKeys.Select(k => k.Name));
        Assert.Equal(["2021/06", "2021/07", "2021/08"], table.Partitions.Select(p => string.Join('/', p.Values)));
        Assert.Equal($"{_database}-crawler", table.UpdatedByCrawler);
    }

    [Fact]
    public async Task Preview_ReadsTheFirstFilesWithinTheLimits_PartitionFoldersBecomeColumns()
    {
        await SeedAsync();
        var preview = Preview(new PreviewLimits(MaxRows: 3, MaxFiles: 2));
        var table = (await preview.LookupAsync(_database, "sales", Ct)).Table ?? throw new InvalidOperationException("The crawler made no table.");

        var grid = await preview.PreviewAsync(table, Ct);

        Assert.Equal(["amount", "id", "month", "note", "year"], grid.Columns.Order(StringComparer.Ordinal));
        Assert.Equal(3, grid.Rows.Count);
        Assert.True(grid.MoreRows);
        Assert.Equal((2, 3, true), (grid.FilesRead, grid.FilesFound, grid.MoreFiles));
        Assert.True(grid.BytesRead > 0);
        var month = grid.Columns.ToList().IndexOf("month");
        Assert.All(grid.Rows, r => Assert.Contains(r[month], new[] { "6", "06", "7", "07" }));
    }

    [Fact]
    public async Task Lookup_MissingTable_IsAnAnswerWithGluesMessage()
    {
        await _cloud.GlueAsync("CreateDatabase", new { DatabaseInput = new { Name = _database } });

        var lookup = await Preview().LookupAsync(_database, "nope", Ct);

        Assert.True(lookup.IsMissing);
        Assert.Equal("Table nope not found.", lookup.Missing);
    }

    [Fact]
    public async Task CrawlerTables_FindsTheTableTheCrawlerWrote()
    {
        await SeedAsync();
        var tables = new CrawlerTables(_glue, _catalog, Cache(), NullLogger<CrawlerTables>.Instance);

        var list = await tables.ForCrawlersAsync([$"{_database}-crawler", "no-such-crawler"], Ct);

        var found = Assert.Single(list.Tables);
        Assert.Equal((_database, "sales", $"{_database}-crawler"), (found.Database, found.Table, found.Crawler));
        Assert.Equal(["no-such-crawler"], list.CrawlersWithoutTables);
        Assert.Null(list.Problem);
    }

    public void Dispose()
    {
        _s3.Dispose();
        _catalog.Dispose();
        _glue.Dispose();
        _files.Delete(recursive: true);
    }
}
