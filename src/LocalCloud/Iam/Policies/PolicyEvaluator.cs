namespace LocalCloud.Iam.Policies;

/// <summary>The three answers of IAM's evaluation, named as <c>SimulatePrincipalPolicy</c> names them.</summary>
public enum EvalDecision
{
    Allowed,
    ExplicitDeny,
    ImplicitDeny,
}

/// <summary>Why the evaluation ended where it did; it picks the sentence of the access-denied message.</summary>
public enum DecisionReason
{
    AllowedByIdentityPolicy,
    NoIdentityPolicyAllows,
    DeniedByIdentityPolicy,
    DeniedByPermissionsBoundary,
    NoPermissionsBoundaryAllows,
    AllowedByTrustPolicy,
    DeniedByTrustPolicy,
    NotTrustedByTrustPolicy,
}

/// <summary>A statement that matched, with the policy it belongs to.</summary>
public sealed record MatchedStatement(NamedPolicy Policy, PolicyStatement Statement)
{
    public string DisplayName => Statement.DisplayName(Policy.Id);
}

/// <summary>
/// The outcome of one evaluation: the decision, why, the statements that decided it (all Deny statements that
/// matched for an explicit deny, the Allow statements for an allow), the condition keys the request lacked, and,
/// when there is a boundary, whether it allowed the action.
/// </summary>
public sealed record PolicyDecision(
    EvalDecision Decision,
    DecisionReason Reason,
    IReadOnlyList<MatchedStatement> MatchedStatements,
    IReadOnlyList<string> MissingContextKeys,
    bool? AllowedByPermissionsBoundary)
{
    /// <summary>The first deciding statement's name (Sid, or policy name and number), or null for a default deny.</summary>
    public string? DecidingStatement => MatchedStatements.Count > 0 ? MatchedStatements[0].DisplayName : null;
}

/// <summary>
/// IAM's evaluation of identity-based policies within one account ("Policy evaluation logic", "Determining whether a
/// request is allowed or denied within an account"): an explicit Deny in any policy wins; otherwise an Allow in an
/// identity policy is needed, and, when the role has a permissions boundary, an Allow in the boundary as well (the
/// effective permissions are the intersection); otherwise the request is implicitly denied. Stateless: the
/// policies are compiled before they get here.
/// </summary>
public static class PolicyEvaluator
{
    private static readonly string[] NoKeys = [];

    /// <summary>
    /// Evaluates a request. With <paramref name="detailed"/> false it stops at the first deciding statement (the fast
    /// path for delivery checks); with true it collects every matched statement and missing key, as a simulation does.
    /// </summary>
    public static PolicyDecision Evaluate(
        IReadOnlyList<NamedPolicy> identityPolicies,
        NamedPolicy? boundary,
        string action,
        string resource,
        PolicyRequestContext context,
        bool detailed = false)
    {
        var missing = detailed ? new List<string>() : null;
        List<MatchedStatement>? denies = null;
        List<MatchedStatement>? allows = null;

        Collect(identityPolicies, action, resource, context, missing, detailed, ref denies, ref allows);
        if (denies is not null)
        {
            return new PolicyDecision(EvalDecision.ExplicitDeny, DecisionReason.DeniedByIdentityPolicy, denies, Missing(missing), detailed ? BoundaryDetail(boundary, action, resource, context) : null);
        }

        if (boundary is not null)
        {
            List<MatchedStatement>? boundaryDenies = null;
            List<MatchedStatement>? boundaryAllows = null;
            Collect([boundary], action, resource, context, missing, detailed, ref boundaryDenies, ref boundaryAllows);
            if (boundaryDenies is not null)
            {
                return new PolicyDecision(EvalDecision.ExplicitDeny, DecisionReason.DeniedByPermissionsBoundary, boundaryDenies, Missing(missing), false);
            }

            if (allows is null)
            {
                return new PolicyDecision(EvalDecision.ImplicitDeny, DecisionReason.NoIdentityPolicyAllows, [], Missing(missing), boundaryAllows is not null);
            }

            if (boundaryAllows is null)
            {
                return new PolicyDecision(EvalDecision.ImplicitDeny, DecisionReason.NoPermissionsBoundaryAllows, [], Missing(missing), false);
            }

            return new PolicyDecision(EvalDecision.Allowed, DecisionReason.AllowedByIdentityPolicy, allows, Missing(missing), true);
        }

        return allows is null
            ? new PolicyDecision(EvalDecision.ImplicitDeny, DecisionReason.NoIdentityPolicyAllows, [], Missing(missing), null)
            : new PolicyDecision(EvalDecision.Allowed, DecisionReason.AllowedByIdentityPolicy, allows, Missing(missing), null);
    }

    private static void Collect(
        IReadOnlyList<NamedPolicy> policies,
        string action,
        string resource,
        PolicyRequestContext context,
        List<string>? missing,
        bool detailed,
        ref List<MatchedStatement>? denies,
        ref List<MatchedStatement>? allows)
    {
        foreach (var policy in policies)
        {
            foreach (var statement in policy.Document.Statements)
            {
                // Once an allow is known, the fast path only looks for denies.
                if (!detailed && statement.IsAllow && allows is not null)
                {
                    continue;
                }

                if (!statement.AppliesTo(action, resource, context) || !statement.ConditionsHold(context, missing))
                {
                    continue;
                }

                if (statement.IsAllow)
                {
                    (allows ??= []).Add(new MatchedStatement(policy, statement));
                }
                else
                {
                    (denies ??= []).Add(new MatchedStatement(policy, statement));
                    if (!detailed)
                    {
                        return;
                    }
                }
            }
        }
    }

    private static bool? BoundaryDetail(NamedPolicy? boundary, string action, string resource, PolicyRequestContext context) =>
        boundary is null ? null : Evaluate([boundary], null, action, resource, context).Decision == EvalDecision.Allowed;

    private static IReadOnlyList<string> Missing(List<string>? missing) => missing is null ? NoKeys : missing;
}
