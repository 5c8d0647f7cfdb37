using System.Text.Json;
using LocalCloud.Glue;
using LocalCloud.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;

namespace LocalCloud.Tests.Persistence;

/// <summary>With a data path, state made through the public APIs is read back through them after a restart.</summary>
public sealed class RestartTests : IAsyncLifetime
{
    private const string Bucket = "durable-landing";
    private const string Workflow = "orders";
    private readonly DurableCloud _cloud = new();

    public async ValueTask InitializeAsync() => await _cloud.StartAsync();

    public async ValueTask DisposeAsync() => await _cloud.DisposeAsync();

    [Fact]
    public async Task Restart_ObjectsAndBuckets_ReadBack()
    {
        await _cloud.S3Async(HttpMethod.Put, $"/{Bucket}");
        await _cloud.S3Async(HttpMethod.Put, $"/{Bucket}?notification", "<NotificationConfiguration><EventBridgeConfiguration/></NotificationConfiguration>");
        await _cloud.S3Async(HttpMethod.Put, $"/{Bucket}/a/one.json", """{"n":1}""");
        await _cloud.S3Async(HttpMethod.Put, $"/{Bucket}/a/one.json", """{"n":2}""");
        await _cloud.S3Async(HttpMethod.Put, $"/{Bucket}/a/two.json", """{"n":3}""");
        await _cloud.S3Async(HttpMethod.Delete, $"/{Bucket}/a/two.json");

        await _cloud.RestartAsync();

        Assert.Equal("""{"n":2}""", await _cloud.S3Async(HttpMethod.Get, $"/{Bucket}/a/one.json"));
        var listing = await _cloud.S3Async(HttpMethod.Get, $"/{Bucket}?list-type=2");
        Assert.Contains("<Key>a/one.json</Key>", listing, StringComparison.Ordinal);
        Assert.DoesNotContain("a/two.json", listing, StringComparison.Ordinal);
        Assert.Contains("EventBridgeConfiguration", await _cloud.S3Async(HttpMethod.Get, $"/{Bucket}?notification"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Restart_PipelineMidFlight_RunsBatchRulesTrailsHistoryAndMetricsReadBack()
    {
        await CreatePipelineAsync(batchSize: 2, batchWindow: 300, jobSeconds: 120);
        await _cloud.JsonAsync("cloudtrail", "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.CreateTrail", new { Name = "durable-trail", S3BucketName = Bucket });
        await _cloud.JsonAsync("cloudtrail", "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.PutEventSelectors", new
        {
            TrailName = "durable-trail",
            EventSelectors = new[] { new { ReadWriteType = "WriteOnly", IncludeManagementEvents = true, DataResources = new[] { new { Type = "AWS::S3::Object", Values = new[] { $"arn:aws:s3:::{Bucket}/" } } } } },
        });
        for (var i = 0; i < 3; i++)
        {
            await _cloud.S3Async(HttpMethod.Put, $"/{Bucket}/cdc/{i}.json", "{}");
        }

        var before = await RunsAsync();
        var batchBefore = OpenBatch();
        _cloud.Clock.Advance(TimeSpan.FromSeconds(60));

        await _cloud.RestartAsync();

        // Runs, with their actions, statistics and properties.
        var runs = await RunsAsync();
        var run = Assert.Single(runs);
        Assert.Equal(before[0].GetProperty("WorkflowRunId").GetString(), run.GetProperty("WorkflowRunId").GetString());
        Assert.Equal("RUNNING", run.GetProperty("Status").GetString());
        Assert.Equal(1, run.GetProperty("Statistics").GetProperty("RunningActions").GetInt32());
        Assert.Equal(before[0].GetProperty("WorkflowRunProperties").GetProperty("aws:eventIds").GetString(), run.GetProperty("WorkflowRunProperties").GetProperty("aws:eventIds").GetString());
        Assert.Equal(batchBefore, OpenBatch());

        // Rules and targets, the trail and its selectors, CloudTrail's history, the rule's metrics.
        var targets = await _cloud.JsonAsync("events", "AWSEvents.ListTargetsByRule", new { Rule = "created" });
        Assert.Equal($"arn:aws:glue:us-east-1:{DurableCloud.Account}:workflow/{Workflow}", targets.GetProperty("Targets")[0].GetProperty("Arn").GetString());
        var selectors = await _cloud.JsonAsync("cloudtrail", "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.GetEventSelectors", new { TrailName = "durable-trail" });
        Assert.Equal("WriteOnly", selectors.GetProperty("EventSelectors")[0].GetProperty("ReadWriteType").GetString());
        var history = await _cloud.JsonAsync("cloudtrail", "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.LookupEvents", new { LookupAttributes = new[] { new { AttributeKey = "EventName", AttributeValue = "CreateBucket" } } });
        Assert.Single(history.GetProperty("Events").EnumerateArray());
        var invocations = await _cloud.JsonAsync("monitoring", "GraniteServiceVersion20100801.GetMetricStatistics", new
        {
            Namespace = "AWS/Events",
            MetricName = "Invocations",
            Dimensions = new[] { new { Name = "RuleName", Value = "created" } },
            StartTime = _cloud.Clock.GetUtcNow().AddHours(-1),
            EndTime = _cloud.Clock.GetUtcNow().AddHours(1),
            Period = 3600,
            Statistics = new[] { "Sum" },
        }, "application/x-amz-json-1.0");
        Assert.Equal(3, invocations.GetProperty("Datapoints")[0].GetProperty("Sum").GetDouble());

        // The job resumes its timing: due 120 s after it started, 60 s of which passed before the restart.
        _cloud.Clock.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal("RUNNING", (await RunsAsync())[0].GetProperty("Status").GetString());
        _cloud.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal("COMPLETED", (await RunsAsync())[0].GetProperty("Status").GetString());
    }

    [Fact]
    public async Task Restart_OpenBatch_WindowFiresAtOriginalOpenedAtPlusWindow()
    {
        await CreatePipelineAsync(batchSize: 10, batchWindow: 300, jobSeconds: 1);
        await _cloud.S3Async(HttpMethod.Put, $"/{Bucket}/cdc/first.json", "{}");
        _cloud.Clock.Advance(TimeSpan.FromSeconds(200));

        await _cloud.RestartAsync();

        Assert.Single(OpenBatch());
        _cloud.Clock.Advance(TimeSpan.FromSeconds(99));
        Assert.Empty(await RunsAsync());
        _cloud.Clock.Advance(TimeSpan.FromSeconds(1));
        var run = Assert.Single(await RunsAsync());
        Assert.Equal(300, run.GetProperty("StartingEventBatchCondition").GetProperty("BatchWindow").GetInt32());
        Assert.Empty(OpenBatch());
    }

    [Fact]
    public async Task Restart_WindowPassedWhileStopped_FiresAtOnce()
    {
        await CreatePipelineAsync(batchSize: 10, batchWindow: 300, jobSeconds: 1);
        await _cloud.S3Async(HttpMethod.Put, $"/{Bucket}/cdc/first.json", "{}");
        await _cloud.StopAsync();
        _cloud.Clock.Advance(TimeSpan.FromSeconds(301));

        await _cloud.StartAsync();

        var run = Assert.Single(await RunsAsync());
        Assert.Single(JsonSerializer.Deserialize<string[]>(run.GetProperty("WorkflowRunProperties").GetProperty("aws:eventIds").GetString() ?? "[]") ?? []);
        Assert.Empty(OpenBatch());
    }

    [Fact]
    public async Task Restart_DeletedWorkflowAndTrigger_StayDeleted()
    {
        await CreatePipelineAsync(batchSize: 1, batchWindow: 300, jobSeconds: 1);
        await _cloud.S3Async(HttpMethod.Put, $"/{Bucket}/cdc/first.json", "{}");
        await _cloud.JsonAsync("glue", "AWSGlue.DeleteWorkflow", new { Name = Workflow });
        await _cloud.JsonAsync("glue", "AWSGlue.CreateWorkflow", new { Name = Workflow });

        await _cloud.RestartAsync();

        Assert.Empty(await RunsAsync());
        var triggers = await _cloud.JsonAsync("glue", "AWSGlue.ListTriggers", new { });
        Assert.Empty(triggers.GetProperty("TriggerNames").EnumerateArray());
    }

    [Fact]
    public async Task Restart_CatalogDatabasesTablesAndPartitions_ReadBack()
    {
        await _cloud.JsonAsync("glue", "AWSGlue.CreateDatabase", new { DatabaseInput = new { Name = "Sales_DB", Description = "sales" } });
        await _cloud.JsonAsync("glue", "AWSGlue.CreateTable", new
        {
            DatabaseName = "sales_db",
            TableInput = new
            {
                Name = "orders",
                StorageDescriptor = new { Columns = new[] { new { Name = "order_id", Type = "bigint" } }, Location = "s3://sales/orders/" },
                PartitionKeys = new[] { new { Name = "day", Type = "string" } },
            },
        });
        await _cloud.JsonAsync("glue", "AWSGlue.CreateDatabase", new { DatabaseInput = new { Name = "scratch" } });
        await _cloud.JsonAsync("glue", "AWSGlue.DeleteDatabase", new { Name = "scratch" });

        await _cloud.RestartAsync();

        var databases = (await _cloud.JsonAsync("glue", "AWSGlue.GetDatabases", new { })).GetProperty("DatabaseList").EnumerateArray().Select(d => d.GetProperty("Name").GetString()).ToList();
        Assert.Equal(["sales_db"], databases);
        var table = (await _cloud.JsonAsync("glue", "AWSGlue.GetTable", new { DatabaseName = "sales_db", Name = "orders" })).GetProperty("Table");
        Assert.Equal("s3://sales/orders/", table.GetProperty("StorageDescriptor").GetProperty("Location").GetString());
        Assert.Equal("day", Assert.Single(table.GetProperty("PartitionKeys").EnumerateArray()).GetProperty("Name").GetString());
    }

    private async Task CreatePipelineAsync(int batchSize, int batchWindow, int jobSeconds)
    {
        await _cloud.S3Async(HttpMethod.Put, $"/{Bucket}");
        await _cloud.S3Async(HttpMethod.Put, $"/{Bucket}?notification", "<NotificationConfiguration><EventBridgeConfiguration/></NotificationConfiguration>");
        await _cloud.JsonAsync("glue", "AWSGlue.CreateWorkflow", new { Name = Workflow, MaxConcurrentRuns = 10 });
        await _cloud.JsonAsync("glue", "AWSGlue.CreateJob", new
        {
            Name = "merge",
            Role = "r",
            Command = new { Name = "glueetl", ScriptLocation = "s3://s/j.py" },
            DefaultArguments = new Dictionary<string, string> { ["--localcloud-duration-seconds"] = jobSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            ExecutionProperty = new { MaxConcurrentRuns = 10 },
        });
        await _cloud.JsonAsync("glue", "AWSGlue.CreateTrigger", new { Name = "start", WorkflowName = Workflow, Type = "EVENT", Actions = new[] { new { JobName = "merge" } }, EventBatchingCondition = new { BatchSize = batchSize, BatchWindow = batchWindow } });
        await _cloud.JsonAsync("events", "AWSEvents.PutRule", new { Name = "created", EventPattern = """{"source":["aws.s3"],"detail-type":["Object Created"]}""" });
        var role = NotifyRole.Create(_cloud.Cloud ?? throw new InvalidOperationException("LocalCloud is not running."), DurableCloud.Account);
        await _cloud.JsonAsync("events", "AWSEvents.PutTargets", new { Rule = "created", Targets = new[] { new { Id = "wf", Arn = $"arn:aws:glue:us-east-1:{DurableCloud.Account}:workflow/{Workflow}", RoleArn = role } } });
    }

    private async Task<List<JsonElement>> RunsAsync() =>
        (await _cloud.JsonAsync("glue", "AWSGlue.GetWorkflowRuns", new { Name = Workflow, IncludeGraph = false })).GetProperty("Runs").EnumerateArray().ToList();

    private IReadOnlyList<string> OpenBatch() =>
        (_cloud.Cloud ?? throw new InvalidOperationException("Not started.")).Services.GetRequiredService<GlueBackend>().OpenBatch(DurableCloud.Account, "us-east-1", Workflow);
}
