using System.Text;
using System.Text.Json;

namespace LocalCloud.Glue.DataPlane;

/// <summary>One input record: its top-level members in the order they were written.</summary>
internal sealed class JsonRecord(List<KeyValuePair<string, JsonElement>> members)
{
    public IReadOnlyList<KeyValuePair<string, JsonElement>> Members { get; } = members;
}

/// <summary>
/// Why an uploaded object could not be read: names the object, and the line and position of the fault, so the job run's
/// ErrorMessage tells the data engineer which file to fix and where.
/// </summary>
internal sealed class JsonInputException(string message) : Exception(message);

/// <summary>
/// Reads the records of one uploaded object. An object holds one JSON object, or JSON lines (one object per line, blank
/// lines allowed); both are read as a sequence of top-level values. Anything other than an object at the top level is
/// an error, as is malformed JSON.
/// </summary>
internal static class JsonRecords
{
    public static List<JsonRecord> Read(string location, ReadOnlyMemory<byte> content)
    {
        var records = new List<JsonRecord>();
        var options = new JsonReaderOptions { AllowMultipleValues = true, CommentHandling = JsonCommentHandling.Disallow };
        var text = SkipBom(content.Span);
        var reader = new Utf8JsonReader(text, options);
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    throw new JsonInputException(
                        $"Could not read {location}: line {LineOf(text, reader.TokenStartIndex)}: expected a JSON object (one per file, or one per line), found {Describe(reader.TokenType)}.");
                }

                using var document = JsonDocument.ParseValue(ref reader);
                var members = document.RootElement.EnumerateObject().Select(p => KeyValuePair.Create(p.Name, p.Value.Clone())).ToList();
                records.Add(new JsonRecord(members));
            }
        }
        catch (JsonException error)
        {
            // LineNumber and BytePositionInLine are zero-based; people count from 1.
            var line = (error.LineNumber ?? 0) + 1;
            var position = (error.BytePositionInLine ?? 0) + 1;
            throw new JsonInputException($"Could not parse {location} as JSON: line {line}, position {position}: {FirstSentence(error.Message)}");
        }

        return records;
    }

    private static ReadOnlySpan<byte> SkipBom(ReadOnlySpan<byte> span) => span.StartsWith(Encoding.UTF8.Preamble) ? span[3..] : span;

    private static long LineOf(ReadOnlySpan<byte> content, long offset) => content[..(int)Math.Min(offset, content.Length)].Count((byte)'\n') + 1;

    private static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.StartArray => "an array",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        _ => token.ToString(),
    };

    /// <summary>System.Text.Json appends "[Path: $ |] LineNumber: 0 | BytePositionInLine: 5." in zero-based terms; we report our own.</summary>
    private static string FirstSentence(string message)
    {
        foreach (var marker in new[] { " Path: ", " LineNumber: " })
        {
            var cut = message.IndexOf(marker, StringComparison.Ordinal);
            if (cut > 0)
            {
                message = message[..cut];
            }
        }

        return message;
    }
}
