using System.Text.Json;

namespace LocalCloud.Glue.DataPlane;

/// <summary>An S3 object named by an event.</summary>
internal sealed record S3ObjectRef(string Bucket, string Key)
{
    public override string ToString() => $"s3://{Bucket}/{Key}";
}

/// <summary>
/// Which S3 object an event that started a run is about. Two shapes reach a workflow from S3: CloudTrail's
/// "AWS API Call via CloudTrail" for PutObject (<c>detail.requestParameters.bucketName</c>/<c>key</c>), and S3's own
/// "Object Created" (<c>detail.bucket.name</c>/<c>detail.object.key</c>). Other events name no object.
/// </summary>
internal static class EventObjects
{
    public static S3ObjectRef? From(string eventJson)
    {
        using var document = JsonDocument.Parse(eventJson);
        if (!document.RootElement.TryGetProperty("detail", out var detail) || detail.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        if (detail.TryGetProperty("requestParameters", out var parameters) && parameters.ValueKind == JsonValueKind.Object
            && Text(parameters, "bucketName") is { } bucketName && Text(parameters, "key") is { } key)
        {
            return new S3ObjectRef(bucketName, key);
        }

        if (detail.TryGetProperty("bucket", out var bucket) && bucket.ValueKind == JsonValueKind.Object && Text(bucket, "name") is { } name
            && detail.TryGetProperty("object", out var item) && item.ValueKind == JsonValueKind.Object && Text(item, "key") is { } objectKey)
        {
            return new S3ObjectRef(name, objectKey);
        }

        return null;
    }

    private static string? Text(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}

/// <summary>An <c>s3://bucket/prefix</c> location, as Glue arguments and crawler targets write it.</summary>
internal sealed record S3Location(string Bucket, string Prefix)
{
    public static bool TryParse(string? text, out S3Location location)
    {
        location = new S3Location(string.Empty, string.Empty);
        if (text is null || !text.StartsWith("s3://", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var rest = text["s3://".Length..];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var bucket = slash < 0 ? rest : rest[..slash];
        if (bucket.Length == 0)
        {
            return false;
        }

        var prefix = slash < 0 ? string.Empty : rest[(slash + 1)..];
        location = new S3Location(bucket, prefix.Length == 0 || prefix.EndsWith('/') ? prefix : prefix + "/");
        return true;
    }

    public bool Contains(S3ObjectRef item) => item.Bucket == Bucket && item.Key.StartsWith(Prefix, StringComparison.Ordinal);

    public override string ToString() => $"s3://{Bucket}/{Prefix}";
}
