using System.Net;
using System.Security.Cryptography;
using Dashboard.Security;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Tests.Security;

/// <summary>
/// The ALB handler in a small app with the dashboard's sign-in and one endpoint that says who asked, against a local
/// key server: each kind of token gets in or is refused, and a refusal never leaks the token into the log.
/// </summary>
public sealed class AlbAuthenticationTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));
    private readonly CapturingLogs _logs = new();
    private AlbTokens _alb = null!;
    private WebApplication _app = null!;
    private HttpClient _client = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private DateTimeOffset InAMinute => _clock.GetUtcNow().AddMinutes(1);

    public async ValueTask InitializeAsync()
    {
        _alb = await AlbTokens.StartAsync();
        _app = await StartAppAsync(_alb.KeyUrl);
        _client = _app.GetTestClient();
    }

    private async Task<WebApplication> StartAppAsync(string keyUrl, string? signer = AlbTokens.Signer)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["SignIn:Mode"] = "Alb",
            ["SignIn:KeyUrl"] = keyUrl,
            ["SignIn:SignerArn"] = signer,
            ["Aws:Region"] = "eu-west-1",
            ["SignIn:OperatorValues"] = "data-admins",
            ["SignIn:ViewerValues"] = "readers",
        });
        builder.Logging.ClearProviders().AddProvider(_logs);
        builder.Services.AddSingleton<TimeProvider>(_clock);
        builder.Services.AddDashboardSignIn(builder.Configuration);
        var app = builder.Build();
        app.UseDashboardSignIn();
        app.MapGet("/whoami", (HttpContext context) => DashboardClaims.ActorOf(context.User) is { } actor ? $"{actor.Name}|{actor.Role}" : "no role");
        await app.StartAsync(Ct);
        return app;
    }

    private async Task<(HttpStatusCode Status, string Body, string? Location)> AskAsync(string? token, HttpClient? client = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/whoami");
        if (token is not null)
        {
            request.Headers.Add(AlbAuthenticationHandler.DataHeader, token);
        }

        using var response = await (client ?? _client).SendAsync(request, Ct);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(Ct), response.Headers.Location?.ToString());
    }

    [Fact]
    public async Task ValidToken_SignsInByEmail_WithTheMappedRole()
    {
        var (status, body, _) = await AskAsync(_alb.Token(InAMinute));

        Assert.Equal((HttpStatusCode.OK, "olga@example.com|Operator"), (status, body));
    }

    [Fact]
    public async Task ValidToken_WithoutEmail_UsesTheSubject_AndTheKeyIsFetchedOnce()
    {
        await AskAsync(_alb.Token(InAMinute, email: null, groups: ["readers"]));
        var (status, body, _) = await AskAsync(_alb.Token(InAMinute, email: null, groups: ["readers"]));

        Assert.Equal((HttpStatusCode.OK, "1234-5678|Viewer"), (status, body));
        Assert.Equal(1, _alb.KeyFetches);
    }

    [Fact]
    public async Task ValidToken_NoMatchingGroup_IsForbidden_AndSentToTheAccessPage()
    {
        var (status, _, location) = await AskAsync(_alb.Token(InAMinute, groups: ["sales"]));

        Assert.Equal((HttpStatusCode.Redirect, DashboardAuthentication.AccessDeniedPath), (status, location));
        Assert.Contains(_logs.Lines, l => l.Contains("has no dashboard role: the dashboard expects a 'groups' claim with the value 'data-admins' for the Operator role", StringComparison.Ordinal));
    }

    [Fact]
    public async Task MissingHeader_IsChallenged()
    {
        var (status, body, _) = await AskAsync(null);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Contains("Sign in through the load balancer", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BadSignature_IsRefused_AndTheTokenIsNotLogged()
    {
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var token = _alb.Token(InAMinute, signWith: other);

        var (status, _, _) = await AskAsync(token);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Contains(_logs.Lines, l => l.Contains($"the signature does not match the ALB key {AlbTokens.Kid}", StringComparison.Ordinal));
        Assert.DoesNotContain(_logs.Lines, l => l.Contains(token.Split('.')[1], StringComparison.Ordinal));
    }

    [Fact]
    public async Task ExpiredToken_IsRefused_OnTheInjectedClock()
    {
        var token = _alb.Token(InAMinute);
        Assert.Equal(HttpStatusCode.OK, (await AskAsync(token)).Status);

        _clock.Advance(TimeSpan.FromMinutes(2));

        Assert.Equal(HttpStatusCode.Unauthorized, (await AskAsync(token)).Status);
        Assert.Contains(_logs.Lines, l => l.Contains("the token expired at", StringComparison.Ordinal));
    }

    [Fact]
    public async Task WrongSigner_IsRefused_BeforeAnyKeyFetch()
    {
        var (status, _, _) = await AskAsync(_alb.Token(InAMinute, signer: AlbTokens.Signer.Replace("dashboard", "other", StringComparison.Ordinal)));

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal(0, _alb.KeyFetches);
        Assert.Contains(_logs.Lines, l => l.Contains("not by SignIn:SignerArn", StringComparison.Ordinal));
    }

    [Fact]
    public async Task UnknownKid_IsUnavailable_WithTheReasonInTheLog()
    {
        var (status, body, _) = await AskAsync(_alb.Token(InAMinute, kid: "0000-unknown"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Contains("public key could not be fetched", body, StringComparison.Ordinal);
        Assert.Contains(_logs.Lines, l => l.Contains("answered 404 Not Found for key 0000-unknown", StringComparison.Ordinal));
    }

    [Fact]
    public async Task KeyServerDown_IsUnavailable_AndTriedAgainNextTime()
    {
        await using var app = await StartAppAsync("http://127.0.0.1:9/keys/{kid}");
        using var client = app.GetTestClient();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await AskAsync(_alb.Token(InAMinute), client)).Status);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await AskAsync(_alb.Token(InAMinute), client)).Status);
        Assert.Equal(2, _logs.Lines.Count(l => l.StartsWith("ALB sign-in unavailable", StringComparison.Ordinal) && l.Contains("could not be reached", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("not-a-token")]
    [InlineData("a.b.c")]
    public async Task MalformedToken_IsRefused(string token)
    {
        var (status, _, _) = await AskAsync(token);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Contains(_logs.Lines, l => l.Contains("is not a well-formed token", StringComparison.Ordinal));
    }

    [Fact]
    public async Task NoneAlgorithm_IsRefused()
    {
        var token = _alb.Token(InAMinute);
        var header = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($$"""{"alg":"none","kid":"{{AlbTokens.Kid}}","signer":"{{AlbTokens.Signer}}"}"""));
        var forged = $"{header}.{token.Split('.')[1]}.";

        Assert.Equal(HttpStatusCode.Unauthorized, (await AskAsync(forged)).Status);
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _app.DisposeAsync();
        await _alb.DisposeAsync();
    }
}

/// <summary>Keeps every formatted log line, to check what the app logs (and what it never logs).</summary>
public sealed class CapturingLogs : ILoggerProvider
{
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _lines = new();

    public IReadOnlyList<string> Lines => [.. _lines];

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    public void Dispose()
    {
    }

    private sealed class Logger(CapturingLogs owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner._lines.Enqueue(formatter(state, exception) + (exception is null ? string.Empty : " " + exception));
    }
}
