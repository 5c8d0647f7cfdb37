using System.Collections.Concurrent;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;
using Dashboard.Configuration;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Dashboard.Security;

/// <summary>
/// Signs users in from the headers an AWS Application Load Balancer adds after it authenticated them with OIDC:
/// <c>x-amzn-oidc-data</c> is a JWT that the ALB signs with ES256. The handler checks the token's expiry (on the
/// injected clock), its <c>signer</c> when <see cref="SignInOptions.SignerArn"/> is set, and its signature with the
/// ALB's public key for the token's <c>kid</c>. Tokens are never logged.
/// </summary>
/// <remarks>
/// ALB tokens are base64url with padding, which general JWT libraries refuse, hence the small parser here (as in
/// AWS's own examples). Anyone who can reach the app without going through the ALB can send the header, so the app
/// must only be reachable through the ALB; <see cref="SignInOptions.SignerArn"/> pins the one ALB whose tokens count.
/// </remarks>
public sealed partial class AlbAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> schemeOptions,
    ILoggerFactory loggers,
    UrlEncoder encoder,
    IOptions<SignInOptions> signIn,
    AlbKeyStore keys,
    TimeProvider time)
    : AuthenticationHandler<AuthenticationSchemeOptions>(schemeOptions, loggers, encoder)
{
    public const string SchemeName = "Alb";
    public const string DataHeader = "x-amzn-oidc-data";

    private bool _keyUnavailable;

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(DataHeader, out var header) || header.ToString() is not { Length: > 0 } token)
        {
            return AuthenticateResult.NoResult();
        }

        var options = signIn.Value;
        AlbToken parsed;
        try
        {
            parsed = AlbToken.Parse(token);
        }
        catch (Exception error) when (error is FormatException or JsonException or ArgumentException)
        {
            return Refuse($"the {DataHeader} header is not a well-formed token ({error.Message})");
        }

        if (parsed.Algorithm != "ES256")
        {
            return Refuse($"the token is signed with '{parsed.Algorithm}', and only ES256 is accepted");
        }

        if (options.SignerArn is { } signer && !string.Equals(parsed.Signer, signer, StringComparison.Ordinal))
        {
            return Refuse($"the token was signed by '{parsed.Signer ?? "(none)"}', not by {SignInOptions.SignerArnKey} '{signer}'");
        }

        if (parsed.ExpiresAt is not { } expires)
        {
            return Refuse("the token has no exp");
        }

        if (expires <= time.GetUtcNow())
        {
            return Refuse($"the token expired at {expires:O}");
        }

        if (parsed.KeyId is not { } kid || !KeyIdPattern().IsMatch(kid))
        {
            return Refuse("the token's kid is missing or not a key id");
        }

        ECDsa key;
        try
        {
            key = await keys.GetAsync(kid, Context.RequestAborted);
        }
        catch (AlbKeyUnavailableException error)
        {
            _keyUnavailable = true;
            Logger.LogError("ALB sign-in unavailable: {Reason}", error.Message);
            return AuthenticateResult.Fail(error.Message);
        }

        if (!key.VerifyData(Encoding.ASCII.GetBytes(parsed.SignedPart), parsed.Signature, HashAlgorithmName.SHA256))
        {
            return Refuse($"the signature does not match the ALB key {kid}");
        }

        var principal = DashboardClaims.Principal(parsed.Claims, options);
        if (!principal.IsInRole(DashboardRoles.Viewer) && !principal.IsInRole(DashboardRoles.Operator))
        {
            Logger.LogWarning("{User} signed in through the ALB but has no dashboard role: the dashboard expects {Expectation}.", principal.Identity?.Name, options.Expectation());
        }

        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = _keyUnavailable ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status401Unauthorized;
        Response.ContentType = "text/plain; charset=utf-8";
        await Response.WriteAsync(_keyUnavailable
            ? "Sign-in is unavailable: the load balancer's public key could not be fetched. Try again shortly; the log says why."
            : "Sign in through the load balancer: this dashboard accepts only requests that the ALB has authenticated.");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.Redirect(DashboardAuthentication.AccessDeniedPath);
        return Task.CompletedTask;
    }

    private AuthenticateResult Refuse(string reason)
    {
        Logger.LogWarning("Refused the ALB sign-in header: {Reason}.", reason);
        return AuthenticateResult.Fail(reason);
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,128}$")]
    private static partial Regex KeyIdPattern();
}

/// <summary>A parsed, not yet verified, ALB token.</summary>
public sealed record AlbToken(string SignedPart, byte[] Signature, string Algorithm, string? KeyId, string? Signer, DateTimeOffset? ExpiresAt, IReadOnlyList<Claim> Claims)
{
    public static AlbToken Parse(string token)
    {
        var parts = token.Split('.');
        if (parts.Length != 3)
        {
            throw new FormatException($"it has {parts.Length} parts, not 3");
        }

        using var header = JsonDocument.Parse(Base64Url(parts[0]));
        using var payload = JsonDocument.Parse(Base64Url(parts[1]));
        if (header.RootElement.ValueKind != JsonValueKind.Object || payload.RootElement.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("its header or payload is not a JSON object");
        }

        string? Text(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        long? Number(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var n) ? n : null;

        // The ALB puts exp in the header as well as the payload: the earlier one counts.
        var exp = new[] { Number(payload.RootElement, "exp"), Number(header.RootElement, "exp") }.OfType<long>().DefaultIfEmpty().Min();
        var claims = new List<Claim>();
        foreach (var property in payload.RootElement.EnumerateObject())
        {
            if (property.Value.ValueKind == JsonValueKind.Array)
            {
                claims.AddRange(property.Value.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => new Claim(property.Name, v.GetString() ?? string.Empty)));
            }
            else if (property.Value.ValueKind is JsonValueKind.String)
            {
                claims.Add(new Claim(property.Name, property.Value.GetString() ?? string.Empty));
            }
            else if (property.Value.ValueKind is JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False)
            {
                claims.Add(new Claim(property.Name, property.Value.GetRawText()));
            }
        }

        return new AlbToken(
            $"{parts[0]}.{parts[1]}",
            Base64Url(parts[2]),
            Text(header.RootElement, "alg") ?? "(none)",
            Text(header.RootElement, "kid"),
            Text(header.RootElement, "signer"),
            exp == 0 ? null : DateTimeOffset.FromUnixTimeSeconds(exp),
            claims);
    }

    /// <summary>Base64url, with or without padding (ALBs pad).</summary>
    private static byte[] Base64Url(string part)
    {
        var text = part.TrimEnd('=').Replace('-', '+').Replace('_', '/');
        text = text.PadRight(text.Length + (4 - text.Length % 4) % 4, '=');
        return Convert.FromBase64String(text);
    }
}

/// <summary>The ALB's public key for a kid could not be had: the sign-in is unavailable, not refused.</summary>
public sealed class AlbKeyUnavailableException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// The ALB's public keys, fetched from <see cref="SignInOptions.KeyUrl"/> once per kid (a key never changes for its
/// kid) with a time-out, and kept for the app's life. A failed fetch is not kept, so the next request tries again.
/// </summary>
public sealed class AlbKeyStore(IHttpClientFactory http, IOptions<SignInOptions> signIn, ILogger<AlbKeyStore> logger)
{
    public const string HttpClientName = "alb-keys";
    public static readonly TimeSpan FetchTimeout = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<string, Lazy<Task<ECDsa>>> _keys = new(StringComparer.Ordinal);

    public async Task<ECDsa> GetAsync(string kid, CancellationToken cancellationToken)
    {
        var entry = _keys.GetOrAdd(kid, k => new Lazy<Task<ECDsa>>(() => FetchAsync(k)));
        try
        {
            return await entry.Value.WaitAsync(cancellationToken);
        }
        catch (AlbKeyUnavailableException)
        {
            _keys.TryRemove(new KeyValuePair<string, Lazy<Task<ECDsa>>>(kid, entry));
            throw;
        }
    }

    private async Task<ECDsa> FetchAsync(string kid)
    {
        var url = signIn.Value.KeyUrlFor(kid);
        using var timeout = new CancellationTokenSource(FetchTimeout);
        string pem;
        try
        {
            using var client = http.CreateClient(HttpClientName);
            using var response = await client.GetAsync(url, timeout.Token);
            if (!response.IsSuccessStatusCode)
            {
                throw new AlbKeyUnavailableException($"{url} answered {(int)response.StatusCode} {response.ReasonPhrase} for key {kid}");
            }

            pem = await response.Content.ReadAsStringAsync(timeout.Token);
        }
        catch (OperationCanceledException error) when (timeout.IsCancellationRequested)
        {
            throw new AlbKeyUnavailableException($"{url} did not answer within {FetchTimeout.TotalSeconds:0} s", error);
        }
        catch (HttpRequestException error)
        {
            throw new AlbKeyUnavailableException($"{url} could not be reached: {error.Message}", error);
        }

        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(pem);
        }
        catch (ArgumentException error)
        {
            key.Dispose();
            throw new AlbKeyUnavailableException($"{url} did not return a PEM public key for key {kid}", error);
        }

        if (key.KeySize != 256)
        {
            key.Dispose();
            throw new AlbKeyUnavailableException($"{url} returned a {key.KeySize}-bit key for {kid}, not a P-256 key");
        }

        logger.LogInformation("Fetched the ALB public key {Kid} from {Url}.", kid, url);
        return key;
    }
}
