using System.Net;
using Bunit;
using Dashboard.Aws.Glue;
using Dashboard.Aws.Protocol;
using Dashboard.Catalog;
using Dashboard.Components.Controls;
using Dashboard.Tests.Shared;

namespace Dashboard.Tests.Components;

/// <summary>The workflow page's card of the tables its crawlers write: links, crawlers without tables, and refusals.</summary>
public sealed class CrawlerTablesCardTests : DashboardComponentTest
{
    private readonly FakeGlue _glue = new();
    private readonly FakeGlueCatalog _catalog = new();

    public CrawlerTablesCardTests()
    {
        Services.AddSingleton<IGlueApi>(_glue);
        Services.AddSingleton<IGlueCatalogApi>(_catalog);
        Services.AddHybridCache();
        Services.AddSingleton<CrawlerTables>();
        _glue.Crawlers["products_crawler"] = new Crawler
        {
            Name = "products_crawler",
            DatabaseName = "products_db",
            Targets = new() { S3Targets = [new() { Path = "s3://bucket/data/products/" }] },
        };
        _glue.Crawlers["idle_crawler"] = new Crawler { Name = "idle_crawler", DatabaseName = "products_db" };
    }

    [Fact]
    public void CrawledTable_LinksToItsPage_CrawlerWithoutTableSaysSo()
    {
        _catalog.Add("products_db", new Table { Name = "products", StorageDescriptor = new() { Location = "s3://bucket/data/products/" }, Parameters = new Dictionary<string, string> { ["UPDATED_BY_CRAWLER"] = "products_crawler" } });
        _catalog.Add("products_db", new Table { Name = "other", StorageDescriptor = new() { Location = "s3://bucket/data/other/" } });

        var card = Render<CrawlerTablesCard>(p => p.Add(c => c.Crawlers, ["products_crawler", "idle_crawler"]));

        card.WaitForAssertion(() => Assert.Single(card.FindAll("[data-testid=crawler-table]")));
        Assert.Equal("/tables/products_db/products", card.Find("[data-testid=crawler-table] a").GetAttribute("href"));
        Assert.Contains("idle_crawler", card.Find("[data-testid=crawler-no-table]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void TableWithoutCrawlerMark_MatchedByLocationUnderTheTarget()
    {
        _catalog.Add("products_db", new Table { Name = "products", StorageDescriptor = new() { Location = "s3://bucket/data/products" } });

        var card = Render<CrawlerTablesCard>(p => p.Add(c => c.Crawlers, ["products_crawler"]));

        card.WaitForAssertion(() => Assert.Equal("/tables/products_db/products", card.Find("[data-testid=crawler-table] a").GetAttribute("href")));
    }

    [Fact]
    public void CatalogRefuses_ShowsWhatToGrant()
    {
        _catalog.Failure = AwsErrors.Create(new("Glue", "GetTables", "AccessDeniedException", "not authorized to perform glue:GetTables", null, HttpStatusCode.BadRequest, Amazon.Runtime.ErrorType.Sender));

        var card = Render<CrawlerTablesCard>(p => p.Add(c => c.Crawlers, ["products_crawler"]));

        card.WaitForAssertion(() => Assert.Contains("glue:GetTables", card.Find("[data-testid=workflow-tables]").TextContent, StringComparison.Ordinal));
    }
}
