using System.Globalization;
using System.Text.Json;
using LocalCloud.Hosting;
using LocalCloud.Scenarios;
using LocalCloud.Tests.Shared;
using Microsoft.Extensions.Time.Testing;

namespace LocalCloud.Tests.Pipeline;

/// <summary>LocalCloud with its demo seeded, on a fake clock.</summary>
public sealed class SeededLocalCloudFixture : IAsyncLifetime
{
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));

    public LocalCloudHost Cloud { get; private set; } = null!;

    public async ValueTask InitializeAsync() =>
        Cloud = await LocalCloudHost.StartAsync(new LocalCloudSettings { Port = 0, SeedDemo = true, SyntheticTraffic = false }, Clock, CancellationToken.None);

    public async ValueTask DisposeAsync() => await Cloud.DisposeAsync();
}

/// <summary>
/// The reference walkthrough, with each AWS CLI against the seeded demo: four uploads start nothing, the fifth
/// starts exactly one run of five events, and CloudWatch shows the rule's invocations.
/// </summary>
public sealed class WalkthroughCliTests(SeededLocalCloudFixture seeded) : IClassFixture<SeededLocalCloudFixture>
{
    private const string Bucket = "glue-event-demo-000000000000";

    [Theory]
    [MemberData(nameof(AwsCliVersion.Both), MemberType = typeof(AwsCliVersion))]
    public async Task FiveUploads_StartExactlyOneRun_AndTheMetricsShowTheInvocations(string version)
    {
        // Each CLI gets its own minutes of the clock, so its metrics stand apart.
        // Step by step: FakeTimeProvider fires due timers after it sets the end time, so a job that starts a crawler
        // in its callback would otherwise schedule the crawler from the end time.
        for (var i = 0; i < (version == AwsCliVersion.V1.Name ? 10 : 30) * 60; i++)
        {
            seeded.Clock.Advance(TimeSpan.FromSeconds(1));
        }

        var cli = new AwsCli(seeded.Cloud.Endpoint, AwsCliVersion.Named(version), "test");
        var before = await RunIdsAsync(cli);
        var folder = Directory.CreateTempSubdirectory("walkthrough-");
        var products = new[] { "Television", "USB charger", "Headphones", "Kettle", "Desk lamp" };

        for (var i = 1; i <= 5; i++)
        {
            var file = Path.Combine(folder.FullName, $"product_0000{i}.json");
            await File.WriteAllTextAsync(file, $$"""{"product_id": "0000{{i}}", "product_name": "{{products[i - 1]}}", "created_at": "2021-06-0{{i}}"}""", TestContext.Current.CancellationToken);
            await cli.RunAsync("s3", "cp", file, $"s3://{Bucket}/data/products_raw/");
            if (i == 4)
            {
                Assert.Equal(before, await RunIdsAsync(cli));
            }
        }

        var runs = (await cli.RunAsync("glue", "get-workflow-runs", "--name", DemoSeed.ProductsWorkflow))?.GetProperty("Runs").EnumerateArray().ToList() ?? [];
        var fresh = Assert.Single(runs, r => !before.Contains(r.GetProperty("WorkflowRunId").GetString() ?? string.Empty));
        Assert.Equal(5, fresh.GetProperty("StartingEventBatchCondition").GetProperty("BatchSize").GetInt32());
        Assert.Equal("RUNNING", fresh.GetProperty("Status").GetString());
        var ids = JsonSerializer.Deserialize<string[]>(fresh.GetProperty("WorkflowRunProperties").GetProperty("aws:eventIds").GetString() ?? "[]") ?? [];
        Assert.Equal(5, ids.Distinct(StringComparer.Ordinal).Count());

        var start = seeded.Clock.GetUtcNow().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var end = seeded.Clock.GetUtcNow().AddMinutes(1).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var statistics = await cli.RunAsync("cloudwatch", "get-metric-statistics", "--namespace", "AWS/Events", "--metric-name", "Invocations",
            "--dimensions", $"Name=RuleName,Value={DemoSeed.ProductsRule}", "--start-time", start, "--end-time", end, "--period", "60", "--statistics", "Sum");
        Assert.Equal(5, statistics?.GetProperty("Datapoints").EnumerateArray().Sum(d => d.GetProperty("Sum").GetDouble()));

        var queries = $$$"""[{"Id":"triggered","MetricStat":{"Metric":{"Namespace":"AWS/Events","MetricName":"TriggeredRules","Dimensions":[{"Name":"RuleName","Value":"{{{DemoSeed.ProductsRule}}}"}]},"Period":60,"Stat":"Sum"}}]""";
        var data = await cli.RunAsync("cloudwatch", "get-metric-data", "--metric-data-queries", queries, "--start-time", start, "--end-time", end);
        Assert.Equal(5, data?.GetProperty("MetricDataResults")[0].GetProperty("Values").EnumerateArray().Sum(v => v.GetDouble()));
        folder.Delete(recursive: true);
    }

    private static async Task<HashSet<string>> RunIdsAsync(AwsCli cli) =>
        ((await cli.RunAsync("glue", "get-workflow-runs", "--name", DemoSeed.ProductsWorkflow))?.GetProperty("Runs").EnumerateArray() ?? default)
            .Select(r => r.GetProperty("WorkflowRunId").GetString() ?? string.Empty)
            .ToHashSet(StringComparer.Ordinal);
}
