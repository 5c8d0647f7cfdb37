namespace LocalCloud.Iam.Policies;

/// <summary>
/// The condition keys of one request and their values. Keys are case-insensitive, as IAM compares them; a key can
/// hold several values (multivalued keys such as <c>aws:TagKeys</c>), which the set operators work on.
/// </summary>
public sealed class PolicyRequestContext
{
    private readonly Dictionary<string, string[]> _values;

    public PolicyRequestContext(IEnumerable<KeyValuePair<string, string[]>> values)
    {
        _values = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, keyValues) in values)
        {
            _values[key] = keyValues;
        }
    }

    public static PolicyRequestContext Empty { get; } = new([]);

    public IEnumerable<string> Keys => _values.Keys;

    /// <summary>A context of single-valued keys, as EventBridge delivery gives them.</summary>
    public static PolicyRequestContext From(IReadOnlyDictionary<string, string>? values) =>
        values is null || values.Count == 0 ? Empty : new(values.Select(p => KeyValuePair.Create(p.Key, new[] { p.Value })));

    public bool TryGet(string key, out string[] values)
    {
        if (_values.TryGetValue(key, out var found))
        {
            values = found;
            return true;
        }

        values = [];
        return false;
    }
}
