namespace Dashboard.Diagnostics.Policies;

/// <summary>
/// A policy document the dashboard's evaluator cannot judge: IAM's <c>MalformedPolicyDocument</c> (no Effect, an
/// unknown Version) or something the evaluator does not know, such as a condition operator AWS added later. It is
/// reported as such, never skipped: skipping a Deny would turn a refusal into an allow.
/// </summary>
public sealed class PolicyDocumentException(string policyName, string message)
    : Exception($"Policy {policyName}: {message}")
{
    /// <summary>The IAM error code for such a document.</summary>
    public const string MalformedPolicyDocument = "MalformedPolicyDocument";

    public string Code => MalformedPolicyDocument;

    public string PolicyName { get; } = policyName;
}
