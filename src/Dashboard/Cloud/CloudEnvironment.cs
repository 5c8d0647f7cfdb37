using Dashboard.Configuration;

namespace Dashboard.Cloud;

/// <summary>
/// An account and region the dashboard can show, by the name that links (<c>?env=</c>), caches, rate limits and
/// audit records carry. Without <c>Cloud:Environments</c> there is one: <c>local</c> (LocalCloud) or <c>aws</c> (the
/// <c>Aws</c> section and the standard credential chain).
/// </summary>
public sealed record CloudEnvironment(string Name)
{
    public const string Local = "local";
    public const string Aws = "aws";

    /// <summary>The region; null takes <c>Aws:Region</c> or the standard chain's.</summary>
    public string? Region { get; init; }

    /// <summary>The shared-config profile whose credentials it uses.</summary>
    public string? Profile { get; init; }

    /// <summary>The role it assumes, with <see cref="ExternalId"/> when set.</summary>
    public string? RoleArn { get; init; }

    public string? ExternalId { get; init; }

    public string SessionName { get; init; } = EnvironmentsOptions.DefaultSessionName;

    /// <summary>The single environment of a configuration without <c>Cloud:Environments</c>.</summary>
    public static CloudEnvironment From(CloudOptions options) => new(options.Mode == CloudMode.Local ? Local : Aws);

    public static CloudEnvironment From(EnvironmentEntry entry) => new(entry.Name)
    {
        Region = entry.Region,
        Profile = entry.Profile,
        RoleArn = entry.RoleArn,
        ExternalId = entry.ExternalId,
        SessionName = entry.SessionName ?? EnvironmentsOptions.DefaultSessionName,
    };

    /// <summary>How it reaches AWS, for the switcher's tip: "profile data-prod", "role arn:… (external id)".</summary>
    public string Access => RoleArn is not null ? $"role {RoleArn}{(ExternalId is null ? string.Empty : " with an external id")}"
        : Profile is not null ? $"profile {Profile}"
        : "default credentials";

    public override string ToString() => Name;
}
