using System.Text.Json.Nodes;
using Dashboard.Diagnostics.Policies;

namespace Dashboard.Diagnostics.Checks;

/// <summary>
/// Check 4: the target role's trust policy lets <c>events.amazonaws.com</c> call <c>sts:AssumeRole</c>, with its
/// conditions evaluated against what EventBridge sends: <c>aws:SourceArn</c> is the rule's ARN and
/// <c>aws:SourceAccount</c> its account. A trust policy that allows EventBridge without either condition passes (it
/// works), with a note that AWS recommends them against the confused deputy. A target without a role, or with a role
/// that does not exist, is the target-role check's finding, not this one's.
/// </summary>
public sealed class TrustPolicyCheck : IDiagnosticCheck
{
    private static readonly string[] SourceKeys = ["aws:SourceArn", "aws:SourceAccount"];

    public string Id => "trust-policy";

    public string Title => "EventBridge may assume the role";

    public Uri Documentation { get; } = new("https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html");

    public async Task<IReadOnlyList<Finding>> RunAsync(WorkflowFacts facts, CancellationToken cancellationToken)
    {
        var rules = await facts.RulesAsync(cancellationToken);
        if (rules.Unavailable is { } why)
        {
            return [Finding.Unknown(this, why)];
        }

        var identity = await facts.IdentityAsync(cancellationToken);
        var findings = new List<Finding>();
        foreach (var (rule, role) in await facts.TargetRolesAsync(rules.Value ?? [], cancellationToken))
        {
            if (role.Unavailable is { } denied)
            {
                findings.Add(Finding.Unknown(this, denied, rule.Label));
            }
            else if (role.Value is { } documents)
            {
                findings.Add(Judge(rule, documents, IamFixes.AccountOf(rule.RuleArn) ?? identity.AccountId));
            }
        }

        return findings;
    }

    /// <summary>The decision for one rule target's role, with the statement that made it.</summary>
    public Finding Judge(RuleTarget rule, RoleDocuments role, string account)
    {
        var trustEvidence = new Evidence($"Trust policy of {role.RoleName}", role.TrustPolicyJson, EvidenceFormat.Json);
        PolicyDocument trust;
        try
        {
            trust = PolicyDocument.Parse("trust policy", role.TrustPolicyJson, PolicyKind.Trust);
        }
        catch (PolicyDocumentException error)
        {
            return new(Id, Title, CheckStatus.Warn,
                $"The dashboard cannot evaluate the trust policy of {role.RoleName}: {error.Message} Check by hand that it lets {IamFixes.EventsPrincipal} call sts:AssumeRole.",
                [trustEvidence], [], Documentation, rule.Label);
        }

        var request = new PolicyRequest("sts:AssumeRole", null, PolicyRequest.Keys(("aws:SourceArn", rule.RuleArn), ("aws:SourceAccount", account)), IamFixes.EventsPrincipal);
        var decision = PolicyEvaluator.EvaluateTrust(trust, request);
        var context = new Evidence("What EventBridge sends when it assumes the role", $"Principal: {IamFixes.EventsPrincipal}{Environment.NewLine}Action: sts:AssumeRole{Environment.NewLine}aws:SourceArn: {rule.RuleArn}{Environment.NewLine}aws:SourceAccount: {account}");
        if (decision.IsAllowed)
        {
            var statement = decision.DecidingStatement!;
            var guarded = statement.Conditions.Any(c => SourceKeys.Contains(c.Key, StringComparer.OrdinalIgnoreCase));
            return Finding.Pass(this,
                $"Statement {statement.Name} of the trust policy of {role.RoleName} lets {IamFixes.EventsPrincipal} assume the role for rule {rule.Label}."
                + (guarded ? string.Empty : " Note: it has no aws:SourceArn or aws:SourceAccount condition; AWS recommends one, so that only your own rules can use the role."),
                [new Evidence($"Allowing statement {statement.Name}", statement.Json, EvidenceFormat.Json), context, trustEvidence],
                rule.Label);
        }

        var fixedTrust = FixedTrust(trust, decision, account, rule.RuleArn);
        var fixes = new List<Fix>
        {
            new($"Trust policy for {role.RoleName}", FixKind.Policy, fixedTrust),
            new("Apply it with the AWS CLI", FixKind.Cli, IamFixes.UpdateTrustCommand(role.RoleName, fixedTrust)),
            new("In the console", FixKind.Console, $"IAM → Roles → {role.RoleName} → Trust relationships → Edit trust policy → paste the policy above → Update policy."),
        };
        if (decision.Decision == EvalDecision.ExplicitDeny)
        {
            var deny = decision.DecidingStatement!;
            return Fail(rule,
                $"Statement {deny.Name} of the trust policy of {role.RoleName} denies {IamFixes.EventsPrincipal} sts:AssumeRole for rule {rule.Label}. An explicit Deny beats every Allow, so EventBridge cannot assume the role and every delivery fails. Remove the Deny, or narrow it so that it does not cover EventBridge.",
                [new Evidence($"Denying statement {deny.Name}", deny.Json, EvidenceFormat.Json), context, trustEvidence],
                fixes);
        }

        var trusted = trust.Statements.Where(s => s.IsAllow).SelectMany(s => ServicesIn(s.Json)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var conditionsFailed = trust.Statements.Any(s => s.IsAllow && ServicesIn(s.Json).Contains(IamFixes.EventsPrincipal, StringComparer.OrdinalIgnoreCase));
        var explanation = conditionsFailed
            ? $"The trust policy of {role.RoleName} names {IamFixes.EventsPrincipal}, but its conditions do not hold for rule {rule.Label} (aws:SourceArn {rule.RuleArn}, aws:SourceAccount {account}), so EventBridge cannot assume the role and every delivery fails."
            : $"The trust policy of {role.RoleName} does not let {IamFixes.EventsPrincipal} assume the role{(trusted.Count > 0 ? $"; it trusts {string.Join(", ", trusted)}" : string.Empty)}. EventBridge cannot assume it, so every event rule {rule.Label} sends fails. Add a statement for EventBridge.";
        return Fail(rule, explanation, [context, trustEvidence], fixes);
    }

    /// <summary>
    /// The trust policy with what blocks EventBridge taken out (the denying statement) and a statement for EventBridge
    /// added when none allows it; the other principals it trusts are kept.
    /// </summary>
    private static string FixedTrust(PolicyDocument trust, PolicyDecision decision, string account, string ruleArn)
    {
        var statements = trust.Statements
            .Where(s => s != decision.DecidingStatement)
            .Select(s => JsonNode.Parse(s.Json)!)
            .ToList();
        statements.Add(IamFixes.EventBridgeTrustStatement(account, ruleArn));
        return IamFixes.Document([.. statements]);
    }

    private static IEnumerable<string> ServicesIn(string statementJson) =>
        JsonNode.Parse(statementJson)?["Principal"]?["Service"] switch
        {
            JsonArray array => array.Select(v => v?.GetValue<string>()).OfType<string>(),
            JsonValue value when value.TryGetValue<string>(out var one) => [one],
            _ => [],
        };

    private Finding Fail(RuleTarget rule, string explanation, IReadOnlyList<Evidence> evidence, IReadOnlyList<Fix> fixes) =>
        new(Id, Title, CheckStatus.Fail, explanation, evidence, fixes, Documentation, rule.Label);
}
