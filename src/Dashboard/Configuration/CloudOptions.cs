namespace Dashboard.Configuration;

/// <summary>What the dashboard talks to.</summary>
public enum CloudMode
{
    /// <summary>LocalCloud, the AWS-compatible emulator on loopback.</summary>
    Local,

    /// <summary>Real AWS, through the standard credential chain.</summary>
    Aws,
}

/// <summary>The <c>Cloud</c> section.</summary>
public sealed class CloudOptions
{
    public const string SectionName = "Cloud";
    public const string ModeKey = "Cloud:Mode";
    public const string RefreshSecondsKey = "Cloud:RefreshSeconds";

    public CloudMode Mode { get; set; } = CloudMode.Local;

    /// <summary>How often live pages poll; by default 5 s against LocalCloud and 30 s against AWS.</summary>
    public int? RefreshSeconds { get; set; }

    public TimeSpan RefreshInterval => TimeSpan.FromSeconds(RefreshSeconds ?? (Mode == CloudMode.Local ? 5 : 30));
}

/// <summary>The <c>LocalCloud</c> section: where LocalCloud listens.</summary>
public sealed class LocalCloudOptions
{
    public const string SectionName = "LocalCloud";
    public const string PortKey = "LocalCloud:Port";
    public const string HostKey = "LocalCloud:Host";
    public const string AccountIdKey = "LocalCloud:AccountId";
    public const string DataPathKey = "LocalCloud:DataPath";
    public const string SeedDemoKey = "LocalCloud:SeedDemo";
    public const string SyntheticTrafficKey = "LocalCloud:SyntheticTraffic";
    public const string FaultsKey = "LocalCloud:Faults";

    /// <summary>4566 by default; 0 picks a free port.</summary>
    public int Port { get; set; } = 4566;

    /// <summary>Loopback unless configured otherwise.</summary>
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>The account LocalCloud reports for requests signed with its demo credentials.</summary>
    public string AccountId { get; set; } = "000000000000";

    /// <summary>Where LocalCloud keeps S3 objects; empty keeps them in memory.</summary>
    public string? DataPath { get; set; }

    /// <summary>Whether LocalCloud seeds the demo pipelines when it starts.</summary>
    public bool SeedDemo { get; set; } = true;

    /// <summary>Whether LocalCloud keeps uploading to the seeded pipelines, so their metrics and history move.</summary>
    public bool SyntheticTraffic { get; set; } = true;

    /// <summary>
    /// Faults LocalCloud injects from the start (<c>LocalCloud:Faults:N:*</c>), read by LocalCloud's own parser so the
    /// embedded emulator takes exactly the keys the stand-alone one does; none by default.
    /// </summary>
    public IReadOnlyList<LocalCloud.Faults.FaultRule> Faults { get; set; } = [];

    public Uri Endpoint => new($"http://{(Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]" : Host)}:{Port}/");
}

/// <summary>
/// The <c>Aws</c> section, read by AWSSDK.Extensions.NETCore.Setup (<c>Aws:Region</c>, <c>Aws:Profile</c>, …).
/// Without them the standard chain applies: <c>AWS_REGION</c>, <c>AWS_PROFILE</c>, SSO, IMDS, web identity.
/// </summary>
public sealed class AwsConnectionOptions
{
    public const string SectionName = "Aws";
    public const string RegionKey = "Aws:Region";
    public const string ProfileKey = "Aws:Profile";

    public string? Region { get; set; }

    public string? Profile { get; set; }
}
