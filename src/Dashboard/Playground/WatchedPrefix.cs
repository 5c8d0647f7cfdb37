using System.Text.Json;

namespace Dashboard.Playground;

/// <summary>How S3 uploads reach the rule.</summary>
public enum UploadEventKind
{
    /// <summary>"AWS API Call via CloudTrail" for PutObject: needs a trail that logs the bucket's data events.</summary>
    CloudTrailPutObject,

    /// <summary>S3's own "Object Created": needs EventBridge turned on for the bucket.</summary>
    ObjectCreated,
}

/// <summary>The bucket and key prefix a rule's pattern watches: an upload there is an event for the workflow.</summary>
public sealed record WatchedPrefix(string Bucket, string Prefix, UploadEventKind Kind)
{
    public string Describe() => $"s3://{Bucket}/{Prefix}";

    /// <summary>
    /// Reads the bucket and prefix out of an S3 event pattern of either kind; null when the pattern does not name
    /// exactly one bucket (then there is no single place to drop files). A key matched exactly or by wildcard gives
    /// no prefix to write under, so the prefix is then empty only when the pattern has no key condition at all.
    /// </summary>
    public static WatchedPrefix? FromPattern(string? pattern)
    {
        if (string.IsNullOrWhiteSpace(pattern))
        {
            return null;
        }

        JsonElement root;
        try
        {
            root = JsonDocument.Parse(pattern).RootElement;
        }
        catch (JsonException)
        {
            return null; // not a pattern we can read; the rule page shows it as it is
        }

        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("detail", out var detail) || detail.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        if (detail.TryGetProperty("requestParameters", out var request) && request.ValueKind == JsonValueKind.Object)
        {
            return Build(request, "bucketName", "key", UploadEventKind.CloudTrailPutObject);
        }

        return detail.TryGetProperty("bucket", out var bucket) && detail.TryGetProperty("object", out var obj)
            && bucket.ValueKind == JsonValueKind.Object && obj.ValueKind == JsonValueKind.Object
            ? Build(bucket, "name", null, UploadEventKind.ObjectCreated, obj)
            : null;
    }

    private static WatchedPrefix? Build(JsonElement bucketParent, string bucketField, string? keyField, UploadEventKind kind, JsonElement? keyParent = null)
    {
        if (!bucketParent.TryGetProperty(bucketField, out var buckets) || buckets.ValueKind != JsonValueKind.Array
            || buckets.GetArrayLength() != 1 || buckets[0].ValueKind != JsonValueKind.String)
        {
            return null;
        }

        var keys = keyParent is { } parent
            ? parent.TryGetProperty("key", out var objectKeys) ? objectKeys : default
            : bucketParent.TryGetProperty(keyField ?? "key", out var requestKeys) ? requestKeys : default;
        var prefix = PrefixOf(keys);
        return prefix is null ? null : new WatchedPrefix(buckets[0].GetString() ?? string.Empty, prefix, kind);
    }

    /// <summary>The prefix of <c>[{"prefix": "data/"}]</c>; empty for no key condition; null for any other condition.</summary>
    private static string? PrefixOf(JsonElement keys)
    {
        if (keys.ValueKind == JsonValueKind.Undefined)
        {
            return string.Empty;
        }

        if (keys.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        foreach (var condition in keys.EnumerateArray())
        {
            if (condition.ValueKind == JsonValueKind.Object && condition.TryGetProperty("prefix", out var prefix) && prefix.ValueKind == JsonValueKind.String)
            {
                return prefix.GetString();
            }
        }

        return null;
    }
}
