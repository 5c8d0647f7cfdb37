using LocalCloud.Events;
using LocalCloud.Hosting;
using LocalCloud.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace LocalCloud.Tests.S3;

/// <summary>
/// <see cref="LocalCloudFixture"/> with a recording EventBridge ingress in place of EventBridge, so tests see exactly
/// what S3 and CloudTrail publish. Tests isolate themselves by account.
/// </summary>
public sealed class EventsCloudFixture : IAsyncLifetime
{
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));

    public RecordingEventIngress Events { get; } = new();

    public LocalCloudHost Cloud { get; private set; } = null!;

    public Uri Endpoint => Cloud.Endpoint;

    public async ValueTask InitializeAsync() =>
        Cloud = await LocalCloudHost.StartAsync(
            new LocalCloudSettings { Port = 0, SeedDemo = false },
            Clock,
            CancellationToken.None,
            services => services.AddSingleton<IEventIngress>(Events));

    public AwsCli Cli(AwsCliVersion version, string account, string region = "us-east-1") => new(Endpoint, version, account, region);

    public async ValueTask DisposeAsync() => await Cloud.DisposeAsync();
}
