using LocalCloud.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace LocalCloud.Tests.Shared;

/// <summary>
/// A LocalCloud on a free loopback port, without the demo seed, on a fake clock the test moves. Tests isolate
/// themselves by using their own account (a 12-digit access key id) or unique names.
/// </summary>
public sealed class LocalCloudFixture : IAsyncLifetime
{
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));

    public LocalCloudHost Cloud { get; private set; } = null!;

    public Uri Endpoint => Cloud.Endpoint;

    public async ValueTask InitializeAsync() =>
        Cloud = await LocalCloudHost.StartAsync(new LocalCloudSettings { Port = 0, SeedDemo = false }, Clock, CancellationToken.None);

    /// <summary>A fresh account for one test, so tests never see each other's resources.</summary>
    public static string NewAccount() => Random.Shared.NextInt64(100_000_000_000, 999_999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);

    public AwsCli Cli(AwsCliVersion version, string account, string region = "us-east-1") => new(Endpoint, version, account, region);

    public async ValueTask DisposeAsync() => await Cloud.DisposeAsync();
}
