namespace LocalCloud.S3;

/// <summary>
/// The bucket and key a request addresses: virtual-host style (<c>bucket.s3.&lt;anything&gt;</c> or
/// <c>bucket.localhost:port</c> in the Host header) or path style (<c>/bucket/key</c>). The key is taken from the raw
/// request target and percent-decoded once, so <c>%2F</c>, <c>+</c> and <c>//</c> in keys survive.
/// </summary>
public sealed record S3Address(string? Bucket, string? Key, bool VirtualHosted)
{
    public static S3Address From(string host, string rawTarget)
    {
        var query = rawTarget.IndexOf('?', StringComparison.Ordinal);
        var path = query < 0 ? rawTarget : rawTarget[..query];
        if (!path.StartsWith('/'))
        {
            path = "/" + path;
        }

        if (VirtualHostBucket(host) is { } bucket)
        {
            return new S3Address(bucket, Decode(path[1..]) is { Length: > 0 } key ? key : null, true);
        }

        var rest = path[1..];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var bucketPart = slash < 0 ? rest : rest[..slash];
        var keyPart = slash < 0 ? string.Empty : rest[(slash + 1)..];
        return new S3Address(
            bucketPart.Length == 0 ? null : Decode(bucketPart),
            keyPart.Length == 0 ? null : Decode(keyPart),
            false);
    }

    /// <summary>The bucket named by a virtual-hosted style Host header, or null for path style.</summary>
    public static string? VirtualHostBucket(string host)
    {
        var name = HostName(host).ToLowerInvariant();
        var s3 = name.LastIndexOf(".s3.", StringComparison.Ordinal);
        if (s3 > 0)
        {
            return name[..s3];
        }

        // s3.localhost names the service itself ("s3" is too short to be a bucket).
        const string Localhost = ".localhost";
        return name.EndsWith(Localhost, StringComparison.Ordinal) && name[..^Localhost.Length] is { Length: > 0 } bucket && bucket != "s3" ? bucket : null;
    }

    private static string HostName(string host)
    {
        if (host.StartsWith('['))
        {
            return string.Empty; // An IPv6 literal names no bucket.
        }

        var colon = host.LastIndexOf(':');
        return colon < 0 ? host : host[..colon];
    }

    private static string Decode(string raw) => Uri.UnescapeDataString(raw);
}
