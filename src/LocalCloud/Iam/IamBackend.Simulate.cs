using System.Globalization;
using LocalCloud.Iam.Policies;
using LocalCloud.Protocol;

namespace LocalCloud.Iam;

public sealed partial class IamBackend
{
    /// <summary>
    /// Simulates the role's identity policies (or those of <c>PolicyInputList</c> added to them) within its permissions
    /// boundary (or <c>PermissionsBoundaryPolicyInputList</c>), for each action and each resource (default <c>*</c>).
    /// Like IAM, it does not judge trust policies. Resource policies are not simulated.
    /// </summary>
    public SimulatePolicyResult SimulatePrincipalPolicy(RequestContext context, SimulatePrincipalPolicyRequest request)
    {
        var source = IamValidation.Required(request.PolicySourceArn, "policySourceArn");
        var actions = request.ActionNames is { Count: > 0 } names
            ? names
            : throw IamErrors.Validation("1 validation error detected: Value null at 'actionNames' failed to satisfy constraint: Member must not be null");
        if (!string.IsNullOrEmpty(request.ResourcePolicy))
        {
            throw IamErrors.InvalidInput("LocalCloud does not simulate resource-based policies: leave ResourcePolicy out.");
        }

        var role = SimulatedRole(context, source);
        var identity = role.Identity
            .Concat((request.PolicyInputList ?? []).Select((text, i) => new NamedPolicy($"PolicyInputList.{i + 1}", "none", PolicyCompiler.Compile(text, PolicyKind.Identity))))
            .ToList();
        var boundary = request.PermissionsBoundaryPolicyInputList is { Count: > 0 } boundaries
            ? new NamedPolicy("PermissionsBoundaryPolicyInputList.1", "none", PolicyCompiler.Compile(boundaries[0], PolicyKind.Identity))
            : role.Boundary;
        var requestContext = ContextOf(request.ContextEntries);
        var resources = request.ResourceArns is { Count: > 0 } arns ? arns : ["*"];

        var results = new List<EvaluationResult>();
        foreach (var action in actions)
        {
            foreach (var resource in resources)
            {
                var decision = PolicyEvaluator.Evaluate(identity, boundary, action, resource, requestContext, detailed: true);
                var name = DecisionName(decision.Decision);
                results.Add(new EvaluationResult(
                    action,
                    resource,
                    name,
                    decision.MatchedStatements.Select(m => new Statement(
                        m.Policy.Id,
                        m.Policy.SourceType,
                        new Position(m.Statement.Start.Line, m.Statement.Start.Column),
                        new Position(m.Statement.End.Line, m.Statement.End.Column))).ToList(),
                    [.. decision.MissingContextKeys],
                    decision.AllowedByPermissionsBoundary is { } allowed ? new PermissionsBoundaryDecisionDetail(allowed) : null,
                    new Dictionary<string, string> { ["IAM Policy"] = name }));
            }
        }

        var (page, truncated, marker) = IamValidation.Page(
            results.Select((r, i) => (Result: r, Key: i.ToString("D8", CultureInfo.InvariantCulture))).ToList(), r => r.Key, request.Marker, request.MaxItems);
        return new SimulatePolicyResult(page.Select(p => p.Result).ToList(), truncated, marker);
    }

    private static string DecisionName(EvalDecision decision) => decision switch
    {
        EvalDecision.Allowed => "allowed",
        EvalDecision.ExplicitDeny => "explicitDeny",
        _ => "implicitDeny",
    };

    private RolePolicies SimulatedRole(RequestContext context, string source)
    {
        var parts = source.Split(':', 6);
        if (parts.Length != 6 || parts[0] != "arn" || parts[2] != "iam")
        {
            throw IamErrors.InvalidInput($"Invalid ARN: {source}");
        }

        if (!parts[5].StartsWith("role/", StringComparison.Ordinal))
        {
            var kind = parts[5].Split('/')[0];
            throw IamErrors.NoSuchEntity($"The {kind} {source} cannot be found: LocalCloud's IAM holds roles only.");
        }

        return Snapshot(context.Account, source) ?? throw IamErrors.RoleNotFound(source[(source.LastIndexOf('/') + 1)..]);
    }

    private static PolicyRequestContext ContextOf(List<ContextEntry>? entries)
    {
        if (entries is null || entries.Count == 0)
        {
            return PolicyRequestContext.Empty;
        }

        return new PolicyRequestContext(entries.Select(e => KeyValuePair.Create(
            IamValidation.Required(e.ContextKeyName, "contextKeyName"),
            (e.ContextKeyValues ?? []).ToArray())));
    }
}
