using System.Globalization;
using System.Text;

namespace Dashboard.Audit;

/// <summary>
/// Audit records as CSV: RFC 4180 (CRLF line ends; a field with a comma, quote, CR or LF is quoted and its quotes
/// doubled), UTF-8 without a byte order mark, one header line. A cell that a spreadsheet would run as a formula
/// (starting with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, a tab or a CR) gets a leading <c>'</c> (OWASP's CSV injection advice).
/// </summary>
public static class AuditCsv
{
    public static readonly IReadOnlyList<string> Header =
    [
        "id", "time_utc", "environment", "actor", "action", "workflow", "target", "result", "message", "reason",
        "correlation_id", "before", "after",
    ];

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public static async Task WriteAsync(IAsyncEnumerable<AuditRecord> records, Stream output, CancellationToken cancellationToken)
    {
        await using var writer = new StreamWriter(output, Utf8, bufferSize: 64 * 1024, leaveOpen: true) { NewLine = "\r\n" };
        await WriteLineAsync(writer, Header);
        await foreach (var record in records.WithCancellation(cancellationToken))
        {
            await WriteLineAsync(writer, Fields(record));
        }

        await writer.FlushAsync(cancellationToken);
    }

    public static IReadOnlyList<string?> Fields(AuditRecord record) =>
    [
        record.Id.ToString("D"),
        record.Time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture),
        record.Environment,
        record.Actor,
        record.Action,
        record.Workflow,
        record.Target,
        record.Result.ToString(),
        record.Message,
        record.Reason,
        record.CorrelationId.ToString("D"),
        record.Before,
        record.After,
    ];

    /// <summary>One field as it goes in the file: neutralized, then quoted when RFC 4180 requires it.</summary>
    public static string Cell(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }

    private static Task WriteLineAsync(StreamWriter writer, IEnumerable<string?> fields) =>
        writer.WriteLineAsync(string.Join(',', fields.Select(Cell)));
}
