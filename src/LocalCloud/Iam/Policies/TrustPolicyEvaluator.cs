namespace LocalCloud.Iam.Policies;

/// <summary>
/// Whether a service principal may call <c>sts:AssumeRole</c> on a role, judged on the role's trust policy alone
/// (the role is the resource, so no identity policy of the caller is involved): a matching Deny wins, a matching
/// Allow allows, and nothing matching is the default deny. A statement matches when its Action covers the action,
/// its Principal names the service (or everyone, or NotPrincipal leaves it out) and its conditions hold.
/// </summary>
public static class TrustPolicyEvaluator
{
    public const string AssumeRole = "sts:AssumeRole";

    public static PolicyDecision Evaluate(NamedPolicy trust, string servicePrincipal, PolicyRequestContext context, bool detailed = false)
    {
        var missing = detailed ? new List<string>() : null;
        List<MatchedStatement>? allows = null;
        foreach (var statement in trust.Document.Statements)
        {
            if (statement.Principals is null
                || statement.Principals.IncludesService(servicePrincipal) == statement.NotPrincipal
                || !statement.AppliesTo(AssumeRole, string.Empty, context)
                || !statement.ConditionsHold(context, missing))
            {
                continue;
            }

            if (!statement.IsAllow)
            {
                return new PolicyDecision(EvalDecision.ExplicitDeny, DecisionReason.DeniedByTrustPolicy, [new MatchedStatement(trust, statement)], missing ?? [], null);
            }

            (allows ??= []).Add(new MatchedStatement(trust, statement));
        }

        return allows is null
            ? new PolicyDecision(EvalDecision.ImplicitDeny, DecisionReason.NotTrustedByTrustPolicy, [], missing ?? [], null)
            : new PolicyDecision(EvalDecision.Allowed, DecisionReason.AllowedByTrustPolicy, allows, missing ?? [], null);
    }

    /// <summary>The service principals the trust policy's Allow statements name, for a message that says who is trusted.</summary>
    public static IReadOnlyList<string> TrustedServices(PolicyDocument trust) =>
        trust.Statements.Where(s => s.IsAllow && !s.NotPrincipal && s.Principals is not null)
            .SelectMany(s => s.Principals!.Everyone ? ["*"] : s.Principals.Services)
            .Distinct(StringComparer.Ordinal)
            .ToList();
}
