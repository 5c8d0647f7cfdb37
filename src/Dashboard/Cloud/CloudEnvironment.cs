using Dashboard.Configuration;

namespace Dashboard.Cloud;

/// <summary>
/// The name of the account and region the registered clients talk to, as audit records and caches key it.
/// One environment for now: <c>local</c> (LocalCloud) or <c>aws</c>.
/// </summary>
public sealed record CloudEnvironment(string Name)
{
    public const string Local = "local";
    public const string Aws = "aws";

    public static CloudEnvironment From(CloudOptions options) => new(options.Mode == CloudMode.Local ? Local : Aws);

    public override string ToString() => Name;
}
