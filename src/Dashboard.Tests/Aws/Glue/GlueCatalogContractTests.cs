using Dashboard.Aws.Glue;
using Dashboard.Aws.Protocol;
using Dashboard.Tests.Shared;

namespace Dashboard.Tests.Aws.Glue;

/// <summary>Our Glue Data Catalog client against moto_server, seeded with the AWS CLI; and its shapes against botocore's model.</summary>
public sealed class GlueCatalogContractTests(MotoServer moto) : IClassFixture<MotoServer>
{
    private readonly string _database = "cat" + Guid.NewGuid().ToString("N")[..8];

    private GlueCatalogClient Client() => new(TestClients.Credentials, TestClients.EndpointConfig(GlueClient.Spec, moto.Endpoint));

    private async Task SeedAsync(int tables)
    {
        var cli = new AwsCli(moto.Endpoint);
        await cli.RunAsync("glue", "create-database", "--database-input", $"Name={_database},Description=Products");
        for (var i = 0; i < tables; i++)
        {
            await cli.RunAsync("glue", "create-table", "--database-name", _database, "--table-input",
                $$$"""{"Name":"t{{{i}}}","TableType":"EXTERNAL_TABLE","Parameters":{"classification":"parquet"},"PartitionKeys":[{"Name":"dt","Type":"string"}],"StorageDescriptor":{"Columns":[{"Name":"id","Type":"bigint"},{"Name":"name","Type":"string"}],"Location":"s3://bucket/t{{{i}}}/"}}""");
        }

        if (tables == 0)
        {
            return;
        }

        await cli.RunAsync("glue", "create-partition", "--database-name", _database, "--table-name", "t0", "--partition-input",
            """{"Values":["2021-06-01"],"StorageDescriptor":{"Location":"s3://bucket/t0/dt=2021-06-01/"}}""");
    }

    [Fact]
    public async Task GetDatabases_ListsTheSeededDatabase()
    {
        moto.Require();
        await SeedAsync(tables: 0);
        using var glue = Client();

        var names = new List<string>();
        await foreach (var page in glue.GetDatabasesPagesAsync(new()))
        {
            names.AddRange((page.DatabaseList ?? []).Select(d => d.Name ?? string.Empty));
        }

        Assert.Contains(_database, names);
    }

    [Fact]
    public async Task GetTables_AcrossPages_WithColumnsLocationAndParameters()
    {
        moto.Require();
        await SeedAsync(tables: 3);
        using var glue = Client();

        var tables = new List<Table>();
        await foreach (var page in glue.GetTablesPagesAsync(new() { DatabaseName = _database, MaxResults = 2 }))
        {
            tables.AddRange(page.TableList ?? []);
        }

        Assert.Equal(["t0", "t1", "t2"], tables.Select(t => t.Name).Order(StringComparer.Ordinal));
        var t1 = tables.Single(t => t.Name == "t1");
        Assert.Equal("s3://bucket/t1/", t1.StorageDescriptor?.Location);
        Assert.Equal(["id:bigint", "name:string"], t1.StorageDescriptor?.Columns?.Select(c => $"{c.Name}:{c.Type}"));
        Assert.Equal("parquet", t1.Parameters?["classification"]);
        Assert.Equal(["dt"], t1.PartitionKeys?.Select(k => k.Name));
    }

    [Fact]
    public async Task GetTable_AndItsPartitions()
    {
        moto.Require();
        await SeedAsync(tables: 1);
        using var glue = Client();

        var table = (await glue.GetTableAsync(new() { DatabaseName = _database, Name = "t0" })).Table;
        var partitions = (await glue.GetPartitionsAsync(new() { DatabaseName = _database, TableName = "t0" })).Partitions ?? [];

        Assert.Equal(_database, table?.DatabaseName);
        Assert.NotNull(table?.CreateTime);
        var partition = Assert.Single(partitions);
        Assert.Equal(["2021-06-01"], partition.Values);
        Assert.Equal("s3://bucket/t0/dt=2021-06-01/", partition.StorageDescriptor?.Location);
    }

    [Fact]
    public async Task GetTable_Missing_ThrowsTypedNotFound()
    {
        moto.Require();
        await SeedAsync(tables: 0);
        using var glue = Client();

        var error = await Assert.ThrowsAsync<AwsNotFoundException>(() => glue.GetTableAsync(new() { DatabaseName = _database, Name = "absent" }));

        Assert.Equal("EntityNotFoundException", error.ErrorCode);
    }

    [Fact]
    public void EveryRecord_UsesMemberNamesFromTheGlueModel()
    {
        var (operations, problems) = ShapeConformance.CheckApi(typeof(IGlueCatalogApi), BotocoreModels.Load("glue"));

        Assert.Equal(4, operations);
        Assert.Empty(problems);
    }
}
