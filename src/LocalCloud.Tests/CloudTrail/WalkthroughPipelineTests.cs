using System.Text.Json;
using LocalCloud.Tests.S3;
using LocalCloud.Tests.Shared;

namespace LocalCloud.Tests.CloudTrail;

/// <summary>
/// The reference walkthrough end to end, with both AWS CLIs: a trail logging the bucket's data events under
/// data/products_raw/, the rule matching CloudTrail's PutObject events, and a Glue EVENT trigger batching 5 uploads.
/// </summary>
public sealed class WalkthroughPipelineTests(LocalCloudFixture cloud) : IClassFixture<LocalCloudFixture>, IDisposable
{
    private readonly string _files = Directory.CreateTempSubdirectory("localcloud-walkthrough-").FullName;

    [Theory]
    [MemberData(nameof(AwsCliVersion.Both), MemberType = typeof(AwsCliVersion))]
    public async Task FiveUploadsUnderProductsRaw_StartOneRun_NotifyEventsInTheEventHistory(string version)
    {
        var account = LocalCloudFixture.NewAccount();
        var aws = cloud.Cli(AwsCliVersion.Named(version), account);
        var bucket = $"walkthrough-{account}";
        await aws.RunTextAsync("s3", "mb", $"s3://{bucket}");
        await aws.RunAsync("cloudtrail", "create-trail", "--name", "products-trail", "--s3-bucket-name", bucket);
        await aws.RunAsync("cloudtrail", "put-event-selectors", "--trail-name", "products-trail", "--event-selectors",
            $$"""[{"ReadWriteType":"WriteOnly","IncludeManagementEvents":true,"DataResources":[{"Type":"AWS::S3::Object","Values":["arn:aws:s3:::{{bucket}}/data/products_raw/"]}]}]""");
        await aws.RunAsync("cloudtrail", "start-logging", "--name", "products-trail");
        await aws.RunAsync("glue", "create-workflow", "--name", "products");
        await aws.RunAsync("glue", "create-job", "--name", "products-job", "--role", $"arn:aws:iam::{account}:role/glue", "--command", $"Name=glueetl,ScriptLocation=s3://{bucket}/scripts/job.py");
        await aws.RunAsync("glue", "create-trigger", "--name", "products_pre_job_trigger", "--workflow-name", "products", "--type", "EVENT",
            "--event-batching-condition", "BatchSize=5,BatchWindow=900", "--actions", "JobName=products-job");
        var pattern = $$"""
            { "source": ["aws.s3"], "detail-type": ["AWS API Call via CloudTrail"],
              "detail": { "eventSource": ["s3.amazonaws.com"], "eventName": ["PutObject"],
                          "requestParameters": { "bucketName": ["{{bucket}}"], "key": [{ "prefix": "data/products_raw/" }] } } }
            """;
        await aws.RunAsync("events", "put-rule", "--name", "s3_file_upload_trigger_rule-test", "--event-pattern", pattern);
        var role = await NotifyRole.CreateAsync(aws, account);
        await aws.RunAsync("events", "put-targets", "--rule", "s3_file_upload_trigger_rule-test", "--targets",
            $$"""[{"Id":"products","Arn":"arn:aws:glue:us-east-1:{{account}}:workflow/products","RoleArn":"{{role}}"}]""");

        await aws.RunTextAsync("s3", "cp", await ProductAsync(99), $"s3://{bucket}/data/products/");
        for (var n = 1; n <= 4; n++)
        {
            await aws.RunTextAsync("s3", "cp", await ProductAsync(n), $"s3://{bucket}/data/products_raw/");
        }

        var afterFour = await aws.RunAsync("glue", "get-workflow-runs", "--name", "products");
        await aws.RunTextAsync("s3", "cp", await ProductAsync(5), $"s3://{bucket}/data/products_raw/");
        var afterFive = await aws.RunAsync("glue", "get-workflow-runs", "--name", "products");
        var notified = await aws.RunAsync("cloudtrail", "lookup-events", "--lookup-attributes", "AttributeKey=EventName,AttributeValue=NotifyEvent");

        Assert.Empty(afterFour?.GetProperty("Runs").EnumerateArray() ?? []);
        var run = Assert.Single(afterFive?.GetProperty("Runs").EnumerateArray() ?? []);
        Assert.Equal(5, run.GetProperty("StartingEventBatchCondition").GetProperty("BatchSize").GetInt32());
        var eventIds = JsonSerializer.Deserialize<string[]>(run.GetProperty("WorkflowRunProperties").GetProperty("aws:eventIds").GetString() ?? "[]") ?? [];
        var notifyEvents = notified?.GetProperty("Events").EnumerateArray().ToList() ?? [];
        Assert.Equal(5, notifyEvents.Count);
        Assert.All(notifyEvents, e => Assert.Equal("glue.amazonaws.com", e.GetProperty("EventSource").GetString()));
        var notifiedIds = notifyEvents.Select(e => JsonDocument.Parse(e.GetProperty("CloudTrailEvent").GetString() ?? "{}").RootElement
            .GetProperty("requestParameters").GetProperty("eventPayload").GetProperty("eventId").GetString());
        Assert.Equal(eventIds.Order(StringComparer.Ordinal), notifiedIds.Order(StringComparer.Ordinal));
    }

    public void Dispose() => Directory.Delete(_files, recursive: true);

    private async Task<string> ProductAsync(int n)
    {
        var path = Path.Combine(_files, $"product_{n:00000}.json");
        await File.WriteAllTextAsync(path, $$"""{"product_id": "{{n:00000}}", "product_name": "Product {{n}}", "created_at": "2021-06-0{{n % 9}}"}""", TestContext.Current.CancellationToken);
        return path;
    }
}
