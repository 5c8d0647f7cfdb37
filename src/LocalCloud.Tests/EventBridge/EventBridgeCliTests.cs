using System.Text.Json;
using LocalCloud.Tests.Shared;

namespace LocalCloud.Tests.EventBridge;

/// <summary>EventBridge in LocalCloud, driven by both AWS CLIs: rules, targets, PutEvents into a Glue workflow's batcher.</summary>
public sealed class EventBridgeCliTests(LocalCloudFixture cloud) : IClassFixture<LocalCloudFixture>
{
    private static async Task SeedWorkflowAsync(AwsCli cli, string workflow, int batchSize)
    {
        await cli.RunAsync("glue", "create-workflow", "--name", workflow);
        await cli.RunAsync("glue", "create-job", "--name", $"{workflow}-job", "--role", "arn:aws:iam::000000000000:role/glue", "--command", "Name=glueetl,ScriptLocation=s3://scripts/job.py");
        await cli.RunAsync("glue", "create-trigger", "--name", $"{workflow}-start", "--workflow-name", workflow, "--type", "EVENT",
            "--event-batching-condition", $"BatchSize={batchSize},BatchWindow=900", "--actions", $"JobName={workflow}-job");
    }

    [Theory]
    [MemberData(nameof(AwsCliVersion.Both), MemberType = typeof(AwsCliVersion))]
    public async Task PutEvents_MatchingRule_FeedsTheWorkflowsBatcher(string version)
    {
        var account = LocalCloudFixture.NewAccount();
        var cli = cloud.Cli(AwsCliVersion.Named(version), account);
        await SeedWorkflowAsync(cli, "orders", batchSize: 3);
        await cli.RunAsync("events", "put-rule", "--name", "orders-events", "--event-pattern", """{"source":["com.example.orders"],"detail":{"amount":[{"numeric":[">",100]}]}}""");
        var role = await NotifyRole.CreateAsync(cli, account);
        await cli.RunAsync("events", "put-targets", "--rule", "orders-events", "--targets",
            $$"""[{"Id":"wf","Arn":"arn:aws:glue:us-east-1:{{account}}:workflow/orders","RoleArn":"{{role}}"}]""");

        var entries = JsonSerializer.Serialize(Enumerable.Range(1, 4).Select(i => new { Source = "com.example.orders", DetailType = "Order Placed", Detail = $$"""{"amount":{{i * 60}}}""" }));
        var put = await cli.RunAsync("events", "put-events", "--entries", entries);

        Assert.Equal(0, put?.GetProperty("FailedEntryCount").GetInt32());
        var runs = (await cli.RunAsync("glue", "get-workflow-runs", "--name", "orders"))?.GetProperty("Runs");
        var run = Assert.Single(runs?.EnumerateArray().ToList() ?? []);
        Assert.Equal(3, run.GetProperty("StartingEventBatchCondition").GetProperty("BatchSize").GetInt32());
        var ids = JsonSerializer.Deserialize<string[]>(run.GetProperty("WorkflowRunProperties").GetProperty("aws:eventIds").GetString() ?? "[]") ?? [];
        var acceptedIds = put?.GetProperty("Entries").EnumerateArray().Select(e => e.GetProperty("EventId").GetString()).ToList() ?? [];
        Assert.Equal(acceptedIds.Skip(1), ids);
    }

    [Theory]
    [MemberData(nameof(AwsCliVersion.Both), MemberType = typeof(AwsCliVersion))]
    public async Task Rules_ListDescribeDisableAndFindByTarget(string version)
    {
        var account = LocalCloudFixture.NewAccount();
        var cli = cloud.Cli(AwsCliVersion.Named(version), account);
        await SeedWorkflowAsync(cli, "products", batchSize: 5);
        var target = $"arn:aws:glue:us-east-1:{account}:workflow/products";
        await cli.RunAsync("events", "create-event-bus", "--name", "uploads");
        foreach (var (rule, bus) in new[] { ("a-upload", "default"), ("b-replay", "uploads") })
        {
            await cli.RunAsync("events", "put-rule", "--name", rule, "--event-bus-name", bus, "--event-pattern", """{"source":["aws.s3"]}""");
            await cli.RunAsync("events", "put-targets", "--rule", rule, "--event-bus-name", bus, "--targets", $$"""[{"Id":"wf","Arn":"{{target}}"}]""");
        }

        await cli.RunAsync("events", "disable-rule", "--name", "b-replay", "--event-bus-name", "uploads");

        var described = await cli.RunAsync("events", "describe-rule", "--name", "b-replay", "--event-bus-name", "uploads");
        Assert.Equal("DISABLED", described?.GetProperty("State").GetString());
        Assert.Equal($"arn:aws:events:us-east-1:{account}:rule/uploads/b-replay", described?.GetProperty("Arn").GetString());
        var onDefault = await cli.RunAsync("events", "list-rule-names-by-target", "--target-arn", target);
        Assert.Equal(["a-upload"], onDefault?.GetProperty("RuleNames").EnumerateArray().Select(e => e.GetString()));
        var onUploads = await cli.RunAsync("events", "list-rule-names-by-target", "--target-arn", target, "--event-bus-name", "uploads");
        Assert.Equal(["b-replay"], onUploads?.GetProperty("RuleNames").EnumerateArray().Select(e => e.GetString()));
        var buses = await cli.RunAsync("events", "list-event-buses");
        Assert.Equal(["default", "uploads"], buses?.GetProperty("EventBuses").EnumerateArray().Select(b => b.GetProperty("Name").GetString()));

        var delete = await cli.TryRunAsync("events", "delete-rule", "--name", "a-upload");
        Assert.NotEqual(0, delete.ExitCode);
        Assert.Contains("ValidationException", delete.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(AwsCliVersion.Both), MemberType = typeof(AwsCliVersion))]
    public async Task TestEventPattern_LiteralStarInPrefix_DoesNotMatch(string version)
    {
        var cli = cloud.Cli(AwsCliVersion.Named(version), LocalCloudFixture.NewAccount());
        var s3Event = """{"id":"1","account":"123456789012","source":"aws.s3","time":"2026-11-25T12:00:00Z","region":"us-east-1","resources":[],"detail-type":"Object Created","detail":{"object":{"key":"data/products_raw/product_00001.json"}}}""";

        var literal = await cli.RunAsync("events", "test-event-pattern", "--event", s3Event, "--event-pattern", """{"detail":{"object":{"key":[{"prefix":"data/products_raw/*"}]}}}""");
        var prefix = await cli.RunAsync("events", "test-event-pattern", "--event", s3Event, "--event-pattern", """{"detail":{"object":{"key":[{"prefix":"data/products_raw/"}]}}}""");
        var invalid = await cli.TryRunAsync("events", "test-event-pattern", "--event", s3Event, "--event-pattern", """{"detail":{"object":{"key":[{"prefix":5}]}}}""");

        Assert.False(literal?.GetProperty("Result").GetBoolean());
        Assert.True(prefix?.GetProperty("Result").GetBoolean());
        Assert.Contains("InvalidEventPatternException", invalid.Stderr, StringComparison.Ordinal);
    }
}
