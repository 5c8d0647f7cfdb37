using System.Text.RegularExpressions;
using Dashboard.Hosting;
using Dashboard.Security;
using Microsoft.Extensions.Options;

namespace Dashboard.Configuration;

/// <summary>
/// Fills <see cref="SignInOptions"/> from the <c>SignIn</c> section. A list (<c>Scopes</c>, <c>OperatorValues</c>,
/// <c>ViewerValues</c>) is either a comma-separated string or an array (<c>SignIn__OperatorValues__0</c>, …).
/// Values that cannot be read are left at their defaults for <see cref="SignInOptionsValidator"/> to report.
/// </summary>
public sealed class SignInOptionsSetup(IConfiguration configuration) : IConfigureOptions<SignInOptions>
{
    public void Configure(SignInOptions options)
    {
        if (configuration[SignInOptions.ModeKey] is { Length: > 0 } mode && SignInRules.TryParseMode(mode, out var parsed))
        {
            options.Mode = parsed;
        }

        options.Authority = Value(SignInOptions.AuthorityKey);
        options.ClientId = Value(SignInOptions.ClientIdKey);
        options.ClientSecret = Value(SignInOptions.ClientSecretKey);
        options.Scopes = SignInRules.List(configuration, SignInOptions.ScopesKey, ' ', ',');
        options.RoleClaim = Value(SignInOptions.RoleClaimKey) ?? options.RoleClaim;
        options.OperatorValues = SignInRules.List(configuration, SignInOptions.OperatorValuesKey, ',');
        options.ViewerValues = SignInRules.List(configuration, SignInOptions.ViewerValuesKey, ',');
        options.KeyUrl = Value(SignInOptions.KeyUrlKey) ?? options.KeyUrl;
        options.SignerArn = Value(SignInOptions.SignerArnKey);
        options.Region = SignInRules.RegionOf(options.SignerArn)
            ?? (Value(AwsConnectionOptions.RegionKey) is { } region && ConfigRules.IsRegion(region) ? region : null);
        options.Anonymous = Value(SignInOptions.AnonymousKey) is { } role && SignInRules.TryParseRole(role, out var anonymous) ? anonymous : null;
        if (Value(SignInOptions.AllowRemoteAnonymousKey) is { } allow && bool.TryParse(allow, out var allowed))
        {
            options.AllowRemoteAnonymous = allowed;
        }
    }

    private string? Value(string key) => configuration[key] is { Length: > 0 } value ? value.Trim() : null;
}

/// <summary>
/// Fails start-up with every bad sign-in setting, each message naming its key; and refuses to start without sign-in
/// when the dashboard would be reachable from other machines, or in Aws mode, unless that is explicitly allowed.
/// </summary>
public sealed class SignInOptionsValidator(IConfiguration configuration) : IValidateOptions<SignInOptions>
{
    public ValidateOptionsResult Validate(string? name, SignInOptions options)
    {
        var problems = new List<string>();
        if (configuration[SignInOptions.ModeKey] is { Length: > 0 } rawMode && !SignInRules.TryParseMode(rawMode, out _))
        {
            problems.Add(ConfigRules.Problem(SignInOptions.ModeKey, rawMode, "None, Oidc or Alb"));
            return ValidateOptionsResult.Fail(problems);
        }

        if (configuration[SignInOptions.AnonymousKey] is { Length: > 0 } rawRole && !SignInRules.TryParseRole(rawRole, out _))
        {
            problems.Add(ConfigRules.Problem(SignInOptions.AnonymousKey, rawRole, $"{DashboardRoles.Viewer} or {DashboardRoles.Operator}"));
        }

        if (configuration[SignInOptions.AllowRemoteAnonymousKey] is { Length: > 0 } rawAllow && !bool.TryParse(rawAllow, out _))
        {
            problems.Add(ConfigRules.Problem(SignInOptions.AllowRemoteAnonymousKey, rawAllow, "true or false"));
        }

        switch (options.Mode)
        {
            case SignInMode.None:
                ValidateWithoutSignIn(options, problems);
                break;
            case SignInMode.Oidc:
                ValidateOidc(options, problems);
                ValidateRoles(options, problems);
                break;
            case SignInMode.Alb:
                ValidateAlb(options, problems);
                ValidateRoles(options, problems);
                break;
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    private void ValidateWithoutSignIn(SignInOptions options, List<string> problems)
    {
        var aws = configuration[CloudOptions.ModeKey] is { Length: > 0 } cloud && ConfigRules.TryParseMode(cloud, out var mode) && mode == CloudMode.Aws;
        if (aws && options.Anonymous is null && configuration[SignInOptions.AnonymousKey] is not { Length: > 0 })
        {
            problems.Add($"{CloudOptions.ModeKey} is Aws, which requires sign-in, but {SignInOptions.ModeKey} is None. Set {SignInOptions.ModeKey} to Oidc or Alb, "
                + $"or set {SignInOptions.AnonymousKey} to {DashboardRoles.Viewer} (or {DashboardRoles.Operator}) to let everyone who reaches the dashboard in without signing in.");
        }

        if (!options.AllowRemoteAnonymous && ListenAddresses.NotLoopback(configuration) is { Count: > 0 } open)
        {
            problems.Add($"The dashboard is set to listen on {string.Join(", ", open)}, which other machines can reach, but {SignInOptions.ModeKey} is None, so anyone could use it without signing in. "
                + $"Set {SignInOptions.ModeKey} to Oidc or Alb, or set {SignInOptions.AllowRemoteAnonymousKey} to true to allow anonymous access from other machines on purpose (the demo in a container).");
        }
    }

    private static void ValidateOidc(SignInOptions options, List<string> problems)
    {
        if (options.Authority is null)
        {
            problems.Add($"{SignInOptions.AuthorityKey} must be set when {SignInOptions.ModeKey} is Oidc: the OpenID Connect provider's issuer URL, such as https://login.example.com/realms/data.");
        }
        else if (SignInRules.AuthorityProblem(options.Authority) is { } problem)
        {
            problems.Add(ConfigRules.Problem(SignInOptions.AuthorityKey, options.Authority, problem));
        }

        if (options.ClientId is null)
        {
            problems.Add($"{SignInOptions.ClientIdKey} must be set when {SignInOptions.ModeKey} is Oidc: the client id the provider gave the dashboard.");
        }

        if (options.ClientSecret is null)
        {
            problems.Add($"{SignInOptions.ClientSecretKey} must be set when {SignInOptions.ModeKey} is Oidc: the client secret the provider gave the dashboard (from an environment variable or a secret store, not a file in the image).");
        }
    }

    private static void ValidateAlb(SignInOptions options, List<string> problems)
    {
        if (options.SignerArn is { } arn && !SignInRules.IsAlbArn(arn))
        {
            problems.Add(ConfigRules.Problem(SignInOptions.SignerArnKey, arn, "the load balancer's ARN, such as arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/dashboard/50dc6c495c0c9188"));
        }

        if (!options.KeyUrl.Contains("{kid}", StringComparison.Ordinal)
            || !Uri.TryCreate(options.KeyUrl.Replace("{region}", "r", StringComparison.Ordinal).Replace("{kid}", "k", StringComparison.Ordinal), UriKind.Absolute, out var url)
            || url.Scheme is not ("https" or "http")
            || url.Scheme == "http" && !url.IsLoopback)
        {
            problems.Add(ConfigRules.Problem(SignInOptions.KeyUrlKey, options.KeyUrl, "an https URL containing {kid} (and {region} if needed), such as " + SignInOptions.DefaultKeyUrl + "; plain http only on loopback"));
        }
        else if (options.KeyUrl.Contains("{region}", StringComparison.Ordinal) && options.Region is null)
        {
            problems.Add($"{SignInOptions.KeyUrlKey} needs a region for {{region}}: set {SignInOptions.SignerArnKey} to the load balancer's ARN, or {AwsConnectionOptions.RegionKey}.");
        }
    }

    private static void ValidateRoles(SignInOptions options, List<string> problems)
    {
        if (options.OperatorValues.Count == 0 && options.ViewerValues.Count == 0)
        {
            problems.Add($"{SignInOptions.OperatorValuesKey} and {SignInOptions.ViewerValuesKey} are both empty, so no signed-in user would get a role: "
                + $"list the values of the '{options.RoleClaim}' claim ({SignInOptions.RoleClaimKey}) that make an Operator or a Viewer, such as {SignInOptions.OperatorValuesKey}=data-platform-admins.");
        }

        if (options.Anonymous is not null)
        {
            problems.Add($"{SignInOptions.AnonymousKey} applies only when {SignInOptions.ModeKey} is None; with sign-in, every user signs in. Remove it.");
        }
    }
}

/// <summary>What each sign-in value may be.</summary>
public static partial class SignInRules
{
    public static bool TryParseMode(string value, out SignInMode mode) =>
        Enum.TryParse(value, ignoreCase: true, out mode) && Enum.IsDefined(mode) && !value.Any(char.IsDigit);

    public static bool TryParseRole(string value, out string role)
    {
        role = value.Equals(DashboardRoles.Viewer, StringComparison.OrdinalIgnoreCase) ? DashboardRoles.Viewer
            : value.Equals(DashboardRoles.Operator, StringComparison.OrdinalIgnoreCase) ? DashboardRoles.Operator
            : string.Empty;
        return role.Length > 0;
    }

    /// <summary>Why an authority cannot be used, or null: https, or plain http on loopback (a local test provider).</summary>
    public static string? AuthorityProblem(string value) =>
        !Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http") ? "an absolute https URL, the provider's issuer"
        : uri.Scheme == "http" && !uri.IsLoopback ? "an https URL (plain http is allowed only on loopback)"
        : null;

    public static bool IsAlbArn(string value) => AlbArnPattern().IsMatch(value);

    /// <summary>The region in an ALB's ARN, or null.</summary>
    public static string? RegionOf(string? arn) => arn is not null && AlbArnPattern().Match(arn) is { Success: true } match ? match.Groups["region"].Value : null;

    /// <summary>A list setting: one string split on <paramref name="separators"/>, or the section's array items.</summary>
    public static IReadOnlyList<string> List(IConfiguration configuration, string key, params char[] separators)
    {
        var section = configuration.GetSection(key);
        var values = section.Value is { Length: > 0 } joined
            ? joined.Split(separators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : section.GetChildren().Select(c => c.Value?.Trim()).OfType<string>().Where(v => v.Length > 0);
        return [.. values.Distinct(StringComparer.Ordinal)];
    }

    [GeneratedRegex(@"^arn:aws[a-z-]*:elasticloadbalancing:(?<region>[a-z]{2}(-[a-z]+)+-\d{1,2}):\d{12}:loadbalancer/app/[A-Za-z0-9-]+/[0-9a-f]+$")]
    private static partial Regex AlbArnPattern();
}
