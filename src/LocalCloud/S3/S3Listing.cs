using System.Text;

namespace LocalCloud.S3;

/// <summary>S3's key order: UTF-8 binary order, which is code point order (and not .NET's UTF-16 ordinal order).</summary>
public sealed class Utf8Ordinal : IComparer<string>
{
    public static Utf8Ordinal Instance { get; } = new();

    public int Compare(string? x, string? y)
    {
        if (x is null || y is null)
        {
            return x is null ? (y is null ? 0 : -1) : 1;
        }

        var length = Math.Min(x.Length, y.Length);
        for (var i = 0; i < length; i++)
        {
            if (x[i] != y[i])
            {
                return CodePointOrder(x[i]) - CodePointOrder(y[i]);
            }
        }

        return x.Length - y.Length;
    }

    // Surrogates (U+D800–DFFF) encode code points above U+FFFF, so they sort after U+E000–FFFF.
    private static int CodePointOrder(char c) => c >= 0xD800 ? (c <= 0xDFFF ? c + 0x2000 : c - 0x800) : c;
}

/// <summary>One page of a listing: keys and common prefixes in order, and where the next page starts.</summary>
public sealed record ListingPage<T>(IReadOnlyList<T> Contents, IReadOnlyList<string> CommonPrefixes, bool IsTruncated, string? LastReturned);

/// <summary>
/// The listing rules of ListObjects and ListObjectsV2: keys under <c>prefix</c>, after <c>after</c> (a start-after key,
/// marker, or the last key or common prefix of the previous page), keys holding the delimiter after the prefix rolled
/// up into one common prefix, and keys and common prefixes together counting towards <c>maxKeys</c>.
/// </summary>
public static class S3Listing
{
    public const int MaxKeysLimit = 1000;

    public static ListingPage<T> List<T>(IEnumerable<T> sorted, Func<T, string> keyOf, string prefix, string? delimiter, string? after, int maxKeys)
    {
        var contents = new List<T>();
        var prefixes = new List<string>();
        string? last = null;
        if (maxKeys <= 0)
        {
            return new ListingPage<T>(contents, prefixes, false, null);
        }

        var comparer = Utf8Ordinal.Instance;
        foreach (var item in sorted)
        {
            var key = keyOf(item);
            if (!key.StartsWith(prefix, StringComparison.Ordinal))
            {
                if (comparer.Compare(key, prefix) > 0)
                {
                    break;
                }

                continue;
            }

            if (after is not null && comparer.Compare(key, after) <= 0)
            {
                continue;
            }

            string? commonPrefix = null;
            if (!string.IsNullOrEmpty(delimiter) && key.IndexOf(delimiter, prefix.Length, StringComparison.Ordinal) is var at and >= 0)
            {
                commonPrefix = key[..(at + delimiter.Length)];

                // Already returned on this page, or on an earlier one (the page started at or after it).
                if (commonPrefix == last || (after is not null && comparer.Compare(commonPrefix, after) <= 0))
                {
                    continue;
                }
            }

            if (contents.Count + prefixes.Count == maxKeys)
            {
                return new ListingPage<T>(contents, prefixes, true, last);
            }

            if (commonPrefix is not null)
            {
                prefixes.Add(commonPrefix);
                last = commonPrefix;
            }
            else
            {
                contents.Add(item);
                last = key;
            }
        }

        return new ListingPage<T>(contents, prefixes, false, last);
    }

    /// <summary>An opaque ListObjectsV2 continuation token for the page after <paramref name="lastReturned"/>.</summary>
    public static string ContinuationToken(string lastReturned) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes("lc1:" + lastReturned)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string ReadContinuationToken(string token)
    {
        try
        {
            var base64 = token.Replace('-', '+').Replace('_', '/');
            base64 = base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(base64));
            if (text.StartsWith("lc1:", StringComparison.Ordinal))
            {
                return text[4..];
            }
        }
        catch (FormatException)
        {
            // Not base64: reported below as an incorrect token.
        }

        throw S3Exception.InvalidArgument("The continuation token provided is incorrect", "continuation-token", token);
    }
}
