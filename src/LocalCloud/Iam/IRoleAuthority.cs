namespace LocalCloud.Iam;

/// <summary>
/// What EventBridge asks IAM before it calls a target with the target's role: may the service assume the role,
/// and may the role perform the action on the resource.
/// </summary>
public interface IRoleAuthority
{
    /// <summary>
    /// Whether <paramref name="servicePrincipal"/> may call <c>sts:AssumeRole</c> on the role, judged on its trust policy.
    /// <paramref name="context"/> holds the request's condition keys, such as <c>aws:SourceArn</c> and <c>aws:SourceAccount</c>.
    /// </summary>
    AccessDecision CanAssume(string account, string roleArn, string servicePrincipal, IReadOnlyDictionary<string, string> context);

    /// <summary>Whether the role's inline and managed policies, within its permissions boundary, allow the action on the resource.</summary>
    AccessDecision IsAllowed(string account, string roleArn, string action, string resource, IReadOnlyDictionary<string, string> context);
}

/// <summary>An access decision, with the reason in AWS's words and the statement that decided it when one did.</summary>
public sealed record AccessDecision(AccessOutcome Outcome, string Message, string? DecidingStatement = null)
{
    public bool IsAllowed => Outcome == AccessOutcome.Allowed;
}

public enum AccessOutcome
{
    Allowed,

    /// <summary>No statement allowed it: the default deny.</summary>
    ImplicitDeny,

    /// <summary>A Deny statement matched.</summary>
    ExplicitDeny,

    /// <summary>The role does not exist.</summary>
    RoleNotFound,
}
