using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dashboard.Aws.Glue;
using Dashboard.Aws.Protocol;

namespace Dashboard.Batching;

/// <summary>One field that differs between two versions of a trigger; null means absent.</summary>
public sealed record DiffLine(string Field, string? Before, string? After)
{
    public override string ToString() => $"{Field}: {Before ?? "(not set)"} → {After ?? "(not set)"}";
}

/// <summary>
/// Triggers as text: canonical JSON (the wire's member names, map keys in ordinal order), a fingerprint of every
/// field, and field-by-field differences. Map order never counts as a change.
/// </summary>
public static class TriggerText
{
    /// <summary>The shape as canonical JSON: AWS's member names, absent members left out, object keys sorted.</summary>
    public static string CanonicalJson(object shape)
    {
        var node = JsonSerializer.SerializeToNode(shape, shape.GetType(), AwsJson.Options);
        return Canonical(node)?.ToJsonString() ?? "null";
    }

    /// <summary>SHA-256 of the canonical JSON of every field: equal fingerprints mean equal triggers.</summary>
    public static string Fingerprint(Trigger trigger) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(CanonicalJson(trigger))));

    /// <summary>Every leaf of the shape by path, such as <c>Actions[0].Arguments["--day"]</c>.</summary>
    public static IReadOnlyDictionary<string, string> Flatten(object shape)
    {
        var fields = new SortedDictionary<string, string>(StringComparer.Ordinal);
        Walk(JsonSerializer.SerializeToNode(shape, shape.GetType(), AwsJson.Options), string.Empty, fields);
        return fields;
    }

    /// <summary>The fields that differ, in path order.</summary>
    public static IReadOnlyList<DiffLine> Diff(object before, object after)
    {
        var a = Flatten(before);
        var b = Flatten(after);
        return a.Keys.Union(b.Keys).Order(StringComparer.Ordinal)
            .Select(field => new DiffLine(field, a.GetValueOrDefault(field), b.GetValueOrDefault(field)))
            .Where(line => line.Before != line.After)
            .ToList();
    }

    private static JsonNode? Canonical(JsonNode? node) => node switch
    {
        JsonObject obj => new JsonObject(obj.OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => KeyValuePair.Create(p.Key, Canonical(p.Value)))),
        JsonArray array => new JsonArray(array.Select(Canonical).ToArray()),
        null => null,
        _ => node.DeepClone(),
    };

    private static void Walk(JsonNode? node, string path, SortedDictionary<string, string> fields)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    Walk(value, path.Length == 0 ? key : IsPlainName(key) ? $"{path}.{key}" : $"{path}[{JsonSerializer.Serialize(key)}]", fields);
                }

                if (obj.Count == 0 && path.Length > 0)
                {
                    fields[path] = "{}";
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    Walk(array[i], $"{path}[{i}]", fields);
                }

                if (array.Count == 0)
                {
                    fields[path] = "[]";
                }

                break;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                fields[path] = value.GetValue<string>();
                break;
            case not null:
                fields[path] = node.ToJsonString();
                break;
        }
    }

    private static bool IsPlainName(string key) => key.Length > 0 && char.IsAsciiLetterUpper(key[0]) && key.All(char.IsAsciiLetterOrDigit);
}
