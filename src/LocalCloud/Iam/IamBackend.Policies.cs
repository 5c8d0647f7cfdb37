using LocalCloud.Iam.Policies;
using LocalCloud.Protocol;

namespace LocalCloud.Iam;

public sealed partial class IamBackend
{
    public PolicyResult CreatePolicy(RequestContext context, CreatePolicyRequest request)
    {
        var name = IamValidation.Name(request.PolicyName, "policyName", max: 128);
        var path = IamValidation.Path(request.Path, "path");
        var document = CompileManaged(IamValidation.Document(request.PolicyDocument, "policyDocument"));
        var account = _store.Account(context.Account);
        lock (account.Gate)
        {
            var arn = $"arn:aws:iam::{context.Account}:policy{path}{name}";
            if (account.Policies.Values.Any(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)))
            {
                throw IamErrors.AlreadyExists($"A policy called {name} already exists. Duplicate names are not allowed.");
            }

            var now = _time.GetUtcNow();
            var policy = new ManagedPolicy(name, path, IamIds.Policy(), arn, now, isAwsManaged: false) { Description = request.Description, NextVersion = 2 };
            policy.Versions.Add(new ManagedPolicyVersion("v1", new NamedPolicy(name, policy.SourceType, document), now));
            policy.Tags.AddRange((request.Tags ?? []).Select(t => KeyValuePair.Create(t.Key ?? string.Empty, t.Value ?? string.Empty)));
            account.Policies.Add(arn, policy);
            Changed(context.Account, account);
            return new PolicyResult(ToShape(account, policy));
        }
    }

    public PolicyResult GetPolicy(RequestContext context, PolicyArnRequest request)
    {
        var arn = PolicyArn(request.PolicyArn);
        var account = _store.Account(context.Account);
        lock (account.Gate)
        {
            return new PolicyResult(ToShape(account, FindPolicy(account, arn)));
        }
    }

    /// <summary>IAM deletes a policy only when nothing uses it and only its default version is left.</summary>
    public Empty DeletePolicy(RequestContext context, PolicyArnRequest request)
    {
        var arn = PolicyArn(request.PolicyArn);
        var account = _store.Account(context.Account);
        lock (account.Gate)
        {
            var policy = Writable(FindPolicy(account, arn));
            if (account.Roles.Values.Any(r => r.Attached.Contains(policy) || r.Boundary == policy))
            {
                throw IamErrors.DeleteConflict("Cannot delete a policy attached to entities.");
            }

            if (policy.Versions.Count > 1)
            {
                throw IamErrors.DeleteConflict("This policy has more than one version. Before you delete a policy, you must delete the policy's versions. The default version is deleted with the policy.");
            }

            account.Policies.Remove(arn);
            Changed(context.Account, account);
            return new Empty();
        }
    }

    public PolicyVersionResult CreatePolicyVersion(RequestContext context, CreatePolicyVersionRequest request)
    {
        var arn = PolicyArn(request.PolicyArn);
        var document = CompileManaged(IamValidation.Document(request.PolicyDocument, "policyDocument"));
        var account = _store.Account(context.Account);
        lock (account.Gate)
        {
            var policy = Writable(FindPolicy(account, arn));
            if (policy.Versions.Count >= VersionsPerPolicy)
            {
                throw IamErrors.LimitExceeded($"A managed policy can have up to {VersionsPerPolicy} versions. Before you create a new version, you must delete an existing version.");
            }

            var now = _time.GetUtcNow();
            var version = new ManagedPolicyVersion($"v{policy.NextVersion++}", new NamedPolicy(policy.Name, policy.SourceType, document), now);
            policy.Versions.Add(version);
            policy.Updated = now;
            if (request.SetAsDefault == true)
            {
                policy.DefaultVersionId = version.VersionId;
            }

            Changed(context.Account, account);
            return new PolicyVersionResult(new PolicyVersion(null, version.VersionId, policy.DefaultVersionId == version.VersionId, version.Created));
        }
    }

    public PolicyVersionResult GetPolicyVersion(RequestContext context, PolicyVersionRequest request)
    {
        var arn = PolicyArn(request.PolicyArn);
        var versionId = IamValidation.Required(request.VersionId, "versionId");
        var account = _store.Account(context.Account);
        lock (account.Gate)
        {
            var policy = FindPolicy(account, arn);
            var version = FindVersion(policy, versionId);
            return new PolicyVersionResult(new PolicyVersion(Encode(version.Policy.Document.Text), version.VersionId, policy.DefaultVersionId == version.VersionId, version.Created));
        }
    }

    public ListPolicyVersionsResult ListPolicyVersions(RequestContext context, ListPolicyVersionsRequest request)
    {
        var arn = PolicyArn(request.PolicyArn);
        var account = _store.Account(context.Account);
        lock (account.Gate)
        {
            var policy = FindPolicy(account, arn);

            // Newest first, as IAM lists them; the marker is the version number, zero-padded so it sorts.
            var versions = policy.Versions.AsEnumerable().Reverse().ToList();
            var (page, truncated, marker) = IamValidation.Page(versions, v => (100_000 - int.Parse(v.VersionId[1..], System.Globalization.CultureInfo.InvariantCulture)).ToString("D6", System.Globalization.CultureInfo.InvariantCulture), request.Marker, request.MaxItems);
            return new ListPolicyVersionsResult(
                page.Select(v => new PolicyVersion(null, v.VersionId, v.VersionId == policy.DefaultVersionId, v.Created)).ToList(),
                truncated,
                marker);
        }
    }

    public Empty DeletePolicyVersion(RequestContext context, PolicyVersionRequest request)
    {
        var arn = PolicyArn(request.PolicyArn);
        var versionId = IamValidation.Required(request.VersionId, "versionId");
        var account = _store.Account(context.Account);
        lock (account.Gate)
        {
            var policy = Writable(FindPolicy(account, arn));
            var version = FindVersion(policy, versionId);
            if (version.VersionId == policy.DefaultVersionId)
            {
                throw IamErrors.DeleteConflict("Cannot delete the default version of a policy.");
            }

            policy.Versions.Remove(version);
            Changed(context.Account, account);
            return new Empty();
        }
    }

    public Empty SetDefaultPolicyVersion(RequestContext context, PolicyVersionRequest request)
    {
        var arn = PolicyArn(request.PolicyArn);
        var versionId = IamValidation.Required(request.VersionId, "versionId");
        var account = _store.Account(context.Account);
        lock (account.Gate)
        {
            var policy = Writable(FindPolicy(account, arn));
            policy.DefaultVersionId = FindVersion(policy, versionId).VersionId;
            policy.Updated = _time.GetUtcNow();
            Changed(context.Account, account);
            return new Empty();
        }
    }

    public Empty AttachRolePolicy(RequestContext context, RolePolicyArnRequest request)
    {
        var roleName = IamValidation.Name(request.RoleName, "roleName");
        var arn = PolicyArn(request.PolicyArn);
        var account = _store.Account(context.Account);
        lock (account.Gate)
        {
            var role = FindRole(account, roleName);
            var policy = FindAttachable(account, arn, forBoundary: false);
            if (role.Attached.Contains(policy))
            {
                return new Empty();
            }

            if (role.Attached.Count >= ManagedPoliciesPerRole)
            {
                throw IamErrors.LimitExceeded($"Cannot exceed quota for PoliciesPerRole: {ManagedPoliciesPerRole}");
            }

            role.Attached.Add(policy);
            Changed(context.Account, account);
            return new Empty();
        }
    }

    public Empty DetachRolePolicy(RequestContext context, RolePolicyArnRequest request)
    {
        var roleName = IamValidation.Name(request.RoleName, "roleName");
        var arn = PolicyArn(request.PolicyArn);
        var account = _store.Account(context.Account);
        lock (account.Gate)
        {
            var role = FindRole(account, roleName);
            if (role.Attached.RemoveAll(p => p.Arn == arn) == 0)
            {
                throw IamErrors.NoSuchEntity($"Policy {arn} was not found.");
            }

            Changed(context.Account, account);
            return new Empty();
        }
    }

    public ListAttachedRolePoliciesResult ListAttachedRolePolicies(RequestContext context, ListAttachedRolePoliciesRequest request)
    {
        var roleName = IamValidation.Name(request.RoleName, "roleName");
        var prefix = string.IsNullOrEmpty(request.PathPrefix) ? "/" : request.PathPrefix;
        var account = _store.Account(context.Account);
        lock (account.Gate)
        {
            var attached = FindRole(account, roleName).Attached
                .Where(p => p.Path.StartsWith(prefix, StringComparison.Ordinal))
                .OrderBy(p => p.Name, StringComparer.Ordinal)
                .ToList();
            var (page, truncated, marker) = IamValidation.Page(attached, p => p.Name, request.Marker, request.MaxItems);
            return new ListAttachedRolePoliciesResult(page.Select(p => new AttachedPolicy(p.Name, p.Arn)).ToList(), truncated, marker);
        }
    }

    private static PolicyDocument CompileManaged(string document)
    {
        var compiled = PolicyCompiler.Compile(document, PolicyKind.Identity);
        return SizeWithoutWhitespace(document) > ManagedPolicySize
            ? throw IamErrors.LimitExceeded($"Cannot exceed quota for PolicySize: {ManagedPolicySize}")
            : compiled;
    }

    /// <summary>A policy ARN as IAM accepts it: <c>arn:aws:iam::&lt;account or aws&gt;:policy/…</c>.</summary>
    private static string PolicyArn(string? value)
    {
        var arn = IamValidation.Required(value, "policyArn");
        var parts = arn.Split(':', 6);
        return parts.Length == 6 && parts[0] == "arn" && parts[2] == "iam" && parts[5].StartsWith("policy/", StringComparison.Ordinal)
            ? arn
            : throw IamErrors.InvalidInput($"ARN {arn} is not valid.");
    }

    private ManagedPolicy FindPolicy(IamAccount account, string arn) =>
        account.Policies.TryGetValue(arn, out var policy) || _store.AwsManaged.TryGetValue(arn, out policy)
            ? policy
            : throw IamErrors.NoSuchEntity($"Policy {arn} was not found.");

    private ManagedPolicy FindAttachable(IamAccount account, string arn, bool forBoundary)
    {
        PolicyArn(arn);
        return account.Policies.TryGetValue(arn, out var policy) || _store.AwsManaged.TryGetValue(arn, out policy)
            ? policy
            : throw IamErrors.NoSuchEntity(forBoundary
                ? $"Scope ARN: {arn} does not exist or is not attachable."
                : $"Policy {arn} does not exist or is not attachable.");
    }

    private static ManagedPolicy Writable(ManagedPolicy policy) =>
        policy.IsAwsManaged ? throw IamErrors.InvalidInput($"Policy {policy.Arn} is an AWS managed policy and cannot be changed.") : policy;

    private static ManagedPolicyVersion FindVersion(ManagedPolicy policy, string versionId) =>
        policy.Versions.FirstOrDefault(v => v.VersionId == versionId)
            ?? throw IamErrors.NoSuchEntity($"Policy {policy.Arn} version {versionId} does not exist or is not attachable.");

    private static Policy ToShape(IamAccount account, ManagedPolicy policy) => new(
        policy.Name,
        policy.Id,
        policy.Arn,
        policy.Path,
        policy.DefaultVersionId,
        account.Roles.Values.Count(r => r.Attached.Contains(policy)),
        account.Roles.Values.Count(r => r.Boundary == policy),
        true,
        policy.Description,
        policy.Created,
        policy.Updated,
        policy.Tags.Count == 0 ? null : policy.Tags.Select(t => new Tag(t.Key, t.Value)).ToList());
}
