using Dashboard.Aws.Glue;
using Dashboard.Aws.Protocol;
using Microsoft.Extensions.Caching.Hybrid;

namespace Dashboard.Catalog;

/// <summary>
/// A Data Catalog table and a preview of its rows: <c>GetTable</c> and the first page of <c>GetPartitions</c>, then the
/// first Parquet objects under the table's location (ListObjectsV2, GetObject), queried with DuckDB. Reads stay within
/// <see cref="PreviewLimits"/>; both answers are cached briefly, so many open pages cost AWS what one costs.
/// </summary>
public sealed class TablePreview(IGlueCatalogApi glue, IParquetObjects objects, HybridCache cache, ILogger<TablePreview> logger)
{
    public const int PartitionPageSize = 100;

    private static readonly HybridCacheEntryOptions CacheOptions = new() { Expiration = TimeSpan.FromSeconds(30), LocalCacheExpiration = TimeSpan.FromSeconds(30) };

    public PreviewLimits Limits { get; init; } = PreviewLimits.Default;

    /// <summary>The table, or a lookup saying which of the database and the table does not exist.</summary>
    public async Task<TableLookup> LookupAsync(string database, string table, CancellationToken cancellationToken) =>
        await cache.GetOrCreateAsync($"catalog-table:{database}/{table}", (Preview: this, Database: database, Table: table),
            static (state, ct) => new ValueTask<TableLookup>(state.Preview.LoadAsync(state.Database, state.Table, ct)), CacheOptions, cancellationToken: cancellationToken);

    /// <summary>The first rows under the table's location; throws <see cref="TablePreviewException"/> with a sentence to show.</summary>
    public async Task<TablePreviewGrid> PreviewAsync(TableDescription table, CancellationToken cancellationToken) =>
        await cache.GetOrCreateAsync($"catalog-preview:{table.Database}/{table.Name}@{table.UpdateTime?.ToUnixTimeMilliseconds()}", (Preview: this, Table: table),
            static (state, ct) => new ValueTask<TablePreviewGrid>(state.Preview.ReadAsync(state.Table, ct)), CacheOptions, cancellationToken: cancellationToken);

    private async Task<TableLookup> LoadAsync(string database, string name, CancellationToken cancellationToken)
    {
        Table table;
        try
        {
            table = (await glue.GetTableAsync(new() { DatabaseName = database, Name = name }, cancellationToken)).Table
                ?? throw new InvalidOperationException($"Glue GetTable returned no table for {database}.{name}.");
        }
        catch (AwsNotFoundException missing)
        {
            return new TableLookup(database, name, null, missing.AwsMessage);
        }

        var partitions = new List<Partition>();
        var more = false;
        if (table.PartitionKeys is { Count: > 0 })
        {
            var page = await glue.GetPartitionsAsync(new() { DatabaseName = database, TableName = name, MaxResults = PartitionPageSize, ExcludeColumnSchema = true }, cancellationToken);
            partitions.AddRange(page.Partitions ?? []);
            more = page.NextToken is not null;
        }

        return new TableLookup(database, name, TableDescription.From(table, database, partitions, more), null);
    }

    private async Task<TablePreviewGrid> ReadAsync(TableDescription table, CancellationToken cancellationToken)
    {
        if (!table.IsParquet)
        {
            throw new TablePreviewException($"The preview reads Parquet only, and this table's classification is {table.Classification}.");
        }

        if (!S3Path.TryParse(table.Location, out var bucket, out var prefix))
        {
            throw new TablePreviewException($"The table's location '{table.Location}' is not an s3:// path, so there is nothing to preview.");
        }

        var (listed, moreKeys) = await ListAsync(bucket, prefix, cancellationToken);
        var parquet = listed.Where(o => o.Key.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase) && !IsMarker(o.Key)).ToList();
        var chosen = new List<StoredObject>();
        long bytes = 0;
        foreach (var file in parquet)
        {
            if (chosen.Count == Limits.MaxFiles || bytes + file.Size > Limits.MaxBytes)
            {
                break;
            }

            chosen.Add(file);
            bytes += file.Size;
        }

        var folder = Directory.CreateTempSubdirectory("dashboard-preview-");
        try
        {
            var paths = new List<string>();
            foreach (var file in chosen)
            {
                // Keep the folders under the location, so that key=value folders read as partition columns.
                var path = Path.Combine(folder.FullName, Path.Combine(file.Key[prefix.Length..].Split('/', StringSplitOptions.RemoveEmptyEntries)));
                Directory.CreateDirectory(Path.GetDirectoryName(path) ?? folder.FullName);
                await objects.DownloadAsync(bucket, file.Key, path, cancellationToken);
                paths.Add(path);
            }

            if (paths.Count == 0)
            {
                return new TablePreviewGrid([.. table.Columns.Select(c => c.Name)], [], false, 0, parquet.Count, moreKeys, 0, Limits);
            }

            var (columns, rows, moreRows) = ParquetQuery.FirstRows(paths, Limits.MaxRows);
            return new TablePreviewGrid(columns, rows, moreRows, paths.Count, parquet.Count, moreKeys || chosen.Count < parquet.Count, bytes, Limits);
        }
        catch (DuckDB.NET.Data.DuckDBException error)
        {
            logger.LogWarning(error, "DuckDB could not read the Parquet of {Database}.{Table}.", table.Database, table.Name);
            throw new TablePreviewException($"The files under {table.Location} could not be read as Parquet: {error.Message}");
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private async Task<(IReadOnlyList<StoredObject> Objects, bool More)> ListAsync(string bucket, string prefix, CancellationToken cancellationToken)
    {
        try
        {
            return await objects.ListAsync(bucket, prefix, PreviewLimits.ListPageSize, cancellationToken);
        }
        catch (Amazon.S3.AmazonS3Exception error)
        {
            logger.LogWarning(error, "Could not list s3://{Bucket}/{Prefix}.", bucket, prefix);
            throw new TablePreviewException($"S3 refused to list s3://{bucket}/{prefix} ({error.ErrorCode}): {error.Message}");
        }
    }

    private static bool IsMarker(string key) => key[(key.LastIndexOf('/') + 1)..] is var name && (name.StartsWith('_') || name.StartsWith('.'));
}

/// <summary>Why a preview could not be shown, as a sentence for the page.</summary>
public sealed class TablePreviewException(string message) : Exception(message);

/// <summary><c>s3://bucket/prefix</c> split in two; the prefix ends with <c>/</c> unless it is empty.</summary>
public static class S3Path
{
    public static bool TryParse(string? location, out string bucket, out string prefix)
    {
        bucket = prefix = string.Empty;
        if (location is null || !location.StartsWith("s3://", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var rest = location["s3://".Length..];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        bucket = slash < 0 ? rest : rest[..slash];
        prefix = slash < 0 ? string.Empty : rest[(slash + 1)..];
        if (prefix.Length > 0 && !prefix.EndsWith('/'))
        {
            prefix += "/";
        }

        return bucket.Length > 0;
    }
}
