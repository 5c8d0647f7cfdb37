using System.Text;

namespace LocalCloud.EventBridge.Patterns;

/// <summary>
/// A <c>wildcard</c> value: <c>*</c> matches any run of characters, <c>\*</c> a literal star and <c>\\</c> a
/// literal backslash. Consecutive stars and any other escape are rejected, as in EventBridge.
/// </summary>
internal sealed class WildcardPattern
{
    // Literal text between the stars, in UTF-8; there is one more segment than there are stars.
    private readonly byte[][] _segments;

    private WildcardPattern(string source, byte[][] segments)
    {
        Source = source;
        _segments = segments;
    }

    public string Source { get; }

    public bool HasStar => _segments.Length > 1;

    /// <summary>The literal text every match starts with (empty when the pattern starts with a star).</summary>
    public ReadOnlySpan<byte> LeadingLiteral => _segments[0];

    /// <summary>The literal text every match ends with (empty when the pattern ends with a star).</summary>
    public ReadOnlySpan<byte> TrailingLiteral => _segments[^1];

    public static bool TryParse(string source, out WildcardPattern pattern, out string error)
    {
        pattern = null!;
        var segments = new List<byte[]>();
        var current = new StringBuilder();
        for (var i = 0; i < source.Length; i++)
        {
            var c = source[i];
            if (c == '*')
            {
                if (i + 1 < source.Length && source[i + 1] == '*')
                {
                    error = $"Consecutive wildcard characters at pos {i} in '{source}'";
                    return false;
                }

                segments.Add(Encoding.UTF8.GetBytes(current.ToString()));
                current.Clear();
            }
            else if (c == '\\')
            {
                if (i + 1 < source.Length && source[i + 1] is '*' or '\\')
                {
                    current.Append(source[++i]);
                }
                else
                {
                    error = $"Invalid escape character at pos {i} in '{source}': only \\* and \\\\ are allowed";
                    return false;
                }
            }
            else
            {
                current.Append(c);
            }
        }

        segments.Add(Encoding.UTF8.GetBytes(current.ToString()));
        pattern = new WildcardPattern(source, [.. segments]);
        error = string.Empty;
        return true;
    }

    public bool IsMatch(ReadOnlySpan<byte> value)
    {
        if (_segments.Length == 1)
        {
            return value.SequenceEqual(_segments[0]);
        }

        var first = _segments[0];
        var last = _segments[^1];
        if (value.Length < first.Length + last.Length || !value.StartsWith(first) || !value.EndsWith(last))
        {
            return false;
        }

        // Between the anchored ends, taking each middle segment at its leftmost place is enough:
        // with '*' as the only operator, a leftmost match never rules out a later one.
        var middle = value[first.Length..^last.Length];
        for (var i = 1; i < _segments.Length - 1; i++)
        {
            var at = middle.IndexOf(_segments[i]);
            if (at < 0)
            {
                return false;
            }

            middle = middle[(at + _segments[i].Length)..];
        }

        return true;
    }
}
