namespace LocalCloud.Iam.Policies;

/// <summary>What kind of values an operator compares, and how.</summary>
public enum OperatorFamily
{
    Text,
    StringIgnoreCase,
    StringLike,
    Arn,
    Numeric,
    Date,
    Bool,
    Binary,
    IpAddress,
    Null,
}

/// <summary>The comparison of the numeric and date operators.</summary>
public enum OperatorComparison
{
    Equals,
    LessThan,
    LessThanEquals,
    GreaterThan,
    GreaterThanEquals,
}

/// <summary>How a condition treats a multivalued key: as one value, or with <c>ForAnyValue:</c> / <c>ForAllValues:</c>.</summary>
public enum SetOperator
{
    None,
    ForAnyValue,
    ForAllValues,
}

/// <summary>
/// A condition operator as written in a policy (<c>ForAnyValue:StringNotLikeIfExists</c>), taken apart once:
/// the set operator, the family, whether it is negated, and whether it has the <c>IfExists</c> suffix.
/// </summary>
public sealed record ConditionOperator(string Name, SetOperator Set, OperatorFamily Family, OperatorComparison Comparison, bool Negated, bool IfExists)
{
    private static readonly Dictionary<string, (OperatorFamily Family, OperatorComparison Comparison, bool Negated)> Base = new(StringComparer.Ordinal)
    {
        ["StringEquals"] = (OperatorFamily.Text, OperatorComparison.Equals, false),
        ["StringNotEquals"] = (OperatorFamily.Text, OperatorComparison.Equals, true),
        ["StringEqualsIgnoreCase"] = (OperatorFamily.StringIgnoreCase, OperatorComparison.Equals, false),
        ["StringNotEqualsIgnoreCase"] = (OperatorFamily.StringIgnoreCase, OperatorComparison.Equals, true),
        ["StringLike"] = (OperatorFamily.StringLike, OperatorComparison.Equals, false),
        ["StringNotLike"] = (OperatorFamily.StringLike, OperatorComparison.Equals, true),
        ["NumericEquals"] = (OperatorFamily.Numeric, OperatorComparison.Equals, false),
        ["NumericNotEquals"] = (OperatorFamily.Numeric, OperatorComparison.Equals, true),
        ["NumericLessThan"] = (OperatorFamily.Numeric, OperatorComparison.LessThan, false),
        ["NumericLessThanEquals"] = (OperatorFamily.Numeric, OperatorComparison.LessThanEquals, false),
        ["NumericGreaterThan"] = (OperatorFamily.Numeric, OperatorComparison.GreaterThan, false),
        ["NumericGreaterThanEquals"] = (OperatorFamily.Numeric, OperatorComparison.GreaterThanEquals, false),
        ["DateEquals"] = (OperatorFamily.Date, OperatorComparison.Equals, false),
        ["DateNotEquals"] = (OperatorFamily.Date, OperatorComparison.Equals, true),
        ["DateLessThan"] = (OperatorFamily.Date, OperatorComparison.LessThan, false),
        ["DateLessThanEquals"] = (OperatorFamily.Date, OperatorComparison.LessThanEquals, false),
        ["DateGreaterThan"] = (OperatorFamily.Date, OperatorComparison.GreaterThan, false),
        ["DateGreaterThanEquals"] = (OperatorFamily.Date, OperatorComparison.GreaterThanEquals, false),
        ["Bool"] = (OperatorFamily.Bool, OperatorComparison.Equals, false),
        ["BinaryEquals"] = (OperatorFamily.Binary, OperatorComparison.Equals, false),
        ["IpAddress"] = (OperatorFamily.IpAddress, OperatorComparison.Equals, false),
        ["NotIpAddress"] = (OperatorFamily.IpAddress, OperatorComparison.Equals, true),
        ["ArnEquals"] = (OperatorFamily.Arn, OperatorComparison.Equals, false),
        ["ArnLike"] = (OperatorFamily.Arn, OperatorComparison.Equals, false),
        ["ArnNotEquals"] = (OperatorFamily.Arn, OperatorComparison.Equals, true),
        ["ArnNotLike"] = (OperatorFamily.Arn, OperatorComparison.Equals, true),
        ["Null"] = (OperatorFamily.Null, OperatorComparison.Equals, false),
    };

    /// <summary>The operator, or null when the name is not one IAM knows (which the compiler reports).</summary>
    public static ConditionOperator? Parse(string name)
    {
        var rest = name;
        var set = SetOperator.None;
        if (rest.StartsWith("ForAnyValue:", StringComparison.Ordinal))
        {
            (set, rest) = (SetOperator.ForAnyValue, rest["ForAnyValue:".Length..]);
        }
        else if (rest.StartsWith("ForAllValues:", StringComparison.Ordinal))
        {
            (set, rest) = (SetOperator.ForAllValues, rest["ForAllValues:".Length..]);
        }

        var ifExists = rest.EndsWith("IfExists", StringComparison.Ordinal) && rest != "IfExists";
        if (ifExists)
        {
            rest = rest[..^"IfExists".Length];
        }

        if (!Base.TryGetValue(rest, out var kind) || (kind.Family == OperatorFamily.Null && (ifExists || set != SetOperator.None)))
        {
            return null;
        }

        return new ConditionOperator(name, set, kind.Family, kind.Comparison, kind.Negated, ifExists);
    }
}
