using LocalCloud.Tests.Shared;

namespace LocalCloud.Tests.Glue;

/// <summary>The Data Catalog with both AWS CLIs: what users' scripts run against it, and the errors they see.</summary>
public sealed class CatalogCliTests(LocalCloudFixture cloud) : IClassFixture<LocalCloudFixture>
{
    [Theory]
    [MemberData(nameof(AwsCliVersion.Both), MemberType = typeof(AwsCliVersion))]
    public async Task CreateDatabaseAndTable_GetTablesListsIt_GetPartitionsIsEmpty(string version)
    {
        var aws = cloud.Cli(AwsCliVersion.Named(version), LocalCloudFixture.NewAccount());
        await aws.RunAsync("glue", "create-database", "--database-input", "Name=products_db,Description=Products");
        await aws.RunAsync("glue", "create-table", "--database-name", "products_db", "--table-input",
            """{"Name":"products","TableType":"EXTERNAL_TABLE","Parameters":{"classification":"parquet"},"PartitionKeys":[{"Name":"dt","Type":"string"}],"StorageDescriptor":{"Columns":[{"Name":"product_id","Type":"string"},{"Name":"created_at","Type":"date"}],"Location":"s3://bucket/data/products/"}}""");

        var databases = await aws.RunAsync("glue", "get-databases");
        var tables = await aws.RunAsync("glue", "get-tables", "--database-name", "products_db");
        var partitions = await aws.RunAsync("glue", "get-partitions", "--database-name", "products_db", "--table-name", "products");

        Assert.Contains(databases?.GetProperty("DatabaseList").EnumerateArray() ?? default, d => d.GetProperty("Name").GetString() == "products_db");
        var table = Assert.Single(tables?.GetProperty("TableList").EnumerateArray() ?? default);
        Assert.Equal("products", table.GetProperty("Name").GetString());
        Assert.Equal("products_db", table.GetProperty("DatabaseName").GetString());
        Assert.Equal("s3://bucket/data/products/", table.GetProperty("StorageDescriptor").GetProperty("Location").GetString());
        Assert.Equal(["product_id", "created_at"], table.GetProperty("StorageDescriptor").GetProperty("Columns").EnumerateArray().Select(c => c.GetProperty("Name").GetString()));
        Assert.Empty(partitions?.GetProperty("Partitions").EnumerateArray() ?? default);
    }

    [Theory]
    [MemberData(nameof(AwsCliVersion.Both), MemberType = typeof(AwsCliVersion))]
    public async Task MissingTableAndDuplicateDatabase_CliShowsTheAwsErrors(string version)
    {
        var aws = cloud.Cli(AwsCliVersion.Named(version), LocalCloudFixture.NewAccount());
        await aws.RunAsync("glue", "create-database", "--database-input", "Name=db");

        var missing = await aws.TryRunAsync("glue", "get-table", "--database-name", "db", "--name", "nope");
        var duplicate = await aws.TryRunAsync("glue", "create-database", "--database-input", "Name=db");

        Assert.NotEqual(0, missing.ExitCode);
        Assert.Contains("(EntityNotFoundException) when calling the GetTable operation: Table nope not found.", missing.Stderr, StringComparison.Ordinal);
        Assert.NotEqual(0, duplicate.ExitCode);
        Assert.Contains("(AlreadyExistsException) when calling the CreateDatabase operation: Database already exists.", duplicate.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(AwsCliVersion.Both), MemberType = typeof(AwsCliVersion))]
    public async Task GetTables_CliFollowsNextTokens_AcrossPages(string version)
    {
        var aws = cloud.Cli(AwsCliVersion.Named(version), LocalCloudFixture.NewAccount());
        await aws.RunAsync("glue", "create-database", "--database-input", "Name=db");
        foreach (var name in new[] { "a", "b", "c" })
        {
            await aws.RunAsync("glue", "create-table", "--database-name", "db", "--table-input", $"Name={name}");
        }

        // --page-size makes the CLI ask for one table at a time and follow each NextToken.
        var tables = await aws.RunAsync("glue", "get-tables", "--database-name", "db", "--page-size", "1");
        Assert.Equal(["a", "b", "c"], tables?.GetProperty("TableList").EnumerateArray().Select(t => t.GetProperty("Name").GetString()));
    }
}
