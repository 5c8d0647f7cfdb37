using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Dashboard.Tests.Security;

/// <summary>
/// Plays the ALB: an EC P-256 key pair whose public half is served as PEM on 127.0.0.1 at <c>/keys/{kid}</c>, and
/// tokens signed with it as the ALB signs <c>x-amzn-oidc-data</c> (ES256, base64url with padding, signer in the header).
/// </summary>
public sealed class AlbTokens : IAsyncDisposable
{
    public const string Signer = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/dashboard/50dc6c495c0c9188";
    public const string Kid = "8c6cdd9c-6a37-4ad4-a0e0-7c5e2a4f3b21";

    private readonly WebApplication _server;

    private AlbTokens(WebApplication server, ECDsa key)
    {
        _server = server;
        Key = key;
    }

    public ECDsa Key { get; }

    public int KeyFetches { get; private set; }

    /// <summary>The key URL template for <c>SignIn:KeyUrl</c>.</summary>
    public string KeyUrl { get; private set; } = string.Empty;

    public static async Task<AlbTokens> StartAsync()
    {
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var server = builder.Build();
        var tokens = new AlbTokens(server, key);
        server.MapGet("/keys/{kid}", (string kid) =>
        {
            tokens.KeyFetches++;
            return kid == Kid ? Results.Text(key.ExportSubjectPublicKeyInfoPem(), "text/plain") : Results.NotFound();
        });
        await server.StartAsync();
        var address = server.Urls.Single();
        tokens.KeyUrl = address.TrimEnd('/') + "/keys/{kid}";
        return tokens;
    }

    /// <summary>A token as the ALB makes it; override any part to make a bad one.</summary>
    public string Token(DateTimeOffset expires, string? email = "olga@example.com", string[]? groups = null, string kid = Kid, string signer = Signer, ECDsa? signWith = null)
    {
        var header = new Dictionary<string, object> { ["alg"] = "ES256", ["kid"] = kid, ["signer"] = signer, ["iss"] = "https://login.example.com", ["client"] = "dashboard", ["typ"] = "JWT", ["exp"] = expires.ToUnixTimeSeconds() };
        var payload = new Dictionary<string, object> { ["sub"] = "1234-5678", ["exp"] = expires.ToUnixTimeSeconds(), ["iss"] = "https://login.example.com", ["groups"] = groups ?? ["data-admins"] };
        if (email is not null)
        {
            payload["email"] = email;
        }

        var signed = $"{Padded(JsonSerializer.SerializeToUtf8Bytes(header))}.{Padded(JsonSerializer.SerializeToUtf8Bytes(payload))}";
        var signature = (signWith ?? Key).SignData(Encoding.ASCII.GetBytes(signed), HashAlgorithmName.SHA256);
        return $"{signed}.{Padded(signature)}";
    }

    /// <summary>Base64url as the ALB writes it: with '=' padding.</summary>
    private static string Padded(byte[] bytes) => Convert.ToBase64String(bytes).Replace('+', '-').Replace('/', '_');

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        Key.Dispose();
    }
}
