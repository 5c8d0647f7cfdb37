namespace LocalCloud.Iam.Policies;

/// <summary>Where a statement sits in the policy text, as <c>SimulatePrincipalPolicy</c> reports it (1-based).</summary>
public readonly record struct TextPosition(int Line, int Column);

/// <summary>
/// One statement of a compiled policy: immutable matchers for its actions, resources, principals and conditions.
/// <see cref="Number"/> is its 1-based place in the policy, which names it when it has no <c>Sid</c>.
/// </summary>
public sealed class PolicyStatement
{
    public PolicyStatement(
        string? sid,
        int number,
        bool isAllow,
        PatternSet actions,
        bool notAction,
        PatternSet? resources,
        bool notResource,
        PrincipalSet? principals,
        bool notPrincipal,
        Condition[] conditions,
        TextPosition start,
        TextPosition end)
    {
        Sid = sid;
        Number = number;
        IsAllow = isAllow;
        Actions = actions;
        NotAction = notAction;
        Resources = resources;
        NotResource = notResource;
        Principals = principals;
        NotPrincipal = notPrincipal;
        Conditions = conditions;
        Start = start;
        End = end;
    }

    public string? Sid { get; }

    public int Number { get; }

    public bool IsAllow { get; }

    public PatternSet Actions { get; }

    public bool NotAction { get; }

    /// <summary>The Resource or NotResource patterns; null in a trust policy, where the role is the resource.</summary>
    public PatternSet? Resources { get; }

    public bool NotResource { get; }

    /// <summary>The Principal or NotPrincipal of a trust policy; null in identity policies.</summary>
    public PrincipalSet? Principals { get; }

    public bool NotPrincipal { get; }

    public IReadOnlyList<Condition> Conditions { get; }

    public TextPosition Start { get; }

    public TextPosition End { get; }

    /// <summary>The name a decision gives this statement: its Sid, or the policy's name and the statement's number.</summary>
    public string DisplayName(string policyName) => string.IsNullOrEmpty(Sid) ? $"{policyName}#{Number}" : Sid;

    /// <summary>Whether the action and resource fall under the statement (conditions aside).</summary>
    public bool AppliesTo(string action, string resource, PolicyRequestContext context) =>
        Actions.IsMatch(action, context) != NotAction
        && (Resources is null || Resources.IsMatch(resource, context) != NotResource);

    /// <summary>Whether every condition holds; the keys the request lacks are added to <paramref name="missing"/> when given.</summary>
    public bool ConditionsHold(PolicyRequestContext context, List<string>? missing)
    {
        var holds = true;
        foreach (var condition in Conditions)
        {
            if (!condition.Evaluate(context, out var missingKey))
            {
                holds = false;
            }

            if (missingKey && missing is not null && !missing.Contains(condition.Key, StringComparer.OrdinalIgnoreCase))
            {
                missing.Add(condition.Key);
            }

            if (!holds && missing is null)
            {
                return false;
            }
        }

        return holds;
    }
}

/// <summary>
/// The Action or Resource patterns of a statement: literal values in a hash set, wildcard patterns as globs, and
/// (policy version 2012-10-17 only) patterns with policy variables resolved per request.
/// </summary>
public sealed class PatternSet
{
    private readonly HashSet<string> _literals;
    private readonly Glob[] _globs;
    private readonly string[] _templates;
    private readonly bool _ignoreCase;
    private readonly bool _everything;

    public PatternSet(IReadOnlyList<string> patterns, bool ignoreCase, bool variablesAllowed)
    {
        _ignoreCase = ignoreCase;
        Patterns = patterns;
        _literals = new HashSet<string>(ignoreCase ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);
        var globs = new List<Glob>();
        var templates = new List<string>();
        foreach (var pattern in patterns)
        {
            if (variablesAllowed && PolicyVariables.HasVariables(pattern))
            {
                templates.Add(pattern);
                continue;
            }

            var glob = ignoreCase ? Glob.CaseInsensitive(pattern) : Glob.CaseSensitive(pattern);
            if (glob.IsLiteral)
            {
                _literals.Add(pattern);
            }
            else
            {
                _everything |= pattern == "*";
                globs.Add(glob);
            }
        }

        _globs = [.. globs];
        _templates = [.. templates];
    }

    public IReadOnlyList<string> Patterns { get; }

    public bool IsMatch(string value, PolicyRequestContext context)
    {
        if (_everything || _literals.Contains(value))
        {
            return true;
        }

        foreach (var glob in _globs)
        {
            if (glob.IsMatch(value))
            {
                return true;
            }
        }

        foreach (var template in _templates)
        {
            if (PolicyVariables.Substitute(template, context) is { } resolved
                && (_ignoreCase ? Glob.CaseInsensitive(resolved) : Glob.CaseSensitive(resolved)).IsMatch(value))
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>
/// The principals a trust-policy statement names: <c>"*"</c> (everyone), and per type (<c>Service</c>, <c>AWS</c>,
/// <c>Federated</c>, <c>CanonicalUser</c>) the listed values. <c>{"AWS": "*"}</c> also means everyone.
/// </summary>
public sealed class PrincipalSet
{
    private readonly Dictionary<string, string[]> _byType;

    public PrincipalSet(bool everyone, Dictionary<string, string[]> byType)
    {
        Everyone = everyone || (byType.TryGetValue("AWS", out var aws) && aws.Contains("*"));
        _byType = byType;
    }

    public bool Everyone { get; }

    public IReadOnlyList<string> Services => _byType.TryGetValue("Service", out var services) ? services : [];

    public bool IncludesService(string servicePrincipal) =>
        Everyone || (_byType.TryGetValue("Service", out var services) && services.Contains(servicePrincipal, StringComparer.Ordinal));
}
