using System.Text.Json;
using Parquet;
using Parquet.Schema;

namespace LocalCloud.Glue.DataPlane;

/// <summary>A Parquet file's columns as the crawler catalogs them, and how many rows it holds.</summary>
internal sealed record ParquetShape(IReadOnlyList<(string Name, string GlueType)> Columns, long RowCount);

/// <summary>Writes records as one Parquet file (one row group, Snappy), and reads a file's schema back, with Parquet.Net.</summary>
internal static class ParquetFiles
{
    public static async Task<byte[]> WriteAsync(IReadOnlyList<JsonRecord> records, IReadOnlyList<InferredColumn> columns, CancellationToken cancellationToken)
    {
        var fields = columns.Select(Field).ToArray();
        var schema = new ParquetSchema(fields);
        using var output = new MemoryStream();
        await using (var writer = await ParquetWriter.CreateAsync(schema, output, cancellationToken: cancellationToken))
        {
            using var group = writer.CreateRowGroup();
            for (var i = 0; i < columns.Count; i++)
            {
                var values = records.Select(r => Value(r, columns[i].Name)).ToArray();
                await WriteColumnAsync(group, fields[i], columns[i].Kind, values, cancellationToken);
            }
        }

        return output.ToArray();
    }

    public static async Task<ParquetShape> ReadShapeAsync(byte[] content, CancellationToken cancellationToken)
    {
        using var input = new MemoryStream(content, writable: false);
        await using var reader = await ParquetReader.CreateAsync(input, new ParquetOptions { UseDateOnlyTypeForDates = true }, cancellationToken: cancellationToken);
        var columns = reader.Schema.DataFields.Select(f => (f.Name, GlueType(f))).ToList();
        long rows = 0;
        for (var i = 0; i < reader.RowGroupCount; i++)
        {
            rows += reader.OpenRowGroupReader(i).RowCount;
        }

        return new ParquetShape(columns, rows);
    }

    /// <summary>The Glue (Hive) type of a Parquet column, as Glue's crawler names it.</summary>
    public static string GlueType(DataField field)
    {
        if (field.IsArray)
        {
            return "array<string>";
        }

        if (field is DateTimeDataField dateTime)
        {
            return dateTime.DateTimeFormat == DateTimeFormat.Date ? "date" : "timestamp";
        }

        return field.ClrType switch
        {
            var t when t == typeof(bool) => "boolean",
            var t when t == typeof(sbyte) || t == typeof(byte) => "tinyint",
            var t when t == typeof(short) || t == typeof(ushort) => "smallint",
            var t when t == typeof(int) || t == typeof(uint) => "int",
            var t when t == typeof(long) || t == typeof(ulong) => "bigint",
            var t when t == typeof(float) => "float",
            var t when t == typeof(double) => "double",
            var t when t == typeof(decimal) => field is DecimalDataField d ? $"decimal({d.Precision},{d.Scale})" : "decimal(38,18)",
            var t when t == typeof(DateOnly) => "date",
            var t when t == typeof(DateTime) || t == typeof(DateTimeOffset) => "timestamp",
            var t when t == typeof(byte[]) => "binary",
            _ => "string",
        };
    }

    private static DataField Field(InferredColumn column) => column.Kind switch
    {
        ColumnKind.Boolean => new DataField<bool?>(column.Name),
        ColumnKind.Long => new DataField<long?>(column.Name),
        ColumnKind.Double => new DataField<double?>(column.Name),
        ColumnKind.Date => new DataField<DateOnly?>(column.Name),
        ColumnKind.Timestamp => new DateTimeDataField(column.Name, DateTimeFormat.Timestamp, isAdjustedToUTC: true, unit: DateTimeTimeUnit.Micros, isNullable: true),
        _ => new DataField<string>(column.Name, true),
    };

    private static JsonElement? Value(JsonRecord record, string name)
    {
        foreach (var (key, value) in record.Members)
        {
            if (key == name)
            {
                return value.ValueKind is JsonValueKind.Null ? null : value;
            }
        }

        return null;
    }

    private static Task WriteColumnAsync(ParquetRowGroupWriter group, DataField field, ColumnKind kind, JsonElement?[] values, CancellationToken cancellationToken) => kind switch
    {
        ColumnKind.Boolean => group.WriteAsync<bool>(field, values.Select(v => v?.GetBoolean()).ToArray(), cancellationToken: cancellationToken),
        ColumnKind.Long => group.WriteAsync<long>(field, values.Select(v => v?.GetInt64()).ToArray(), cancellationToken: cancellationToken),
        ColumnKind.Double => group.WriteAsync<double>(field, values.Select(v => v?.GetDouble()).ToArray(), cancellationToken: cancellationToken),
        ColumnKind.Date => group.WriteAsync<DateOnly>(field, values.Select(v => v is { } e && ColumnInference.TryDate(e.GetString(), out var d) ? d : (DateOnly?)null).ToArray(), cancellationToken: cancellationToken),
        ColumnKind.Timestamp => group.WriteAsync<DateTime>(field, values.Select(v => v is { } e && ColumnInference.TryTimestamp(e.GetString(), out var t) ? t : (DateTime?)null).ToArray(), cancellationToken: cancellationToken),
        _ => group.WriteAsync(field, values.Select(v => v is { } e ? (e.ValueKind == JsonValueKind.String ? e.GetString() : e.GetRawText()) : null).ToArray()),
    };
}
