using System.Collections.Concurrent;
using LocalCloud.Protocol;

namespace LocalCloud.Glue;

/// <summary>The Data Catalog operations: databases, tables and partitions, one catalog per account and region.</summary>
public sealed partial class GlueBackend
{
    private readonly ConcurrentDictionary<(string Account, string Region), DataCatalog> _catalogs = new();

    internal DataCatalog CatalogOf(string account, string region) => _catalogs.GetOrAdd((account, region), key => new DataCatalog(key.Account)
    {
        Changed = catalog => _catalogSnapshots?.Write(Key(key.Account, key.Region), catalog.Snapshot()),
    });

    private static void AddCatalogOperations(OperationTable operations, GlueBackend glue) => operations
        .Add<CreateDatabaseRequest, Empty>("CreateDatabase", glue.CreateDatabase)
        .Add<GetDatabaseRequest, GetDatabaseResponse>("GetDatabase", glue.GetDatabase)
        .Add<GetDatabasesRequest, GetDatabasesResponse>("GetDatabases", glue.GetDatabases)
        .Add<DeleteDatabaseRequest, Empty>("DeleteDatabase", glue.DeleteDatabase)
        .Add<CreateTableRequest, Empty>("CreateTable", glue.CreateTable)
        .Add<UpdateTableRequest, Empty>("UpdateTable", glue.UpdateTable)
        .Add<GetTableRequest, GetTableResponse>("GetTable", glue.GetTable)
        .Add<GetTablesRequest, GetTablesResponse>("GetTables", glue.GetTables)
        .Add<DeleteTableRequest, Empty>("DeleteTable", glue.DeleteTable)
        .Add<GetPartitionsRequest, GetPartitionsResponse>("GetPartitions", glue.GetPartitions);

    private Empty CreateDatabase(RequestContext context, CreateDatabaseRequest request)
    {
        var input = request.DatabaseInput ?? throw AwsServiceException.InvalidInput("DatabaseInput is required.");
        Catalog(context, request.CatalogId).CreateDatabase(input, _time.GetUtcNow());
        return new Empty();
    }

    private GetDatabaseResponse GetDatabase(RequestContext context, GetDatabaseRequest request) =>
        new(Catalog(context, request.CatalogId).GetDatabase(request.Name));

    private GetDatabasesResponse GetDatabases(RequestContext context, GetDatabasesRequest request)
    {
        var (page, next) = Pagination.Page(Catalog(context, request.CatalogId).GetDatabases(), request.NextToken, request.MaxResults, 100, 100);
        return new GetDatabasesResponse(page, next);
    }

    private Empty DeleteDatabase(RequestContext context, DeleteDatabaseRequest request)
    {
        Catalog(context, request.CatalogId).DeleteDatabase(request.Name);
        return new Empty();
    }

    private Empty CreateTable(RequestContext context, CreateTableRequest request)
    {
        Catalog(context, request.CatalogId).CreateTable(request.DatabaseName, request.TableInput, _time.GetUtcNow());
        return new Empty();
    }

    private Empty UpdateTable(RequestContext context, UpdateTableRequest request)
    {
        Catalog(context, request.CatalogId).UpdateTable(request.DatabaseName, request.TableInput, _time.GetUtcNow());
        return new Empty();
    }

    private GetTableResponse GetTable(RequestContext context, GetTableRequest request) =>
        new(Catalog(context, request.CatalogId).GetTable(request.DatabaseName, request.Name));

    private GetTablesResponse GetTables(RequestContext context, GetTablesRequest request)
    {
        var tables = Catalog(context, request.CatalogId).GetTables(request.DatabaseName, request.Expression);
        var (page, next) = Pagination.Page(tables, request.NextToken, request.MaxResults, 100, 100);
        return new GetTablesResponse(page, next);
    }

    private Empty DeleteTable(RequestContext context, DeleteTableRequest request)
    {
        Catalog(context, request.CatalogId).DeleteTable(request.DatabaseName, request.Name);
        return new Empty();
    }

    private GetPartitionsResponse GetPartitions(RequestContext context, GetPartitionsRequest request)
    {
        var partitions = Catalog(context, request.CatalogId).GetPartitions(request.DatabaseName, request.TableName, request.Expression, request.ExcludeColumnSchema == true);
        var (page, next) = Pagination.Page(partitions, request.NextToken, request.MaxResults, 1000, 1000);
        return new GetPartitionsResponse(page, next);
    }

    /// <summary>The caller's catalog. A CatalogId names an account; LocalCloud has no catalogs shared across accounts.</summary>
    private DataCatalog Catalog(RequestContext context, string? catalogId)
    {
        if (catalogId is not null && catalogId != context.Account)
        {
            throw AwsServiceException.InvalidInput($"CatalogId {catalogId} is not this account's catalog ({context.Account}); LocalCloud does not share catalogs across accounts.");
        }

        return CatalogOf(context.Account, context.Region);
    }
}
