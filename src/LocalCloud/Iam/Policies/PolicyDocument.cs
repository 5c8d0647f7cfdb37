namespace LocalCloud.Iam.Policies;

/// <summary>What a policy document is for: its required and forbidden elements differ.</summary>
public enum PolicyKind
{
    /// <summary>An identity policy or a permissions boundary: Action and Resource, no Principal.</summary>
    Identity,

    /// <summary>A role's trust policy: Principal and Action, no Resource.</summary>
    Trust,
}

/// <summary>A validated policy document compiled once into statements; shared by every evaluation that uses it.</summary>
public sealed class PolicyDocument(string text, string version, PolicyKind kind, IReadOnlyList<PolicyStatement> statements)
{
    public const string Version2012 = "2012-10-17";
    public const string Version2008 = "2008-10-17";

    /// <summary>The document as it was sent, returned (URL-encoded) by the Get operations.</summary>
    public string Text { get; } = text;

    /// <summary>2012-10-17 or 2008-10-17 (the default when the document has no Version).</summary>
    public string Version { get; } = version;

    public PolicyKind Kind { get; } = kind;

    public IReadOnlyList<PolicyStatement> Statements { get; } = statements;
}

/// <summary>
/// A compiled policy with the name and type <c>SimulatePrincipalPolicy</c> reports for it: an inline policy's
/// name (type <c>role</c>), a managed policy's name (<c>user-managed</c> or <c>aws-managed</c>), or
/// <c>PolicyInputList.1</c> for a policy given to the simulation.
/// </summary>
public sealed record NamedPolicy(string Id, string SourceType, PolicyDocument Document);
