namespace Dashboard.Diagnostics.Policies;

/// <summary>IAM's three answers, spelled as <c>SimulatePrincipalPolicy</c> spells them on the wire.</summary>
public enum EvalDecision
{
    Allowed,
    ExplicitDeny,
    ImplicitDeny,
}

/// <summary>Why an implicit deny: nothing allowed it, or the permissions boundary did not.</summary>
public enum ImplicitDenyReason
{
    None,
    NoAllowingStatement,
    BoundaryDoesNotAllow,
}

/// <summary>
/// A decision and the statement that made it, so the finding can show it: for an explicit deny the first matching
/// Deny; for an allow the first matching Allow of the identity policies; none for an implicit deny.
/// <see cref="MissingContextKeys"/> names the condition keys the request did not carry, which a finding mentions when
/// the answer rests on them.
/// </summary>
public sealed record PolicyDecision(EvalDecision Decision, PolicyStatement? DecidingStatement, ImplicitDenyReason DenyReason, IReadOnlyCollection<string> MissingContextKeys)
{
    public bool IsAllowed => Decision == EvalDecision.Allowed;

    /// <summary>The Sid, or "policy#n".</summary>
    public string? DecidingStatementName => DecidingStatement?.Name;

    /// <summary>allowed | explicitDeny | implicitDeny.</summary>
    public string WireName => Decision switch
    {
        EvalDecision.Allowed => "allowed",
        EvalDecision.ExplicitDeny => "explicitDeny",
        _ => "implicitDeny",
    };
}

/// <summary>
/// The dashboard's own IAM policy evaluation, from AWS's "Policy evaluation logic": an explicit Deny in any policy
/// wins; otherwise an identity policy must allow, and, when the role has a permissions boundary, the boundary must
/// allow too; otherwise the default is deny. It answers when the dashboard may not call SimulatePrincipalPolicy, and
/// always for trust policies, which the simulator does not judge. Service control policies and session policies are
/// outside what the dashboard can read, and are not judged.
/// </summary>
public static class PolicyEvaluator
{
    public static PolicyDecision Evaluate(IReadOnlyList<PolicyDocument> identityPolicies, PolicyDocument? permissionsBoundary, PolicyRequest request)
    {
        var missing = new SortedSet<string>(StringComparer.OrdinalIgnoreCase);
        IEnumerable<PolicyDocument> all = permissionsBoundary is null ? identityPolicies : [.. identityPolicies, permissionsBoundary];
        if (FirstApplying(all, request, allow: false, missing) is { } deny)
        {
            return new(EvalDecision.ExplicitDeny, deny, ImplicitDenyReason.None, missing);
        }

        if (FirstApplying(identityPolicies, request, allow: true, missing) is not { } allow)
        {
            return new(EvalDecision.ImplicitDeny, null, ImplicitDenyReason.NoAllowingStatement, missing);
        }

        if (permissionsBoundary is not null && FirstApplying([permissionsBoundary], request, allow: true, missing) is null)
        {
            return new(EvalDecision.ImplicitDeny, null, ImplicitDenyReason.BoundaryDoesNotAllow, missing);
        }

        return new(EvalDecision.Allowed, allow, ImplicitDenyReason.None, missing);
    }

    /// <summary>
    /// A role's trust policy for a service principal's request (<c>sts:AssumeRole</c> by <c>events.amazonaws.com</c>),
    /// with its <c>aws:SourceArn</c> and <c>aws:SourceAccount</c> in the request's context.
    /// </summary>
    public static PolicyDecision EvaluateTrust(PolicyDocument trustPolicy, PolicyRequest request)
    {
        var missing = new SortedSet<string>(StringComparer.OrdinalIgnoreCase);
        if (FirstApplying([trustPolicy], request, allow: false, missing) is { } deny)
        {
            return new(EvalDecision.ExplicitDeny, deny, ImplicitDenyReason.None, missing);
        }

        return FirstApplying([trustPolicy], request, allow: true, missing) is { } allow
            ? new(EvalDecision.Allowed, allow, ImplicitDenyReason.None, missing)
            : new(EvalDecision.ImplicitDeny, null, ImplicitDenyReason.NoAllowingStatement, missing);
    }

    private static PolicyStatement? FirstApplying(IEnumerable<PolicyDocument> policies, PolicyRequest request, bool allow, ISet<string> missing) =>
        policies
            .SelectMany(p => p.Statements.Where(s => s.IsAllow == allow).Select(s => (Policy: p, Statement: s)))
            .FirstOrDefault(x => x.Statement.Applies(request, x.Policy.HasVariables, missing))
            .Statement;
}
