using System.Net;
using Dashboard.Aws.CloudWatch;
using Dashboard.Aws.EventBridge;
using Dashboard.Aws.Glue;
using Dashboard.Cloud;
using Dashboard.Hosting;
using Dashboard.Tests.Shared;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Options;

namespace Dashboard.Tests.Security;

/// <summary>The whole app with sign-in on: who is challenged, what stays open, the security headers, and the start-up refusal.</summary>
[Collection(AppHostCollection.Name)]
public sealed class SignInHostingTests : IAsyncLifetime
{
    private WebApplication _provider = null!;
    private string _authority = string.Empty;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A fake OpenID provider on 127.0.0.1: just the discovery document, so no test needs the internet.</summary>
    public async ValueTask InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _provider = builder.Build();
        _provider.MapGet("/.well-known/openid-configuration", (HttpContext context) =>
        {
            var issuer = $"http://{context.Request.Host}";
            return Results.Json(new Dictionary<string, object>
            {
                ["issuer"] = issuer,
                ["authorization_endpoint"] = $"{issuer}/authorize",
                ["token_endpoint"] = $"{issuer}/token",
                ["jwks_uri"] = $"{issuer}/jwks",
                ["end_session_endpoint"] = $"{issuer}/logout",
                ["response_types_supported"] = new[] { "code" },
                ["subject_types_supported"] = new[] { "public" },
                ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
            });
        });
        _provider.MapGet("/jwks", () => Results.Json(new { keys = Array.Empty<object>() }));
        await _provider.StartAsync(Ct);
        _authority = _provider.Urls.Single().TrimEnd('/');
    }

    private WebApplicationFactory<Program> Factory(params (string Key, string Value)[] settings) =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Development");
            builder.UseSetting("Cloud:Mode", "Aws");
            builder.UseSetting("SignIn:Mode", "Oidc");
            builder.UseSetting("SignIn:Authority", _authority);
            builder.UseSetting("SignIn:ClientId", "dashboard");
            builder.UseSetting("SignIn:ClientSecret", "do-not-log-me");
            builder.UseSetting("SignIn:OperatorValues", "data-admins");
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }

            builder.ConfigureTestServices(services =>
            {
                services.AddSingleton<ICloudIdentity>(new FakeCloudIdentity());
                services.AddSingleton<IGlueApi>(new FakeGlue());
                services.AddSingleton<IEventBridgeApi>(new FakeEventBridge());
                services.AddSingleton<ICloudWatchApi>(new FakeCloudWatch());
            });
        });

    [Fact]
    public async Task Oidc_AnonymousPageRequest_IsSentToTheProvider()
    {
        await using var factory = Factory();
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using var response = await client.GetAsync(new Uri("/workflows/products", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = Assert.IsType<Uri>(response.Headers.Location);
        Assert.StartsWith($"{_authority}/authorize?", location.ToString(), StringComparison.Ordinal);
        Assert.Contains("client_id=dashboard", location.Query, StringComparison.Ordinal);
        Assert.Contains("code_challenge=", location.Query, StringComparison.Ordinal);
        Assert.DoesNotContain("do-not-log-me", location.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Oidc_BlazorHub_IsNotOpenToAnonymousVisitors()
    {
        await using var factory = Factory();
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using var response = await client.PostAsync(new Uri("/_blazor/negotiate?negotiateVersion=1", UriKind.Relative), null, Ct);

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Oidc_HealthEndpointsAndStaticAssets_StayOpen()
    {
        await using var factory = Factory();
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using var health = await client.GetAsync(new Uri("/healthz", UriKind.Relative), Ct);
        using var ready = await client.GetAsync(new Uri("/readyz", UriKind.Relative), Ct);
        using var icon = await client.GetAsync(new Uri("/favicon.svg", UriKind.Relative), Ct);
        using var access = await client.GetAsync(new Uri("/access-denied", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal(HttpStatusCode.OK, icon.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, access.StatusCode);
        Assert.Contains("a &#x27;groups&#x27; claim with the value &#x27;data-admins&#x27; for the Operator role", await access.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Oidc_SignOutWithoutAntiforgeryToken_IsRefused()
    {
        await using var factory = Factory();
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using var response = await client.PostAsync(new Uri("/sign-out", UriKind.Relative), new FormUrlEncodedContent([]), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task EveryResponse_CarriesTheSecurityHeaders()
    {
        await using var factory = Factory(("SignIn:Mode", "None"), ("SignIn:Anonymous", "Viewer"));
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(new Uri("/", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var csp = string.Join(' ', response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task Oidc_TheClientSecret_NeverReachesTheLog()
    {
        var logs = new CapturingLogs();
        await using var factory = Factory(("Logging:LogLevel:Default", "Trace")).WithWebHostBuilder(b => b.ConfigureLogging(l => l.AddProvider(logs)));
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using var response = await client.GetAsync(new Uri("/", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.NotEmpty(logs.Lines);
        Assert.DoesNotContain(logs.Lines, l => l.Contains("do-not-log-me", StringComparison.Ordinal));
    }

    /// <remarks>Built with the composition root directly: a host that fails to start trips up WebApplicationFactory's clean-up.</remarks>
    [Fact]
    public async Task Startup_NoSignInOnAnOpenAddress_Refuses()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = "Development",
            Args = ["--urls", "http://0.0.0.0:0", "--LocalCloud:Port=0"],
        });
        builder.AddDashboard();
        await using var app = builder.Build();
        app.MapDashboard();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync(Ct));

        Assert.Contains(error.Failures, f => f.StartsWith("The dashboard is set to listen on http://0.0.0.0:0, which other machines can reach, but SignIn:Mode is None", StringComparison.Ordinal));
    }

    public async ValueTask DisposeAsync() => await _provider.DisposeAsync();
}
