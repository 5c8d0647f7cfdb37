using System.Text.Json.Nodes;

namespace Dashboard.Diagnostics.Policies;

/// <summary>
/// One statement of a policy, ready to be matched: Effect, Action or NotAction (case-insensitive wildcards), Resource
/// or NotResource (case-sensitive wildcards, policy variables), Principal or NotPrincipal for trust policies, and the
/// conditions. <see cref="Name"/> is how a finding names it: its Sid, or "policy#n" (1-based) when it has none.
/// </summary>
public sealed class PolicyStatement
{
    private readonly IReadOnlyList<string> _actions;
    private readonly bool _notAction;
    private readonly IReadOnlyList<string> _resources;
    private readonly bool _notResource;
    private readonly PolicyPrincipal? _principal;
    private readonly bool _notPrincipal;

    private PolicyStatement(string policyName, int number, string? sid, bool isAllow, IReadOnlyList<string> actions, bool notAction,
        IReadOnlyList<string> resources, bool notResource, PolicyPrincipal? principal, bool notPrincipal, IReadOnlyList<PolicyCondition> conditions, string json)
    {
        PolicyName = policyName;
        Number = number;
        Sid = sid;
        IsAllow = isAllow;
        _actions = actions;
        _notAction = notAction;
        _resources = resources;
        _notResource = notResource;
        _principal = principal;
        _notPrincipal = notPrincipal;
        Conditions = conditions;
        Json = json;
    }

    public string PolicyName { get; }

    /// <summary>1-based position in its policy.</summary>
    public int Number { get; }

    public string? Sid { get; }

    public string Name => string.IsNullOrEmpty(Sid) ? $"{PolicyName}#{Number}" : Sid;

    public bool IsAllow { get; }

    public IReadOnlyList<PolicyCondition> Conditions { get; }

    /// <summary>The statement's JSON, indented, for the evidence.</summary>
    public string Json { get; }

    internal static PolicyStatement Parse(string policy, int number, JsonObject node, PolicyKind kind)
    {
        var sid = node[nameof(Sid)] is { } s ? PolicyDocument.Text(policy, s, nameof(Sid)) : null;
        var effect = node["Effect"] is { } e ? PolicyDocument.Text(policy, e, "Effect") : null;
        if (effect is not ("Allow" or "Deny"))
        {
            throw new PolicyDocumentException(policy, effect is null
                ? $"statement {number} has no Effect; IAM requires Allow or Deny."
                : $"statement {number} has the Effect '{effect}'; IAM accepts only Allow or Deny.");
        }

        var (actions, notAction) = OneOf(policy, number, node, "Action", "NotAction", required: true);
        var (resources, notResource) = OneOf(policy, number, node, "Resource", "NotResource", required: kind == PolicyKind.Identity);
        PolicyPrincipal? principal = null;
        var notPrincipal = node.ContainsKey("NotPrincipal");
        if (kind == PolicyKind.Trust)
        {
            var principalNode = node["Principal"] ?? node["NotPrincipal"]
                ?? throw new PolicyDocumentException(policy, $"statement {number} of a trust policy has no Principal.");
            principal = PolicyPrincipal.Parse(policy, principalNode);
        }
        else if (node.ContainsKey("Principal") || notPrincipal)
        {
            throw new PolicyDocumentException(policy, $"statement {number} has a Principal, which an identity policy may not have.");
        }

        var conditions = new List<PolicyCondition>();
        if (node["Condition"] is JsonObject block)
        {
            foreach (var (operatorName, keys) in block)
            {
                if (keys is not JsonObject keyValues)
                {
                    throw new PolicyDocumentException(policy, $"the condition operator {operatorName} of statement {number} must map keys to values.");
                }

                conditions.AddRange(keyValues.Select(kv => PolicyCondition.Create(policy, operatorName, kv.Key, PolicyDocument.Texts(policy, kv.Value, $"{operatorName}/{kv.Key}"))));
            }
        }
        else if (node["Condition"] is not null)
        {
            throw new PolicyDocumentException(policy, $"the Condition of statement {number} must be a JSON object.");
        }

        return new PolicyStatement(policy, number, sid, effect == "Allow", actions, notAction, resources, notResource, principal, notPrincipal, conditions,
            node.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
    }

    /// <summary>Whether the statement covers the request: action, resource (or principal), and every condition.</summary>
    public bool Applies(PolicyRequest request, bool variablesEnabled, ISet<string> missingKeys) =>
        CoversAction(request.Action)
        && CoversResource(request, variablesEnabled)
        && CoversPrincipal(request)
        && Conditions.All(c => c.IsSatisfied(request, variablesEnabled, missingKeys));

    private bool CoversAction(string action) =>
        _actions.Any(a => Wildcard.IsMatch(a, action, ignoreCase: true)) != _notAction;

    private bool CoversResource(PolicyRequest request, bool variablesEnabled)
    {
        if (request.Resource is not { } resource || _resources.Count == 0)
        {
            // A trust policy's resource is the role it is attached to.
            return true;
        }

        var listed = _resources.Any(r => PolicyVariables.Resolve(r, variablesEnabled, request) is { } pattern && pattern.IsMatch(resource, ignoreCase: false));
        return listed != _notResource;
    }

    private bool CoversPrincipal(PolicyRequest request) =>
        _principal is null || (_principal.Covers(request.ServicePrincipal) != _notPrincipal);

    private static (IReadOnlyList<string> Values, bool Negated) OneOf(string policy, int number, JsonObject node, string positive, string negative, bool required)
    {
        var hasPositive = node.ContainsKey(positive);
        var hasNegative = node.ContainsKey(negative);
        if (hasPositive && hasNegative)
        {
            throw new PolicyDocumentException(policy, $"statement {number} has both {positive} and {negative}.");
        }

        if (!hasPositive && !hasNegative)
        {
            return required
                ? throw new PolicyDocumentException(policy, $"statement {number} has neither {positive} nor {negative}.")
                : ([], false);
        }

        return hasPositive
            ? (PolicyDocument.Texts(policy, node[positive], positive), false)
            : (PolicyDocument.Texts(policy, node[negative], negative), true);
    }
}

/// <summary>A trust statement's Principal: <c>"*"</c>, or principals by type (<c>Service</c>, <c>AWS</c>, <c>Federated</c>).</summary>
public sealed record PolicyPrincipal(bool Anyone, IReadOnlyList<string> Services, IReadOnlyList<string> Accounts)
{
    public static PolicyPrincipal Parse(string policy, JsonNode node)
    {
        if (node is JsonValue)
        {
            var text = PolicyDocument.Text(policy, node, "Principal");
            return text == "*" ? new(true, [], []) : throw new PolicyDocumentException(policy, $"the Principal '{text}' must be \"*\" or an object such as {{\"Service\": \"events.amazonaws.com\"}}.");
        }

        if (node is not JsonObject types)
        {
            throw new PolicyDocumentException(policy, "the Principal must be \"*\" or an object.");
        }

        var accounts = PolicyDocument.Texts(policy, types["AWS"], "Principal/AWS");
        return new(accounts.Contains("*"), PolicyDocument.Texts(policy, types["Service"], "Principal/Service"), accounts);
    }

    /// <summary>Whether a service principal such as <c>events.amazonaws.com</c> is named (or everyone is).</summary>
    public bool Covers(string? servicePrincipal) =>
        Anyone || (servicePrincipal is not null && Services.Any(s => string.Equals(s, servicePrincipal, StringComparison.OrdinalIgnoreCase)));
}
