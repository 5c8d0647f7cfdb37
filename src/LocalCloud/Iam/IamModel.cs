using LocalCloud.Iam.Policies;

namespace LocalCloud.Iam;

/// <summary>A role as IAM keeps it. Mutable, and only touched under its account's lock.</summary>
internal sealed class IamRole(string name, string path, string id, string arn, DateTimeOffset created, NamedPolicy trust)
{
    public string Name { get; } = name;

    public string Path { get; } = path;

    public string Id { get; } = id;

    public string Arn { get; } = arn;

    public DateTimeOffset Created { get; } = created;

    public NamedPolicy Trust { get; set; } = trust;

    public string? Description { get; set; }

    public int MaxSessionDuration { get; set; } = 3600;

    public List<KeyValuePair<string, string>> Tags { get; } = [];

    /// <summary>Inline policies by name; IAM lists them in name order.</summary>
    public SortedDictionary<string, NamedPolicy> InlinePolicies { get; } = new(StringComparer.Ordinal);

    /// <summary>Attached managed policies, in attachment order.</summary>
    public List<ManagedPolicy> Attached { get; } = [];

    public ManagedPolicy? Boundary { get; set; }

    /// <summary>The policies an evaluation needs, rebuilt when the account's generation moves on.</summary>
    public RolePolicies? Snapshot { get; set; }
}

/// <summary>An immutable view of a role's policies at one moment: what <see cref="IRoleAuthority"/> evaluates.</summary>
internal sealed record RolePolicies(long Generation, string Arn, NamedPolicy Trust, IReadOnlyList<NamedPolicy> Identity, NamedPolicy? Boundary);

/// <summary>A managed policy (customer managed, or AWS managed when <see cref="IsAwsManaged"/>), with its versions.</summary>
internal sealed class ManagedPolicy(string name, string path, string id, string arn, DateTimeOffset created, bool isAwsManaged)
{
    public string Name { get; } = name;

    public string Path { get; } = path;

    public string Id { get; } = id;

    public string Arn { get; } = arn;

    public DateTimeOffset Created { get; } = created;

    public bool IsAwsManaged { get; } = isAwsManaged;

    public string? Description { get; set; }

    public DateTimeOffset Updated { get; set; } = created;

    public List<ManagedPolicyVersion> Versions { get; } = [];

    public List<KeyValuePair<string, string>> Tags { get; } = [];

    public string DefaultVersionId { get; set; } = "v1";

    /// <summary>Version ids are never reused: the next is one more than the highest ever made.</summary>
    public int NextVersion { get; set; } = 1;

    public ManagedPolicyVersion Default => Versions.First(v => v.VersionId == DefaultVersionId);

    public string SourceType => IsAwsManaged ? "aws-managed" : "user-managed";
}

internal sealed record ManagedPolicyVersion(string VersionId, NamedPolicy Policy, DateTimeOffset Created);
