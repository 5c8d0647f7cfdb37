namespace Dashboard.Configuration;

/// <summary>
/// One entry of <c>Cloud:Environments</c>: an AWS account and region the dashboard can show, reached with a named
/// profile or by assuming a role (with an external id when the role's trust policy asks for one).
/// </summary>
public sealed class EnvironmentEntry
{
    /// <summary>The name people see and links carry (<c>?env=NAME</c>).</summary>
    public string Name { get; set; } = string.Empty;

    public string Region { get; set; } = string.Empty;

    /// <summary>A profile of the shared AWS config and credentials files.</summary>
    public string? Profile { get; set; }

    /// <summary>A role to assume with the standard credential chain (or <c>Aws:Profile</c>) as the source.</summary>
    public string? RoleArn { get; set; }

    /// <summary>The external id the role's trust policy requires; only with <see cref="RoleArn"/>.</summary>
    public string? ExternalId { get; set; }

    /// <summary>The role session name CloudTrail records; "glue-event-dashboard" by default.</summary>
    public string? SessionName { get; set; }
}

/// <summary>The environments of <c>Cloud:Environments</c> and which one opens when a link names none.</summary>
public sealed class EnvironmentsOptions
{
    public const string EnvironmentsKey = "Cloud:Environments";
    public const string DefaultEnvironmentKey = "Cloud:DefaultEnvironment";
    public const string DefaultSessionName = "glue-event-dashboard";

    public List<EnvironmentEntry> Environments { get; set; } = [];

    /// <summary>The first environment when unset.</summary>
    public string? DefaultEnvironment { get; set; }
}
