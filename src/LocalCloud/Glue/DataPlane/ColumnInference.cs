using System.Globalization;
using System.Text.Json;

namespace LocalCloud.Glue.DataPlane;

/// <summary>The column types the converter writes, and the Glue/Hive type names the crawler reports for them.</summary>
internal enum ColumnKind
{
    String,
    Boolean,
    Long,
    Double,
    Date,
    Timestamp,
}

internal sealed record InferredColumn(string Name, ColumnKind Kind);

/// <summary>
/// Infers one type per top-level member across all records. The rules, per value (nulls and missing members say nothing):
/// <list type="bullet">
/// <item><c>true</c>/<c>false</c> → boolean.</item>
/// <item>a number that fits a 64-bit integer (no fraction, no exponent) → long; any other number → double.</item>
/// <item>a string that is exactly <c>yyyy-MM-dd</c> and a real calendar date → date.</item>
/// <item>a string in ISO 8601 <c>yyyy-MM-ddTHH:mm:ss</c>, with optional fraction and optional <c>Z</c>/offset → timestamp
/// (no offset means UTC).</item>
/// <item>any other string, and nested objects or arrays (kept as their JSON text) → string.</item>
/// </list>
/// A column whose values agree keeps that type; long mixed with double widens to double; any other mix, or a column
/// that is only ever null, is a string. Columns come in the order they are first seen.
/// </summary>
internal static class ColumnInference
{
    private static readonly string[] TimestampFormats =
    [
        "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF",
        "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
    ];

    public static List<InferredColumn> Infer(IReadOnlyList<JsonRecord> records)
    {
        var kinds = new Dictionary<string, ColumnKind?>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var record in records)
        {
            foreach (var (name, value) in record.Members)
            {
                if (!kinds.TryGetValue(name, out var current))
                {
                    order.Add(name);
                    kinds[name] = current = null;
                }

                if (KindOf(value) is { } kind)
                {
                    kinds[name] = current is null ? kind : Merge(current.Value, kind);
                }
            }
        }

        return [.. order.Select(name => new InferredColumn(name, kinds[name] ?? ColumnKind.String))];
    }

    /// <summary>The type one value suggests, or null for JSON null.</summary>
    public static ColumnKind? KindOf(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        JsonValueKind.True or JsonValueKind.False => ColumnKind.Boolean,
        JsonValueKind.Number => value.TryGetInt64(out _) && IsIntegerText(value.GetRawText()) ? ColumnKind.Long : ColumnKind.Double,
        JsonValueKind.String when TryDate(value.GetString(), out _) => ColumnKind.Date,
        JsonValueKind.String when TryTimestamp(value.GetString(), out _) => ColumnKind.Timestamp,
        _ => ColumnKind.String,
    };

    public static ColumnKind Merge(ColumnKind a, ColumnKind b) => (a, b) switch
    {
        _ when a == b => a,
        (ColumnKind.Long, ColumnKind.Double) or (ColumnKind.Double, ColumnKind.Long) => ColumnKind.Double,
        _ => ColumnKind.String,
    };

    public static bool TryDate(string? text, out DateOnly date)
    {
        date = default;
        return text is { Length: 10 } && DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
    }

    public static bool TryTimestamp(string? text, out DateTime utc)
    {
        utc = default;
        if (text is null || text.Length < 19 || !DateTimeOffset.TryParseExact(text, TimestampFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            return false;
        }

        utc = parsed.UtcDateTime;
        return true;
    }

    /// <summary>The Glue (Hive) type name of a kind, as a crawler would catalog it.</summary>
    public static string GlueType(ColumnKind kind) => kind switch
    {
        ColumnKind.Boolean => "boolean",
        ColumnKind.Long => "bigint",
        ColumnKind.Double => "double",
        ColumnKind.Date => "date",
        ColumnKind.Timestamp => "timestamp",
        _ => "string",
    };

    private static bool IsIntegerText(string raw) => !raw.Contains('.', StringComparison.Ordinal) && !raw.Contains('e', StringComparison.OrdinalIgnoreCase);
}
