using System.Text.RegularExpressions;

namespace LocalCloud.S3;

/// <summary>The general purpose bucket naming rules (S3 User Guide, "Bucket naming rules").</summary>
public static partial class BucketNames
{
    private static readonly string[] ReservedPrefixes = ["xn--", "sthree-", "amzn-s3-demo-"];
    private static readonly string[] ReservedSuffixes = ["-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3"];

    /// <summary>Why the name is not a valid bucket name, or null when it is.</summary>
    public static string? Problem(string name)
    {
        if (name.Length is < 3 or > 63)
        {
            return "bucket names must be between 3 and 63 characters long.";
        }

        if (!Allowed().IsMatch(name))
        {
            return "bucket names can consist only of lowercase letters, numbers, periods (.) and hyphens (-), and must begin and end with a letter or number.";
        }

        if (name.Contains("..", StringComparison.Ordinal))
        {
            return "bucket names must not contain two adjacent periods.";
        }

        if (IpAddress().IsMatch(name))
        {
            return "bucket names must not be formatted as an IP address.";
        }

        if (ReservedPrefixes.FirstOrDefault(p => name.StartsWith(p, StringComparison.Ordinal)) is { } prefix)
        {
            return $"bucket names must not start with the reserved prefix '{prefix}'.";
        }

        return ReservedSuffixes.FirstOrDefault(s => name.EndsWith(s, StringComparison.Ordinal)) is { } suffix
            ? $"bucket names must not end with the reserved suffix '{suffix}'."
            : null;
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9.-]*[a-z0-9]$")]
    private static partial Regex Allowed();

    [GeneratedRegex(@"^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$")]
    private static partial Regex IpAddress();
}
