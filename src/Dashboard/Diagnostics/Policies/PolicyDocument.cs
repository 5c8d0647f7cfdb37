using System.Text.Json;
using System.Text.Json.Nodes;

namespace Dashboard.Diagnostics.Policies;

/// <summary>Which grammar a document follows: an identity policy (Action and Resource) or a role's trust policy (Principal and Action).</summary>
public enum PolicyKind
{
    Identity,
    Trust,
}

/// <summary>
/// A parsed IAM policy document, named as the findings name it: an inline policy by its name, a managed policy by its
/// name, a trust policy as "trust policy". Parsing refuses what IAM refuses (a statement without Effect, an unknown
/// Version, an unknown condition operator) with <see cref="PolicyDocumentException"/>.
/// </summary>
public sealed class PolicyDocument
{
    public const string CurrentVersion = "2012-10-17";
    public const string LegacyVersion = "2008-10-17";

    private PolicyDocument(string name, string version, IReadOnlyList<PolicyStatement> statements, string json)
    {
        Name = name;
        Version = version;
        Statements = statements;
        Json = json;
    }

    public string Name { get; }

    public string Version { get; }

    /// <summary>Policy variables such as <c>${aws:username}</c> exist only in version 2012-10-17; in 2008-10-17 they are literal text.</summary>
    public bool HasVariables => Version == CurrentVersion;

    public IReadOnlyList<PolicyStatement> Statements { get; }

    /// <summary>The document as fetched, for the evidence.</summary>
    public string Json { get; }

    public static PolicyDocument Parse(string name, string json, PolicyKind kind)
    {
        JsonObject root;
        try
        {
            root = JsonNode.Parse(json) as JsonObject ?? throw new PolicyDocumentException(name, "the document is not a JSON object.");
        }
        catch (JsonException error)
        {
            throw new PolicyDocumentException(name, $"the document is not valid JSON ({error.Message}).");
        }

        var version = root[nameof(Version)] is { } v ? Text(name, v, nameof(Version)) : LegacyVersion;
        if (version is not (CurrentVersion or LegacyVersion))
        {
            throw new PolicyDocumentException(name, $"the Version '{version}' is not one IAM knows ({CurrentVersion} or {LegacyVersion}).");
        }

        var statementNodes = root["Statement"] switch
        {
            JsonArray array => array.ToList(),
            JsonObject single => [single],
            _ => throw new PolicyDocumentException(name, "the document has no Statement."),
        };

        var statements = statementNodes
            .Select((node, i) => PolicyStatement.Parse(name, i + 1, node as JsonObject ?? throw new PolicyDocumentException(name, $"statement {i + 1} is not a JSON object."), kind))
            .ToList();
        return new PolicyDocument(name, version, statements, json);
    }

    internal static string Text(string policy, JsonNode node, string element) =>
        node is JsonValue value && value.TryGetValue<string>(out var text)
            ? text
            : throw new PolicyDocumentException(policy, $"{element} must be a string.");

    /// <summary>A string, or an array of strings; numbers and booleans are read as IAM reads them, as text.</summary>
    internal static IReadOnlyList<string> Texts(string policy, JsonNode? node, string element) => node switch
    {
        null => [],
        JsonArray array => [.. array.Select(item => Scalar(policy, item, element))],
        _ => [Scalar(policy, node, element)],
    };

    private static string Scalar(string policy, JsonNode? node, string element) => node switch
    {
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        JsonValue value when value.TryGetValue<bool>(out var flag) => flag ? "true" : "false",
        JsonValue value when value.GetValueKind() == JsonValueKind.Number => value.ToJsonString(),
        _ => throw new PolicyDocumentException(policy, $"{element} must hold strings."),
    };
}
