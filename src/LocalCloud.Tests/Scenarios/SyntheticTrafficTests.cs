using LocalCloud.Hosting;
using LocalCloud.Protocol;
using LocalCloud.S3;
using LocalCloud.Scenarios;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace LocalCloud.Tests.Scenarios;

/// <summary>The synthetic stream keeps its pace on the injected clock, uploads through S3 like a user, and can be turned off.</summary>
public sealed class SyntheticTrafficTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TwoMinutes_SendEachStreamAtItsPace()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.Zero));
        await using var cloud = await LocalCloudHost.StartAsync(new LocalCloudSettings { Port = 0, SeedDemo = true, SyntheticTraffic = true }, clock, Ct);
        var traffic = cloud.Services.GetRequiredService<SyntheticTraffic>();

        await AdvanceAsync(clock, traffic, TimeSpan.FromMinutes(2));

        // Products at 10 s and 95 s; orders at 20, 65 and 110 s; clickstream every 20 s from 5 s; each broken pipeline once,
        // the concurrency case at 45, 75 and 105 s.
        Assert.Equal(2 + 3 + 6 + 5 + 3, traffic.Sent);
        var demo = cloud.Services.GetRequiredService<DemoSeed>();
        var listed = await cloud.Services.GetRequiredService<S3Backend>().ListObjectsV2Async(
            new S3Caller(new RequestContext("000000000000", "us-east-1", "s3", "test", "test"), "127.0.0.1", "127.0.0.1", null),
            new ListObjectsV2Request(demo.BucketName, "data/products_raw/product_live_"),
            Ct);
        Assert.Equal(2, listed.Contents.Count);
    }

    [Fact]
    public async Task TurnedOff_SendsNothing()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.Zero));
        await using var cloud = await LocalCloudHost.StartAsync(new LocalCloudSettings { Port = 0, SeedDemo = true, SyntheticTraffic = false }, clock, Ct);
        var traffic = cloud.Services.GetRequiredService<SyntheticTraffic>();

        await AdvanceAsync(clock, traffic, TimeSpan.FromMinutes(10));

        Assert.Equal(0, traffic.Sent);
    }

    private static async Task AdvanceAsync(FakeTimeProvider clock, SyntheticTraffic traffic, TimeSpan total)
    {
        for (var elapsed = TimeSpan.Zero; elapsed < total; elapsed += SyntheticTraffic.Tick)
        {
            clock.Advance(SyntheticTraffic.Tick);
            await traffic.WhenIdle;
        }
    }
}
