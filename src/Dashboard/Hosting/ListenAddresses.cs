using System.Net;

namespace Dashboard.Hosting;

/// <summary>
/// The addresses the app is configured to listen on (<c>urls</c> / <c>ASPNETCORE_URLS</c> / <c>--urls</c>,
/// <c>http_ports</c> / <c>https_ports</c>, and <c>Kestrel:Endpoints:*:Url</c>), and which of them are not loopback.
/// Without any, Kestrel listens on <c>http://localhost:5000</c>, which is loopback.
/// </summary>
public static class ListenAddresses
{
    public static IReadOnlyList<string> From(IConfiguration configuration)
    {
        var addresses = new List<string>();
        addresses.AddRange(Split(configuration["urls"]));
        addresses.AddRange(Split(configuration["http_ports"]).Select(port => $"http://*:{port}"));
        addresses.AddRange(Split(configuration["https_ports"]).Select(port => $"https://*:{port}"));
        foreach (var endpoint in configuration.GetSection("Kestrel:Endpoints").GetChildren())
        {
            if (endpoint["Url"] is { Length: > 0 } url)
            {
                addresses.Add(url.Trim());
            }
        }

        return addresses;
    }

    /// <summary>The configured addresses that other machines could reach.</summary>
    public static IReadOnlyList<string> NotLoopback(IConfiguration configuration) => [.. From(configuration).Where(a => !IsLoopback(a))];

    /// <summary>
    /// Whether a listen address reaches this machine only: <c>localhost</c>, <c>127.0.0.0/8</c> or <c>[::1]</c>. Wildcards
    /// (<c>*</c>, <c>+</c>, <c>0.0.0.0</c>, <c>[::]</c>), other addresses and host names are not; neither is an address
    /// that cannot be read, so a typo never opens the dashboard up.
    /// </summary>
    public static bool IsLoopback(string address)
    {
        var rest = address.Trim();
        var scheme = rest.IndexOf("://", StringComparison.Ordinal);
        if (scheme >= 0)
        {
            rest = rest[(scheme + 3)..];
        }

        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        if (slash >= 0)
        {
            rest = rest[..slash];
        }

        string host;
        if (rest.StartsWith('['))
        {
            var close = rest.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
            {
                return false;
            }

            host = rest[1..close];
        }
        else
        {
            var colon = rest.LastIndexOf(':');
            host = colon >= 0 ? rest[..colon] : rest;
        }

        if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip);
    }

    private static string[] Split(string? value) =>
        (value ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
