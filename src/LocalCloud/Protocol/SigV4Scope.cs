using System.Text.RegularExpressions;

namespace LocalCloud.Protocol;

/// <summary>
/// The credential scope of a SigV4 <c>Authorization</c> header (or presigned query):
/// <c>Credential=AKID/20261125/eu-west-1/glue/aws4_request</c>. LocalCloud accepts any signature; the scope tells it
/// the region and service, and the access key tells it the account.
/// </summary>
public sealed partial record SigV4Scope(string AccessKeyId, string Region, string Service)
{
    public static SigV4Scope? Parse(string? authorization, string? presignedCredential = null)
    {
        var credential = authorization is not null && CredentialPattern().Match(authorization) is { Success: true } match
            ? match.Groups["credential"].Value
            : presignedCredential;
        if (string.IsNullOrEmpty(credential))
        {
            return null;
        }

        var parts = credential.Split('/');
        return parts.Length >= 5 ? new SigV4Scope(parts[0], parts[2], parts[3]) : null;
    }

    [GeneratedRegex(@"Credential=(?<credential>[^,\s]+)")]
    private static partial Regex CredentialPattern();
}
