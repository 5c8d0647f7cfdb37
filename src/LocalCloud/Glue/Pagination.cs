using System.Globalization;
using System.Text;
using LocalCloud.Protocol;

namespace LocalCloud.Glue;

/// <summary>Opaque pagination tokens: the offset, base64-encoded with a marker, so callers cannot guess them.</summary>
public static class Pagination
{
    public static (List<T> Page, string? NextToken) Page<T>(IReadOnlyList<T> items, string? token, int? maxResults, int defaultSize, int maxSize, string code = "InvalidInputException")
    {
        var size = maxResults ?? defaultSize;
        if (size < 1 || size > maxSize)
        {
            throw new AwsServiceException(code, $"MaxResults must be between 1 and {maxSize}, but was {size}.");
        }

        var start = Decode(token, code);
        var page = items.Skip(start).Take(size).ToList();
        return (page, start + size < items.Count ? Encode(start + size) : null);
    }

    private static string Encode(int offset) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"localcloud:{offset.ToString(CultureInfo.InvariantCulture)}"));

    private static int Decode(string? token, string code)
    {
        if (string.IsNullOrEmpty(token))
        {
            return 0;
        }

        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(token));
            if (text.StartsWith("localcloud:", StringComparison.Ordinal) && int.TryParse(text["localcloud:".Length..], CultureInfo.InvariantCulture, out var offset) && offset >= 0)
            {
                return offset;
            }
        }
        catch (FormatException)
        {
            // Not base64: reported below like any other foreign token.
        }

        throw new AwsServiceException(code, "The NextToken is not valid. Pass the token from the previous response unchanged.");
    }
}
