namespace Dashboard.Aws.Glue;

// Glue Data Catalog shapes (glue 2017-03-31), named and spelled as in the service model. Only the members the
// dashboard reads are declared; unknown members are ignored on read.

public sealed record GetDatabasesRequest
{
    public string? CatalogId { get; init; }

    public string? NextToken { get; init; }

    /// <summary>1–100.</summary>
    public int? MaxResults { get; init; }
}

public sealed record GetDatabasesResponse
{
    public IReadOnlyList<Database>? DatabaseList { get; init; }

    public string? NextToken { get; init; }
}

public sealed record GetTablesRequest
{
    public string? CatalogId { get; init; }

    public required string DatabaseName { get; init; }

    /// <summary>A regular expression a table name must match.</summary>
    public string? Expression { get; init; }

    public string? NextToken { get; init; }

    /// <summary>1–100.</summary>
    public int? MaxResults { get; init; }
}

public sealed record GetTablesResponse
{
    public IReadOnlyList<Table>? TableList { get; init; }

    public string? NextToken { get; init; }
}

public sealed record GetTableRequest
{
    public string? CatalogId { get; init; }

    public required string DatabaseName { get; init; }

    public required string Name { get; init; }
}

public sealed record GetTableResponse
{
    public Table? Table { get; init; }
}

public sealed record GetPartitionsRequest
{
    public string? CatalogId { get; init; }

    public required string DatabaseName { get; init; }

    public required string TableName { get; init; }

    public string? Expression { get; init; }

    public string? NextToken { get; init; }

    /// <summary>1–1000.</summary>
    public int? MaxResults { get; init; }

    public bool? ExcludeColumnSchema { get; init; }
}

public sealed record GetPartitionsResponse
{
    public IReadOnlyList<Partition>? Partitions { get; init; }

    public string? NextToken { get; init; }
}

public sealed record Database
{
    public string? Name { get; init; }

    public string? Description { get; init; }

    public string? LocationUri { get; init; }

    public DateTimeOffset? CreateTime { get; init; }

    public string? CatalogId { get; init; }
}

public sealed record Table
{
    public string? Name { get; init; }

    public string? DatabaseName { get; init; }

    public string? Description { get; init; }

    public DateTimeOffset? CreateTime { get; init; }

    public DateTimeOffset? UpdateTime { get; init; }

    public StorageDescriptor? StorageDescriptor { get; init; }

    public IReadOnlyList<Column>? PartitionKeys { get; init; }

    /// <summary>EXTERNAL_TABLE, VIRTUAL_VIEW, GOVERNED, …</summary>
    public string? TableType { get; init; }

    /// <summary>Crawlers write <c>classification</c>, <c>recordCount</c>, <c>UPDATED_BY_CRAWLER</c>, ….</summary>
    public IReadOnlyDictionary<string, string>? Parameters { get; init; }

    public string? CreatedBy { get; init; }

    public string? CatalogId { get; init; }

    public string? VersionId { get; init; }
}

public sealed record StorageDescriptor
{
    public IReadOnlyList<Column>? Columns { get; init; }

    public string? Location { get; init; }

    public string? InputFormat { get; init; }

    public string? OutputFormat { get; init; }

    public SerDeInfo? SerdeInfo { get; init; }

    public IReadOnlyDictionary<string, string>? Parameters { get; init; }
}

public sealed record Column
{
    public string? Name { get; init; }

    public string? Type { get; init; }

    public string? Comment { get; init; }
}

public sealed record SerDeInfo
{
    public string? Name { get; init; }

    public string? SerializationLibrary { get; init; }
}

public sealed record Partition
{
    public IReadOnlyList<string>? Values { get; init; }

    public string? DatabaseName { get; init; }

    public string? TableName { get; init; }

    public DateTimeOffset? CreationTime { get; init; }

    public StorageDescriptor? StorageDescriptor { get; init; }
}
