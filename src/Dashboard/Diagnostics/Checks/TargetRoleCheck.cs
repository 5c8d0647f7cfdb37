namespace Dashboard.Diagnostics.Checks;

/// <summary>
/// Check 3: each rule target that points at the workflow names a role (<c>RoleArn</c>), and the role exists.
/// EventBridge needs a role to deliver to a Glue workflow; without one, or with a deleted one, every invocation fails.
/// One finding per rule target.
/// </summary>
public sealed class TargetRoleCheck : IDiagnosticCheck
{
    public string Id => "target-role";

    public string Title => "The rule's target has a role that exists";

    public Uri Documentation { get; } = new("https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-events-iam-roles.html");

    public async Task<IReadOnlyList<Finding>> RunAsync(WorkflowFacts facts, CancellationToken cancellationToken)
    {
        var rules = await facts.RulesAsync(cancellationToken);
        if (rules.Unavailable is { } why)
        {
            return [Finding.Unknown(this, why)];
        }

        if (rules.Value is not { Count: > 0 } targets)
        {
            return [Finding.Pass(this, "No rule targets this workflow, so there is no target role to check (the rules check reports the missing rule).")];
        }

        var identity = await facts.IdentityAsync(cancellationToken);
        var workflowArn = identity.WorkflowArn(facts.WorkflowName);
        var findings = new List<Finding>();
        foreach (var rule in targets)
        {
            findings.Add(await CheckAsync(facts, rule, identity.AccountId, workflowArn, cancellationToken));
        }

        return findings;
    }

    private async Task<Finding> CheckAsync(WorkflowFacts facts, RuleTarget rule, string account, string workflowArn, CancellationToken cancellationToken)
    {
        var target = new Evidence($"Target {rule.Target.Id} of rule {rule.Label}", $"Arn: {rule.Target.Arn}{Environment.NewLine}RoleArn: {rule.Target.RoleArn ?? "(none)"}");
        var suggested = $"EventBridgeGlueNotify-{facts.WorkflowName}";
        if (string.IsNullOrWhiteSpace(rule.Target.RoleArn))
        {
            return Fail(rule,
                $"The target of rule {rule.Label} names no role. EventBridge needs a role it can assume to call glue:notifyEvent on the workflow, so every event this rule matches fails to be delivered.",
                [target],
                [new Fix("Create a role for the target and set it on the target", FixKind.Cli, IamFixes.CreateRoleCommands(suggested, account, rule, workflowArn))]);
        }

        var roleArn = rule.Target.RoleArn;
        if (WorkflowFacts.RoleNameOf(roleArn) is null)
        {
            return Fail(rule,
                $"The target of rule {rule.Label} names '{roleArn}', which is not an IAM role ARN (arn:aws:iam::<account>:role/<name>).",
                [target],
                [new Fix("Create a role for the target and set it on the target", FixKind.Cli, IamFixes.CreateRoleCommands(suggested, account, rule, workflowArn))]);
        }

        var role = await facts.RoleAsync(roleArn, cancellationToken);
        if (role.Unavailable is { } why)
        {
            return Finding.Unknown(this, why, rule.Label);
        }

        if (role.Value is not { } documents)
        {
            var name = WorkflowFacts.RoleNameOf(roleArn)!;
            return Fail(rule,
                $"The target of rule {rule.Label} names the role {name}, but IAM has no such role (it was deleted, or the ARN has a typo). EventBridge cannot assume it, so every delivery fails.",
                [target],
                [new Fix($"Create the role {name}, trusted by EventBridge and allowed glue:notifyEvent", FixKind.Cli, IamFixes.CreateRoleCommands(name, account, rule, workflowArn))]);
        }

        return Finding.Pass(this, $"The target of rule {rule.Label} uses the role {documents.RoleName}, which exists.", [target], rule.Label);
    }

    private Finding Fail(RuleTarget rule, string explanation, IReadOnlyList<Evidence> evidence, IReadOnlyList<Fix> fixes) =>
        new(Id, Title, CheckStatus.Fail, explanation, evidence, fixes, Documentation, rule.Label);
}
