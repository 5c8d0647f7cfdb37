namespace Dashboard.Diagnostics.Policies;

/// <summary>
/// IAM's wildcards: <c>*</c> matches any run of characters (none included), <c>?</c> exactly one. Actions compare
/// without regard to case, resources and <c>*Like</c> condition values with it, so the caller picks.
/// </summary>
public static class Wildcard
{
    /// <param name="pattern">The policy's text, with wildcards.</param>
    /// <param name="value">The request's action, resource or condition value.</param>
    /// <param name="ignoreCase">True for actions.</param>
    /// <param name="literal">Positions of <paramref name="pattern"/> that are plain characters even when they read
    /// <c>*</c> or <c>?</c>: what the policy variables <c>${*}</c> and <c>${?}</c> put there.</param>
    public static bool IsMatch(string pattern, string value, bool ignoreCase, bool[]? literal = null)
    {
        // Greedy matching with one back-track point: linear for the patterns IAM documents hold.
        int p = 0, v = 0, star = -1, resume = 0;
        while (v < value.Length)
        {
            if (p < pattern.Length && ((pattern[p] == '?' && !Literal(literal, p)) || Same(pattern[p], value[v], ignoreCase)))
            {
                p++;
                v++;
            }
            else if (p < pattern.Length && pattern[p] == '*' && !Literal(literal, p))
            {
                star = p++;
                resume = v;
            }
            else if (star >= 0)
            {
                p = star + 1;
                v = ++resume;
            }
            else
            {
                return false;
            }
        }

        while (p < pattern.Length && pattern[p] == '*' && !Literal(literal, p))
        {
            p++;
        }

        return p == pattern.Length;
    }

    private static bool Literal(bool[]? literal, int index) => literal is not null && literal[index];

    private static bool Same(char a, char b, bool ignoreCase) =>
        a == b || (ignoreCase && char.ToUpperInvariant(a) == char.ToUpperInvariant(b));
}
