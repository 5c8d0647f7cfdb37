using System.Text.Json;
using System.Text.Json.Nodes;
using LocalCloud.CloudTrail;
using LocalCloud.Glue;
using LocalCloud.Hosting;
using LocalCloud.Protocol;
using LocalCloud.Scenarios;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace LocalCloud.Tests.Scenarios;

/// <summary>LocalCloud with its demo seeded, read through the backends, on a clock nobody moves.</summary>
public sealed class SeededDemoFixture : IAsyncLifetime
{
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));

    public LocalCloudHost Cloud { get; private set; } = null!;

    public async ValueTask InitializeAsync() =>
        Cloud = await LocalCloudHost.StartAsync(new LocalCloudSettings { Port = 0, SeedDemo = true, SyntheticTraffic = false }, Clock, CancellationToken.None);

    public async ValueTask DisposeAsync() => await Cloud.DisposeAsync();
}

/// <summary>
/// The demo's past runs are traceable as on AWS: each event id in a run's <c>aws:eventIds</c> has EventBridge's
/// NotifyEvent call in CloudTrail's event history, with the delivered event and its S3 object.
/// </summary>
public sealed class DemoSeedTests(SeededDemoFixture seeded) : IClassFixture<SeededDemoFixture>
{
    private const string Account = "000000000000";
    private static readonly RequestContext Context = new(Account, DemoSeed.Region, "glue", "test", Account);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<List<WorkflowRun>> RunsAsync(string workflow)
    {
        var glue = seeded.Cloud.Services.GetRequiredService<GlueBackend>();
        var response = await glue.Operations.Get("GetWorkflowRuns").Invoke(Context, new GetWorkflowRunsRequest(workflow, false, null, 1000), Ct);
        return ((GetWorkflowRunsResponse)response).Runs;
    }

    private Dictionary<string, JsonObject> NotifyEvents()
    {
        var history = seeded.Cloud.Services.GetRequiredService<CloudTrailBackend>().History;
        var records = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        string? token = null;
        do
        {
            var page = history.Lookup(Account, DemoSeed.Region, new LookupEventsRequest([new LookupAttribute("EventName", "NotifyEvent")], null, null, null, 50, token));
            foreach (var record in page.Events.Select(e => JsonNode.Parse(e.CloudTrailEvent)?.AsObject()).OfType<JsonObject>())
            {
                records[record["requestParameters"]?["eventPayload"]?["eventId"]?.GetValue<string>() ?? string.Empty] = record;
            }

            token = page.NextToken;
        }
        while (token is not null);

        return records;
    }

    private static JsonObject Body(JsonObject record) =>
        JsonNode.Parse(record["requestParameters"]?["eventPayload"]?["eventBody"]?.GetValue<string>() ?? "null")?.AsObject()
        ?? throw new InvalidOperationException("The NotifyEvent record has no eventBody.");

    private static string[] EventIds(WorkflowRun run) => JsonSerializer.Deserialize<string[]>(run.WorkflowRunProperties["aws:eventIds"]) ?? [];

    [Fact]
    public async Task ProductsRuns_EachEventHasItsUploadInCloudTrail()
    {
        var records = NotifyEvents();
        var runs = await RunsAsync(DemoSeed.ProductsWorkflow);

        Assert.NotEmpty(runs);
        foreach (var run in runs)
        {
            foreach (var id in EventIds(run))
            {
                var record = records[id];
                Assert.Equal("glue.amazonaws.com", record["eventSource"]?.GetValue<string>());
                Assert.Equal(DemoSeed.ProductsWorkflow, record["requestParameters"]?["name"]?.GetValue<string>());
                Assert.True(DateTimeOffset.Parse(record["eventTime"]?.GetValue<string>() ?? string.Empty, System.Globalization.CultureInfo.InvariantCulture) <= run.StartedOn);
                var body = Body(record);
                Assert.Equal(id, body["id"]?.GetValue<string>());
                Assert.Equal("AWS API Call via CloudTrail", body["detail-type"]?.GetValue<string>());
                Assert.Equal("PutObject", body["detail"]?["eventName"]?.GetValue<string>());
                Assert.Equal($"glue-event-demo-{Account}", body["detail"]?["requestParameters"]?["bucketName"]?.GetValue<string>());
                Assert.StartsWith("data/products_raw/product_", body["detail"]?["requestParameters"]?["key"]?.GetValue<string>(), StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task OrdersRuns_EachEventIsAnObjectCreatedEventInCloudTrail()
    {
        var records = NotifyEvents();

        foreach (var id in (await RunsAsync(DemoSeed.OrdersWorkflow)).SelectMany(EventIds))
        {
            var body = Body(records[id]);
            Assert.Equal("Object Created", body["detail-type"]?.GetValue<string>());
            Assert.Equal($"orders-landing-{Account}", body["detail"]?["bucket"]?["name"]?.GetValue<string>());
            Assert.StartsWith("cdc/orders_", body["detail"]?["object"]?["key"]?.GetValue<string>(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ClickstreamRuns_OnlyTheNewestBatchIsInCloudTrail()
    {
        var records = NotifyEvents();
        var runs = await RunsAsync(DemoSeed.ClickstreamWorkflow);

        Assert.All(EventIds(runs[0]), id => Assert.Equal("com.example.clickstream", Body(records[id])["source"]?.GetValue<string>()));
        Assert.DoesNotContain(EventIds(runs[^1]), records.ContainsKey);
    }

    [Fact]
    public async Task Demo_HasACompletedRunWithAFailedNodeToResume()
    {
        var runs = (await RunsAsync(DemoSeed.ProductsWorkflow)).Concat(await RunsAsync(DemoSeed.OrdersWorkflow));

        Assert.Contains(runs, r => r.Status == "COMPLETED" && r.Statistics.FailedActions > 0);
    }
}
