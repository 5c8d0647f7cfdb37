using System.Globalization;
using Dashboard.Aws.Glue;

namespace Dashboard.Catalog;

/// <summary>A column of a catalog table: its name and Glue (Hive) type.</summary>
public sealed record TableColumn(string Name, string Type);

/// <summary>One partition: its values, in partition-key order, and where its files are.</summary>
public sealed record TablePartition(IReadOnlyList<string> Values, string? Location);

/// <summary>A Data Catalog table as its page shows it.</summary>
public sealed record TableDescription(
    string Database,
    string Name,
    string? Location,
    string? Classification,
    long? RecordCount,
    IReadOnlyList<TableColumn> Columns,
    IReadOnlyList<TableColumn> PartitionKeys,
    IReadOnlyList<TablePartition> Partitions,
    bool MorePartitions,
    string? UpdatedByCrawler,
    DateTimeOffset? UpdateTime)
{
    public bool IsParquet => string.Equals(Classification, "parquet", StringComparison.OrdinalIgnoreCase)
        || (Classification is null && Location is not null);

    public static TableDescription From(Table table, string database, IReadOnlyList<Partition> partitions, bool morePartitions)
    {
        var parameters = table.Parameters ?? new Dictionary<string, string>();
        return new TableDescription(
            table.DatabaseName ?? database,
            table.Name ?? string.Empty,
            table.StorageDescriptor?.Location,
            parameters.GetValueOrDefault("classification") ?? table.StorageDescriptor?.Parameters?.GetValueOrDefault("classification"),
            long.TryParse(parameters.GetValueOrDefault("recordCount"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var count) ? count : null,
            [.. (table.StorageDescriptor?.Columns ?? []).Select(Column)],
            [.. (table.PartitionKeys ?? []).Select(Column)],
            [.. partitions.Select(p => new TablePartition(p.Values ?? [], p.StorageDescriptor?.Location))],
            morePartitions,
            parameters.GetValueOrDefault("UPDATED_BY_CRAWLER"),
            table.UpdateTime);
    }

    private static TableColumn Column(Column column) => new(column.Name ?? string.Empty, column.Type ?? "unknown");
}

/// <summary>A table looked up by name: its description, or null when the database or the table does not exist.</summary>
public sealed record TableLookup(string Database, string Name, TableDescription? Table, string? Missing)
{
    public bool IsMissing => Table is null;
}
