using System.Globalization;
using System.Text;

namespace LocalCloud.Glue.DataPlane;

/// <summary>
/// A crawler's real work over Parquet: for each S3 target, read the schemas of the <c>.parquet</c> objects under it
/// and create or update one Data Catalog table.
/// <list type="bullet">
/// <item>Table name: the target's last folder (<c>s3://b/data/products/</c> → <c>products</c>), lower case, with
/// characters other than letters, digits and <c>_</c> turned into <c>_</c>.</item>
/// <item>Columns: the union of the files' columns in first-seen order; a column whose files disagree on its type
/// widens (bigint with double is double), or else is <c>string</c>.</item>
/// <item>Partitions: folders between the target and a file. <c>key=value</c> folders give the key's name; other folders
/// are <c>partition_0</c>, <c>partition_1</c>, … as Glue names them. Partition keys are strings. Files at another depth
/// than the first file's are left out, since they would not fit the table's partition scheme.</item>
/// <item>Files whose names start with <c>_</c> or <c>.</c> (markers such as <c>_SUCCESS</c>) are skipped, as Glue does.</item>
/// </list>
/// A target with no Parquet objects makes no table, and is not an error.
/// </summary>
internal static class ParquetCrawler
{
    public const string InputFormat = "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat";
    public const string OutputFormat = "org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat";
    public const string SerializationLibrary = "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe";

    /// <summary>Crawls every target; returns the names of the tables it wrote.</summary>
    public static async Task<List<string>> RunAsync(IObjectStore store, DataCatalog catalog, string region, Crawler crawler, Func<DateTimeOffset> now, CancellationToken cancellationToken)
    {
        var database = crawler.DatabaseName is { Length: > 0 } name
            ? name
            : throw new InvalidOperationException($"Crawler {crawler.Name} has no DatabaseName to write its tables to.");
        var tables = new List<string>();
        foreach (var target in crawler.Targets?.S3Targets ?? [])
        {
            if (!S3Location.TryParse(target.Path, out var location))
            {
                throw new InvalidOperationException($"Crawler {crawler.Name} has an S3 target '{target.Path}' that is not s3://bucket/prefix.");
            }

            if (await CrawlAsync(store, catalog, region, crawler.Name, database, location, now, cancellationToken) is { } table)
            {
                tables.Add(table);
            }
        }

        return tables;
    }

    private static async Task<string?> CrawlAsync(IObjectStore store, DataCatalog catalog, string region, string crawler, string database, S3Location target, Func<DateTimeOffset> now, CancellationToken cancellationToken)
    {
        var listed = await store.ListAsync(catalog.Account, region, target.Bucket, target.Prefix, cancellationToken);
        var files = listed
            .Where(o => o.Key.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase))
            .Where(o => FileName(o.Key) is var file && !file.StartsWith('_') && !file.StartsWith('.'))
            .ToList();
        if (files.Count == 0)
        {
            return null;
        }

        var depth = Folders(target, files[0].Key).Count;
        var columns = new List<(string Name, string Type)>();
        var partitions = new Dictionary<string, (List<string> Values, string Location)>(StringComparer.Ordinal);
        var partitionKeys = new List<string>();
        long rows = 0;
        long bytes = 0;
        foreach (var file in files)
        {
            var folders = Folders(target, file.Key);
            if (folders.Count != depth)
            {
                continue;
            }

            var shape = await ParquetFiles.ReadShapeAsync(await store.GetAsync(catalog.Account, region, target.Bucket, file.Key, cancellationToken), cancellationToken);
            rows += shape.RowCount;
            bytes += file.Size;
            foreach (var (name, type) in shape.Columns)
            {
                var at = columns.FindIndex(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase));
                if (at < 0)
                {
                    columns.Add((name, type));
                }
                else if (columns[at].Type != type)
                {
                    columns[at] = (columns[at].Name, Widen(columns[at].Type, type));
                }
            }

            if (depth > 0)
            {
                if (partitionKeys.Count == 0)
                {
                    partitionKeys.AddRange(folders.Select((f, i) => f.Contains('=', StringComparison.Ordinal) ? f[..f.IndexOf('=', StringComparison.Ordinal)] : $"partition_{i}"));
                }

                var values = folders.Select(f => f.Contains('=', StringComparison.Ordinal) ? f[(f.IndexOf('=', StringComparison.Ordinal) + 1)..] : f).ToList();
                partitions.TryAdd(string.Join('/', folders), (values, $"{target}{string.Join('/', folders)}/"));
            }
        }

        var tableName = TableName(target);
        var parameters = new Dictionary<string, string>
        {
            ["classification"] = "parquet",
            ["compressionType"] = "none",
            ["typeOfData"] = "file",
            ["recordCount"] = rows.ToString(CultureInfo.InvariantCulture),
            ["objectCount"] = files.Count.ToString(CultureInfo.InvariantCulture),
            ["sizeKey"] = bytes.ToString(CultureInfo.InvariantCulture),
            ["averageRecordSize"] = (rows == 0 ? 0 : bytes / rows).ToString(CultureInfo.InvariantCulture),
            ["UPDATED_BY_CRAWLER"] = crawler,
            ["CrawlerSchemaSerializerVersion"] = "1.0",
            ["CrawlerSchemaDeserializerVersion"] = "1.0",
        };
        var descriptor = new StorageDescriptor(
            [.. columns.Select(c => new Column(c.Name.ToLowerInvariant(), c.Type, null, null))],
            target.ToString(),
            InputFormat,
            OutputFormat,
            false,
            -1,
            new SerDeInfo(null, SerializationLibrary, new Dictionary<string, string> { ["serialization.format"] = "1" }),
            [],
            new Dictionary<string, string>(parameters),
            false);
        var input = new TableInput(tableName, null, "owner", 0, descriptor, [.. partitionKeys.Select(k => new Column(k.ToLowerInvariant(), "string", null, null))], "EXTERNAL_TABLE", parameters);
        catalog.PutCrawledTable(database, input, [.. partitions.Values], crawler, now());
        return tableName;
    }

    /// <summary>Files that disagree on a column: integers widen (int → bigint → double, float → double); anything else is a string.</summary>
    private static string Widen(string a, string b)
    {
        string[] numbers = ["tinyint", "smallint", "int", "bigint", "float", "double"];
        var (i, j) = (Array.IndexOf(numbers, a), Array.IndexOf(numbers, b));
        if (i < 0 || j < 0)
        {
            return "string";
        }

        var wider = numbers[Math.Max(i, j)];
        return wider == "float" && Math.Min(i, j) >= 3 ? "double" : wider;
    }

    private static List<string> Folders(S3Location target, string key)
    {
        var relative = key[target.Prefix.Length..];
        var segments = relative.Split('/');
        return [.. segments[..^1].Where(s => s.Length > 0)];
    }

    private static string FileName(string key) => key[(key.LastIndexOf('/') + 1)..];

    /// <summary>The target's last folder (or the bucket, for a whole bucket), as a Glue table name.</summary>
    public static string TableName(S3Location target)
    {
        var folder = target.Prefix.TrimEnd('/') is { Length: > 0 } prefix ? prefix[(prefix.LastIndexOf('/') + 1)..] : target.Bucket;
        var name = new StringBuilder(folder.Length);
        foreach (var c in folder.ToLowerInvariant())
        {
            name.Append(char.IsAsciiLetterOrDigit(c) || c == '_' ? c : '_');
        }

        return name.ToString();
    }
}
