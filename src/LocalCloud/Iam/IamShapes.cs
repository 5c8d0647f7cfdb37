namespace LocalCloud.Iam;

// Wire shapes of IAM's Query protocol, named and ordered as botocore's iam model (2010-05-08) has them.
// Policy documents in outputs are URL-encoded, as IAM returns them.
public sealed record Tag(string? Key, string? Value);

public sealed record CreateRoleRequest(
    string? Path,
    string? RoleName,
    string? AssumeRolePolicyDocument,
    string? Description,
    int? MaxSessionDuration,
    string? PermissionsBoundary,
    List<Tag>? Tags);

public sealed record RoleNameRequest(string? RoleName);

public sealed record UpdateAssumeRolePolicyRequest(string? RoleName, string? PolicyDocument);

public sealed record ListRolesRequest(string? PathPrefix, string? Marker, int? MaxItems);

public sealed record PutRolePolicyRequest(string? RoleName, string? PolicyName, string? PolicyDocument);

public sealed record RolePolicyRequest(string? RoleName, string? PolicyName);

public sealed record ListRolePoliciesRequest(string? RoleName, string? Marker, int? MaxItems);

public sealed record CreatePolicyRequest(string? PolicyName, string? Path, string? PolicyDocument, string? Description, List<Tag>? Tags);

public sealed record PolicyArnRequest(string? PolicyArn);

public sealed record CreatePolicyVersionRequest(string? PolicyArn, string? PolicyDocument, bool? SetAsDefault);

public sealed record PolicyVersionRequest(string? PolicyArn, string? VersionId);

public sealed record ListPolicyVersionsRequest(string? PolicyArn, string? Marker, int? MaxItems);

public sealed record RolePolicyArnRequest(string? RoleName, string? PolicyArn);

public sealed record ListAttachedRolePoliciesRequest(string? RoleName, string? PathPrefix, string? Marker, int? MaxItems);

public sealed record PutRolePermissionsBoundaryRequest(string? RoleName, string? PermissionsBoundary);

public sealed record ContextEntry(string? ContextKeyName, List<string>? ContextKeyValues, string? ContextKeyType);

public sealed record SimulatePrincipalPolicyRequest(
    string? PolicySourceArn,
    List<string>? PolicyInputList,
    List<string>? PermissionsBoundaryPolicyInputList,
    List<string>? ActionNames,
    List<string>? ResourceArns,
    string? ResourcePolicy,
    string? ResourceOwner,
    string? CallerArn,
    List<ContextEntry>? ContextEntries,
    string? ResourceHandlingOption,
    int? MaxItems,
    string? Marker);

public sealed record AttachedPermissionsBoundary(string PermissionsBoundaryType, string PermissionsBoundaryArn);

public sealed record RoleLastUsed;

public sealed record Role(
    string Path,
    string RoleName,
    string RoleId,
    string Arn,
    DateTimeOffset CreateDate,
    string? AssumeRolePolicyDocument,
    string? Description,
    int MaxSessionDuration,
    AttachedPermissionsBoundary? PermissionsBoundary,
    List<Tag>? Tags,
    RoleLastUsed? RoleLastUsed);

public sealed record RoleResult(Role Role);

public sealed record ListRolesResult(List<Role> Roles, bool IsTruncated, string? Marker);

public sealed record GetRolePolicyResult(string RoleName, string PolicyName, string PolicyDocument);

public sealed record ListRolePoliciesResult(List<string> PolicyNames, bool IsTruncated, string? Marker);

public sealed record Policy(
    string PolicyName,
    string PolicyId,
    string Arn,
    string Path,
    string DefaultVersionId,
    int AttachmentCount,
    int PermissionsBoundaryUsageCount,
    bool IsAttachable,
    string? Description,
    DateTimeOffset CreateDate,
    DateTimeOffset UpdateDate,
    List<Tag>? Tags);

public sealed record PolicyResult(Policy Policy);

public sealed record PolicyVersion(string? Document, string VersionId, bool IsDefaultVersion, DateTimeOffset CreateDate);

public sealed record PolicyVersionResult(PolicyVersion PolicyVersion);

public sealed record ListPolicyVersionsResult(List<PolicyVersion> Versions, bool IsTruncated, string? Marker);

public sealed record AttachedPolicy(string PolicyName, string PolicyArn);

public sealed record ListAttachedRolePoliciesResult(List<AttachedPolicy> AttachedPolicies, bool IsTruncated, string? Marker);

public sealed record Position(int Line, int Column);

public sealed record Statement(string SourcePolicyId, string SourcePolicyType, Position StartPosition, Position EndPosition);

public sealed record PermissionsBoundaryDecisionDetail(bool AllowedByPermissionsBoundary);

public sealed record EvaluationResult(
    string EvalActionName,
    string EvalResourceName,
    string EvalDecision,
    List<Statement> MatchedStatements,
    List<string> MissingContextValues,
    PermissionsBoundaryDecisionDetail? PermissionsBoundaryDecisionDetail,
    Dictionary<string, string> EvalDecisionDetails);

public sealed record SimulatePolicyResult(List<EvaluationResult> EvaluationResults, bool IsTruncated, string? Marker);
