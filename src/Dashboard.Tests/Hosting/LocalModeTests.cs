using System.Text.Json;
using Dashboard.Playground;
using Dashboard.Workflows;
using Dashboard.Tests.Shared;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Dashboard.Tests.Hosting;

/// <summary>Local mode, the default: the dashboard starts LocalCloud in-process and shows its seeded demo.</summary>
[Collection(AppHostCollection.Name)]
public sealed class LocalModeTests
{
    private static WebApplicationFactory<Program> Factory() =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Development");
            builder.UseSetting("LocalCloud:Port", "0");
            builder.UseSetting("LocalCloud:SyntheticTraffic", "false");
        });

    [Fact]
    public async Task Default_StartsLocalCloud_ReadyAsLocalAccount()
    {
        await using var factory = Factory();
        using var client = factory.CreateClient();

        var body = JsonDocument.Parse(await client.GetStringAsync(new Uri("/readyz", UriKind.Relative), TestContext.Current.CancellationToken)).RootElement;

        Assert.Equal("ready", body.GetProperty("status").GetString());
        Assert.Equal("Local", body.GetProperty("mode").GetString());
        Assert.Equal("000000000000", body.GetProperty("account").GetString());
        Assert.StartsWith("http://127.0.0.1:", body.GetProperty("endpoint").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Default_WorkflowsListShowsTheSeededPipelines()
    {
        await using var factory = Factory();
        using var client = factory.CreateClient();

        var html = await client.GetStringAsync(new Uri("/", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.DoesNotContain("workflows-error", html, StringComparison.Ordinal);
        Assert.Contains($"of {SeededDemo.Workflows} workflows", html, StringComparison.Ordinal); // the first HTML carries at least the names
    }

    [Fact]
    public async Task Playground_FiveSamplesOnTheWatchedPrefix_StartTheWalkthroughsWorkflow()
    {
        await using var factory = Factory();
        using var client = factory.CreateClient();
        var services = factory.Services;
        var playground = services.GetRequiredService<PlaygroundService>();
        var runs = services.GetRequiredService<WorkflowRuns>();
        var ct = TestContext.Current.CancellationToken;

        var targets = await playground.TargetsAsync(ct);
        var products = Assert.Single(targets, t => t.Workflow == "products_raw_ingest");
        Assert.Equal(new WatchedPrefix("glue-event-demo-000000000000", "data/products_raw/", UploadEventKind.CloudTrailPutObject), products.Watched);
        Assert.Contains(targets, t => t.Workflow == "orders_cdc_merge" && t.Watched.Kind == UploadEventKind.ObjectCreated);
        Assert.DoesNotContain(targets, t => t.Workflow == "clickstream_sessionize"); // its rule watches application events, not S3
        var before = (await runs.GetPageAsync("products_raw_ingest", null, ct)).Runs.Select(r => r.RunId).ToHashSet();

        var uploads = await playground.UploadSamplesAsync(products, 5, ct);

        Assert.Equal(5, uploads.Count);
        Assert.All(uploads, u => Assert.StartsWith("data/products_raw/product_", u.Key, StringComparison.Ordinal));
        var started = Assert.Single((await runs.GetPageAsync("products_raw_ingest", null, ct)).Runs, r => !before.Contains(r.RunId));
        Assert.Equal(RunCause.BatchSizeReached, started.Cause);
        Assert.Equal(5, started.EventCount);
    }

    [Theory]
    [InlineData("", 10, "The file has no name.")]
    [InlineData("../..", 10, "The file has no name.")]
    [InlineData("empty.json", 0, "empty.json is empty: an object needs content for the jobs to read.")]
    [InlineData("huge.json", 6 * 1024 * 1024, "huge.json is 6.0 MB; the playground takes files up to 5 MB.")]
    [InlineData("bad#name.json", 10, "\"bad#name.json\" has characters S3 keys should avoid: #. Rename the file.")]
    public async Task Playground_BadFile_IsRefusedBeforeAnyUpload(string name, long length, string expected)
    {
        await using var factory = Factory();
        using var client = factory.CreateClient();
        var playground = factory.Services.GetRequiredService<PlaygroundService>();
        var target = new PlaygroundTarget("products_raw_ingest", new RuleReference("default", "r", "ENABLED"), new WatchedPrefix("no-such-bucket", "p/", UploadEventKind.ObjectCreated), null);
        using var content = new MemoryStream(new byte[10]);

        var error = await Assert.ThrowsAsync<PlaygroundInputException>(() => playground.UploadAsync(target, name, content, length, TestContext.Current.CancellationToken));

        Assert.Equal(expected, error.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(101)]
    public async Task Playground_SampleCountOutOfRange_IsRefused(int count)
    {
        await using var factory = Factory();
        var playground = factory.Services.GetRequiredService<PlaygroundService>();
        var target = new PlaygroundTarget("w", new RuleReference("default", "r", "ENABLED"), new WatchedPrefix("b", "p/", UploadEventKind.ObjectCreated), null);

        var error = await Assert.ThrowsAsync<PlaygroundInputException>(() => playground.UploadSamplesAsync(target, count, TestContext.Current.CancellationToken));

        Assert.Equal($"Upload 1 to 100 samples at a time, not {count}.", error.Message);
    }
}
