using LocalCloud.Scenarios;

namespace LocalCloud.Tests.Pipeline;

/// <summary>
/// The seeded demo's products pipeline does the walkthrough's real work: its history left Parquet and a
/// products_db.products table behind, and five more uploads add one Parquet file holding exactly those five products.
/// </summary>
public sealed class SeededProductsDataTests(SeededLocalCloudFixture seeded) : IClassFixture<SeededLocalCloudFixture>
{
    private const string Account = "000000000000";
    private const string Bucket = "glue-event-demo-000000000000";

    [Fact]
    public async Task SeededTable_CatalogsTheHistorysParquet()
    {
        using var bed = new DataPipelineBed(seeded.Cloud, seeded.Clock, Account, Bucket);
        var raw = (await bed.ListAsync("data/products_raw/")).Count;

        var (status, table) = await bed.GlueHttpAsync("GetTable", $$"""{"DatabaseName":"{{DemoSeed.ProductsDatabase}}","Name":"{{DemoSeed.ProductsTable}}"}""");
        var rows = await bed.QueryAsync("data/products/", "SELECT count(*), count(DISTINCT product_id) FROM {files}");

        Assert.Equal(200, status);
        Assert.True(raw >= 10, $"The seed put {raw} past uploads back; six hours of runs have more.");
        Assert.Equal($"{raw}", table.GetProperty("Table").GetProperty("Parameters").GetProperty("recordCount").GetString());
        Assert.Equal($"s3://{Bucket}/data/products/", table.GetProperty("Table").GetProperty("StorageDescriptor").GetProperty("Location").GetString());
        Assert.Equal([$"{raw}", $"{raw}"], rows.Single());
    }

    [Fact]
    public async Task FiveUploads_OnTheDemo_AddOneParquetFileWithTheFiveProducts()
    {
        using var bed = new DataPipelineBed(seeded.Cloud, seeded.Clock, Account, Bucket);
        var before = await bed.ListAsync("data/products/");
        for (var i = 1; i <= 5; i++)
        {
            await bed.UploadAsync($"data/products_raw/new_{i}.json", $$"""{"product_id": "9000{{i}}", "product_name": "New {{i}}", "created_at": "2021-07-0{{i}}"}""");
        }

        await bed.AdvanceAsync(76);
        await bed.AdvanceAsync(46);

        var added = Assert.Single((await bed.ListAsync("data/products/")).Except(before));
        var rows = await bed.QueryAsync("data/products/", $"SELECT product_id FROM {{files}} WHERE filename LIKE '%{added[(added.LastIndexOf('/') + 1)..]}' ORDER BY 1");
        Assert.Equal(["90001", "90002", "90003", "90004", "90005"], rows.Select(r => r[0]));
    }
}
