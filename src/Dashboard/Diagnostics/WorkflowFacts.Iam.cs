using System.ComponentModel;
using Dashboard.Aws.Iam;
using Dashboard.Aws.Protocol;
using Microsoft.Extensions.Caching.Hybrid;

namespace Dashboard.Diagnostics;

/// <summary>
/// The IAM facts: a rule target's role with its trust policy, inline, managed and boundary policies, and what
/// SimulatePrincipalPolicy says about <c>glue:notifyEvent</c>. The documents are kept in the environment's cache for a
/// few minutes, so /diagnostics over many workflows that share one role reads it once.
/// </summary>
public sealed partial class WorkflowFacts
{
    /// <summary>How long a role's documents, and a simulation, are reused. The recheck button reads past it.</summary>
    public static readonly TimeSpan IamDocumentLifetime = TimeSpan.FromMinutes(5);

    private static readonly HybridCacheEntryOptions IamCacheOptions = new() { Expiration = IamDocumentLifetime, LocalCacheExpiration = IamDocumentLifetime };

    /// <summary>
    /// The role a target names, with its documents; a known null when IAM has no such role. Access denied names the
    /// action the dashboard was refused (iam:GetRole, iam:ListRolePolicies, …).
    /// </summary>
    public Task<Fact<RoleDocuments?>> RoleAsync(string roleArn, CancellationToken cancellationToken) =>
        Memo($"iam-role:{roleArn}", async () =>
        {
            try
            {
                var key = $"iam-role:{roleArn}";
                if (Fresh)
                {
                    var fresh = await LoadRoleAsync(roleArn, cancellationToken);
                    await Sources.Cache.SetAsync(key, fresh, IamCacheOptions, cancellationToken: cancellationToken);
                    return Fact.Known(fresh.Documents);
                }

                var cached = await Sources.Cache.GetOrCreateAsync(
                    key,
                    (Facts: this, RoleArn: roleArn),
                    static (state, ct) => new ValueTask<RoleLookup>(state.Facts.LoadRoleAsync(state.RoleArn, ct)),
                    IamCacheOptions,
                    cancellationToken: cancellationToken);
                return Fact.Known(cached.Documents);
            }
            catch (IamReadDeniedException denied)
            {
                return Fact.Denied<RoleDocuments?>(denied.Action, denied.Error);
            }
        });

    /// <summary>
    /// SimulatePrincipalPolicy for <paramref name="action"/> on <paramref name="resourceArn"/> as the role; a known
    /// null when the dashboard may not call it, so the check falls back to its own evaluation and says so.
    /// </summary>
    public Task<Fact<SimulatedDecision>> SimulateAsync(string roleArn, string action, string resourceArn, IReadOnlyList<ContextEntry> context, CancellationToken cancellationToken) =>
        Memo($"iam-simulate:{roleArn}|{action}|{resourceArn}", () => FetchAsync("iam:SimulatePrincipalPolicy", async () =>
        {
            var key = $"iam-simulate:{roleArn}|{action}|{resourceArn}";
            if (Fresh)
            {
                var fresh = await LoadSimulationAsync(roleArn, action, resourceArn, context, cancellationToken);
                await Sources.Cache.SetAsync(key, fresh, IamCacheOptions, cancellationToken: cancellationToken);
                return fresh;
            }

            return await Sources.Cache.GetOrCreateAsync(
                key,
                (Facts: this, RoleArn: roleArn, Action: action, Resource: resourceArn, Context: context),
                static (s, ct) => new ValueTask<SimulatedDecision>(s.Facts.LoadSimulationAsync(s.RoleArn, s.Action, s.Resource, s.Context, ct)),
                IamCacheOptions,
                cancellationToken: cancellationToken);
        }));

    /// <summary>
    /// Each of <paramref name="rules"/> whose target names a role, with that role's documents (see <see cref="RoleAsync"/>),
    /// in order. A target without a role, or whose ARN names no role, is left out: the target-role check reports it.
    /// </summary>
    public async Task<IReadOnlyList<(RuleTarget Rule, Fact<RoleDocuments?> Role)>> TargetRolesAsync(
        IReadOnlyList<RuleTarget> rules, CancellationToken cancellationToken)
    {
        var roles = new List<(RuleTarget, Fact<RoleDocuments?>)>();
        foreach (var rule in rules)
        {
            if (rule.Target.RoleArn is { Length: > 0 } roleArn && RoleNameOf(roleArn) is not null)
            {
                roles.Add((rule, await RoleAsync(roleArn, cancellationToken)));
            }
        }

        return roles;
    }

    /// <summary>The role's name from its ARN (<c>arn:aws:iam::1234:role/path/name</c> → <c>name</c>), or null when it is not a role ARN.</summary>
    public static string? RoleNameOf(string roleArn)
    {
        var parts = roleArn.Split(':', 6);
        if (parts.Length != 6 || parts[0] != "arn" || parts[2] != "iam" || !parts[5].StartsWith("role/", StringComparison.Ordinal))
        {
            return null;
        }

        var name = parts[5][(parts[5].LastIndexOf('/') + 1)..];
        return name.Length == 0 ? null : name;
    }

    private async Task<RoleLookup> LoadRoleAsync(string roleArn, CancellationToken cancellationToken)
    {
        var roleName = RoleNameOf(roleArn) ?? throw new ArgumentException($"'{roleArn}' is not an IAM role ARN.", nameof(roleArn));
        Role role;
        try
        {
            role = (await Read("iam:GetRole", () => Sources.Iam.GetRoleAsync(new() { RoleName = roleName }, cancellationToken))).Role
                ?? throw new InvalidDataException($"IAM answered GetRole for {roleName} without a Role.");
        }
        catch (AwsNotFoundException)
        {
            return new RoleLookup(null);
        }

        var inline = new List<RolePolicyDocument>();
        var names = new List<string>();
        await Read("iam:ListRolePolicies", async () =>
        {
            await foreach (var page in Sources.Iam.ListRolePoliciesPagesAsync(new() { RoleName = roleName }, cancellationToken))
            {
                names.AddRange(page.PolicyNames ?? []);
            }

            return names;
        });
        foreach (var name in names)
        {
            var policy = await Read("iam:GetRolePolicy", () => Sources.Iam.GetRolePolicyAsync(new() { RoleName = roleName, PolicyName = name }, cancellationToken));
            inline.Add(new RolePolicyDocument(name, RolePolicySource.Inline, null, policy.PolicyDocumentJson ?? "{}"));
        }

        var attached = new List<AttachedPolicy>();
        await Read("iam:ListAttachedRolePolicies", async () =>
        {
            await foreach (var page in Sources.Iam.ListAttachedRolePoliciesPagesAsync(new() { RoleName = roleName }, cancellationToken))
            {
                attached.AddRange(page.AttachedPolicies ?? []);
            }

            return attached;
        });
        var managed = new List<RolePolicyDocument>();
        foreach (var policy in attached.Where(p => p.PolicyArn is not null))
        {
            managed.Add(await ManagedPolicyAsync(policy.PolicyArn!, RolePolicySource.Managed, cancellationToken));
        }

        var boundary = role.PermissionsBoundary?.PermissionsBoundaryArn is { } boundaryArn
            ? await ManagedPolicyAsync(boundaryArn, RolePolicySource.Boundary, cancellationToken)
            : null;
        return new RoleLookup(new RoleDocuments(role.Arn ?? roleArn, roleName, role.AssumeRolePolicyDocumentJson ?? "{}", inline, managed, boundary));
    }

    /// <summary>A managed policy's default version: GetPolicy for the version id, then GetPolicyVersion.</summary>
    private async Task<RolePolicyDocument> ManagedPolicyAsync(string policyArn, RolePolicySource source, CancellationToken cancellationToken)
    {
        var policy = (await Read("iam:GetPolicy", () => Sources.Iam.GetPolicyAsync(new() { PolicyArn = policyArn }, cancellationToken))).Policy
            ?? throw new InvalidDataException($"IAM answered GetPolicy for {policyArn} without a Policy.");
        var version = policy.DefaultVersionId ?? throw new InvalidDataException($"IAM gave the policy {policyArn} no default version.");
        var document = (await Read("iam:GetPolicyVersion", () => Sources.Iam.GetPolicyVersionAsync(new() { PolicyArn = policyArn, VersionId = version }, cancellationToken))).PolicyVersion;
        return new RolePolicyDocument(policy.PolicyName ?? policyArn[(policyArn.LastIndexOf('/') + 1)..], source, policyArn, document?.DocumentJson ?? "{}");
    }

    private async Task<SimulatedDecision> LoadSimulationAsync(string roleArn, string action, string resourceArn, IReadOnlyList<ContextEntry> context, CancellationToken cancellationToken)
    {
        var results = new List<EvaluationResult>();
        await foreach (var page in Sources.Iam.SimulatePrincipalPolicyPagesAsync(
            new() { PolicySourceArn = roleArn, ActionNames = [action], ResourceArns = [resourceArn], ContextEntries = context },
            cancellationToken))
        {
            results.AddRange(page.EvaluationResults ?? []);
        }

        var result = results.FirstOrDefault(r => string.Equals(r.EvalActionName, action, StringComparison.OrdinalIgnoreCase))
            ?? throw new InvalidDataException($"SimulatePrincipalPolicy gave no result for {action}.");
        return new SimulatedDecision(
            result.EvalDecision ?? "implicitDeny",
            [.. (result.MatchedStatements ?? []).Select(s => new SimulatedStatement(s.SourcePolicyId ?? string.Empty, s.SourcePolicyType ?? string.Empty, s.StartPosition?.Line, s.StartPosition?.Column))],
            result.PermissionsBoundaryDecisionDetail?.AllowedByPermissionsBoundary,
            [.. result.MissingContextValues ?? []]);
    }

    /// <summary>Runs one IAM read, and names its action if the dashboard was refused.</summary>
    private static async Task<T> Read<T>(string action, Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (AwsAccessDeniedException error)
        {
            throw new IamReadDeniedException(action, error);
        }
    }

    /// <summary>Carries the refused action out of the cached load, which is not cached when it throws.</summary>
    private sealed class IamReadDeniedException(string action, AwsAccessDeniedException error) : Exception(error.Message, error)
    {
        public string Action { get; } = action;

        public AwsAccessDeniedException Error { get; } = error;
    }
}

/// <summary>What IAM said about a role: its documents, or null when there is no such role. Cached as one entry.</summary>
[ImmutableObject(true)]
public sealed record RoleLookup(RoleDocuments? Documents);

/// <summary>A role and every policy that decides what it may do, as JSON (IAM's URL encoding removed).</summary>
[ImmutableObject(true)]
public sealed record RoleDocuments(
    string RoleArn,
    string RoleName,
    string TrustPolicyJson,
    IReadOnlyList<RolePolicyDocument> InlinePolicies,
    IReadOnlyList<RolePolicyDocument> ManagedPolicies,
    RolePolicyDocument? PermissionsBoundary)
{
    /// <summary>The identity policies in the order findings name them: inline, then managed.</summary>
    public IEnumerable<RolePolicyDocument> IdentityPolicies => InlinePolicies.Concat(ManagedPolicies);
}

public enum RolePolicySource
{
    Inline,
    Managed,
    Boundary,
}

/// <summary>One policy of a role: an inline policy by name, or a managed policy (or the boundary) with its ARN.</summary>
[ImmutableObject(true)]
public sealed record RolePolicyDocument(string Name, RolePolicySource Source, string? Arn, string Json)
{
    public string Label => Source switch
    {
        RolePolicySource.Inline => $"inline policy {Name}",
        RolePolicySource.Managed => $"managed policy {Name}",
        _ => $"permissions boundary {Name}",
    };
}

/// <summary>SimulatePrincipalPolicy's answer: allowed | explicitDeny | implicitDeny, and the statements it matched.</summary>
[ImmutableObject(true)]
public sealed record SimulatedDecision(string EvalDecision, IReadOnlyList<SimulatedStatement> MatchedStatements, bool? AllowedByPermissionsBoundary, IReadOnlyList<string> MissingContextValues);

/// <summary>A statement the simulator matched: its policy (name or ARN), the policy's type, and where it starts.</summary>
[ImmutableObject(true)]
public sealed record SimulatedStatement(string SourcePolicyId, string SourcePolicyType, int? Line, int? Column);
