using System.Globalization;
using DuckDB.NET.Data;

namespace Dashboard.Catalog;

/// <summary>
/// Reads the first rows of local Parquet files with DuckDB, our stand-in for an Athena query: one in-memory database
/// per query, <c>read_parquet</c> over the files (columns matched by name, <c>key=value</c> folders as columns).
/// </summary>
public static class ParquetQuery
{
    /// <summary>The columns and up to <paramref name="maxRows"/> rows, each value as text (null stays null); and whether more rows exist.</summary>
    public static (IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<string?>> Rows, bool More) FirstRows(IReadOnlyList<string> files, int maxRows)
    {
        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        var list = string.Join(", ", files.Select(f => $"'{f.Replace("'", "''", StringComparison.Ordinal)}'"));
        command.CommandText = $"SELECT * FROM read_parquet([{list}], union_by_name = true, hive_partitioning = true) LIMIT {(maxRows + 1).ToString(CultureInfo.InvariantCulture)}";
        using var reader = command.ExecuteReader();
        var columns = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToList();
        var rows = new List<IReadOnlyList<string?>>();
        var more = false;
        while (reader.Read())
        {
            if (rows.Count == maxRows)
            {
                more = true;
                break;
            }

            rows.Add([.. Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? null : Text(reader.GetValue(i)))]);
        }

        return (columns, rows, more);
    }

    /// <summary>A value as a data engineer reads it: ISO dates and times, invariant numbers.</summary>
    public static string Text(object value) => value switch
    {
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime time => time.TimeOfDay == TimeSpan.Zero && time.Kind == DateTimeKind.Unspecified
            ? time.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)
            : time.ToString("yyyy-MM-dd HH:mm:ss.FFFFFF", CultureInfo.InvariantCulture),
        DateTimeOffset offset => offset.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFzzz", CultureInfo.InvariantCulture),
        bool flag => flag ? "true" : "false",
        byte[] bytes => $"<{bytes.Length} bytes>",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };
}
