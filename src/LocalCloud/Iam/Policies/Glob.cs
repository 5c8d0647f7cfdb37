namespace LocalCloud.Iam.Policies;

/// <summary>
/// One IAM wildcard pattern (<c>*</c> any run of characters, <c>?</c> exactly one), compiled once into the cheapest
/// test that decides it: an equality, a prefix, a suffix, or a general backtracking match. Action patterns are
/// case-insensitive and resource patterns case-sensitive, so the comparison is fixed when the pattern is built.
/// </summary>
public sealed class Glob
{
    private readonly string _pattern;
    private readonly string _literal;
    private readonly Kind _kind;
    private readonly StringComparison _comparison;

    private Glob(string pattern, bool ignoreCase)
    {
        _pattern = pattern;
        _comparison = ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        var star = pattern.IndexOf('*', StringComparison.Ordinal);
        var anyWildcard = pattern.AsSpan().IndexOfAny('*', '?') >= 0;
        if (!anyWildcard)
        {
            (_kind, _literal) = (Kind.Exact, pattern);
        }
        else if (pattern == "*")
        {
            (_kind, _literal) = (Kind.Everything, string.Empty);
        }
        else if (star == pattern.Length - 1 && pattern.AsSpan(0, star).IndexOfAny('*', '?') < 0)
        {
            (_kind, _literal) = (Kind.Prefix, pattern[..star]);
        }
        else if (star == 0 && pattern.AsSpan(1).IndexOfAny('*', '?') < 0)
        {
            (_kind, _literal) = (Kind.Suffix, pattern[1..]);
        }
        else
        {
            (_kind, _literal) = (Kind.General, pattern);
        }
    }

    private enum Kind
    {
        Exact,
        Everything,
        Prefix,
        Suffix,
        General,
    }

    /// <summary>The pattern as written.</summary>
    public string Pattern => _pattern;

    public bool IsLiteral => _kind == Kind.Exact;

    public static Glob CaseSensitive(string pattern) => new(pattern, ignoreCase: false);

    public static Glob CaseInsensitive(string pattern) => new(pattern, ignoreCase: true);

    public bool IsMatch(ReadOnlySpan<char> value) => _kind switch
    {
        Kind.Exact => value.Equals(_literal, _comparison),
        Kind.Everything => true,
        Kind.Prefix => value.StartsWith(_literal, _comparison),
        Kind.Suffix => value.EndsWith(_literal, _comparison),
        _ => General(_pattern, value, _comparison == StringComparison.OrdinalIgnoreCase),
    };

    public override string ToString() => _pattern;

    /// <summary>Linear-time wildcard matching with one backtrack point (the last <c>*</c> seen).</summary>
    private static bool General(ReadOnlySpan<char> pattern, ReadOnlySpan<char> value, bool ignoreCase)
    {
        int p = 0, v = 0, starP = -1, starV = 0;
        while (v < value.Length)
        {
            if (p < pattern.Length && (pattern[p] == '?' || Same(pattern[p], value[v], ignoreCase)))
            {
                p++;
                v++;
            }
            else if (p < pattern.Length && pattern[p] == '*')
            {
                starP = p++;
                starV = v;
            }
            else if (starP >= 0)
            {
                p = starP + 1;
                v = ++starV;
            }
            else
            {
                return false;
            }
        }

        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }

        return p == pattern.Length;
    }

    private static bool Same(char a, char b, bool ignoreCase) =>
        a == b || (ignoreCase && char.ToUpperInvariant(a) == char.ToUpperInvariant(b));
}
