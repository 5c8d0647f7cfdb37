using System.Buffers.Text;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace LocalCloud.Iam;

/// <summary>
/// Input checks with IAM's <c>ValidationError</c> wording ("1 validation error detected: Value 'x' at 'roleName'
/// failed to satisfy constraint: …"), against the constraints of botocore's iam model, and IAM's markers.
/// </summary>
internal static partial class IamValidation
{
    public const int DefaultMaxItems = 100;

    public static string Name(string? value, string member, int max = 64)
    {
        var name = Required(value, member);
        if (name.Length > max)
        {
            throw Failed(name, member, $"Member must have length less than or equal to {max}");
        }

        if (!NamePattern().IsMatch(name))
        {
            throw Failed(name, member, @"Member must satisfy regular expression pattern: [\w+=,.@-]+");
        }

        return name;
    }

    public static string Required(string? value, string member) =>
        string.IsNullOrEmpty(value)
            ? throw IamErrors.Validation($"1 validation error detected: Value null at '{member}' failed to satisfy constraint: Member must not be null")
            : value;

    /// <summary>A role or policy path: "/" or "/a/b/".</summary>
    public static string Path(string? value, string member)
    {
        var path = string.IsNullOrEmpty(value) ? "/" : value;
        if (path.Length > 512 || !PathPattern().IsMatch(path))
        {
            throw Failed(path, member, @"Member must satisfy regular expression pattern: (\u002F)|(\u002F[\u0021-\u007E]+\u002F)");
        }

        return path;
    }

    public static int MaxItems(int? value)
    {
        if (value is < 1 or > 1000)
        {
            throw Failed(value.Value.ToString(CultureInfo.InvariantCulture), "maxItems", value < 1
                ? "Member must have value greater than or equal to 1"
                : "Member must have value less than or equal to 1000");
        }

        return value ?? DefaultMaxItems;
    }

    public static string Document(string? value, string member)
    {
        var document = Required(value, member);
        if (document.Length > 131072)
        {
            throw Failed("(document)", member, "Member must have length less than or equal to 131072");
        }

        return document;
    }

    /// <summary>One page of <paramref name="items"/> (already in IAM's order) after the marker, and the marker of the next.</summary>
    public static (List<T> Page, bool IsTruncated, string? Marker) Page<T>(IReadOnlyList<T> items, Func<T, string> key, string? marker, int? maxItems)
    {
        var size = MaxItems(maxItems);
        var start = 0;
        if (!string.IsNullOrEmpty(marker))
        {
            string after;
            try
            {
                after = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(marker));
            }
            catch (FormatException)
            {
                throw IamErrors.InvalidInput($"Invalid Marker: '{marker}' is not a marker this operation returned.");
            }

            while (start < items.Count && string.CompareOrdinal(key(items[start]), after) <= 0)
            {
                start++;
            }
        }

        var page = items.Skip(start).Take(size).ToList();
        var truncated = start + page.Count < items.Count;
        return (page, truncated, truncated ? Base64Url.EncodeToString(Encoding.UTF8.GetBytes(key(page[^1]))) : null);
    }

    private static LocalCloud.Protocol.AwsServiceException Failed(string value, string member, string constraint) =>
        IamErrors.Validation($"1 validation error detected: Value '{value}' at '{member}' failed to satisfy constraint: {constraint}");

    [GeneratedRegex(@"^[\w+=,.@-]+$")]
    private static partial Regex NamePattern();

    [GeneratedRegex(@"^(/|/[\u0021-\u007E]+/)$")]
    private static partial Regex PathPattern();
}
