using System.Text.Json.Nodes;
using Dashboard.Playground;

namespace Dashboard.Diagnostics.Wiring;

/// <summary>A known trap in an S3 event pattern: what it does, and whether it stops the workflow from starting.</summary>
public sealed record PatternTrap(string Name, string Explanation, bool Breaks);

/// <summary>The traps found in a pattern and the pattern with each of them fixed.</summary>
public sealed record PatternReview(IReadOnlyList<PatternTrap> Traps, JsonObject Fixed)
{
    public bool Breaks => Traps.Any(t => t.Breaks);
}

/// <summary>
/// Reads an S3 pattern for the traps data engineers fall into, and writes the pattern they meant. Matching is literal
/// and case-sensitive: a <c>*</c> inside <c>prefix</c> is a character no key starts with (wildcard is its own operator),
/// <c>putobject</c> is not <c>PutObject</c>, and bucket names are lower case. Matching only PutObject misses uploads made
/// with CompleteMultipartUpload (the CLI's <c>aws s3 cp</c> of a file over 8 MB) and CopyObject.
/// </summary>
public static class PatternLint
{
    /// <summary>The S3 write calls that create an object, as CloudTrail names them.</summary>
    public static IReadOnlyList<string> ObjectCreatingCalls { get; } = ["PutObject", "CopyObject", "CompleteMultipartUpload"];

    private static readonly string[] DetailTypes = ["Object Created", "AWS API Call via CloudTrail"];
    private static readonly string[] S3Calls = ["PutObject", "CopyObject", "CompleteMultipartUpload", "PostObject", "UploadPart", "UploadPartCopy", "DeleteObject", "DeleteObjects", "RestoreObject"];
    private static readonly string[] Reasons = ["PutObject", "POST Object", "CopyObject", "CompleteMultipartUpload"];

    public static PatternReview Review(JsonObject pattern, UploadEventKind kind)
    {
        var fixedPattern = (JsonObject)pattern.DeepClone();
        var traps = new List<PatternTrap>();
        var detail = fixedPattern["detail"] as JsonObject;

        var keys = kind == UploadEventKind.ObjectCreated ? detail?["object"]?["key"] as JsonArray : detail?["requestParameters"]?["key"] as JsonArray;
        FixLiteralWildcards(keys, traps);

        FixCase(fixedPattern["source"] as JsonArray, ["aws.s3"], "source", traps);
        FixCase(fixedPattern["detail-type"] as JsonArray, DetailTypes, "detail-type", traps);
        FixCase(detail?["eventSource"] as JsonArray, ["s3.amazonaws.com"], "detail.eventSource", traps);
        FixCase(detail?["eventName"] as JsonArray, S3Calls, "detail.eventName", traps);
        FixCase(detail?["reason"] as JsonArray, Reasons, "detail.reason", traps);
        var buckets = kind == UploadEventKind.ObjectCreated ? detail?["bucket"]?["name"] as JsonArray : detail?["requestParameters"]?["bucketName"] as JsonArray;
        FixBucketCase(buckets, traps);

        if (kind == UploadEventKind.CloudTrailPutObject && detail?["eventName"] is JsonArray names && OnlyPutObject(names))
        {
            traps.Add(new PatternTrap("PutObject only",
                "The pattern matches only PutObject. Files uploaded in parts (CompleteMultipartUpload: the AWS CLI and SDKs switch to it for large files) or copied (CopyObject) start nothing. This is the pattern AWS's walkthrough builds, and it works for small single-part uploads.",
                Breaks: false));
            detail["eventName"] = new JsonArray([.. ObjectCreatingCalls.Select(c => (JsonNode)JsonValue.Create(c))]);
        }
        else if (kind == UploadEventKind.ObjectCreated && detail?["reason"] is JsonArray reasons && OnlyPutObject(reasons))
        {
            traps.Add(new PatternTrap("PutObject only",
                "The pattern keeps only \"Object Created\" events whose reason is PutObject, so multipart uploads (CompleteMultipartUpload) and copies (CopyObject) start nothing.",
                Breaks: false));
            detail.Remove("reason");
        }

        return new PatternReview(traps, fixedPattern);
    }

    /// <summary>Points the fixed pattern's bucket and key condition at a place, such as the prefix a job reads.</summary>
    public static JsonObject Retarget(JsonObject pattern, UploadEventKind kind, string bucket, string prefix)
    {
        var copy = (JsonObject)pattern.DeepClone();
        var detail = copy["detail"] as JsonObject ?? [];
        copy["detail"] = detail;
        var parent = kind == UploadEventKind.ObjectCreated ? null : detail["requestParameters"] as JsonObject ?? [];
        if (kind == UploadEventKind.ObjectCreated)
        {
            detail["bucket"] = new JsonObject { ["name"] = new JsonArray(bucket) };
            var obj = detail["object"] as JsonObject ?? [];
            obj["key"] = new JsonArray(new JsonObject { ["prefix"] = prefix });
            detail["object"] = obj;
        }
        else if (parent is not null)
        {
            parent["bucketName"] = new JsonArray(bucket);
            parent["key"] = new JsonArray(new JsonObject { ["prefix"] = prefix });
            detail["requestParameters"] = parent;
        }

        return copy;
    }

    private static bool OnlyPutObject(JsonArray values) =>
        values.Count == 1 && values[0] is JsonValue v && v.TryGetValue<string>(out var text) && text == "PutObject";

    private static void FixLiteralWildcards(JsonArray? keys, List<PatternTrap> traps)
    {
        if (keys is null)
        {
            return;
        }

        for (var i = 0; i < keys.Count; i++)
        {
            if (keys[i] is not JsonObject condition || condition["prefix"] is not JsonValue value || !value.TryGetValue<string>(out var prefix)
                || !prefix.Contains('*', StringComparison.Ordinal))
            {
                continue;
            }

            var star = prefix.IndexOf('*', StringComparison.Ordinal);
            var trailing = star == prefix.Length - 1;
            keys[i] = trailing ? new JsonObject { ["prefix"] = prefix[..star] } : new JsonObject { ["wildcard"] = prefix };
            traps.Add(new PatternTrap("Literal * in prefix",
                $"The key condition {{\"prefix\": \"{prefix}\"}} holds a literal '*'. EventBridge compares prefixes character by character and '*' is not a wildcard there, so only keys that really begin with \"{prefix}\" match, and no upload does. " +
                (trailing ? $"Use {{\"prefix\": \"{prefix[..star]}\"}}, or {{\"wildcard\": \"{prefix}\"}}." : $"Use {{\"wildcard\": \"{prefix}\"}}."),
                Breaks: true));
        }
    }

    private static void FixCase(JsonArray? values, IReadOnlyList<string> canonical, string field, List<PatternTrap> traps)
    {
        if (values is null)
        {
            return;
        }

        for (var i = 0; i < values.Count; i++)
        {
            if (values[i] is not JsonValue value || !value.TryGetValue<string>(out var text) || canonical.Contains(text, StringComparer.Ordinal))
            {
                continue;
            }

            if (canonical.FirstOrDefault(c => string.Equals(c, text, StringComparison.OrdinalIgnoreCase)) is { } right)
            {
                values[i] = JsonValue.Create(right);
                traps.Add(new PatternTrap("Case mismatch",
                    $"{field} is \"{text}\", but AWS sends \"{right}\". Matching is case-sensitive, so these events never match.",
                    Breaks: true));
            }
        }
    }

    private static void FixBucketCase(JsonArray? buckets, List<PatternTrap> traps)
    {
        if (buckets is null)
        {
            return;
        }

        for (var i = 0; i < buckets.Count; i++)
        {
            if (buckets[i] is JsonValue value && value.TryGetValue<string>(out var bucket) && bucket.Any(char.IsUpper))
            {
                var lower = bucket.ToLowerInvariant();
                buckets[i] = JsonValue.Create(lower);
                traps.Add(new PatternTrap("Case mismatch",
                    $"The bucket name \"{bucket}\" has capital letters. S3 bucket names are lower case, and events name the bucket as S3 does (\"{lower}\"), so the case-sensitive match fails.",
                    Breaks: true));
            }
        }
    }
}
