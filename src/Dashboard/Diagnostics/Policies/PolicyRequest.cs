namespace Dashboard.Diagnostics.Policies;

/// <summary>
/// The request a policy is judged for: an action on a resource, by a principal, with its condition keys. Condition key
/// names compare without regard to case, as IAM's do; a key can hold several values (<c>aws:TagKeys</c>).
/// </summary>
public sealed class PolicyRequest
{
    private readonly Dictionary<string, IReadOnlyList<string>> _context;

    public PolicyRequest(string action, string? resource, IEnumerable<KeyValuePair<string, IReadOnlyList<string>>>? context = null, string? servicePrincipal = null)
    {
        Action = action;
        Resource = resource;
        ServicePrincipal = servicePrincipal;
        _context = new(context ?? [], StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>For example <c>glue:notifyEvent</c> or <c>sts:AssumeRole</c>.</summary>
    public string Action { get; }

    /// <summary>The resource's ARN; null for a trust policy, whose resource is the role itself.</summary>
    public string? Resource { get; }

    /// <summary>The service that asks, such as <c>events.amazonaws.com</c>, when a trust policy is judged.</summary>
    public string? ServicePrincipal { get; }

    public IReadOnlyDictionary<string, IReadOnlyList<string>> Context => _context;

    /// <summary>The key's values; false when the request does not carry the key at all.</summary>
    public bool TryGet(string key, out IReadOnlyList<string> values)
    {
        if (_context.TryGetValue(key, out var found) && found.Count > 0)
        {
            values = found;
            return true;
        }

        values = [];
        return false;
    }

    /// <summary>Single-valued keys, the common case.</summary>
    public static IEnumerable<KeyValuePair<string, IReadOnlyList<string>>> Keys(params (string Key, string Value)[] pairs) =>
        pairs.Select(p => KeyValuePair.Create(p.Key, (IReadOnlyList<string>)[p.Value]));
}
