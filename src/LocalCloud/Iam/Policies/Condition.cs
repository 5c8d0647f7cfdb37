using System.Globalization;
using System.Net;

namespace LocalCloud.Iam.Policies;

/// <summary>
/// One compiled condition: an operator, a key and the policy's values, parsed once into what the operator compares
/// (globs, ARN parts, numbers, dates, networks). Values OR within the condition; conditions AND in a statement.
/// Missing keys follow the IAM documentation ("Condition operators"): a missing key does not match, except that a
/// negated operator is then true, <c>…IfExists</c> is true, <c>ForAllValues</c> is true, and <c>Null</c> tests it.
/// </summary>
public sealed class Condition
{
    private readonly string[] _values;
    private readonly Glob[] _globs;
    private readonly ArnPattern[] _arns;
    private readonly double[] _numbers;
    private readonly DateTimeOffset[] _dates;
    private readonly IPNetwork[] _networks;
    private readonly bool _templated;

    private Condition(ConditionOperator op, string key, string[] values, bool templated)
    {
        Operator = op;
        Key = key;
        _values = values;
        _templated = templated;
        _globs = op.Family == OperatorFamily.StringLike && !templated ? values.Select(Glob.CaseSensitive).ToArray() : [];
        _arns = op.Family == OperatorFamily.Arn && !templated ? values.Select(ArnPattern.Parse).ToArray() : [];
        _numbers = op.Family == OperatorFamily.Numeric ? values.Select(v => ParseNumber(v) ?? throw Invalid(op, v, "a number")).ToArray() : [];
        _dates = op.Family == OperatorFamily.Date ? values.Select(v => ParseDate(v) ?? throw Invalid(op, v, "a date (ISO 8601 or epoch seconds)")).ToArray() : [];
        _networks = op.Family == OperatorFamily.IpAddress ? values.Select(v => ParseNetwork(v) ?? throw Invalid(op, v, "an IP address or CIDR range")).ToArray() : [];
        if (op.Family == OperatorFamily.Bool && values.Any(v => !bool.TryParse(v, out _)))
        {
            throw new FormatException($"The Bool condition on '{key}' takes \"true\" or \"false\", not '{values.First(v => !bool.TryParse(v, out _))}'.");
        }

        if (op.Family == OperatorFamily.Null && (values.Length != 1 || !bool.TryParse(values[0], out _)))
        {
            throw new FormatException($"The Null condition on '{key}' takes one value, \"true\" or \"false\".");
        }
    }

    public ConditionOperator Operator { get; }

    /// <summary>The condition key as written; keys compare case-insensitively.</summary>
    public string Key { get; }

    public IReadOnlyList<string> Values => _values;

    /// <summary>Builds a condition; bad values (a number that is not one, …) throw <see cref="FormatException"/> for the compiler to report.</summary>
    public static Condition Create(ConditionOperator op, string key, string[] values, bool variablesAllowed) =>
        new(op, key, values, variablesAllowed && op.Family is not (OperatorFamily.Numeric or OperatorFamily.Date or OperatorFamily.IpAddress or OperatorFamily.Null)
            && values.Any(PolicyVariables.HasVariables));

    /// <summary>Whether the condition holds; <paramref name="missingKey"/> is set when the request does not carry the key.</summary>
    public bool Evaluate(PolicyRequestContext context, out bool missingKey)
    {
        var present = context.TryGet(Key, out var requestValues) && requestValues.Length > 0;
        missingKey = !present;
        if (Operator.Family == OperatorFamily.Null)
        {
            return bool.Parse(_values[0]) != present;
        }

        if (!present)
        {
            return Operator.IfExists || Operator.Set == SetOperator.ForAllValues || (Operator.Negated && Operator.Set == SetOperator.None);
        }

        var compiled = _templated ? Resolve(context) : this;
        if (compiled is null)
        {
            // A policy variable the request cannot fill: the values cannot match.
            return Operator.Negated && Operator.Set == SetOperator.None;
        }

        switch (Operator.Set)
        {
            case SetOperator.ForAllValues:
                foreach (var value in requestValues)
                {
                    if (compiled.MatchesAny(value) == Operator.Negated)
                    {
                        return false;
                    }
                }

                return true;
            case SetOperator.ForAnyValue:
                foreach (var value in requestValues)
                {
                    if (compiled.MatchesAny(value) != Operator.Negated)
                    {
                        return true;
                    }
                }

                return false;
            default:
                var any = false;
                foreach (var value in requestValues)
                {
                    if (compiled.MatchesAny(value))
                    {
                        any = true;
                        break;
                    }
                }

                return any != Operator.Negated;
        }
    }

    private Condition? Resolve(PolicyRequestContext context)
    {
        var values = new string[_values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            if (PolicyVariables.Substitute(_values[i], context) is not { } value)
            {
                return null;
            }

            values[i] = value;
        }

        return new Condition(Operator, Key, values, templated: false);
    }

    /// <summary>Whether one request value matches any of the policy's values, before negation.</summary>
    private bool MatchesAny(string value)
    {
        switch (Operator.Family)
        {
            case OperatorFamily.Text:
            case OperatorFamily.Binary:
                return Array.IndexOf(_values, value) >= 0;
            case OperatorFamily.StringIgnoreCase:
                foreach (var candidate in _values)
                {
                    if (string.Equals(candidate, value, StringComparison.OrdinalIgnoreCase))
                    {
                        return true;
                    }
                }

                return false;
            case OperatorFamily.Bool:
                foreach (var candidate in _values)
                {
                    if (string.Equals(candidate, value, StringComparison.OrdinalIgnoreCase))
                    {
                        return true;
                    }
                }

                return false;
            case OperatorFamily.StringLike:
                foreach (var glob in _globs)
                {
                    if (glob.IsMatch(value))
                    {
                        return true;
                    }
                }

                return false;
            case OperatorFamily.Arn:
                foreach (var arn in _arns)
                {
                    if (arn.IsMatch(value))
                    {
                        return true;
                    }
                }

                return false;
            case OperatorFamily.Numeric:
                if (ParseNumber(value) is { } number)
                {
                    foreach (var candidate in _numbers)
                    {
                        if (Compare(number.CompareTo(candidate)))
                        {
                            return true;
                        }
                    }
                }

                return false;
            case OperatorFamily.Date:
                if (ParseDate(value) is { } date)
                {
                    foreach (var candidate in _dates)
                    {
                        if (Compare(date.CompareTo(candidate)))
                        {
                            return true;
                        }
                    }
                }

                return false;
            case OperatorFamily.IpAddress:
                if (IPAddress.TryParse(value, out var address))
                {
                    foreach (var network in _networks)
                    {
                        if (network.Contains(address))
                        {
                            return true;
                        }
                    }
                }

                return false;
            default:
                return false;
        }
    }

    private bool Compare(int order) => Operator.Comparison switch
    {
        OperatorComparison.Equals => order == 0,
        OperatorComparison.LessThan => order < 0,
        OperatorComparison.LessThanEquals => order <= 0,
        OperatorComparison.GreaterThan => order > 0,
        _ => order >= 0,
    };

    private static double? ParseNumber(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) ? number : null;

    private static DateTimeOffset? ParseDate(string text)
    {
        if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var epoch))
        {
            return DateTimeOffset.FromUnixTimeSeconds(epoch);
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date) ? date : null;
    }

    private static IPNetwork? ParseNetwork(string text)
    {
        if (IPNetwork.TryParse(text, out var network))
        {
            return network;
        }

        return IPAddress.TryParse(text, out var address) ? new IPNetwork(address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128) : null;
    }

    private static FormatException Invalid(ConditionOperator op, string value, string expected) =>
        new($"The {op.Name} condition takes {expected}, not '{value}'.");
}

/// <summary>
/// An ARN pattern for the Arn operators: each of the six colon-separated parts is matched on its own, with
/// <c>*</c> and <c>?</c>, case-sensitively (IAM "Condition operators", ARN condition operators).
/// </summary>
public sealed class ArnPattern
{
    private readonly Glob[]? _parts;
    private readonly Glob _whole;

    private ArnPattern(string pattern)
    {
        _whole = Glob.CaseSensitive(pattern);
        var parts = Split(pattern);
        _parts = parts?.Select(Glob.CaseSensitive).ToArray();
    }

    public static ArnPattern Parse(string pattern) => new(pattern);

    public bool IsMatch(string value)
    {
        if (_parts is null)
        {
            return _whole.IsMatch(value);
        }

        // Walks the value's first five colons without splitting it, so matching allocates nothing.
        var rest = value.AsSpan();
        for (var i = 0; i < _parts.Length - 1; i++)
        {
            var colon = rest.IndexOf(':');
            if (colon < 0 || !_parts[i].IsMatch(rest[..colon]))
            {
                return false;
            }

            rest = rest[(colon + 1)..];
        }

        return _parts[^1].IsMatch(rest);
    }

    /// <summary><c>arn:partition:service:region:account:resource</c>, the resource keeping any further colons.</summary>
    private static string[]? Split(string arn)
    {
        var parts = arn.Split(':', 6);
        return parts.Length == 6 ? parts : null;
    }
}
