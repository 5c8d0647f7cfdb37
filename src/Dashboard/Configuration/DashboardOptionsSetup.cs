using System.Globalization;
using System.Text.RegularExpressions;
using LocalCloud.Faults;
using Microsoft.Extensions.Options;
using Npgsql;

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
    public const string AuditPathAllowed = "a file path for the SQLite audit database, such as data/audit.db (relative to the content root)";

    public static bool TryParseMode(string value, out CloudMode mode) =>
        Enum.TryParse(value, ignoreCase: true, out mode) && Enum.IsDefined(mode) && !value.Any(char.IsDigit);

    public static bool TryParsePort(string value, out int port) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out port) && port is >= 0 and <= 65535;

    public static bool TryParseRefreshSeconds(string value, out int seconds) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out seconds) && seconds is >= 1 and <= 3600;

    /// <summary>A path the app can create a database file at: valid characters, and not an existing folder.</summary>
    public static bool IsAuditPath(string value)
    {
        if (value.IndexOfAny(Path.GetInvalidPathChars()) >= 0 || value.EndsWith('/') || value.EndsWith('\\'))
        {
            return false;
        }

        try
        {
            return !Directory.Exists(Path.GetFullPath(value));
        }
        catch (Exception error) when (error is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return false;
        }
    }

    /// <summary>
    /// Why a PostgreSQL connection string cannot be used, or null when it can. The message never repeats the string,
    /// which may hold a password.
    /// </summary>
    public static string? PostgresConnectionProblem(string value)
    {
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(value);
            return string.IsNullOrWhiteSpace(builder.Host) ? "it names no Host" : null;
        }
        catch (Exception error) when (error is ArgumentException or FormatException or InvalidCastException)
        {
            return $"it is not a valid Npgsql connection string ({error.Message})";
        }
    }

    public const string EnvironmentNameAllowed = "1 to 32 letters, digits, '-', '_' or '.', starting with a letter or digit (it goes in links as ?env=NAME)";
    public const string RoleArnAllowed = "an IAM role ARN such as arn:aws:iam::123456789012:role/dashboard-read";
    public const string ExternalIdAllowed = "2 to 1224 letters, digits or any of _+=,.@:/-";
    public const string SessionNameAllowed = "2 to 64 letters, digits or any of _+=,.@-";

    public static bool IsEnvironmentName(string value) => EnvironmentNamePattern().IsMatch(value);

    public static bool IsRoleArn(string value) => RoleArnPattern().IsMatch(value);

    public static bool IsExternalId(string value) => ExternalIdPattern().IsMatch(value);

    public static bool IsSessionName(string value) => SessionNamePattern().IsMatch(value);

    public static bool IsRegion(string value) => RegionPattern().IsMatch(value);

    public static bool IsAccountId(string value) => AccountIdPattern().IsMatch(value);

    public static string Problem(string key, string value, string allowed) => $"{key} is '{value}', but it must be {allowed}.";

    [GeneratedRegex(@"^[a-z]{2}(-[a-z]+)+-\d{1,2}$")]
    private static partial Regex RegionPattern();

    [GeneratedRegex(@"^\d{12}$")]
    private static partial Regex AccountIdPattern();

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$")]
    private static partial Regex EnvironmentNamePattern();

    [GeneratedRegex(@"^arn:aws(-cn|-us-gov)?:iam::\d{12}:role/[\w+=,.@/-]{1,512}$")]
    private static partial Regex RoleArnPattern();

    [GeneratedRegex(@"^[\w+=,.@:/-]{2,1224}$")]
    private static partial Regex ExternalIdPattern();

    [GeneratedRegex(@"^[\w+=,.@-]{2,64}$")]
    private static partial Regex SessionNamePattern();
}

/// <summary>Fills the typed options from configuration; values that break <see cref="ConfigRules"/> are left at their defaults for the validator to report.</summary>
public sealed class DashboardOptionsSetup(IConfiguration configuration)
    : IConfigureOptions<CloudOptions>, IConfigureOptions<LocalCloudOptions>, IConfigureOptions<AwsConnectionOptions>, IConfigureOptions<AuditOptions>,
      IConfigureOptions<EnvironmentsOptions>
{
    public void Configure(EnvironmentsOptions options)
    {
        options.Environments = [.. EnvironmentEntries(configuration).Select(e => e.Entry)];
        options.DefaultEnvironment = configuration[EnvironmentsOptions.DefaultEnvironmentKey] is { Length: > 0 } name ? name.Trim() : null;
    }

    /// <summary>The entries of <c>Cloud:Environments</c> with the configuration path of each, in order.</summary>
    internal static IEnumerable<(string Path, EnvironmentEntry Entry)> EnvironmentEntries(IConfiguration configuration) =>
        configuration.GetSection(EnvironmentsOptions.EnvironmentsKey).GetChildren()
            .OrderBy(c => int.TryParse(c.Key, NumberStyles.None, CultureInfo.InvariantCulture, out var index) ? index : int.MaxValue)
            .Select(c => (c.Path, new EnvironmentEntry
            {
                Name = c["Name"]?.Trim() ?? string.Empty,
                Region = c["Region"]?.Trim() ?? string.Empty,
                Profile = Value(c["Profile"]),
                RoleArn = Value(c["RoleArn"]),
                ExternalId = Value(c["ExternalId"]),
                SessionName = Value(c["SessionName"]),
            }));

    private static string? Value(string? raw) => raw is { } text && text.Trim() is { Length: > 0 } trimmed ? trimmed : null;

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

        if (configuration[LocalCloudOptions.SyntheticTrafficKey] is { Length: > 0 } traffic && bool.TryParse(traffic, out var syntheticTraffic))
        {
            options.SyntheticTraffic = syntheticTraffic;
        }

        // Bad rules are left out here; the validator reports them, each with its key.
        options.Faults = FaultRuleParser.FromConfiguration(configuration.GetSection(LocalCloudOptions.FaultsKey), []);
    }

    public void Configure(AwsConnectionOptions options)
    {
        if (configuration[AwsConnectionOptions.RegionKey] is { Length: > 0 } region && ConfigRules.IsRegion(region))
        {
            options.Region = region;
        }

        options.Profile = configuration[AwsConnectionOptions.ProfileKey] is { Length: > 0 } profile ? profile : null;
    }

    public void Configure(AuditOptions options)
    {
        if (configuration[AuditOptions.PathKey] is { Length: > 0 } path && ConfigRules.IsAuditPath(path))
        {
            options.Path = path;
        }

        options.ConnectionString = configuration[AuditOptions.ConnectionStringKey] is { Length: > 0 } connection
            && ConfigRules.PostgresConnectionProblem(connection) is null ? connection : null;
    }
}

/// <summary>Fails start-up with every bad value of a section, each naming its key and the allowed values.</summary>
public sealed class DashboardOptionsValidator(IConfiguration configuration)
    : IValidateOptions<CloudOptions>, IValidateOptions<LocalCloudOptions>, IValidateOptions<AwsConnectionOptions>, IValidateOptions<AuditOptions>,
      IValidateOptions<EnvironmentsOptions>
{
    public ValidateOptionsResult Validate(string? name, EnvironmentsOptions options)
    {
        var problems = new List<string?>();
        var entries = DashboardOptionsSetup.EnvironmentEntries(configuration).ToList();
        var local = configuration[CloudOptions.ModeKey] is not { Length: > 0 } mode || (ConfigRules.TryParseMode(mode, out var parsed) && parsed == CloudMode.Local);
        if (local && entries.Count > 0)
        {
            problems.Add($"{EnvironmentsOptions.EnvironmentsKey} is set, but {CloudOptions.ModeKey} is Local, which shows LocalCloud only: set {CloudOptions.ModeKey} to Aws to use the environments.");
        }

        var seen = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (path, entry) in entries)
        {
            var label = entry.Name.Length > 0 ? $"{path} ('{entry.Name}')" : path;
            if (entry.Name.Length == 0)
            {
                problems.Add($"{path}:Name is missing: every environment needs a name, which links carry as ?env=NAME.");
            }
            else if (!ConfigRules.IsEnvironmentName(entry.Name))
            {
                problems.Add(ConfigRules.Problem($"{path}:Name", entry.Name, ConfigRules.EnvironmentNameAllowed));
            }
            else if (seen.TryGetValue(entry.Name, out var first))
            {
                problems.Add($"{path}:Name is '{entry.Name}', but {first} already has that name: each environment needs its own.");
            }
            else
            {
                seen[entry.Name] = path;
            }

            problems.Add(entry.Region.Length == 0
                ? $"{label} has no Region: set {path}:Region to {ConfigRules.RegionAllowed}."
                : ConfigRules.IsRegion(entry.Region) ? null : ConfigRules.Problem($"{path}:Region", entry.Region, ConfigRules.RegionAllowed));
            if (entry.Profile is not null && entry.RoleArn is not null)
            {
                problems.Add($"{label} sets both Profile and RoleArn, but an environment uses one: a profile's credentials, or a role assumed with the default credentials.");
            }

            problems.Add(entry.RoleArn is { } role && !ConfigRules.IsRoleArn(role) ? ConfigRules.Problem($"{path}:RoleArn", role, ConfigRules.RoleArnAllowed) : null);
            problems.Add(entry.ExternalId is { } externalId && entry.RoleArn is null
                ? $"{path}:ExternalId is set, but {path}:RoleArn is not: an external id only goes with a role to assume."
                : entry.ExternalId is { } id && !ConfigRules.IsExternalId(id) ? ConfigRules.Problem($"{path}:ExternalId", id, ConfigRules.ExternalIdAllowed) : null);
            problems.Add(entry.SessionName is { } session && entry.RoleArn is null
                ? $"{path}:SessionName is set, but {path}:RoleArn is not: a session name only goes with a role to assume."
                : entry.SessionName is { } sessionName && !ConfigRules.IsSessionName(sessionName) ? ConfigRules.Problem($"{path}:SessionName", sessionName, ConfigRules.SessionNameAllowed) : null);
        }

        if (options.DefaultEnvironment is { } chosen)
        {
            var known = entries.Count == 0 || local
                ? [local ? Cloud.CloudEnvironment.Local : Cloud.CloudEnvironment.Aws]
                : entries.Select(e => e.Entry.Name).Where(n => n.Length > 0).ToList();
            if (!known.Contains(chosen, StringComparer.Ordinal))
            {
                problems.Add($"{EnvironmentsOptions.DefaultEnvironmentKey} is '{chosen}', but no environment has that name: known are {string.Join(", ", known)}.");
            }
        }

        return Result([.. problems]);
    }

    public ValidateOptionsResult Validate(string? name, CloudOptions options) => Result(
        Check(CloudOptions.ModeKey, v => ConfigRules.TryParseMode(v, out _), ConfigRules.ModeAllowed),
        Check(CloudOptions.RefreshSecondsKey, v => ConfigRules.TryParseRefreshSeconds(v, out _), ConfigRules.RefreshAllowed));

    public ValidateOptionsResult Validate(string? name, LocalCloudOptions options)
    {
        // LocalCloud's own parser, so a key the stand-alone LocalCloud refuses is refused here with the same words.
        var faultProblems = new List<string>();
        FaultRuleParser.FromConfiguration(configuration.GetSection(LocalCloudOptions.FaultsKey), faultProblems);
        return Result([
            Check(LocalCloudOptions.PortKey, v => ConfigRules.TryParsePort(v, out _), ConfigRules.PortAllowed),
            Check(LocalCloudOptions.AccountIdKey, ConfigRules.IsAccountId, ConfigRules.AccountAllowed),
            Check(LocalCloudOptions.SeedDemoKey, v => bool.TryParse(v, out _), "true or false"),
            Check(LocalCloudOptions.SyntheticTrafficKey, v => bool.TryParse(v, out _), "true or false"),
            .. faultProblems,
        ]);
    }

    public ValidateOptionsResult Validate(string? name, AwsConnectionOptions options) =>
        Result(Check(AwsConnectionOptions.RegionKey, ConfigRules.IsRegion, ConfigRules.RegionAllowed));

    public ValidateOptionsResult Validate(string? name, AuditOptions options)
    {
        var path = configuration[AuditOptions.PathKey];
        var connection = configuration[AuditOptions.ConnectionStringKey];
        return Result(
            Check(AuditOptions.PathKey, ConfigRules.IsAuditPath, ConfigRules.AuditPathAllowed),
            connection is { Length: > 0 } && ConfigRules.PostgresConnectionProblem(connection) is { } problem
                ? $"{AuditOptions.ConnectionStringKey} cannot be used: {problem}. It must be a PostgreSQL connection string such as Host=db;Database=dashboard;Username=dashboard."
                : null,
            path is { Length: > 0 } && connection is { Length: > 0 }
                ? $"{AuditOptions.PathKey} and {AuditOptions.ConnectionStringKey} are both set, but the audit trail goes to one place: set {AuditOptions.PathKey} for an SQLite file, or {AuditOptions.ConnectionStringKey} for PostgreSQL."
                : null);
    }

    private string? Check(string key, Func<string, bool> isValid, string allowed) =>
        configuration[key] is { Length: > 0 } raw && !isValid(raw) ? ConfigRules.Problem(key, raw, allowed) : null;

    private static ValidateOptionsResult Result(params string?[] problems)
    {
        var failures = problems.OfType<string>().ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
