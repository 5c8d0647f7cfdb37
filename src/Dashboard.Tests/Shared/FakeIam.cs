using System.Collections.Concurrent;
using Amazon.Runtime;
using Dashboard.Aws.Iam;
using Dashboard.Aws.Protocol;

namespace Dashboard.Tests.Shared;

/// <summary>
/// An in-memory IAM: roles with trust policies, inline and attached managed policies and a boundary, documents
/// URL-encoded as IAM sends them. Operations can be refused (<see cref="Denied"/>), and SimulatePrincipalPolicy answers
/// only when <see cref="Simulate"/> is set (otherwise it is refused, as for a dashboard without the permission).
/// </summary>
public sealed class FakeIam : IIamApi
{
    private readonly ConcurrentDictionary<string, (Role Role, Dictionary<string, string> Inline, List<string> Attached)> _roles = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (string Name, string Json)> _managed = new(StringComparer.Ordinal);

    public ConcurrentDictionary<string, int> Calls { get; } = new(StringComparer.Ordinal);

    /// <summary>Operations (GetRole, ListRolePolicies, …) answered with AccessDenied.</summary>
    public HashSet<string> Denied { get; } = new(StringComparer.Ordinal);

    /// <summary>The simulator's answer for a request; null means the dashboard may not call it.</summary>
    public Func<SimulatePrincipalPolicyRequest, EvaluationResult>? Simulate { get; set; }

    public IClientConfig Config { get; } = new AwsClientConfig(IamClient.Spec);

    public int TotalCalls => Calls.Values.Sum();

    public FakeIam AddRole(string name, string trustJson, string account = "123456789012", string? boundaryArn = null)
    {
        _roles[name] = (new Role
        {
            RoleName = name,
            Arn = $"arn:aws:iam::{account}:role/{name}",
            AssumeRolePolicyDocument = Uri.EscapeDataString(trustJson),
            PermissionsBoundary = boundaryArn is null ? null : new AttachedPermissionsBoundary { PermissionsBoundaryArn = boundaryArn, PermissionsBoundaryType = "PermissionsBoundaryPolicy" },
        }, new(StringComparer.Ordinal), []);
        return this;
    }

    public FakeIam PutRolePolicy(string role, string policyName, string json)
    {
        _roles[role].Inline[policyName] = json;
        return this;
    }

    public FakeIam AddManagedPolicy(string arn, string json)
    {
        _managed[arn] = (arn[(arn.LastIndexOf('/') + 1)..], json);
        return this;
    }

    public FakeIam AttachRolePolicy(string role, string arn)
    {
        _roles[role].Attached.Add(arn);
        return this;
    }

    public Task<GetRoleResponse> GetRoleAsync(GetRoleRequest request, CancellationToken cancellationToken = default)
    {
        Enter("GetRole");
        return Task.FromResult(new GetRoleResponse { Role = Find(request.RoleName, "GetRole").Role });
    }

    public Task<ListRolePoliciesResponse> ListRolePoliciesAsync(ListRolePoliciesRequest request, CancellationToken cancellationToken = default)
    {
        Enter("ListRolePolicies");
        return Task.FromResult(new ListRolePoliciesResponse { PolicyNames = [.. Find(request.RoleName, "ListRolePolicies").Inline.Keys], IsTruncated = false });
    }

    public Task<GetRolePolicyResponse> GetRolePolicyAsync(GetRolePolicyRequest request, CancellationToken cancellationToken = default)
    {
        Enter("GetRolePolicy");
        var role = Find(request.RoleName, "GetRolePolicy");
        return role.Inline.TryGetValue(request.PolicyName, out var json)
            ? Task.FromResult(new GetRolePolicyResponse { RoleName = request.RoleName, PolicyName = request.PolicyName, PolicyDocument = Uri.EscapeDataString(json) })
            : throw NoSuchEntity("GetRolePolicy", $"The role policy with name {request.PolicyName} cannot be found.");
    }

    public Task<ListAttachedRolePoliciesResponse> ListAttachedRolePoliciesAsync(ListAttachedRolePoliciesRequest request, CancellationToken cancellationToken = default)
    {
        Enter("ListAttachedRolePolicies");
        return Task.FromResult(new ListAttachedRolePoliciesResponse
        {
            AttachedPolicies = [.. Find(request.RoleName, "ListAttachedRolePolicies").Attached.Select(arn => new AttachedPolicy { PolicyArn = arn, PolicyName = _managed[arn].Name })],
            IsTruncated = false,
        });
    }

    public Task<GetPolicyResponse> GetPolicyAsync(GetPolicyRequest request, CancellationToken cancellationToken = default)
    {
        Enter("GetPolicy");
        return _managed.TryGetValue(request.PolicyArn, out var policy)
            ? Task.FromResult(new GetPolicyResponse { Policy = new Policy { Arn = request.PolicyArn, PolicyName = policy.Name, DefaultVersionId = "v2" } })
            : throw NoSuchEntity("GetPolicy", $"Policy {request.PolicyArn} was not found.");
    }

    public Task<GetPolicyVersionResponse> GetPolicyVersionAsync(GetPolicyVersionRequest request, CancellationToken cancellationToken = default)
    {
        Enter("GetPolicyVersion");
        return request.VersionId == "v2" && _managed.TryGetValue(request.PolicyArn, out var policy)
            ? Task.FromResult(new GetPolicyVersionResponse { PolicyVersion = new PolicyVersion { VersionId = "v2", IsDefaultVersion = true, Document = Uri.EscapeDataString(policy.Json) } })
            : throw NoSuchEntity("GetPolicyVersion", $"Policy {request.PolicyArn} version {request.VersionId} does not exist.");
    }

    public Task<SimulatePrincipalPolicyResponse> SimulatePrincipalPolicyAsync(SimulatePrincipalPolicyRequest request, CancellationToken cancellationToken = default)
    {
        Enter("SimulatePrincipalPolicy");
        return Simulate is { } simulate
            ? Task.FromResult(new SimulatePrincipalPolicyResponse { EvaluationResults = [simulate(request)], IsTruncated = false })
            : throw AccessDenied("SimulatePrincipalPolicy");
    }

    public void Dispose()
    {
    }

    public static AwsApiException AccessDenied(string operation) =>
        AwsErrors.Create(new("IAM", operation, "AccessDenied", $"User: arn:aws:iam::123456789012:user/dashboard is not authorized to perform: iam:{operation}", "req-1", System.Net.HttpStatusCode.Forbidden, ErrorType.Sender));

    private (Role Role, Dictionary<string, string> Inline, List<string> Attached) Find(string name, string operation) =>
        _roles.TryGetValue(name, out var role) ? role : throw NoSuchEntity(operation, $"The role with name {name} cannot be found.");

    private static AwsApiException NoSuchEntity(string operation, string message) =>
        AwsErrors.Create(new("IAM", operation, "NoSuchEntity", message, "req-1", System.Net.HttpStatusCode.NotFound, ErrorType.Sender));

    private void Enter(string operation)
    {
        Calls.AddOrUpdate(operation, 1, (_, n) => n + 1);
        if (Denied.Contains(operation))
        {
            throw AccessDenied(operation);
        }
    }
}
