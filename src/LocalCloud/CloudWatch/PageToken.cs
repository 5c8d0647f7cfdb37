using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json;
using LocalCloud.Protocol;

namespace LocalCloud.CloudWatch;

/// <summary>
/// Opaque pagination tokens: the position to resume from, bound to the request that made it by a fingerprint of its
/// other members, so a token sent with a different request is refused rather than misread.
/// </summary>
internal static class PageToken
{
    public static string Encode<TPosition>(TPosition position, string fingerprint)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(new Envelope<TPosition>(fingerprint, position));
        return Base64Url.EncodeToString(json);
    }

    /// <summary>The position in a token, or null for the first page; a token that is not ours, or is another request's, throws.</summary>
    public static TPosition? Decode<TPosition>(string? token, string fingerprint, Func<string, AwsServiceException> invalid)
        where TPosition : class
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        Envelope<TPosition>? envelope;
        try
        {
            envelope = JsonSerializer.Deserialize<Envelope<TPosition>>(Base64Url.DecodeFromChars(token));
        }
        catch (Exception error) when (error is FormatException or JsonException)
        {
            throw Invalid(token, invalid);
        }

        return envelope?.Position is { } position && envelope.Fingerprint == fingerprint ? position : throw Invalid(token, invalid);
    }

    private static AwsServiceException Invalid(string token, Func<string, AwsServiceException> invalid) =>
        invalid($"The NextToken '{token}' is not valid for this request. Send the NextToken of the previous response, with the same other parameters.");

    /// <summary>A short hash of a request, with its NextToken left out.</summary>
    public static string Fingerprint(object requestWithoutToken) =>
        Convert.ToHexString(SHA256.HashData(WireJson.Serialize(requestWithoutToken)), 0, 8);

    private sealed record Envelope<TPosition>(string Fingerprint, TPosition? Position);
}
