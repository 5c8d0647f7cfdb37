using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Dashboard.Configuration;

/// <summary>
/// The one place that knows what each configuration value may be. Setup and validation both read the raw string
/// through it, so that a bad value gets a message naming the key and the allowed values, not the binder's
/// type-conversion error.
/// </summary>
public static partial class ConfigRules
{
    public const string ModeAllowed = "Local or Aws";
    public const string PortAllowed = "an integer from 0 to 65535 (0 picks a free port)";
    public const string RegionAllowed = "an AWS region code such as us-east-1 or eu-west-2";
    public const string AccountAllowed = "a 12-digit AWS account id";
    public const string RefreshAllowed = "a whole number of seconds from 1 to 3600";

    public static bool TryParseMode(string value, out CloudMode mode) =>
        Enum.TryParse(value, ignoreCase: true, out mode) && Enum.IsDefined(mode) && !value.Any(char.IsDigit);

    public static bool TryParsePort(string value, out int port) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out port) && port is >= 0 and <= 65535;

    public static bool TryParseRefreshSeconds(string value, out int seconds) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out seconds) && seconds is >= 1 and <= 3600;

    public static bool IsRegion(string value) => RegionPattern().IsMatch(value);

    public static bool IsAccountId(string value) => AccountIdPattern().IsMatch(value);

    public static string Problem(string key, string value, string allowed) => $"{key} is '{value}', but it must be {allowed}.";

    [GeneratedRegex(@"^[a-z]{2}(-[a-z]+)+-\d{1,2}$")]
    private static partial Regex RegionPattern();

    [GeneratedRegex(@"^\d{12}$")]
    private static partial Regex AccountIdPattern();
}

/// <summary>Fills the typed options from configuration; values that break <see cref="ConfigRules"/> are left at their defaults for the validator to report.</summary>
public sealed class DashboardOptionsSetup(IConfiguration configuration)
    : IConfigureOptions<CloudOptions>, IConfigureOptions<LocalCloudOptions>, IConfigureOptions<AwsConnectionOptions>
{
    public void Configure(CloudOptions options)
    {
        if (configuration[CloudOptions.ModeKey] is { Length: > 0 } raw && ConfigRules.TryParseMode(raw, out var mode))
        {
            options.Mode = mode;
        }

        if (configuration[CloudOptions.RefreshSecondsKey] is { Length: > 0 } refresh && ConfigRules.TryParseRefreshSeconds(refresh, out var seconds))
        {
            options.RefreshSeconds = seconds;
        }
    }

    public void Configure(LocalCloudOptions options)
    {
        if (configuration[LocalCloudOptions.PortKey] is { Length: > 0 } raw && ConfigRules.TryParsePort(raw, out var port))
        {
            options.Port = port;
        }

        if (configuration[LocalCloudOptions.HostKey] is { Length: > 0 } host)
        {
            options.Host = host;
        }

        if (configuration[LocalCloudOptions.AccountIdKey] is { Length: > 0 } account && ConfigRules.IsAccountId(account))
        {
            options.AccountId = account;
        }

        options.DataPath = configuration[LocalCloudOptions.DataPathKey] is { Length: > 0 } dataPath ? dataPath : null;
        if (configuration[LocalCloudOptions.SeedDemoKey] is { Length: > 0 } seed && bool.TryParse(seed, out var seedDemo))
        {
            options.SeedDemo = seedDemo;
        }
    }

    public void Configure(AwsConnectionOptions options)
    {
        if (configuration[AwsConnectionOptions.RegionKey] is { Length: > 0 } region && ConfigRules.IsRegion(region))
        {
            options.Region = region;
        }

        options.Profile = configuration[AwsConnectionOptions.ProfileKey] is { Length: > 0 } profile ? profile : null;
    }
}

/// <summary>Fails start-up with every bad value of a section, each naming its key and the allowed values.</summary>
public sealed class DashboardOptionsValidator(IConfiguration configuration)
    : IValidateOptions<CloudOptions>, IValidateOptions<LocalCloudOptions>, IValidateOptions<AwsConnectionOptions>
{
    public ValidateOptionsResult Validate(string? name, CloudOptions options) => Result(
        Check(CloudOptions.ModeKey, v => ConfigRules.TryParseMode(v, out _), ConfigRules.ModeAllowed),
        Check(CloudOptions.RefreshSecondsKey, v => ConfigRules.TryParseRefreshSeconds(v, out _), ConfigRules.RefreshAllowed));

    public ValidateOptionsResult Validate(string? name, LocalCloudOptions options) => Result(
        Check(LocalCloudOptions.PortKey, v => ConfigRules.TryParsePort(v, out _), ConfigRules.PortAllowed),
        Check(LocalCloudOptions.AccountIdKey, ConfigRules.IsAccountId, ConfigRules.AccountAllowed),
        Check(LocalCloudOptions.SeedDemoKey, v => bool.TryParse(v, out _), "true or false"));

    public ValidateOptionsResult Validate(string? name, AwsConnectionOptions options) =>
        Result(Check(AwsConnectionOptions.RegionKey, ConfigRules.IsRegion, ConfigRules.RegionAllowed));

    private string? Check(string key, Func<string, bool> isValid, string allowed) =>
        configuration[key] is { Length: > 0 } raw && !isValid(raw) ? ConfigRules.Problem(key, raw, allowed) : null;

    private static ValidateOptionsResult Result(params string?[] problems)
    {
        var failures = problems.OfType<string>().ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
