using System.Collections.Immutable;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using LocalCloud.Protocol;

namespace LocalCloud.EventBridge.Patterns;

/// <summary>
/// Turns the JSON of an EventBridge event pattern into an <see cref="EventPattern"/>, validating it as EventBridge
/// does (EventBridge User Guide, "Event patterns" and "Content filtering"; aws/event-ruler's rule compiler).
/// </summary>
public static class EventPatternCompiler
{
    public const string ErrorCode = "InvalidEventPatternException";

    /// <summary>How many alternatives <c>$or</c> may expand a pattern into.</summary>
    public const int MaxAlternatives = 1024;

    private static readonly HashSet<string> ReservedInOr = new(StringComparer.Ordinal)
    {
        "exactly", "equals-ignore-case", "prefix", "suffix", "anything-but", "exists", "wildcard", "numeric", "cidr",
        "=", "<", "<=", ">", ">=",
    };

    private static readonly JsonDocumentOptions ParseOptions = new() { MaxDepth = 64 };

    /// <summary>Validates and compiles a pattern. An invalid pattern throws <see cref="AwsServiceException"/>
    /// with code <c>InvalidEventPatternException</c> and a message that says what is wrong and where.</summary>
    public static EventPattern Compile(string patternJson)
    {
        if (string.IsNullOrWhiteSpace(patternJson))
        {
            throw Invalid("the pattern is empty", string.Empty);
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(patternJson, ParseOptions);
        }
        catch (JsonException ex)
        {
            throw Invalid($"the pattern is not valid JSON ({ex.Message})", string.Empty);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw Invalid("the pattern must be a JSON object", string.Empty);
            }

            var alternatives = new List<Dictionary<string, FieldCondition>>();
            ParseObject(document.RootElement, string.Empty, alternatives, insideOr: false);
            var branches = alternatives
                .Select(a => a.Values.OrderBy(Selectivity).ThenBy(c => c.Path, StringComparer.Ordinal).ToImmutableArray())
                .ToImmutableArray();
            return new EventPattern(patternJson, branches);
        }
    }

    // The order in which a rule index tests a pattern's fields: the narrowest tests first, so that a rule
    // the event does not match is dropped at its first field. Conditions that say the same thing sort the same
    // way in every pattern, which lets rules share their first steps.
    private static int Selectivity(FieldCondition condition)
    {
        if (condition.Matchers.IsEmpty)
        {
            return 3;   // absence only
        }

        if (condition.MatchesAbsent || condition.Matchers.Any(m => m is AnythingButMatcher or ExistsMatcher))
        {
            return 2;   // passes most values
        }

        return condition.Matchers.All(m => m is ExactStringMatcher or ExactNumberMatcher or LiteralMatcher or EqualsIgnoreCaseMatcher) ? 0 : 1;
    }

    /// <summary>Validates a pattern: null when it compiles, otherwise the error message.</summary>
    public static string? Check(string patternJson)
    {
        try
        {
            Compile(patternJson);
            return null;
        }
        catch (AwsServiceException ex) when (ex.Code == ErrorCode)
        {
            return ex.Message;
        }
    }

    private static AwsServiceException Invalid(string reason, string path) =>
        new(ErrorCode, path.Length == 0 ? $"Event pattern is not valid. Reason: {reason}" : $"Event pattern is not valid. Reason: {reason} at {path}");

    private static string Join(string prefix, string name) => prefix.Length == 0 ? name : prefix + "." + name;

    // Each member adds a condition to every alternative so far; "$or" multiplies the alternatives
    // (the disjunctive normal form event-ruler compiles into).
    private static void ParseObject(JsonElement obj, string path, List<Dictionary<string, FieldCondition>> alternatives, bool insideOr)
    {
        var any = false;
        foreach (var member in obj.EnumerateObject())
        {
            any = true;
            if (member.Name == "$or")
            {
                ParseOr(member.Value, path, alternatives);
                continue;
            }

            var memberPath = Join(path, member.Name);
            if (insideOr && ReservedInOr.Contains(member.Name))
            {
                throw Invalid($"'{member.Name}' is a matching operator and cannot be used as a field name inside '$or'", memberPath);
            }

            switch (member.Value.ValueKind)
            {
                case JsonValueKind.Object:
                    ParseObject(member.Value, memberPath, alternatives, insideOr);
                    break;
                case JsonValueKind.Array:
                    var condition = ParseField(member.Value, memberPath);
                    if (alternatives.Count == 0)
                    {
                        alternatives.Add(new Dictionary<string, FieldCondition>(StringComparer.Ordinal));
                    }

                    foreach (var alternative in alternatives)
                    {
                        if (!alternative.TryAdd(memberPath, condition))
                        {
                            throw Invalid("the same field is given more than once", memberPath);
                        }
                    }

                    break;
                default:
                    throw Invalid($"'{member.Name}' must be an object or an array", memberPath);
            }
        }

        if (!any)
        {
            throw Invalid("empty objects are not allowed", path);
        }
    }

    private static void ParseOr(JsonElement value, string path, List<Dictionary<string, FieldCondition>> alternatives)
    {
        var at = Join(path, "$or");
        if (value.ValueKind != JsonValueKind.Array)
        {
            throw Invalid("'$or' must be an array of objects", at);
        }

        if (value.GetArrayLength() < 2)
        {
            throw Invalid("'$or' needs at least 2 objects", at);
        }

        var before = alternatives.Select(a => new Dictionary<string, FieldCondition>(a, StringComparer.Ordinal)).ToList();
        alternatives.Clear();
        foreach (var option in value.EnumerateArray())
        {
            if (option.ValueKind != JsonValueKind.Object)
            {
                throw Invalid("'$or' may only hold objects", at);
            }

            var forked = before.Count == 0
                ? [new Dictionary<string, FieldCondition>(StringComparer.Ordinal)]
                : before.Select(a => new Dictionary<string, FieldCondition>(a, StringComparer.Ordinal)).ToList();
            ParseObject(option, path, forked, insideOr: true);
            alternatives.AddRange(forked);
            if (alternatives.Count > MaxAlternatives)
            {
                throw Invalid($"'$or' expands the pattern into more than {MaxAlternatives} alternatives", at);
            }
        }
    }

    private static FieldCondition ParseField(JsonElement values, string path)
    {
        if (values.GetArrayLength() == 0)
        {
            throw Invalid("empty arrays are not allowed", path);
        }

        var matchers = new List<ValueMatcher>();
        var matchesAbsent = false;
        foreach (var value in values.EnumerateArray())
        {
            switch (value.ValueKind)
            {
                case JsonValueKind.String:
                    var text = value.GetString()!;
                    matchers.Add(new ExactStringMatcher(Encoding.UTF8.GetBytes(text)));
                    // event-ruler matches a string that is an IP address as an address, so that
                    // "10.0.0.1" also matches the event's "10.00.0.1".
                    if (IpAddresses.TryParse(Encoding.UTF8.GetBytes(text), out var ip))
                    {
                        matchers.Add(new CidrMatcher(new IpAddressRange(ip.IsV6, ip.Value, ip.Value)));
                    }

                    break;
                case JsonValueKind.Number:
                    matchers.Add(ExactNumber(value));
                    break;
                case JsonValueKind.True:
                    matchers.Add(new LiteralMatcher(LeafKind.True));
                    break;
                case JsonValueKind.False:
                    matchers.Add(new LiteralMatcher(LeafKind.False));
                    break;
                case JsonValueKind.Null:
                    matchers.Add(new LiteralMatcher(LeafKind.Null));
                    break;
                case JsonValueKind.Object:
                    if (ParseOperator(value, path) is { } matcher)
                    {
                        matchers.Add(matcher);
                    }
                    else
                    {
                        matchesAbsent = true;
                    }

                    break;
                default:
                    throw Invalid("a match value must be a string, number, true, false, null or an operator object, not an array", path);
            }
        }

        return new FieldCondition(path, [.. matchers.Distinct()], matchesAbsent);
    }

    private static ExactNumberMatcher ExactNumber(JsonElement number)
    {
        var raw = JsonMarshal.GetRawUtf8Value(number);
        return ComparableNumber.TryParse(raw, out var millionths)
            ? new ExactNumberMatcher(millionths, raw.ToArray())
            : new ExactNumberMatcher(null, raw.ToArray());
    }

    // Returns null for {"exists": false}, which the field records as "matches when absent".
    private static ValueMatcher? ParseOperator(JsonElement expression, string path)
    {
        using var members = expression.EnumerateObject();
        if (!members.MoveNext())
        {
            throw Invalid("a match expression must name an operator, but the object is empty", path);
        }

        var op = members.Current;
        if (members.MoveNext())
        {
            throw Invalid($"only one key is allowed in a match expression, but '{op.Name}' is followed by '{members.Current.Name}'", path);
        }

        var operand = op.Value;
        switch (op.Name)
        {
            case "prefix":
            case "suffix":
                return ParsePrefixOrSuffix(op.Name, operand, path);
            case "equals-ignore-case":
                return new EqualsIgnoreCaseMatcher(CaseFolding.Fold(RequireString(operand, "equals-ignore-case", path)));
            case "wildcard":
                return new WildcardMatcher(ParseWildcard(RequireString(operand, "wildcard", path), path));
            case "numeric":
                return ParseNumeric(operand, path);
            case "anything-but":
                return ParseAnythingBut(operand, path);
            case "exists":
                return operand.ValueKind switch
                {
                    JsonValueKind.True => ExistsMatcher.Instance,
                    JsonValueKind.False => null,
                    _ => throw Invalid("'exists' must be true or false", path),
                };
            case "cidr":
                var cidr = RequireString(operand, "cidr", path);
                return IpAddressRange.TryParseCidr(cidr, out var range, out var error)
                    ? new CidrMatcher(range)
                    : throw Invalid(error, path);
            default:
                throw Invalid($"unrecognized match type '{op.Name}'", path);
        }
    }

    private static ValueMatcher ParsePrefixOrSuffix(string op, JsonElement operand, string path)
    {
        var isPrefix = op == "prefix";
        if (operand.ValueKind == JsonValueKind.String)
        {
            var bytes = Encoding.UTF8.GetBytes(operand.GetString()!);
            return isPrefix ? new PrefixMatcher(bytes, false) : new SuffixMatcher(bytes, false);
        }

        if (operand.ValueKind == JsonValueKind.Object)
        {
            using var members = operand.EnumerateObject();
            if (members.MoveNext() && members.Current.Name == "equals-ignore-case")
            {
                var folded = CaseFolding.Fold(RequireString(members.Current.Value, $"{op}.equals-ignore-case", path));
                if (members.MoveNext())
                {
                    throw Invalid($"only one key is allowed in a '{op}' expression", path);
                }

                return isPrefix ? new PrefixMatcher(folded, true) : new SuffixMatcher(folded, true);
            }

            throw Invalid($"'{op}' takes a string or {{\"equals-ignore-case\": string}}", path);
        }

        throw Invalid($"'{op}' must be a string", path);
    }

    private static string RequireString(JsonElement operand, string op, string path) =>
        operand.ValueKind == JsonValueKind.String ? operand.GetString()! : throw Invalid($"'{op}' must be a string", path);

    private static WildcardPattern ParseWildcard(string source, string path) =>
        WildcardPattern.TryParse(source, out var pattern, out var error) ? pattern : throw Invalid(error, path);

    private static long ComparableOperand(JsonElement operand, string op, string path)
    {
        if (operand.ValueKind != JsonValueKind.Number)
        {
            throw Invalid($"the value of '{op}' must be a number", path);
        }

        return ComparableNumber.TryParse(JsonMarshal.GetRawUtf8Value(operand), out var millionths)
            ? millionths
            : throw Invalid($"the value of '{op}' must be {ComparableNumber.RangeDescription}", path);
    }

    // ["=", n], ["<" | "<=", n], [">" | ">=", n], or [">" | ">=", n, "<" | "<=", m] with n < m.
    private static ValueMatcher ParseNumeric(JsonElement operand, string path)
    {
        if (operand.ValueKind != JsonValueKind.Array)
        {
            throw Invalid("'numeric' must be an array such as [\">\", 0, \"<=\", 5]", path);
        }

        var terms = operand.EnumerateArray().ToArray();
        if (terms.Length < 2)
        {
            throw Invalid("'numeric' needs an operator and a number", path);
        }

        var op = terms[0].ValueKind == JsonValueKind.String ? terms[0].GetString()! : throw Invalid($"'numeric' must start with an operator, not {terms[0].GetRawText()}", path);
        var value = op is "=" or "<" or "<=" or ">" or ">="
            ? ComparableOperand(terms[1], op, path)
            : throw Invalid($"unrecognized numeric operator '{op}'", path);

        if (op is "=" or "<" or "<=")
        {
            if (terms.Length > 2)
            {
                throw Invalid($"too many elements in numeric expression: '{op}' must be last (put the lower bound first, as in [\">\", 0, \"<=\", 5])", path);
            }

            return op == "="
                ? new ExactNumberMatcher(value, Encoding.UTF8.GetBytes(ComparableNumber.Format(value)))
                : new NumericRangeMatcher(null, false, value, op == "<");
        }

        if (terms.Length == 2)
        {
            return new NumericRangeMatcher(value, op == ">", null, false);
        }

        var upperOp = terms[2].ValueKind == JsonValueKind.String ? terms[2].GetString()! : null;
        if (upperOp is not ("<" or "<="))
        {
            throw Invalid($"bad numeric range operator {terms[2].GetRawText()}: after '{op}' only '<' or '<=' may follow", path);
        }

        if (terms.Length != 4)
        {
            throw Invalid(terms.Length < 4 ? $"'{upperOp}' needs a number" : "too many elements in numeric expression", path);
        }

        var upper = ComparableOperand(terms[3], upperOp, path);
        if (value >= upper)
        {
            throw Invalid($"the bottom of a numeric range must be less than the top ({ComparableNumber.Format(value)} is not less than {ComparableNumber.Format(upper)})", path);
        }

        return new NumericRangeMatcher(value, op == ">", upper, upperOp == "<");
    }

    private static AnythingButMatcher ParseAnythingBut(JsonElement operand, string path)
    {
        switch (operand.ValueKind)
        {
            case JsonValueKind.String:
                return Strings(AnythingButKind.Strings, [Encoding.UTF8.GetBytes(operand.GetString()!)]);
            case JsonValueKind.Number:
                return new AnythingButMatcher(AnythingButKind.Numbers, [], [ComparableOperand(operand, "anything-but", path)], []);
            case JsonValueKind.Array:
                var items = operand.EnumerateArray().ToArray();
                if (items.Length == 0)
                {
                    throw Invalid("'anything-but' needs at least one value", path);
                }

                if (items.All(i => i.ValueKind == JsonValueKind.String))
                {
                    return Strings(AnythingButKind.Strings, items.Select(i => Encoding.UTF8.GetBytes(i.GetString()!)));
                }

                if (items.All(i => i.ValueKind == JsonValueKind.Number))
                {
                    return new AnythingButMatcher(AnythingButKind.Numbers, [], [.. items.Select(i => ComparableOperand(i, "anything-but", path)).Distinct()], []);
                }

                throw Invalid("an 'anything-but' list must hold only strings or only numbers (no mixed types, objects, booleans or null)", path);
            case JsonValueKind.Object:
                return ParseAnythingButObject(operand, path);
            default:
                throw Invalid("'anything-but' must be a string, a number, a list of them, or an object with 'prefix', 'suffix', 'equals-ignore-case' or 'wildcard'", path);
        }
    }

    private static AnythingButMatcher ParseAnythingButObject(JsonElement operand, string path)
    {
        using var members = operand.EnumerateObject();
        if (!members.MoveNext())
        {
            throw Invalid("'anything-but' must name 'prefix', 'suffix', 'equals-ignore-case' or 'wildcard', but the object is empty", path);
        }

        var op = members.Current;
        if (members.MoveNext())
        {
            throw Invalid("only one key is allowed in an 'anything-but' expression", path);
        }

        if (op.Name is not ("prefix" or "suffix" or "equals-ignore-case" or "wildcard"))
        {
            throw Invalid($"unsupported anything-but pattern '{op.Name}' (use 'prefix', 'suffix', 'equals-ignore-case' or 'wildcard')", path);
        }

        var name = $"anything-but.{op.Name}";
        var values = op.Value.ValueKind switch
        {
            JsonValueKind.String => [op.Value.GetString()!],
            JsonValueKind.Array when op.Value.GetArrayLength() > 0 && op.Value.EnumerateArray().All(v => v.ValueKind == JsonValueKind.String)
                => op.Value.EnumerateArray().Select(v => v.GetString()!).ToArray(),
            _ => throw Invalid($"'{name}' must be a string or a non-empty list of strings", path),
        };

        switch (op.Name)
        {
            case "prefix":
            case "suffix":
                if (values.Any(v => v.Length == 0))
                {
                    throw Invalid($"'{name}' must not be empty", path);
                }

                return Strings(op.Name == "prefix" ? AnythingButKind.Prefixes : AnythingButKind.Suffixes, values.Select(Encoding.UTF8.GetBytes));
            case "equals-ignore-case":
                return Strings(AnythingButKind.IgnoreCase, values.Select(CaseFolding.Fold));
            default:
                return new AnythingButMatcher(AnythingButKind.Wildcards, [], [], [.. values.Distinct(StringComparer.Ordinal).Select(v => ParseWildcard(v, path))]);
        }
    }

    private static AnythingButMatcher Strings(AnythingButKind kind, IEnumerable<byte[]> values) =>
        new(kind, [.. values.DistinctBy(Convert.ToBase64String)], [], []);
}
