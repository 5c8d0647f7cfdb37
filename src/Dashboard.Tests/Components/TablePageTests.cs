using System.Net;
using Bunit;
using Dashboard.Aws.Glue;
using Dashboard.Aws.Protocol;
using Dashboard.Catalog;
using Dashboard.Components.Pages;
using Dashboard.Tests.Shared;

namespace Dashboard.Tests.Components;

/// <summary>The table page's states: loading, not found, error, and the table with its preview (rows, none, or a problem).</summary>
public sealed class TablePageTests : DashboardComponentTest
{
    private readonly FakeGlueCatalog _catalog = new();
    private readonly FakeParquetObjects _objects = new();

    public TablePageTests()
    {
        Services.AddSingleton<IGlueCatalogApi>(_catalog);
        Services.AddSingleton<IParquetObjects>(_objects);
        Services.AddHybridCache();
        Services.AddSingleton<TablePreview>();
    }

    private static Table Products(string classification = "parquet") => new()
    {
        Name = "products",
        StorageDescriptor = new()
        {
            Location = "s3://bucket/data/products/",
            Columns = [new() { Name = "product_id", Type = "string" }, new() { Name = "created_at", Type = "date" }],
        },
        PartitionKeys = [],
        Parameters = new Dictionary<string, string> { ["classification"] = classification, ["recordCount"] = "2", ["UPDATED_BY_CRAWLER"] = "products_crawler" },
        UpdateTime = new DateTimeOffset(2026, 11, 25, 11, 0, 0, TimeSpan.Zero),
    };

    private IRenderedComponent<TablePage> RenderPage(string database = "products_db", string table = "products") =>
        Render<TablePage>(parameters => parameters.Add(p => p.Database, database).Add(p => p.Table, table));

    protected override async ValueTask DisposeAsyncCore()
    {
        _objects.Dispose();
        await base.DisposeAsyncCore();
    }

    [Fact]
    public void WhileGlueAnswers_ShowsLoading()
    {
        _catalog.Gate = new TaskCompletionSource();
        _catalog.Add("products_db", Products());

        var page = RenderPage();

        Assert.NotNull(page.Find("[data-testid=table-loading]"));
        _catalog.Gate.SetResult();
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=table-facts]")));
    }

    [Fact]
    public void MissingTable_SaysGlueFoundNoTable()
    {
        var page = RenderPage(table: "nope");

        page.WaitForAssertion(() => Assert.Contains("Table nope not found.", page.Find("[data-testid=table-not-found]").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public void AccessDenied_ShowsWhatToGrant_AndTryAgainReloads()
    {
        _catalog.Failure = AwsErrors.Create(new("Glue", "GetTable", "AccessDeniedException", "not authorized to perform glue:GetTable", null, HttpStatusCode.BadRequest, Amazon.Runtime.ErrorType.Sender));

        var page = RenderPage();

        page.WaitForAssertion(() => Assert.Contains("glue:GetTable", page.Find("[data-testid=table-error]").TextContent, StringComparison.Ordinal));
        _catalog.Failure = null;
        _catalog.Add("products_db", Products());
        page.Find("[data-testid=table-error] button").Click();
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=table-facts]")));
    }

    [Fact]
    public void Table_ShowsLocationSchemaAndPreviewRows_WithTheLimits()
    {
        _catalog.Add("products_db", Products());
        _objects.AddParquet("data/products/part-1.parquet", "SELECT * FROM (VALUES ('00001', DATE '2021-06-01'), ('00002', NULL)) t(product_id, created_at)");
        _objects.AddParquet("data/products_raw/ignored.parquet", "SELECT 1 AS x");

        var page = RenderPage();

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=preview-row]").Count));
        Assert.Equal("s3://bucket/data/products/", page.Find("[data-testid=table-location]").TextContent);
        Assert.Equal(["product_idstring", "created_atdate"], page.FindAll("[data-testid=schema-row]").Select(r => r.TextContent.Replace(" ", string.Empty, StringComparison.Ordinal)));
        Assert.NotNull(page.Find("[data-testid=not-partitioned]"));
        var rows = page.FindAll("[data-testid=preview-row]").Select(r => string.Join('|', r.QuerySelectorAll("td").Select(c => c.TextContent))).ToList();
        Assert.Equal(["00001|2021-06-01", "00002|null"], rows);
        Assert.StartsWith("2 rows of 1 file (", page.Find("[data-testid=preview-summary]").TextContent, StringComparison.Ordinal);
        Assert.Contains("at most 10 files and 16 MB", page.Find("[data-testid=preview-limits]").TextContent, StringComparison.Ordinal);
        Assert.Contains("products_crawler", page.Find("[data-testid=table-facts]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void NoFilesYet_SaysTheJobWritesThem()
    {
        _catalog.Add("products_db", Products());

        var page = RenderPage();

        page.WaitForAssertion(() => Assert.Contains("No Parquet file under", page.Find("[data-testid=preview-empty]").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public void NotParquet_PreviewSaysWhy_TableStillShown()
    {
        _catalog.Add("products_db", Products(classification: "csv"));

        var page = RenderPage();

        page.WaitForAssertion(() => Assert.Equal("The preview reads Parquet only, and this table's classification is csv.", page.Find("[data-testid=preview-error]").TextContent));
        Assert.NotNull(page.Find("[data-testid=table-schema]"));
    }

    [Fact]
    public void S3RefusesTheListing_PreviewSaysSo()
    {
        _catalog.Add("products_db", Products());
        _objects.ListFailure = new Amazon.S3.AmazonS3Exception("Access Denied") { ErrorCode = "AccessDenied" };

        var page = RenderPage();

        page.WaitForAssertion(() => Assert.Equal("S3 refused to list s3://bucket/data/products/ (AccessDenied): Access Denied", page.Find("[data-testid=preview-error]").TextContent));
    }
}
