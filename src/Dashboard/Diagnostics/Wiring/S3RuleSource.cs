using System.Text.Json;
using System.Text.Json.Nodes;
using Dashboard.Playground;

namespace Dashboard.Diagnostics.Wiring;

/// <summary>
/// The S3 place a rule's pattern watches, read the way its writer meant it: the bucket, the key prefix uploads land
/// under, and whether uploads arrive as CloudTrail data events or as S3's own "Object Created". The playground's
/// <see cref="WatchedPrefix"/> reads the plain case; a <c>wildcard</c> key, or a <c>prefix</c> holding a literal
/// <c>*</c>, is read here as the prefix before the first <c>*</c>, so a sample upload can be made where the writer expected one.
/// </summary>
public sealed record S3RuleSource(string Bucket, string Prefix, UploadEventKind Kind, string? PrefixAsWritten)
{
    public string ObjectArnPrefix(string partition) => $"arn:{partition}:s3:::{Bucket}/{Prefix}";

    public string Describe() => $"s3://{Bucket}/{Prefix}";

    /// <summary>Whether the pattern names S3 as its source at all: a pattern about something else has no S3 wiring.</summary>
    public static bool IsS3Pattern(string? pattern) =>
        Parse(pattern) is { } root && root["source"] is JsonArray sources
            && sources.Any(s => s is JsonValue v && v.TryGetValue<string>(out var text) && string.Equals(text, "aws.s3", StringComparison.OrdinalIgnoreCase));

    /// <summary>The watched place, or null when the pattern does not name exactly one bucket with a readable key condition.</summary>
    public static S3RuleSource? FromPattern(string? pattern)
    {
        if (WatchedPrefix.FromPattern(pattern) is { } watched)
        {
            var star = watched.Prefix.IndexOf('*', StringComparison.Ordinal);
            return new S3RuleSource(watched.Bucket, star < 0 ? watched.Prefix : watched.Prefix[..star], watched.Kind, watched.Prefix);
        }

        // WatchedPrefix gives no place for a wildcard key (the playground writes only under a plain prefix).
        if (Parse(pattern)?["detail"] is not JsonObject detail)
        {
            return null;
        }

        var (bucketNode, keyNode, kind) = detail["requestParameters"] is JsonObject request
            ? (request["bucketName"], request["key"], UploadEventKind.CloudTrailPutObject)
            : (detail["bucket"]?["name"], detail["object"]?["key"], UploadEventKind.ObjectCreated);
        if (bucketNode is not JsonArray { Count: 1 } buckets || buckets[0] is not JsonValue bucketValue || !bucketValue.TryGetValue<string>(out var bucket)
            || keyNode is not JsonArray keys)
        {
            return null;
        }

        foreach (var condition in keys.OfType<JsonObject>())
        {
            if (condition["wildcard"] is JsonValue wildcard && wildcard.TryGetValue<string>(out var text))
            {
                var star = text.IndexOf('*', StringComparison.Ordinal);
                return new S3RuleSource(bucket, star < 0 ? text : text[..star], kind, null);
            }
        }

        return null;
    }

    public static JsonObject? Parse(string? pattern)
    {
        if (string.IsNullOrWhiteSpace(pattern))
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(pattern) as JsonObject;
        }
        catch (JsonException)
        {
            return null; // EventBridge would not have stored it; the pattern check shows it as it is
        }
    }
}
