using LocalCloud.Iam.Policies;
using LocalCloud.Persistence;
using LocalCloud.Protocol;

namespace LocalCloud.Iam;

/// <summary>
/// AWS IAM over the Query protocol (<c>Version=2010-05-08</c>, signing name <c>iam</c>): roles, inline and managed
/// policies with versions, permissions boundaries and <c>SimulatePrincipalPolicy</c>, plus
/// <see cref="IRoleAuthority"/> for LocalCloud's own services. IAM is global: state is per account. Every policy
/// document is validated and compiled when it is stored, so evaluations only run matchers.
/// </summary>
public sealed partial class IamBackend : IAwsService, IRoleAuthority
{
    /// <summary>IAM's quota on managed policies attached to one role.</summary>
    public const int ManagedPoliciesPerRole = 10;

    /// <summary>IAM's quota on the versions kept of one managed policy.</summary>
    public const int VersionsPerPolicy = 5;

    /// <summary>IAM's quota on the total size of a role's inline policies, whitespace not counted.</summary>
    public const int InlinePolicySizePerRole = 10_240;

    /// <summary>IAM's quota on the size of a managed policy document, whitespace not counted.</summary>
    public const int ManagedPolicySize = 6_144;

    /// <summary>IAM's default quota on the size of a role's trust policy, whitespace not counted.</summary>
    public const int TrustPolicySize = 2_048;

    private readonly TimeProvider _time;
    private readonly IamStore _store;

    public IamBackend(TimeProvider time, DurableStore? durable = null)
    {
        _time = time;
        _store = new IamStore(time);
        Operations = new OperationTable()
            .Add<CreateRoleRequest, RoleResult>("CreateRole", CreateRole)
            .Add<RoleNameRequest, RoleResult>("GetRole", GetRole)
            .Add<UpdateAssumeRolePolicyRequest, Empty>("UpdateAssumeRolePolicy", UpdateAssumeRolePolicy)
            .Add<RoleNameRequest, Empty>("DeleteRole", DeleteRole)
            .Add<ListRolesRequest, ListRolesResult>("ListRoles", ListRoles)
            .Add<PutRolePolicyRequest, Empty>("PutRolePolicy", PutRolePolicy)
            .Add<RolePolicyRequest, GetRolePolicyResult>("GetRolePolicy", GetRolePolicy)
            .Add<ListRolePoliciesRequest, ListRolePoliciesResult>("ListRolePolicies", ListRolePolicies)
            .Add<RolePolicyRequest, Empty>("DeleteRolePolicy", DeleteRolePolicy)
            .Add<PutRolePermissionsBoundaryRequest, Empty>("PutRolePermissionsBoundary", PutRolePermissionsBoundary)
            .Add<RoleNameRequest, Empty>("DeleteRolePermissionsBoundary", DeleteRolePermissionsBoundary)
            .Add<CreatePolicyRequest, PolicyResult>("CreatePolicy", CreatePolicy)
            .Add<PolicyArnRequest, PolicyResult>("GetPolicy", GetPolicy)
            .Add<PolicyArnRequest, Empty>("DeletePolicy", DeletePolicy)
            .Add<CreatePolicyVersionRequest, PolicyVersionResult>("CreatePolicyVersion", CreatePolicyVersion)
            .Add<PolicyVersionRequest, PolicyVersionResult>("GetPolicyVersion", GetPolicyVersion)
            .Add<ListPolicyVersionsRequest, ListPolicyVersionsResult>("ListPolicyVersions", ListPolicyVersions)
            .Add<PolicyVersionRequest, Empty>("DeletePolicyVersion", DeletePolicyVersion)
            .Add<PolicyVersionRequest, Empty>("SetDefaultPolicyVersion", SetDefaultPolicyVersion)
            .Add<RolePolicyArnRequest, Empty>("AttachRolePolicy", AttachRolePolicy)
            .Add<RolePolicyArnRequest, Empty>("DetachRolePolicy", DetachRolePolicy)
            .Add<ListAttachedRolePoliciesRequest, ListAttachedRolePoliciesResult>("ListAttachedRolePolicies", ListAttachedRolePolicies)
            .Add<SimulatePrincipalPolicyRequest, SimulatePolicyResult>("SimulatePrincipalPolicy", SimulatePrincipalPolicy);
        Restore(durable ?? DurableStore.Disabled);
    }

    public string SigningName => "iam";

    public string? TargetPrefix => null;

    public string? QueryNamespace => "https://iam.amazonaws.com/doc/2010-05-08/";

    public OperationTable Operations { get; }

    /// <summary>A policy document as IAM returns it: URL-encoded (RFC 3986).</summary>
    internal static string Encode(string document) => Uri.EscapeDataString(document);

    /// <summary>IAM's size rule: characters, whitespace not counted.</summary>
    internal static int SizeWithoutWhitespace(string document) => document.Count(c => !char.IsWhiteSpace(c));

    private static IamRole FindRole(IamAccount account, string roleName) =>
        account.Roles.TryGetValue(roleName, out var role) ? role : throw IamErrors.RoleNotFound(roleName);

    private static Role ToShape(IamRole role, bool withLastUsed) => new(
        role.Path,
        role.Name,
        role.Id,
        role.Arn,
        role.Created,
        Encode(role.Trust.Document.Text),
        role.Description,
        role.MaxSessionDuration,
        role.Boundary is null ? null : new AttachedPermissionsBoundary("PermissionsBoundaryPolicy", role.Boundary.Arn),
        role.Tags.Count == 0 ? null : role.Tags.Select(t => new Tag(t.Key, t.Value)).ToList(),
        withLastUsed ? new RoleLastUsed() : null);

    private static NamedPolicy CompileTrust(string roleName, string document)
    {
        var compiled = PolicyCompiler.Compile(document, PolicyKind.Trust);
        if (SizeWithoutWhitespace(document) > TrustPolicySize)
        {
            throw IamErrors.LimitExceeded($"Cannot exceed quota for ACLSizePerRole: {TrustPolicySize}");
        }

        return new NamedPolicy($"{roleName} trust policy", "role", compiled);
    }
}
