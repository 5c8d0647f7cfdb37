using Dashboard.Aws.Protocol;

namespace Dashboard.Aws.Iam;

// IAM request and response shapes, named and spelled as in the service model (iam 2010-05-08).
// Only the members the dashboard reads or sends are declared; unknown members are ignored on read.
// IAM returns policy documents URL-encoded (RFC 3986); each such member keeps the raw text, and a [ShapeIgnore]
// companion property gives the JSON.

public sealed record GetRoleRequest
{
    public required string RoleName { get; init; }
}

public sealed record GetRoleResponse
{
    public Role? Role { get; init; }
}

public sealed record ListRolePoliciesRequest
{
    public required string RoleName { get; init; }

    public string? Marker { get; init; }

    /// <summary>1–1000; the service may return fewer and set IsTruncated.</summary>
    public int? MaxItems { get; init; }
}

public sealed record ListRolePoliciesResponse
{
    /// <summary>The names of the role's inline policies.</summary>
    public IReadOnlyList<string>? PolicyNames { get; init; }

    public bool? IsTruncated { get; init; }

    public string? Marker { get; init; }
}

public sealed record GetRolePolicyRequest
{
    public required string RoleName { get; init; }

    public required string PolicyName { get; init; }
}

public sealed record GetRolePolicyResponse
{
    public string? RoleName { get; init; }

    public string? PolicyName { get; init; }

    /// <summary>URL-encoded, as IAM sends it; see <see cref="PolicyDocumentJson"/>.</summary>
    public string? PolicyDocument { get; init; }

    /// <summary>The inline policy's JSON.</summary>
    [ShapeIgnore]
    public string? PolicyDocumentJson => IamPolicyDocument.Decode(PolicyDocument);
}

public sealed record ListAttachedRolePoliciesRequest
{
    public required string RoleName { get; init; }

    public string? PathPrefix { get; init; }

    public string? Marker { get; init; }

    /// <summary>1–1000; the service may return fewer and set IsTruncated.</summary>
    public int? MaxItems { get; init; }
}

public sealed record ListAttachedRolePoliciesResponse
{
    public IReadOnlyList<AttachedPolicy>? AttachedPolicies { get; init; }

    public bool? IsTruncated { get; init; }

    public string? Marker { get; init; }
}

public sealed record GetPolicyRequest
{
    public required string PolicyArn { get; init; }
}

public sealed record GetPolicyResponse
{
    public Policy? Policy { get; init; }
}

public sealed record GetPolicyVersionRequest
{
    public required string PolicyArn { get; init; }

    /// <summary>v1, v2, …; a policy's current one is its DefaultVersionId.</summary>
    public required string VersionId { get; init; }
}

public sealed record GetPolicyVersionResponse
{
    public PolicyVersion? PolicyVersion { get; init; }
}

public sealed record SimulatePrincipalPolicyRequest
{
    /// <summary>The user, group or role whose policies are simulated.</summary>
    public required string PolicySourceArn { get; init; }

    /// <summary>Extra identity policies (JSON) to include.</summary>
    public IReadOnlyList<string>? PolicyInputList { get; init; }

    /// <summary>Permissions boundaries (JSON) to apply instead of the principal's own.</summary>
    public IReadOnlyList<string>? PermissionsBoundaryPolicyInputList { get; init; }

    /// <summary>Actions such as <c>glue:notifyEvent</c>.</summary>
    public required IReadOnlyList<string> ActionNames { get; init; }

    /// <summary>Defaults to <c>*</c>.</summary>
    public IReadOnlyList<string>? ResourceArns { get; init; }

    /// <summary>A resource-based policy (JSON) to include.</summary>
    public string? ResourcePolicy { get; init; }

    public string? ResourceOwner { get; init; }

    public string? CallerArn { get; init; }

    public IReadOnlyList<ContextEntry>? ContextEntries { get; init; }

    public string? ResourceHandlingOption { get; init; }

    public int? MaxItems { get; init; }

    public string? Marker { get; init; }
}

/// <summary>The model calls this output shape SimulatePolicyResponse; it is named here after the operation.</summary>
public sealed record SimulatePrincipalPolicyResponse
{
    public IReadOnlyList<EvaluationResult>? EvaluationResults { get; init; }

    public bool? IsTruncated { get; init; }

    public string? Marker { get; init; }
}

// Structures

public sealed record Role
{
    public string? Path { get; init; }

    public string? RoleName { get; init; }

    public string? RoleId { get; init; }

    public string? Arn { get; init; }

    public DateTimeOffset? CreateDate { get; init; }

    /// <summary>The trust policy, URL-encoded as IAM sends it; see <see cref="AssumeRolePolicyDocumentJson"/>.</summary>
    public string? AssumeRolePolicyDocument { get; init; }

    /// <summary>The trust policy's JSON: who may assume the role (events.amazonaws.com for EventBridge targets).</summary>
    [ShapeIgnore]
    public string? AssumeRolePolicyDocumentJson => IamPolicyDocument.Decode(AssumeRolePolicyDocument);

    public string? Description { get; init; }

    public int? MaxSessionDuration { get; init; }

    public AttachedPermissionsBoundary? PermissionsBoundary { get; init; }

    public IReadOnlyList<Tag>? Tags { get; init; }

    public RoleLastUsed? RoleLastUsed { get; init; }
}

public sealed record AttachedPermissionsBoundary
{
    /// <summary>PermissionsBoundaryPolicy.</summary>
    public string? PermissionsBoundaryType { get; init; }

    public string? PermissionsBoundaryArn { get; init; }
}

public sealed record Tag
{
    public string? Key { get; init; }

    public string? Value { get; init; }
}

public sealed record RoleLastUsed
{
    public DateTimeOffset? LastUsedDate { get; init; }

    public string? Region { get; init; }
}

public sealed record AttachedPolicy
{
    public string? PolicyName { get; init; }

    public string? PolicyArn { get; init; }
}

public sealed record Policy
{
    public string? PolicyName { get; init; }

    public string? PolicyId { get; init; }

    public string? Arn { get; init; }

    public string? Path { get; init; }

    public string? DefaultVersionId { get; init; }

    public int? AttachmentCount { get; init; }

    public int? PermissionsBoundaryUsageCount { get; init; }

    public bool? IsAttachable { get; init; }

    public string? Description { get; init; }

    public DateTimeOffset? CreateDate { get; init; }

    public DateTimeOffset? UpdateDate { get; init; }

    public IReadOnlyList<Tag>? Tags { get; init; }
}

public sealed record PolicyVersion
{
    /// <summary>URL-encoded, as IAM sends it; see <see cref="DocumentJson"/>.</summary>
    public string? Document { get; init; }

    /// <summary>The policy version's JSON.</summary>
    [ShapeIgnore]
    public string? DocumentJson => IamPolicyDocument.Decode(Document);

    public string? VersionId { get; init; }

    public bool? IsDefaultVersion { get; init; }

    public DateTimeOffset? CreateDate { get; init; }
}

public sealed record ContextEntry
{
    /// <summary>A condition key such as <c>aws:SourceArn</c>.</summary>
    public string? ContextKeyName { get; init; }

    public IReadOnlyList<string>? ContextKeyValues { get; init; }

    /// <summary>string | stringList | numeric | boolean | ip | binary | date, and their *List forms.</summary>
    public string? ContextKeyType { get; init; }
}

public sealed record EvaluationResult
{
    public string? EvalActionName { get; init; }

    public string? EvalResourceName { get; init; }

    /// <summary>allowed | explicitDeny | implicitDeny.</summary>
    public string? EvalDecision { get; init; }

    public IReadOnlyList<Statement>? MatchedStatements { get; init; }

    /// <summary>Condition keys the policies use that the request did not supply.</summary>
    public IReadOnlyList<string>? MissingContextValues { get; init; }

    public OrganizationsDecisionDetail? OrganizationsDecisionDetail { get; init; }

    public PermissionsBoundaryDecisionDetail? PermissionsBoundaryDecisionDetail { get; init; }

    /// <summary>The decision of each policy type that took part, for example <c>IAM Policy</c> → allowed.</summary>
    public IReadOnlyDictionary<string, string>? EvalDecisionDetails { get; init; }

    public IReadOnlyList<ResourceSpecificResult>? ResourceSpecificResults { get; init; }
}

public sealed record Statement
{
    public string? SourcePolicyId { get; init; }

    /// <summary>user | group | role | aws-managed | user-managed | resource | none.</summary>
    public string? SourcePolicyType { get; init; }

    public Position? StartPosition { get; init; }

    public Position? EndPosition { get; init; }
}

public sealed record Position
{
    public int? Line { get; init; }

    public int? Column { get; init; }
}

public sealed record OrganizationsDecisionDetail
{
    public bool? AllowedByOrganizations { get; init; }
}

public sealed record PermissionsBoundaryDecisionDetail
{
    public bool? AllowedByPermissionsBoundary { get; init; }
}

public sealed record ResourceSpecificResult
{
    public string? EvalResourceName { get; init; }

    /// <summary>allowed | explicitDeny | implicitDeny.</summary>
    public string? EvalResourceDecision { get; init; }

    public IReadOnlyList<Statement>? MatchedStatements { get; init; }

    public IReadOnlyList<string>? MissingContextValues { get; init; }

    public IReadOnlyDictionary<string, string>? EvalDecisionDetails { get; init; }

    public PermissionsBoundaryDecisionDetail? PermissionsBoundaryDecisionDetail { get; init; }
}

/// <summary>IAM's policy documents travel URL-encoded (RFC 3986).</summary>
public static class IamPolicyDocument
{
    /// <summary>The JSON of a URL-encoded policy document; null stays null.</summary>
    public static string? Decode(string? document) => document is null ? null : Uri.UnescapeDataString(document);
}
