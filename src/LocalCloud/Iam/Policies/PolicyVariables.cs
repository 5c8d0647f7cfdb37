using System.Text;

namespace LocalCloud.Iam.Policies;

/// <summary>
/// Policy variables (<c>${aws:username}</c>, <c>${aws:PrincipalTag/team, 'none'}</c>, <c>${*}</c>, <c>${?}</c>,
/// <c>${$}</c>) in Resource and condition values. IAM replaces them only in policies of version 2012-10-17; in
/// 2008-10-17 the text is literal. A variable whose key the request does not carry, and that has no default,
/// makes the element not match.
/// </summary>
public static class PolicyVariables
{
    public static bool HasVariables(string text) => text.Contains("${", StringComparison.Ordinal);

    /// <summary>The text with every variable replaced, or null when a variable has no value in the request.</summary>
    public static string? Substitute(string text, PolicyRequestContext context)
    {
        var result = new StringBuilder(text.Length + 16);
        var position = 0;
        while (position < text.Length)
        {
            var start = text.IndexOf("${", position, StringComparison.Ordinal);
            var end = start < 0 ? -1 : text.IndexOf('}', start + 2);
            if (start < 0 || end < 0)
            {
                result.Append(text, position, text.Length - position);
                break;
            }

            result.Append(text, position, start - position);
            var body = text.AsSpan(start + 2, end - start - 2).Trim();
            var value = Resolve(body, context);
            if (value is null)
            {
                return null;
            }

            result.Append(value);
            position = end + 1;
        }

        return result.ToString();
    }

    private static string? Resolve(ReadOnlySpan<char> body, PolicyRequestContext context)
    {
        if (body is "*" or "?" or "$")
        {
            return body.ToString();
        }

        string? fallback = null;
        var comma = body.IndexOf(',');
        if (comma >= 0)
        {
            var text = body[(comma + 1)..].Trim();
            fallback = text.Length >= 2 && text[0] == '\'' && text[^1] == '\'' ? text[1..^1].ToString() : text.ToString();
            body = body[..comma].Trim();
        }

        return context.TryGet(body.ToString(), out var values) && values.Length > 0 ? values[0] : fallback;
    }
}
