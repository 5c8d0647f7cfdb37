using Dashboard.Configuration;
using Dashboard.Hosting;
using Dashboard.Security;
using Microsoft.Extensions.Options;

namespace Dashboard.Tests.Configuration;

/// <summary>The <c>SignIn</c> section: each bad setting gets its own message naming the key; good settings bind.</summary>
public sealed class SignInOptionsTests
{
    private static readonly Dictionary<string, string?> GoodOidc = new()
    {
        ["SignIn:Mode"] = "Oidc",
        ["SignIn:Authority"] = "https://login.example.com/realms/data",
        ["SignIn:ClientId"] = "dashboard",
        ["SignIn:ClientSecret"] = "s3cret",
        ["SignIn:OperatorValues"] = "data-admins",
    };

    private static readonly Dictionary<string, string?> GoodAlb = new()
    {
        ["SignIn:Mode"] = "Alb",
        ["SignIn:SignerArn"] = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/dashboard/50dc6c495c0c9188",
        ["SignIn:ViewerValues:0"] = "readers",
        ["SignIn:ViewerValues:1"] = "auditors",
    };

    private static SignInOptions Bind(Dictionary<string, string?> values)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton<IConfigureOptions<SignInOptions>, SignInOptionsSetup>();
        services.AddSingleton<IValidateOptions<SignInOptions>, SignInOptionsValidator>();
        services.AddOptions();
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<SignInOptions>>().Value;
    }

    private static IReadOnlyList<string> Failures(Dictionary<string, string?> values) =>
        [.. Assert.Throws<OptionsValidationException>(() => Bind(values)).Failures];

    private static Dictionary<string, string?> With(Dictionary<string, string?> baseline, params (string Key, string? Value)[] changes)
    {
        var values = new Dictionary<string, string?>(baseline);
        foreach (var (key, value) in changes)
        {
            values[key] = value;
        }

        return values;
    }

    [Fact]
    public void NoSettings_LocalModeOnLoopback_NeedsNoSignIn()
    {
        var options = Bind(new() { ["urls"] = "http://127.0.0.1:5000" });

        Assert.Equal(SignInMode.None, options.Mode);
        Assert.False(options.Enabled);
    }

    [Fact]
    public void Oidc_GoodSettings_Bind()
    {
        var options = Bind(With(GoodOidc, ("SignIn:Scopes", "groups offline_access"), ("SignIn:RoleClaim", "roles")));

        Assert.Equal((SignInMode.Oidc, "dashboard", "roles"), (options.Mode, options.ClientId, options.RoleClaim));
        Assert.Equal(["groups", "offline_access"], options.Scopes);
        Assert.Equal(["data-admins"], options.OperatorValues);
    }

    [Fact]
    public void Alb_GoodSettings_TakeTheRegionFromTheSigner()
    {
        var options = Bind(GoodAlb);

        Assert.Equal(["readers", "auditors"], options.ViewerValues);
        Assert.Equal("eu-west-1", options.Region);
        Assert.Equal(new Uri("https://public-keys.auth.elb.eu-west-1.amazonaws.com/abc-123"), options.KeyUrlFor("abc-123"));
    }

    [Theory]
    [InlineData("SignIn:Mode", "Saml", "SignIn:Mode is 'Saml', but it must be None, Oidc or Alb.")]
    [InlineData("SignIn:Anonymous", "Admin", "SignIn:Anonymous is 'Admin', but it must be Viewer or Operator.")]
    [InlineData("SignIn:AllowRemoteAnonymous", "yes", "SignIn:AllowRemoteAnonymous is 'yes', but it must be true or false.")]
    public void BadValue_FailsWithKeyAndAllowedValues(string key, string value, string expected) =>
        Assert.Contains(expected, Failures(new() { [key] = value }));

    [Theory]
    [InlineData("SignIn:Authority", "SignIn:Authority must be set when SignIn:Mode is Oidc")]
    [InlineData("SignIn:ClientId", "SignIn:ClientId must be set when SignIn:Mode is Oidc")]
    [InlineData("SignIn:ClientSecret", "SignIn:ClientSecret must be set when SignIn:Mode is Oidc")]
    public void Oidc_MissingSetting_SaysWhichOne(string key, string expected) =>
        Assert.Contains(Failures(With(GoodOidc, (key, null))), f => f.StartsWith(expected, StringComparison.Ordinal));

    [Theory]
    [InlineData("login.example.com", "SignIn:Authority is 'login.example.com', but it must be an absolute https URL, the provider's issuer.")]
    [InlineData("http://login.example.com", "SignIn:Authority is 'http://login.example.com', but it must be an https URL (plain http is allowed only on loopback).")]
    public void Oidc_BadAuthority_SaysWhatItMustBe(string authority, string expected) =>
        Assert.Contains(expected, Failures(With(GoodOidc, ("SignIn:Authority", authority))));

    [Fact]
    public void Oidc_NoRoleValues_SaysNobodyWouldGetARole() =>
        Assert.Contains(Failures(With(GoodOidc, ("SignIn:OperatorValues", null))),
            f => f.StartsWith("SignIn:OperatorValues and SignIn:ViewerValues are both empty, so no signed-in user would get a role", StringComparison.Ordinal));

    [Fact]
    public void Oidc_WithAnonymous_SaysItAppliesOnlyWithoutSignIn() =>
        Assert.Contains("SignIn:Anonymous applies only when SignIn:Mode is None; with sign-in, every user signs in. Remove it.", Failures(With(GoodOidc, ("SignIn:Anonymous", "Viewer"))));

    [Fact]
    public void Alb_BadSignerArn_SaysWhatAnArnLooksLike() =>
        Assert.Contains(Failures(With(GoodAlb, ("SignIn:SignerArn", "my-alb"))), f => f.StartsWith("SignIn:SignerArn is 'my-alb', but it must be the load balancer's ARN", StringComparison.Ordinal));

    [Theory]
    [InlineData("https://keys.example.com/key")]
    [InlineData("http://keys.example.com/{kid}")]
    [InlineData("not a url {kid}")]
    public void Alb_BadKeyUrl_SaysWhatItMustBe(string url) =>
        Assert.Contains(Failures(With(GoodAlb, ("SignIn:KeyUrl", url))), f => f.StartsWith($"SignIn:KeyUrl is '{url}', but it must be an https URL containing {{kid}}", StringComparison.Ordinal));

    [Fact]
    public void Alb_DefaultKeyUrlWithoutARegion_SaysWhereToGetOne() =>
        Assert.Contains("SignIn:KeyUrl needs a region for {region}: set SignIn:SignerArn to the load balancer's ARN, or Aws:Region.", Failures(With(GoodAlb, ("SignIn:SignerArn", null))));

    [Fact]
    public void Alb_LocalKeyUrl_IsAllowedOnLoopback() =>
        Assert.Equal(new Uri("http://127.0.0.1:9999/keys/k1"), Bind(With(GoodAlb, ("SignIn:KeyUrl", "http://127.0.0.1:9999/keys/{kid}"))).KeyUrlFor("k1"));

    [Fact]
    public void AwsModeWithoutSignIn_RefusesAndSaysWhatToSet() =>
        Assert.Contains("Cloud:Mode is Aws, which requires sign-in, but SignIn:Mode is None. Set SignIn:Mode to Oidc or Alb, or set SignIn:Anonymous to Viewer (or Operator) to let everyone who reaches the dashboard in without signing in.",
            Failures(new() { ["Cloud:Mode"] = "Aws" }));

    [Fact]
    public void AwsModeWithAnonymousViewer_Starts() =>
        Assert.Equal(DashboardRoles.Viewer, Bind(new() { ["Cloud:Mode"] = "Aws", ["SignIn:Anonymous"] = "viewer" }).Anonymous);

    [Theory]
    [InlineData("urls", "http://+:8080", "http://+:8080")]
    [InlineData("urls", "http://127.0.0.1:5000;http://0.0.0.0:5001", "http://0.0.0.0:5001")]
    [InlineData("http_ports", "8080", "http://*:8080")]
    [InlineData("Kestrel:Endpoints:Web:Url", "http://10.0.0.5:80", "http://10.0.0.5:80")]
    public void NoSignIn_ListeningBeyondLoopback_RefusesNamingTheAddressAndTheWaysOut(string key, string value, string named)
    {
        var failure = Assert.Single(Failures(new() { [key] = value }));

        Assert.StartsWith($"The dashboard is set to listen on {named}, which other machines can reach, but SignIn:Mode is None", failure, StringComparison.Ordinal);
        Assert.Contains("Set SignIn:Mode to Oidc or Alb, or set SignIn:AllowRemoteAnonymous to true", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void NoSignIn_ListeningBeyondLoopback_StartsWhenAllowedOnPurpose() =>
        Assert.True(Bind(new() { ["urls"] = "http://+:8080", ["SignIn:AllowRemoteAnonymous"] = "true" }).AllowRemoteAnonymous);

    [Fact]
    public void WithSignIn_ListeningBeyondLoopback_IsFine() =>
        Assert.Equal(SignInMode.Oidc, Bind(With(GoodOidc, ("urls", "http://+:8080"))).Mode);

    [Theory]
    [InlineData("http://127.0.0.1:5000", true)]
    [InlineData("http://127.8.9.10:5000", true)]
    [InlineData("http://localhost:5000", true)]
    [InlineData("https://LOCALHOST", true)]
    [InlineData("http://[::1]:5000", true)]
    [InlineData("http://+:8080", false)]
    [InlineData("http://*:8080", false)]
    [InlineData("http://0.0.0.0:8080", false)]
    [InlineData("http://[::]:8080", false)]
    [InlineData("http://192.168.1.20:8080", false)]
    [InlineData("http://dashboard.internal:8080", false)]
    [InlineData("http://localhost.evil.example:80", false)]
    [InlineData("http://[::1:5000", false)]
    public void IsLoopback_OnlyForThisMachine(string address, bool loopback) =>
        Assert.Equal(loopback, ListenAddresses.IsLoopback(address));
}
