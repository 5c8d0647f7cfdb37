using LocalCloud.Iam.Policies;
using LocalCloud.Protocol;

namespace LocalCloud.Iam;

public sealed partial class IamBackend
{
    public RoleResult CreateRole(RequestContext context, CreateRoleRequest request)
    {
        var name = IamValidation.Name(request.RoleName, "roleName");
        var path = IamValidation.Path(request.Path, "path");
        var trust = CompileTrust(name, IamValidation.Document(request.AssumeRolePolicyDocument, "assumeRolePolicyDocument"));
        if (request.MaxSessionDuration is < 3600 or > 43200)
        {
            throw IamErrors.Validation($"1 validation error detected: Value '{request.MaxSessionDuration}' at 'maxSessionDuration' failed to satisfy constraint: Member must have value {(request.MaxSessionDuration < 3600 ? "greater than or equal to 3600" : "less than or equal to 43200")}");
        }

        if (request.Description is { Length: > 1000 })
        {
            throw IamErrors.Validation("1 validation error detected: Value at 'description' failed to satisfy constraint: Member must have length less than or equal to 1000");
        }

        var account = _store.Account(context.Account);
        lock (account.Gate)
        {
            if (account.Roles.ContainsKey(name))
            {
                throw IamErrors.AlreadyExists($"Role with name {name} already exists.");
            }

            var boundary = request.PermissionsBoundary is { Length: > 0 } boundaryArn ? FindAttachable(account, boundaryArn, forBoundary: true) : null;
            var role = new IamRole(name, path, IamIds.Role(), $"arn:aws:iam::{context.Account}:role{path}{name}", _time.GetUtcNow(), trust)
            {
                Description = request.Description,
                MaxSessionDuration = request.MaxSessionDuration ?? 3600,
                Boundary = boundary,
            };
            role.Tags.AddRange((request.Tags ?? []).Select(t => KeyValuePair.Create(t.Key ?? string.Empty, t.Value ?? string.Empty)));
            account.Roles.Add(name, role);
            Changed(context.Account, account);
            return new RoleResult(ToShape(role, withLastUsed: false));
        }
    }

    public RoleResult GetRole(RequestContext context, RoleNameRequest request)
    {
        var name = IamValidation.Name(request.RoleName, "roleName");
        var account = _store.Account(context.Account);
        lock (account.Gate)
        {
            return new RoleResult(ToShape(FindRole(account, name), withLastUsed: true));
        }
    }

    public Empty UpdateAssumeRolePolicy(RequestContext context, UpdateAssumeRolePolicyRequest request)
    {
        var name = IamValidation.Name(request.RoleName, "roleName");
        var document = IamValidation.Document(request.PolicyDocument, "policyDocument");
        var account = _store.Account(context.Account);
        lock (account.Gate)
        {
            var role = FindRole(account, name);
            role.Trust = CompileTrust(role.Name, document);
            Changed(context.Account, account);
            return new Empty();
        }
    }

    /// <summary>IAM refuses to delete a role that still has policies: managed ones must be detached, inline ones deleted.</summary>
    public Empty DeleteRole(RequestContext context, RoleNameRequest request)
    {
        var name = IamValidation.Name(request.RoleName, "roleName");
        var account = _store.Account(context.Account);
        lock (account.Gate)
        {
            var role = FindRole(account, name);
            if (role.Attached.Count > 0)
            {
                throw IamErrors.DeleteConflict("Cannot delete entity, must detach all policies first.");
            }

            if (role.InlinePolicies.Count > 0)
            {
                throw IamErrors.DeleteConflict("Cannot delete entity, must delete policies first.");
            }

            account.Roles.Remove(role.Name);
            Changed(context.Account, account);
            return new Empty();
        }
    }

    public ListRolesResult ListRoles(RequestContext context, ListRolesRequest request)
    {
        var prefix = string.IsNullOrEmpty(request.PathPrefix) ? "/" : request.PathPrefix;
        var account = _store.Account(context.Account);
        lock (account.Gate)
        {
            var roles = account.Roles.Values
                .Where(r => r.Path.StartsWith(prefix, StringComparison.Ordinal))
                .OrderBy(r => r.Name, StringComparer.Ordinal)
                .ToList();
            var (page, truncated, marker) = IamValidation.Page(roles, r => r.Name, request.Marker, request.MaxItems);
            return new ListRolesResult(page.Select(r => ToShape(r, withLastUsed: false)).ToList(), truncated, marker);
        }
    }

    public Empty PutRolePolicy(RequestContext context, PutRolePolicyRequest request)
    {
        var roleName = IamValidation.Name(request.RoleName, "roleName");
        var policyName = IamValidation.Name(request.PolicyName, "policyName", max: 128);
        var document = PolicyCompiler.Compile(IamValidation.Document(request.PolicyDocument, "policyDocument"), PolicyKind.Identity);
        var account = _store.Account(context.Account);
        lock (account.Gate)
        {
            var role = FindRole(account, roleName);
            var others = role.InlinePolicies.Where(p => p.Key != policyName).Sum(p => SizeWithoutWhitespace(p.Value.Document.Text));
            if (others + SizeWithoutWhitespace(document.Text) > InlinePolicySizePerRole)
            {
                throw IamErrors.LimitExceeded($"Maximum policy size of {InlinePolicySizePerRole} bytes exceeded for role {role.Name}");
            }

            role.InlinePolicies[policyName] = new NamedPolicy(policyName, "role", document);
            Changed(context.Account, account);
            return new Empty();
        }
    }

    public GetRolePolicyResult GetRolePolicy(RequestContext context, RolePolicyRequest request)
    {
        var roleName = IamValidation.Name(request.RoleName, "roleName");
        var policyName = IamValidation.Name(request.PolicyName, "policyName", max: 128);
        var account = _store.Account(context.Account);
        lock (account.Gate)
        {
            var role = FindRole(account, roleName);
            return role.InlinePolicies.TryGetValue(policyName, out var policy)
                ? new GetRolePolicyResult(role.Name, policyName, Encode(policy.Document.Text))
                : throw IamErrors.NoSuchEntity($"The role policy with name {policyName} cannot be found.");
        }
    }

    public ListRolePoliciesResult ListRolePolicies(RequestContext context, ListRolePoliciesRequest request)
    {
        var roleName = IamValidation.Name(request.RoleName, "roleName");
        var account = _store.Account(context.Account);
        lock (account.Gate)
        {
            var names = FindRole(account, roleName).InlinePolicies.Keys.ToList();
            var (page, truncated, marker) = IamValidation.Page(names, n => n, request.Marker, request.MaxItems);
            return new ListRolePoliciesResult(page, truncated, marker);
        }
    }

    public Empty DeleteRolePolicy(RequestContext context, RolePolicyRequest request)
    {
        var roleName = IamValidation.Name(request.RoleName, "roleName");
        var policyName = IamValidation.Name(request.PolicyName, "policyName", max: 128);
        var account = _store.Account(context.Account);
        lock (account.Gate)
        {
            if (!FindRole(account, roleName).InlinePolicies.Remove(policyName))
            {
                throw IamErrors.NoSuchEntity($"The role policy with name {policyName} cannot be found.");
            }

            Changed(context.Account, account);
            return new Empty();
        }
    }

    public Empty PutRolePermissionsBoundary(RequestContext context, PutRolePermissionsBoundaryRequest request)
    {
        var roleName = IamValidation.Name(request.RoleName, "roleName");
        var arn = IamValidation.Required(request.PermissionsBoundary, "permissionsBoundary");
        var account = _store.Account(context.Account);
        lock (account.Gate)
        {
            var role = FindRole(account, roleName);
            role.Boundary = FindAttachable(account, arn, forBoundary: true);
            Changed(context.Account, account);
            return new Empty();
        }
    }

    public Empty DeleteRolePermissionsBoundary(RequestContext context, RoleNameRequest request)
    {
        var roleName = IamValidation.Name(request.RoleName, "roleName");
        var account = _store.Account(context.Account);
        lock (account.Gate)
        {
            var role = FindRole(account, roleName);
            if (role.Boundary is null)
            {
                throw IamErrors.NoSuchEntity($"The role with name {role.Name} does not have a permissions boundary.");
            }

            role.Boundary = null;
            Changed(context.Account, account);
            return new Empty();
        }
    }
}
