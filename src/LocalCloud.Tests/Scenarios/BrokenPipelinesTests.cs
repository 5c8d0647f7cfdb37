using System.Globalization;
using System.Text.Json;
using LocalCloud.Scenarios;
using LocalCloud.Tests.Pipeline;
using LocalCloud.Tests.Shared;

namespace LocalCloud.Tests.Scenarios;

/// <summary>
/// Each seeded break is visible through the public APIs alone, read with the AWS CLI as a user would: failed
/// invocations and DLQ messages with AWS's error codes, a run refused for concurrency, and rules that never trigger.
/// </summary>
public sealed class BrokenPipelinesTests(SeededLocalCloudFixture seeded) : IClassFixture<SeededLocalCloudFixture>
{
    private const string Account = "000000000000";
    private const string Bucket = "glue-event-scenarios-000000000000";
    private const string UntrailedBucket = "glue-event-untrailed-000000000000";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private AwsCli Cli() => new(seeded.Cloud.Endpoint, AwsCliVersion.V1, "test");

    [Theory]
    [InlineData(BrokenPipelines.MissingPermission, "NO_PERMISSIONS", "is not authorized to perform: glue:notifyEvent")]
    [InlineData(BrokenPipelines.WrongTrust, "FAILED_TO_ASSUME_ROLE", "sts:AssumeRole")]
    [InlineData(BrokenPipelines.OnDemandStart, "INVALID_PARAMETER", "ON_DEMAND")]
    public async Task Upload_ToABrokenDelivery_CountsFailedInvocationsAndLeavesADlqMessage(string workflow, string errorCode, string messagePart)
    {
        var cli = Cli();
        var start = seeded.Clock.GetUtcNow();
        await UploadAsync(cli, Bucket, $"{BrokenPipelines.PrefixOf(workflow)}{Guid.NewGuid():N}.json");

        Assert.True(await SumAsync(cli, "FailedInvocations", BrokenPipelines.RuleOf(workflow), start) >= 1);
        Assert.Equal(0, await SumAsync(cli, "SuccessfulInvocationAttempts", BrokenPipelines.RuleOf(workflow), start));
        var messages = await DeadLettersAsync(cli);
        var message = Assert.Single(messages, m =>
            Attribute(m, "RULE_ARN").EndsWith($"rule/{BrokenPipelines.RuleOf(workflow)}", StringComparison.Ordinal) && Attribute(m, "ERROR_CODE") == errorCode);
        Assert.Contains(messagePart, Attribute(message, "ERROR_MESSAGE"), StringComparison.Ordinal);
        Assert.Equal($"arn:aws:glue:us-east-1:{Account}:workflow/{workflow}", Attribute(message, "TARGET_ARN"));
        Assert.Equal("0", Attribute(message, "RETRY_ATTEMPTS"));
        Assert.Empty(await RunsAsync(cli, workflow));
    }

    [Fact]
    public async Task Uploads_FasterThanTheOnlyAllowedRun_AreRefusedForConcurrency()
    {
        var cli = Cli();
        var workflow = BrokenPipelines.ConcurrencyLimited;
        for (var i = 0; i < 4; i++)
        {
            await UploadAsync(cli, Bucket, $"{BrokenPipelines.PrefixOf(workflow)}{Guid.NewGuid():N}.json");
        }

        var runs = await RunsAsync(cli, workflow);
        Assert.Equal(2, runs.Count);
        var refused = Assert.Single(runs, r => r.GetProperty("Status").GetString() == "ERROR");
        Assert.Equal($"Concurrent runs exceeded for workflow: {workflow}.", refused.GetProperty("ErrorMessage").GetString());
        Assert.Equal(2, JsonSerializer.Deserialize<string[]>(refused.GetProperty("WorkflowRunProperties").GetProperty("aws:eventIds").GetString() ?? "[]")?.Length);
        Assert.Single(runs, r => r.GetProperty("Status").GetString() == "RUNNING");
    }

    [Fact]
    public async Task Upload_UnderAPrefixWithALiteralStar_NeverTriggersTheRule()
    {
        var cli = Cli();
        var start = seeded.Clock.GetUtcNow();
        var workflow = BrokenPipelines.LiteralWildcard;
        await UploadAsync(cli, Bucket, $"{BrokenPipelines.PrefixOf(workflow)}{Guid.NewGuid():N}.json");

        Assert.Equal(0, await SumAsync(cli, "TriggeredRules", BrokenPipelines.RuleOf(workflow), start));
        var rule = await cli.RunAsync("events", "describe-rule", "--name", BrokenPipelines.RuleOf(workflow));
        Assert.Contains("invoices/*", rule?.GetProperty("EventPattern").GetString(), StringComparison.Ordinal);
        Assert.Empty(await RunsAsync(cli, workflow));
    }

    [Fact]
    public async Task Upload_ToABucketNoTrailLogs_NeverReachesTheRule()
    {
        var cli = Cli();
        var start = seeded.Clock.GetUtcNow();
        var workflow = BrokenPipelines.Untrailed;
        await UploadAsync(cli, UntrailedBucket, $"{BrokenPipelines.PrefixOf(workflow)}{Guid.NewGuid():N}.json");

        Assert.Equal(0, await SumAsync(cli, "TriggeredRules", BrokenPipelines.RuleOf(workflow), start));
        var selectors = await cli.RunAsync("cloudtrail", "get-event-selectors", "--trail-name", BrokenPipelines.UntrailedTrail);
        Assert.All(selectors?.GetProperty("EventSelectors").EnumerateArray() ?? default, s => Assert.Empty(s.GetProperty("DataResources").EnumerateArray()));
        Assert.Empty(await RunsAsync(cli, workflow));
    }

    [Fact]
    public async Task Upload_ToTheHealthyWalkthrough_HasNoFailedInvocations()
    {
        var cli = Cli();
        var start = seeded.Clock.GetUtcNow();
        await UploadAsync(cli, "glue-event-demo-000000000000", $"data/products_raw/{Guid.NewGuid():N}.json");

        Assert.Equal(1, await SumAsync(cli, "SuccessfulInvocationAttempts", DemoSeed.ProductsRule, start));
        Assert.Equal(0, await SumAsync(cli, "FailedInvocations", DemoSeed.ProductsRule, start));
    }

    private async Task UploadAsync(AwsCli cli, string bucket, string key)
    {
        var file = Path.Combine(Path.GetTempPath(), $"scenario-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, """{"id": 1}""", Ct);
        await cli.RunAsync("s3", "cp", file, $"s3://{bucket}/{key}");
        File.Delete(file);
    }

    private static async Task<double> SumAsync(AwsCli cli, string metric, string rule, DateTimeOffset start)
    {
        var statistics = await cli.RunAsync("cloudwatch", "get-metric-statistics", "--namespace", "AWS/Events", "--metric-name", metric,
            "--dimensions", $"Name=RuleName,Value={rule}",
            "--start-time", start.AddMinutes(-1).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            "--end-time", start.AddMinutes(5).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            "--period", "60", "--statistics", "Sum");
        return statistics?.GetProperty("Datapoints").EnumerateArray().Sum(d => d.GetProperty("Sum").GetDouble()) ?? 0;
    }

    private static async Task<List<JsonElement>> RunsAsync(AwsCli cli, string workflow) =>
        (await cli.RunAsync("glue", "get-workflow-runs", "--name", workflow))?.GetProperty("Runs").EnumerateArray().ToList() ?? [];

    /// <summary>Reads every message in the scenarios' DLQ with its attributes, and makes them visible again for the next test.</summary>
    private static async Task<List<JsonElement>> DeadLettersAsync(AwsCli cli)
    {
        var url = (await cli.RunAsync("sqs", "get-queue-url", "--queue-name", BrokenPipelines.DeadLetterQueue))?.GetProperty("QueueUrl").GetString()
            ?? throw new InvalidOperationException("The scenarios' DLQ has no URL.");
        var received = await cli.RunAsync("sqs", "receive-message", "--queue-url", url, "--max-number-of-messages", "10",
            "--message-attribute-names", "All", "--visibility-timeout", "0");
        return received is { } json && json.TryGetProperty("Messages", out var messages) ? messages.EnumerateArray().ToList() : [];
    }

    private static string Attribute(JsonElement message, string name) =>
        message.GetProperty("MessageAttributes").GetProperty(name).GetProperty("StringValue").GetString() ?? string.Empty;
}
