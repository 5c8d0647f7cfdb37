using System.Text.Json;
using System.Text.Json.Nodes;

namespace Dashboard.Diagnostics.Delivery;

/// <summary>
/// The S3 bucket and key prefix an event pattern listens to, read from the two shapes AWS documents: S3's own
/// "Object Created" events (<c>detail.bucket.name</c>, <c>detail.object.key</c>) and CloudTrail data events
/// (<c>detail.requestParameters.bucketName</c>, <c>detail.requestParameters.key</c>). Used to count the uploads a rule
/// should have seen; a pattern that names no bucket gives nothing.
/// </summary>
public sealed record PatternS3Source(string Bucket, string Prefix)
{
    public static IReadOnlyList<PatternS3Source> From(string? eventPattern)
    {
        if (string.IsNullOrWhiteSpace(eventPattern))
        {
            return [];
        }

        JsonNode? pattern;
        try
        {
            pattern = JsonNode.Parse(eventPattern);
        }
        catch (JsonException)
        {
            return [];
        }

        var detail = pattern?["detail"];
        var buckets = Strings(detail?["bucket"]?["name"]).Concat(Strings(detail?["requestParameters"]?["bucketName"])).Distinct(StringComparer.Ordinal).ToList();
        var keys = (detail?["object"]?["key"] ?? detail?["requestParameters"]?["key"]) as JsonArray;
        var prefixes = keys is null ? [string.Empty] : Prefixes(keys);
        return [.. buckets.SelectMany(b => prefixes.Select(p => new PatternS3Source(b, p)))];
    }

    /// <summary>The literal part of each key filter: a <c>prefix</c>, an exact key, or the text before a wildcard's first <c>*</c>.</summary>
    private static List<string> Prefixes(JsonArray keys)
    {
        var prefixes = new List<string>();
        foreach (var key in keys)
        {
            var literal = key switch
            {
                JsonValue value => Text(value),
                JsonObject filter when filter["prefix"] is JsonValue prefix => Text(prefix),
                JsonObject filter when filter["prefix"] is JsonObject prefix => Text(prefix["equals-ignore-case"]),
                JsonObject filter when filter["wildcard"] is JsonValue wildcard => Text(wildcard)?.Split('*')[0],
                _ => null,
            };
            if (literal is not null)
            {
                prefixes.Add(literal);
            }
        }

        return prefixes.Count == 0 ? [string.Empty] : prefixes;
    }

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static IEnumerable<string> Strings(JsonNode? node) => node switch
    {
        JsonArray array => array.OfType<JsonValue>().Select(v => v.TryGetValue<string>(out var s) ? s : null).OfType<string>(),
        JsonValue value when value.TryGetValue<string>(out var s) => [s],
        _ => [],
    };
}
