namespace Dashboard.Diagnostics.Policies;

/// <summary>
/// A Resource or condition value with its policy variables (<c>${aws:username}</c>, <c>${aws:PrincipalTag/team, 'x'}</c>,
/// and the escapes <c>${*}</c>, <c>${?}</c>, <c>${$}</c>) replaced from the request. Only policies of Version
/// 2012-10-17 have variables; in 2008-10-17 the text is literal.
/// </summary>
public sealed record ResolvedPattern(string Text, bool[]? Literal)
{
    public bool IsMatch(string value, bool ignoreCase) => Wildcard.IsMatch(Text, value, ignoreCase, Literal);

    public bool EqualsValue(string value, StringComparison comparison) => string.Equals(Text, value, comparison);
}

/// <summary>Resolves policy variables; a variable with no value in the request and no default makes the entry match nothing.</summary>
public static class PolicyVariables
{
    public static ResolvedPattern? Resolve(string text, bool variablesEnabled, PolicyRequest request)
    {
        if (!variablesEnabled || !text.Contains("${", StringComparison.Ordinal))
        {
            return new ResolvedPattern(text, null);
        }

        var output = new System.Text.StringBuilder(text.Length);
        var literal = new List<bool>(text.Length);
        var i = 0;
        while (i < text.Length)
        {
            var start = text.IndexOf("${", i, StringComparison.Ordinal);
            var end = start < 0 ? -1 : text.IndexOf('}', start + 2);
            if (start < 0 || end < 0)
            {
                Append(output, literal, text[i..], isLiteral: false);
                break;
            }

            Append(output, literal, text[i..start], isLiteral: false);
            var inner = text[(start + 2)..end].Trim();
            if (inner is "*" or "?" or "$")
            {
                Append(output, literal, inner, isLiteral: true);
            }
            else if (Value(inner, request) is { } value)
            {
                Append(output, literal, value, isLiteral: true);
            }
            else
            {
                return null;
            }

            i = end + 1;
        }

        return new ResolvedPattern(output.ToString(), [.. literal]);
    }

    private static string? Value(string variable, PolicyRequest request)
    {
        var comma = variable.IndexOf(',', StringComparison.Ordinal);
        var key = (comma < 0 ? variable : variable[..comma]).Trim();
        if (request.TryGet(key, out var values) && values.Count == 1)
        {
            return values[0];
        }

        if (comma < 0)
        {
            return null;
        }

        var fallback = variable[(comma + 1)..].Trim();
        return fallback.Length >= 2 && fallback[0] == '\'' && fallback[^1] == '\'' ? fallback[1..^1] : null;
    }

    private static void Append(System.Text.StringBuilder output, List<bool> literal, string text, bool isLiteral)
    {
        output.Append(text);
        literal.AddRange(Enumerable.Repeat(isLiteral, text.Length));
    }
}
