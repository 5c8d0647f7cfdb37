namespace LocalCloud.Glue;

// The Data Catalog's shapes as LocalCloud serves them (glue 2017-03-31): databases, tables and partitions.

public sealed record DatabaseInput(string? Name, string? Description, string? LocationUri, Dictionary<string, string>? Parameters);

public sealed record CreateDatabaseRequest(string? CatalogId, DatabaseInput? DatabaseInput, Dictionary<string, string>? Tags);

public sealed record GetDatabaseRequest(string? CatalogId, string? Name);

public sealed record GetDatabaseResponse(Database Database);

public sealed record GetDatabasesRequest(string? CatalogId, string? NextToken, int? MaxResults);

public sealed record GetDatabasesResponse(List<Database> DatabaseList, string? NextToken);

public sealed record DeleteDatabaseRequest(string? CatalogId, string? Name);

public sealed record TableInput(
    string? Name,
    string? Description,
    string? Owner,
    int? Retention,
    StorageDescriptor? StorageDescriptor,
    List<Column>? PartitionKeys,
    string? TableType,
    Dictionary<string, string>? Parameters);

public sealed record CreateTableRequest(string? CatalogId, string? DatabaseName, TableInput? TableInput);

public sealed record UpdateTableRequest(string? CatalogId, string? DatabaseName, TableInput? TableInput, bool? SkipArchive);

public sealed record GetTableRequest(string? CatalogId, string? DatabaseName, string? Name);

public sealed record GetTableResponse(Table Table);

public sealed record GetTablesRequest(string? CatalogId, string? DatabaseName, string? Expression, string? NextToken, int? MaxResults);

public sealed record GetTablesResponse(List<Table> TableList, string? NextToken);

public sealed record DeleteTableRequest(string? CatalogId, string? DatabaseName, string? Name);

public sealed record GetPartitionsRequest(string? CatalogId, string? DatabaseName, string? TableName, string? Expression, string? NextToken, int? MaxResults, bool? ExcludeColumnSchema);

public sealed record GetPartitionsResponse(List<Partition> Partitions, string? NextToken);

// Structures

public sealed record Database(string Name, string? Description, string? LocationUri, Dictionary<string, string>? Parameters, DateTimeOffset CreateTime, string CatalogId);

public sealed record Table(
    string Name,
    string DatabaseName,
    string? Description,
    string? Owner,
    DateTimeOffset CreateTime,
    DateTimeOffset UpdateTime,
    int? Retention,
    StorageDescriptor? StorageDescriptor,
    List<Column> PartitionKeys,
    string? TableType,
    Dictionary<string, string>? Parameters,
    string? CreatedBy,
    bool IsRegisteredWithLakeFormation,
    string CatalogId,
    string VersionId);

public sealed record StorageDescriptor(
    List<Column>? Columns,
    string? Location,
    string? InputFormat,
    string? OutputFormat,
    bool? Compressed,
    int? NumberOfBuckets,
    SerDeInfo? SerdeInfo,
    List<string>? BucketColumns,
    Dictionary<string, string>? Parameters,
    bool? StoredAsSubDirectories);

public sealed record Column(string? Name, string? Type, string? Comment, Dictionary<string, string>? Parameters);

public sealed record SerDeInfo(string? Name, string? SerializationLibrary, Dictionary<string, string>? Parameters);

public sealed record Partition(
    List<string> Values,
    string DatabaseName,
    string TableName,
    DateTimeOffset CreationTime,
    StorageDescriptor? StorageDescriptor,
    Dictionary<string, string>? Parameters,
    string CatalogId);
