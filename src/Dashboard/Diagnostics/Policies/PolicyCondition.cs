using System.Globalization;
using System.Net;

namespace Dashboard.Diagnostics.Policies;

/// <summary>
/// One condition: an operator, a key and the policy's values, as in <c>"StringEquals": {"aws:SourceAccount": "1234"}</c>.
/// Values of one key are ORed; the statement ANDs its conditions. A key the request lacks makes a positive operator
/// false and a negated one (<c>StringNotEquals</c>, <c>NotIpAddress</c>, …) true, unless <c>...IfExists</c> makes it
/// true; <c>ForAllValues</c> is true for an absent key and <c>ForAnyValue</c> false.
/// </summary>
public sealed class PolicyCondition
{
    private readonly ConditionOperator _operator;

    private PolicyCondition(string operatorName, ConditionOperator op, string key, IReadOnlyList<string> values)
    {
        OperatorName = operatorName;
        _operator = op;
        Key = key;
        Values = values;
    }

    /// <summary>As written, for example <c>ForAnyValue:StringLikeIfExists</c>.</summary>
    public string OperatorName { get; }

    public string Key { get; }

    public IReadOnlyList<string> Values { get; }

    /// <summary>Reads an operator name; an operator IAM does not define is refused with its name.</summary>
    public static PolicyCondition Create(string policyName, string operatorName, string key, IReadOnlyList<string> values)
    {
        var rest = operatorName;
        var set = SetQualifier.None;
        if (rest.StartsWith("ForAllValues:", StringComparison.Ordinal))
        {
            set = SetQualifier.ForAllValues;
            rest = rest["ForAllValues:".Length..];
        }
        else if (rest.StartsWith("ForAnyValue:", StringComparison.Ordinal))
        {
            set = SetQualifier.ForAnyValue;
            rest = rest["ForAnyValue:".Length..];
        }

        var ifExists = rest.EndsWith("IfExists", StringComparison.Ordinal) && rest != "IfExists";
        if (ifExists)
        {
            rest = rest[..^"IfExists".Length];
        }

        if (!Operators.TryGetValue(rest, out var op) || (ifExists && op.Kind == ConditionKind.Null) || (set != SetQualifier.None && op.Kind == ConditionKind.Null))
        {
            throw new PolicyDocumentException(policyName, $"the condition operator '{operatorName}' is not one IAM defines, so the dashboard cannot evaluate this policy.");
        }

        return new PolicyCondition(operatorName, op with { Set = set, IfExists = ifExists }, key, values);
    }

    /// <summary>Whether the condition holds for the request; a key it needed and did not find goes into <paramref name="missingKeys"/>.</summary>
    public bool IsSatisfied(PolicyRequest request, bool variablesEnabled, ISet<string> missingKeys)
    {
        var present = request.TryGet(Key, out var requestValues);
        if (_operator.Kind == ConditionKind.Null)
        {
            return Values.Any(v => string.Equals(v, "true", StringComparison.OrdinalIgnoreCase) ? !present : present);
        }

        if (!present)
        {
            missingKeys.Add(Key);
            return _operator.IfExists || _operator.Set switch
            {
                SetQualifier.ForAllValues => true,
                SetQualifier.ForAnyValue => false,
                _ => _operator.Negated,
            };
        }

        var policyValues = Values.Select(v => PolicyVariables.Resolve(v, variablesEnabled, request)).OfType<ResolvedPattern>().ToList();
        bool Matches(string value) => policyValues.Any(p => _operator.Match(value, p));
        return (_operator.Set, _operator.Negated) switch
        {
            (SetQualifier.ForAllValues, false) => requestValues.All(Matches),
            (SetQualifier.ForAllValues, true) => requestValues.All(v => !Matches(v)),
            (SetQualifier.ForAnyValue, true) => requestValues.Any(v => !Matches(v)),
            (_, false) => requestValues.Any(Matches),
            (_, true) => !requestValues.Any(Matches),
        };
    }

    private enum SetQualifier
    {
        None,
        ForAllValues,
        ForAnyValue,
    }

    private enum ConditionKind
    {
        Compare,
        Null,
    }

    private sealed record ConditionOperator(ConditionKind Kind, bool Negated, Func<string, ResolvedPattern, bool> Match)
    {
        public SetQualifier Set { get; init; }

        public bool IfExists { get; init; }
    }

    private static readonly Dictionary<string, ConditionOperator> Operators = BuildOperators();

    private static Dictionary<string, ConditionOperator> BuildOperators()
    {
        var table = new Dictionary<string, ConditionOperator>(StringComparer.Ordinal);
        void Add(string name, string? negatedName, Func<string, ResolvedPattern, bool> match)
        {
            table[name] = new(ConditionKind.Compare, false, match);
            if (negatedName is not null)
            {
                table[negatedName] = new(ConditionKind.Compare, true, match);
            }
        }

        Add("StringEquals", "StringNotEquals", (v, p) => p.EqualsValue(v, StringComparison.Ordinal));
        Add("StringEqualsIgnoreCase", "StringNotEqualsIgnoreCase", (v, p) => p.EqualsValue(v, StringComparison.OrdinalIgnoreCase));
        Add("StringLike", "StringNotLike", (v, p) => p.IsMatch(v, ignoreCase: false));
        Add("NumericEquals", "NumericNotEquals", (v, p) => Ordered(Number(v), Number(p.Text), c => c == 0));
        Add("NumericLessThan", null, (v, p) => Ordered(Number(v), Number(p.Text), c => c < 0));
        Add("NumericLessThanEquals", null, (v, p) => Ordered(Number(v), Number(p.Text), c => c <= 0));
        Add("NumericGreaterThan", null, (v, p) => Ordered(Number(v), Number(p.Text), c => c > 0));
        Add("NumericGreaterThanEquals", null, (v, p) => Ordered(Number(v), Number(p.Text), c => c >= 0));
        Add("DateEquals", "DateNotEquals", (v, p) => Ordered(Date(v), Date(p.Text), c => c == 0));
        Add("DateLessThan", null, (v, p) => Ordered(Date(v), Date(p.Text), c => c < 0));
        Add("DateLessThanEquals", null, (v, p) => Ordered(Date(v), Date(p.Text), c => c <= 0));
        Add("DateGreaterThan", null, (v, p) => Ordered(Date(v), Date(p.Text), c => c > 0));
        Add("DateGreaterThanEquals", null, (v, p) => Ordered(Date(v), Date(p.Text), c => c >= 0));
        Add("Bool", null, (v, p) => p.EqualsValue(v, StringComparison.OrdinalIgnoreCase));
        Add("BinaryEquals", null, (v, p) => p.EqualsValue(v, StringComparison.Ordinal));
        Add("IpAddress", "NotIpAddress", (v, p) => InRange(v, p.Text));
        Add("ArnEquals", "ArnNotEquals", ArnMatches);
        Add("ArnLike", "ArnNotLike", ArnMatches);
        table["Null"] = new(ConditionKind.Null, false, (_, _) => false);
        return table;
    }

    /// <summary>Whether both values parse and their order satisfies <paramref name="accept"/>; a value that does not parse matches nothing.</summary>
    private static bool Ordered<T>(T? a, T? b, Func<int, bool> accept)
        where T : struct, IComparable<T> =>
        a is { } x && b is { } y && accept(x.CompareTo(y));

    private static decimal? Number(string text) =>
        decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) ? n : null;

    private static DateTimeOffset? Date(string text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var d) ? d
        : long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var epoch) ? DateTimeOffset.FromUnixTimeSeconds(epoch)
        : null;

    private static bool InRange(string address, string range)
    {
        if (!IPAddress.TryParse(address, out var ip))
        {
            return false;
        }

        var cidr = range.Contains('/', StringComparison.Ordinal) ? range : $"{range}/{(range.Contains(':', StringComparison.Ordinal) ? 128 : 32)}";
        return IPNetwork.TryParse(cidr, out var network) && network.Contains(ip);
    }

    /// <summary>Each of the six colon-separated parts of the ARN is compared on its own, with wildcards, case-sensitively.</summary>
    private static bool ArnMatches(string value, ResolvedPattern pattern)
    {
        var actual = value.Split(':', 6);
        var wanted = pattern.Text.Split(':', 6);
        if (actual.Length != 6 || wanted.Length != 6)
        {
            return pattern.IsMatch(value, ignoreCase: false);
        }

        return actual.Zip(wanted).All(part => Wildcard.IsMatch(part.Second, part.First, ignoreCase: false));
    }
}
