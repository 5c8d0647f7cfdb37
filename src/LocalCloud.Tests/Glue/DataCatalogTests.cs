using LocalCloud.Glue;

namespace LocalCloud.Tests.Glue;

/// <summary>The Data Catalog operations through Glue's operation table: what each call returns, and each bad input's error.</summary>
public sealed class DataCatalogTests
{
    private readonly GlueHarness _glue = new();

    private static TableInput Table(string name, params string[] partitionKeys) => new(name, null, null, null,
        new StorageDescriptor([new Column("id", "bigint", null, null)], $"s3://b/{name}/", null, null, null, null, null, null, null, null),
        [.. partitionKeys.Select(k => new Column(k, "string", null, null))], "EXTERNAL_TABLE", new() { ["classification"] = "parquet" });

    private void Database(string name) => _glue.Call("CreateDatabase", new CreateDatabaseRequest(null, new DatabaseInput(name, "d", null, null), null));

    [Fact]
    public void CreateDatabase_MixedCase_StoredLowerCase_FoundAnyCase()
    {
        Database("Sales_DB");
        var database = _glue.Call<GetDatabaseResponse>("GetDatabase", new GetDatabaseRequest(null, "SALES_db")).Database;
        Assert.Equal("sales_db", database.Name);
        Assert.Equal(GlueHarness.Account, database.CatalogId);
        Assert.Equal(_glue.Clock.GetUtcNow(), database.CreateTime);
    }

    [Fact]
    public void CreateDatabase_Twice_AlreadyExists()
    {
        Database("a");
        var error = _glue.Fails("CreateDatabase", new CreateDatabaseRequest(null, new DatabaseInput("A", null, null, null), null));
        Assert.Equal(("AlreadyExistsException", "Database already exists."), (error.Code, error.Message));
    }

    [Theory]
    [InlineData(null, "DatabaseInput.Name is required.")]
    [InlineData("  ", "DatabaseInput.Name is required.")]
    public void CreateDatabase_NoName_InvalidInput(string? name, string message)
    {
        var error = _glue.Fails("CreateDatabase", new CreateDatabaseRequest(null, new DatabaseInput(name, null, null, null), null));
        Assert.Equal(("InvalidInputException", message), (error.Code, error.Message));
    }

    [Fact]
    public void CreateDatabase_NameOver255_InvalidInput()
    {
        var error = _glue.Fails("CreateDatabase", new CreateDatabaseRequest(null, new DatabaseInput(new string('a', 256), null, null, null), null));
        Assert.Equal(("InvalidInputException", "DatabaseInput.Name must be at most 255 characters, but has 256."), (error.Code, error.Message));
    }

    [Fact]
    public void CreateDatabase_NoInput_InvalidInput() =>
        Assert.Equal("DatabaseInput is required.", _glue.Fails("CreateDatabase", new CreateDatabaseRequest(null, null, null)).Message);

    [Fact]
    public void OtherAccountsCatalogId_InvalidInput()
    {
        var error = _glue.Fails("GetDatabases", new GetDatabasesRequest("999999999999", null, null));
        Assert.Equal("InvalidInputException", error.Code);
        Assert.StartsWith("CatalogId 999999999999 is not this account's catalog", error.Message);
    }

    [Fact]
    public void GetDatabase_Missing_EntityNotFound()
    {
        var error = _glue.Fails("GetDatabase", new GetDatabaseRequest(null, "nope"));
        Assert.Equal(("EntityNotFoundException", "Database nope not found."), (error.Code, error.Message));
    }

    [Fact]
    public void GetDatabases_Pages_WithOpaqueTokens()
    {
        foreach (var name in new[] { "c", "a", "b" })
        {
            Database(name);
        }

        var first = _glue.Call<GetDatabasesResponse>("GetDatabases", new GetDatabasesRequest(null, null, 2));
        var second = _glue.Call<GetDatabasesResponse>("GetDatabases", new GetDatabasesRequest(null, first.NextToken, 2));
        Assert.Equal(["a", "b"], first.DatabaseList.Select(d => d.Name));
        Assert.Equal(["c"], second.DatabaseList.Select(d => d.Name));
        Assert.Null(second.NextToken);
        Assert.Equal("InvalidInputException", _glue.Fails("GetDatabases", new GetDatabasesRequest(null, null, 101)).Code);
        Assert.Equal("InvalidInputException", _glue.Fails("GetDatabases", new GetDatabasesRequest(null, "not-a-token", null)).Code);
    }

    [Fact]
    public void CreateTable_ThenGetTable_HasDatabaseTimesAndVersion()
    {
        Database("db");
        _glue.Call("CreateTable", new CreateTableRequest(null, "db", Table("Orders")));
        var table = _glue.Call<GetTableResponse>("GetTable", new GetTableRequest(null, "db", "orders")).Table;
        Assert.Equal(("orders", "db", "0", "s3://b/Orders/"), (table.Name, table.DatabaseName, table.VersionId, table.StorageDescriptor?.Location));
        Assert.Equal(_glue.Clock.GetUtcNow(), table.CreateTime);
    }

    [Fact]
    public void CreateTable_Errors()
    {
        Database("db");
        _glue.Call("CreateTable", new CreateTableRequest(null, "db", Table("t")));
        Assert.Equal(("AlreadyExistsException", "Table already exists."), Describe(_glue.Fails("CreateTable", new CreateTableRequest(null, "db", Table("t")))));
        Assert.Equal(("EntityNotFoundException", "Database other not found."), Describe(_glue.Fails("CreateTable", new CreateTableRequest(null, "other", Table("t")))));
        Assert.Equal(("InvalidInputException", "TableInput is required."), Describe(_glue.Fails("CreateTable", new CreateTableRequest(null, "db", null))));
        Assert.Equal(("InvalidInputException", "DatabaseName is required."), Describe(_glue.Fails("CreateTable", new CreateTableRequest(null, null, Table("t")))));
    }

    [Fact]
    public void UpdateTable_ReplacesDefinition_KeepsCreateTime_BumpsVersion()
    {
        Database("db");
        _glue.Call("CreateTable", new CreateTableRequest(null, "db", Table("t")));
        _glue.Clock.Advance(TimeSpan.FromMinutes(5));
        _glue.Call("UpdateTable", new UpdateTableRequest(null, "db", Table("t") with { Description = "new" }, null));
        var table = _glue.Call<GetTableResponse>("GetTable", new GetTableRequest(null, "db", "t")).Table;
        Assert.Equal(("new", "1"), (table.Description, table.VersionId));
        Assert.Equal(TimeSpan.FromMinutes(5), table.UpdateTime - table.CreateTime);
        Assert.Equal("EntityNotFoundException", _glue.Fails("UpdateTable", new UpdateTableRequest(null, "db", Table("missing"), null)).Code);
    }

    [Fact]
    public void GetTable_Missing_EntityNotFound_NamesWhatIsMissing()
    {
        Database("db");
        Assert.Equal(("EntityNotFoundException", "Table nope not found."), Describe(_glue.Fails("GetTable", new GetTableRequest(null, "db", "nope"))));
        Assert.Equal(("EntityNotFoundException", "Database nodb not found."), Describe(_glue.Fails("GetTable", new GetTableRequest(null, "nodb", "t"))));
    }

    [Fact]
    public void GetTables_FiltersByRegex_AndPages()
    {
        Database("db");
        foreach (var name in new[] { "orders", "orders_archive", "products" })
        {
            _glue.Call("CreateTable", new CreateTableRequest(null, "db", Table(name)));
        }

        Assert.Equal(["orders", "orders_archive"], _glue.Call<GetTablesResponse>("GetTables", new GetTablesRequest(null, "db", "orders.*", null, null)).TableList.Select(t => t.Name));
        var first = _glue.Call<GetTablesResponse>("GetTables", new GetTablesRequest(null, "db", null, null, 1));
        var rest = _glue.Call<GetTablesResponse>("GetTables", new GetTablesRequest(null, "db", null, first.NextToken, 100));
        Assert.Equal(["orders", "orders_archive", "products"], first.TableList.Concat(rest.TableList).Select(t => t.Name));
        Assert.StartsWith("Expression '(' is not a valid regular expression", _glue.Fails("GetTables", new GetTablesRequest(null, "db", "(", null, null)).Message);
    }

    [Fact]
    public void DeleteTable_ThenDeleteDatabase_BothGone()
    {
        Database("db");
        _glue.Call("CreateTable", new CreateTableRequest(null, "db", Table("t")));
        _glue.Call("DeleteTable", new DeleteTableRequest(null, "db", "t"));
        Assert.Equal("EntityNotFoundException", _glue.Fails("DeleteTable", new DeleteTableRequest(null, "db", "t")).Code);
        _glue.Call("DeleteDatabase", new DeleteDatabaseRequest(null, "db"));
        Assert.Equal("EntityNotFoundException", _glue.Fails("GetDatabase", new GetDatabaseRequest(null, "db")).Code);
    }

    [Fact]
    public void GetPartitions_UnknownTableOrUnsupportedExpression_Errors()
    {
        Database("db");
        _glue.Call("CreateTable", new CreateTableRequest(null, "db", Table("t", "year")));
        Assert.Empty(_glue.Call<GetPartitionsResponse>("GetPartitions", new GetPartitionsRequest(null, "db", "t", null, null, null, null)).Partitions);
        Assert.Equal("EntityNotFoundException", _glue.Fails("GetPartitions", new GetPartitionsRequest(null, "db", "x", null, null, null, null)).Code);
        Assert.StartsWith("Unsupported expression 'year > 2020'", _glue.Fails("GetPartitions", new GetPartitionsRequest(null, "db", "t", "year > 2020", null, null, null)).Message);
        Assert.StartsWith("Expression names 'month', which is not a partition key", _glue.Fails("GetPartitions", new GetPartitionsRequest(null, "db", "t", "month = '1'", null, null, null)).Message);
        Assert.Equal("InvalidInputException", _glue.Fails("GetPartitions", new GetPartitionsRequest(null, "db", "t", null, null, 1001, null)).Code);
    }

    private static (string, string) Describe(LocalCloud.Protocol.AwsServiceException error) => (error.Code, error.Message);
}
