using LocalCloud.Iam.Policies;

namespace LocalCloud.Iam;

public sealed partial class IamBackend
{
    /// <inheritdoc />
    public AccessDecision CanAssume(string account, string roleArn, string servicePrincipal, IReadOnlyDictionary<string, string> context)
    {
        if (Snapshot(account, roleArn) is not { } role)
        {
            return NotFound(roleArn);
        }

        var request = PolicyRequestContext.From(context);
        var decision = TrustPolicyEvaluator.Evaluate(role.Trust, servicePrincipal, request);
        var subject = $"Service {servicePrincipal} is not authorized to perform: {TrustPolicyEvaluator.AssumeRole} on resource: {roleArn}";
        return decision.Decision switch
        {
            EvalDecision.Allowed => new AccessDecision(AccessOutcome.Allowed, $"The trust policy of {roleArn} lets {servicePrincipal} assume it.", decision.DecidingStatement),
            EvalDecision.ExplicitDeny => new AccessDecision(
                AccessOutcome.ExplicitDeny,
                $"{subject} with an explicit deny in the role's trust policy (statement {decision.DecidingStatement}).",
                decision.DecidingStatement),
            _ => new AccessDecision(AccessOutcome.ImplicitDeny, $"{subject} because {WhyNotTrusted(role.Trust, servicePrincipal, request)}."),
        };
    }

    /// <inheritdoc />
    public AccessDecision IsAllowed(string account, string roleArn, string action, string resource, IReadOnlyDictionary<string, string> context)
    {
        if (Snapshot(account, roleArn) is not { } role)
        {
            return NotFound(roleArn);
        }

        var decision = PolicyEvaluator.Evaluate(role.Identity, role.Boundary, action, resource, PolicyRequestContext.From(context));
        var subject = $"User: {roleArn} is not authorized to perform: {action} on resource: {resource}";
        return decision.Reason switch
        {
            DecisionReason.AllowedByIdentityPolicy => new AccessDecision(AccessOutcome.Allowed, $"Allowed by statement {decision.DecidingStatement}.", decision.DecidingStatement),
            DecisionReason.DeniedByIdentityPolicy => new AccessDecision(
                AccessOutcome.ExplicitDeny, $"{subject} with an explicit deny in an identity-based policy (statement {decision.DecidingStatement}).", decision.DecidingStatement),
            DecisionReason.DeniedByPermissionsBoundary => new AccessDecision(
                AccessOutcome.ExplicitDeny, $"{subject} with an explicit deny in a permissions boundary (statement {decision.DecidingStatement}).", decision.DecidingStatement),
            DecisionReason.NoPermissionsBoundaryAllows => new AccessDecision(
                AccessOutcome.ImplicitDeny, $"{subject} because no permissions boundary allows the {action} action."),
            _ => new AccessDecision(AccessOutcome.ImplicitDeny, $"{subject} because no identity-based policy allows the {action} action."),
        };
    }

    /// <summary>The role's policies as one immutable view, rebuilt only after a change in its account.</summary>
    internal RolePolicies? Snapshot(string accountId, string roleArn)
    {
        var account = _store.Account(accountId);
        var name = roleArn[(roleArn.LastIndexOf('/') + 1)..];
        lock (account.Gate)
        {
            if (!account.Roles.TryGetValue(name, out var role) || !string.Equals(role.Arn, roleArn, StringComparison.Ordinal))
            {
                return null;
            }

            if (role.Snapshot is { } snapshot && snapshot.Generation == account.Generation)
            {
                return snapshot;
            }

            var identity = role.InlinePolicies.Values.Concat(role.Attached.Select(p => p.Default.Policy)).ToArray();
            return role.Snapshot = new RolePolicies(account.Generation, role.Arn, role.Trust, identity, role.Boundary?.Default.Policy);
        }
    }

    private static AccessDecision NotFound(string roleArn) =>
        new(AccessOutcome.RoleNotFound, $"The role {roleArn} cannot be found.");

    /// <summary>Says whether the trust policy names another service, or names this one under conditions the request does not meet.</summary>
    private static string WhyNotTrusted(NamedPolicy trust, string servicePrincipal, PolicyRequestContext context)
    {
        var named = trust.Document.Statements
            .Where(s => s.IsAllow && s.Principals is { } p && p.IncludesService(servicePrincipal) != s.NotPrincipal && s.AppliesTo(TrustPolicyEvaluator.AssumeRole, string.Empty, context))
            .ToList();
        if (named.Count > 0)
        {
            var conditions = named.SelectMany(s => s.Conditions)
                .Select(c => $"{c.Operator.Name} {c.Key} {string.Join(" or ", c.Values)} (request: {(context.TryGet(c.Key, out var v) ? string.Join(",", v) : "absent")})");
            return $"the conditions of the trust policy statement {named[0].DisplayName(trust.Id)} are not met: {string.Join("; ", conditions)}";
        }

        var trusted = TrustPolicyEvaluator.TrustedServices(trust.Document);
        return trusted.Count == 0
            ? "the role's trust policy allows no service principal"
            : $"the role's trust policy does not trust {servicePrincipal} (it trusts {string.Join(", ", trusted)})";
    }
}
