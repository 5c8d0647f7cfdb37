using System.Globalization;
using Dashboard.Aws.Iam;
using Dashboard.Diagnostics.Policies;

namespace Dashboard.Diagnostics.Checks;

/// <summary>
/// Check 5: the target role may call <c>glue:notifyEvent</c> on the workflow's ARN, which is what EventBridge calls.
/// AWS's SimulatePrincipalPolicy decides when the dashboard may call it; otherwise the dashboard's own evaluation of the
/// role's inline, managed and boundary policies does, and the finding says which. Either way it names the statement
/// that allows or denies. One finding per rule target with a role that exists (the target-role check reports the rest).
/// </summary>
public sealed class NotifyEventPermissionCheck : IDiagnosticCheck
{
    public const string Simulator = "SimulatePrincipalPolicy";
    public const string OwnEvaluation = "the dashboard's own policy evaluation";

    public string Id => "notify-event-permission";

    public string Title => "The role may call glue:notifyEvent on the workflow";

    public Uri Documentation { get; } = new("https://docs.aws.amazon.com/glue/latest/dg/starting-workflow-eventbridge.html");

    public async Task<IReadOnlyList<Finding>> RunAsync(WorkflowFacts facts, CancellationToken cancellationToken)
    {
        var rules = await facts.RulesAsync(cancellationToken);
        if (rules.Unavailable is { } why)
        {
            return [Finding.Unknown(this, why)];
        }

        var identity = await facts.IdentityAsync(cancellationToken);
        var workflowArn = identity.WorkflowArn(facts.WorkflowName);
        var findings = new List<Finding>();
        foreach (var (rule, role) in await facts.TargetRolesAsync(rules.Value ?? [], cancellationToken))
        {
            if (role.Unavailable is { } denied)
            {
                findings.Add(Finding.Unknown(this, denied, rule.Label));
                continue;
            }

            if (role.Value is not { } documents)
            {
                continue;
            }

            var context = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["aws:PrincipalArn"] = documents.RoleArn,
                ["aws:PrincipalAccount"] = IamFixes.AccountOf(documents.RoleArn) ?? identity.AccountId,
                ["aws:RequestedRegion"] = identity.Region,
            };
            var simulated = await facts.SimulateAsync(
                documents.RoleArn, IamFixes.NotifyEventAction, workflowArn,
                [.. context.Select(kv => new ContextEntry { ContextKeyName = kv.Key, ContextKeyValues = [kv.Value], ContextKeyType = "string" })],
                cancellationToken);
            context["aws:CurrentTime"] = facts.Sources.Time.GetUtcNow().ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
            context["aws:SecureTransport"] = "true";
            findings.Add(Judge(rule, documents, workflowArn, context, simulated));
        }

        return findings;
    }

    /// <summary>The decision for one role: the simulator's when known, else the dashboard's own, with the deciding statement.</summary>
    public Finding Judge(RuleTarget rule, RoleDocuments role, string workflowArn, IReadOnlyDictionary<string, string> context, Fact<SimulatedDecision> simulated)
    {
        var own = Evaluate(role, IamFixes.NotifyEventAction, workflowArn, context, out var evaluationProblem);
        var policiesEvidence = role.IdentityPolicies.Append(role.PermissionsBoundary).OfType<RolePolicyDocument>()
            .Select(p => new Evidence($"{char.ToUpperInvariant(p.Label[0])}{p.Label[1..]}", p.Json, EvidenceFormat.Json))
            .ToList();

        string decision;
        string method;
        if (simulated.Value is { } simulation)
        {
            decision = simulation.EvalDecision;
            method = Simulator;
        }
        else if (own is not null)
        {
            decision = own.WireName;
            method = $"{OwnEvaluation} (the dashboard may not call iam:SimulatePrincipalPolicy)";
        }
        else
        {
            return new(Id, Title, CheckStatus.Unknown,
                $"The dashboard may not call iam:SimulatePrincipalPolicy, and its own evaluator cannot read the policies of {role.RoleName}: {evaluationProblem} Grant iam:SimulatePrincipalPolicy, or check by hand that the role allows glue:notifyEvent on {workflowArn}.",
                policiesEvidence, [], Documentation, rule.Label, "iam:SimulatePrincipalPolicy");
        }

        var evidence = new List<Evidence> { new("Decided by", $"{method}: {decision} for glue:notifyEvent on {workflowArn}") };
        var agreed = own is not null && own.WireName == decision;
        var statementName = agreed ? own!.DecidingStatement?.Name : null;
        if (agreed && own!.DecidingStatement is { } statement)
        {
            evidence.Add(new Evidence($"{(statement.IsAllow ? "Allowing" : "Denying")} statement {statement.Name} ({Describe(role, statement.PolicyName)})", statement.Json, EvidenceFormat.Json));
        }
        else if (simulated.Value is { MatchedStatements.Count: > 0 } matched)
        {
            statementName = string.Join(", ", matched.MatchedStatements.Select(s => $"{s.SourcePolicyId}{(s.Line is { } line ? $" line {line}" : string.Empty)}"));
            evidence.Add(new Evidence("Statements SimulatePrincipalPolicy matched", string.Join(Environment.NewLine, matched.MatchedStatements.Select(s => $"{s.SourcePolicyType} {s.SourcePolicyId}{(s.Line is { } line ? $", line {line}, column {s.Column}" : string.Empty)}"))));
        }

        if (own is not null && !agreed)
        {
            evidence.Add(new Evidence("The dashboard's own evaluation disagrees", $"{own.WireName}{(own.DecidingStatement is { } s ? $" by statement {s.Name}" : string.Empty)}. The finding follows SimulatePrincipalPolicy."));
        }
        else if (own is null && evaluationProblem is not null)
        {
            evidence.Add(new Evidence("The dashboard's own evaluation", evaluationProblem));
        }

        evidence.AddRange(policiesEvidence);
        if (decision == "allowed")
        {
            return Finding.Pass(this,
                $"{(statementName is null ? "The role's policies allow" : $"Statement {statementName} allows")} {role.RoleName} to call glue:notifyEvent on {workflowArn} (decided by {method}).",
                evidence, rule.Label);
        }

        var policyName = $"glue-notify-event-{rule.RuleName}";
        var policy = IamFixes.NotifyEventPolicy(workflowArn);
        var fixes = new List<Fix>
        {
            new($"Inline policy {policyName} for {role.RoleName}", FixKind.Policy, policy),
            new("Add it with the AWS CLI", FixKind.Cli, IamFixes.PutRolePolicyCommand(role.RoleName, policyName, policy)),
        };
        string explanation;
        if (decision == "explicitDeny")
        {
            explanation = $"{(statementName is null ? "A Deny statement" : $"Statement {statementName}")} denies {role.RoleName} glue:notifyEvent on {workflowArn} (decided by {method}). An explicit Deny beats every Allow, so EventBridge's deliveries to the workflow fail. Remove or narrow the Deny; an added Allow alone does not help.";
            fixes.Insert(0, new Fix("Remove the Deny", FixKind.Console, $"IAM → Roles → {role.RoleName} → Permissions → open the policy that holds {statementName ?? "the Deny statement"} → remove the statement, or exclude glue:notifyEvent on {workflowArn} from it → Save."));
        }
        else if (own?.DenyReason == ImplicitDenyReason.BoundaryDoesNotAllow || simulated.Value?.AllowedByPermissionsBoundary == false)
        {
            var boundary = role.PermissionsBoundary?.Name ?? "the permissions boundary";
            explanation = $"The permissions boundary {boundary} of {role.RoleName} does not allow glue:notifyEvent on {workflowArn} (decided by {method}). A boundary caps what identity policies grant, so EventBridge's deliveries fail. Add glue:notifyEvent on the workflow to the boundary (and keep it in an identity policy).";
            fixes.Insert(0, new Fix($"Allow glue:notifyEvent in {boundary}", FixKind.Console, $"IAM → Policies → {boundary} → Edit → add the statement of the policy below → Save as the default version."));
        }
        else
        {
            var mixUp = Evaluate(role, "glue:StartWorkflowRun", workflowArn, context, out _)?.IsAllowed == true
                ? " The role may call glue:StartWorkflowRun, a common mix-up: EventBridge starts an EVENT workflow with glue:notifyEvent, not StartWorkflowRun."
                : string.Empty;
            explanation = $"No statement of {role.RoleName}'s policies allows glue:notifyEvent on {workflowArn} (decided by {method}), so every event rule {rule.Label} sends fails (FailedInvocations).{mixUp}";
        }

        return new(Id, Title, CheckStatus.Fail, explanation, evidence, fixes, Documentation, rule.Label);
    }

    private static PolicyDecision? Evaluate(RoleDocuments role, string action, string resource, IReadOnlyDictionary<string, string> context, out string? problem)
    {
        try
        {
            var identity = role.IdentityPolicies.Select(p => PolicyDocument.Parse(p.Name, p.Json, PolicyKind.Identity)).ToList();
            var boundary = role.PermissionsBoundary is { } b ? PolicyDocument.Parse(b.Name, b.Json, PolicyKind.Identity) : null;
            problem = null;
            return PolicyEvaluator.Evaluate(identity, boundary, new PolicyRequest(action, resource, PolicyRequest.Keys([.. context.Select(kv => (kv.Key, kv.Value))])));
        }
        catch (PolicyDocumentException error)
        {
            problem = error.Message;
            return null;
        }
    }

    private static string Describe(RoleDocuments role, string policyName) =>
        role.IdentityPolicies.Append(role.PermissionsBoundary).OfType<RolePolicyDocument>().FirstOrDefault(p => p.Name == policyName)?.Label ?? policyName;
}
