using System.Text.Json;
using LocalCloud.Tests.Shared;

namespace LocalCloud.Tests.Pipeline;

/// <summary>S3 "Object Created" events → EventBridge rule → Glue batcher, driven end to end by both AWS CLIs.</summary>
public sealed class ObjectCreatedPipelineTests(LocalCloudFixture cloud) : IClassFixture<LocalCloudFixture>
{
    [Theory]
    [MemberData(nameof(AwsCliVersion.Both), MemberType = typeof(AwsCliVersion))]
    public async Task UploadsUnderThePrefix_StartTheWorkflowAtTheBatchSize(string version)
    {
        var account = LocalCloudFixture.NewAccount();
        var cli = cloud.Cli(AwsCliVersion.Named(version), account);
        var bucket = $"landing-{account}";
        await cli.RunAsync("s3", "mb", $"s3://{bucket}");
        await cli.RunAsync("s3api", "put-bucket-notification-configuration", "--bucket", bucket, "--notification-configuration", """{"EventBridgeConfiguration":{}}""");
        await cli.RunAsync("glue", "create-workflow", "--name", "orders");
        await cli.RunAsync("glue", "create-job", "--name", "orders-job", "--role", "arn:aws:iam::000000000000:role/glue", "--command", "Name=glueetl,ScriptLocation=s3://scripts/job.py");
        await cli.RunAsync("glue", "create-trigger", "--name", "orders-start", "--workflow-name", "orders", "--type", "EVENT",
            "--event-batching-condition", "BatchSize=3,BatchWindow=600", "--actions", "JobName=orders-job");
        await cli.RunAsync("events", "put-rule", "--name", "orders-created", "--event-pattern",
            "{\"source\":[\"aws.s3\"],\"detail-type\":[\"Object Created\"],\"detail\":{\"bucket\":{\"name\":[\"" + bucket + "\"]},\"object\":{\"key\":[{\"prefix\":\"cdc/\"}]}}}");
        var role = await NotifyRole.CreateAsync(cli, account);
        await cli.RunAsync("events", "put-targets", "--rule", "orders-created", "--targets", $$"""[{"Id":"wf","Arn":"arn:aws:glue:us-east-1:{{account}}:workflow/orders","RoleArn":"{{role}}"}]""");
        var file = Path.Combine(Path.GetTempPath(), $"order-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, """{"order_id": 1}""", TestContext.Current.CancellationToken);

        await cli.RunAsync("s3", "cp", file, $"s3://{bucket}/other/ignored.json");
        for (var i = 1; i <= 2; i++)
        {
            await cli.RunAsync("s3", "cp", file, $"s3://{bucket}/cdc/order_{i}.json");
        }

        Assert.Empty((await cli.RunAsync("glue", "get-workflow-runs", "--name", "orders"))?.GetProperty("Runs").EnumerateArray().ToList() ?? []);
        await cli.RunAsync("s3", "cp", file, $"s3://{bucket}/cdc/order_3.json");

        var run = Assert.Single((await cli.RunAsync("glue", "get-workflow-runs", "--name", "orders"))?.GetProperty("Runs").EnumerateArray().ToList() ?? []);
        Assert.Equal(3, run.GetProperty("StartingEventBatchCondition").GetProperty("BatchSize").GetInt32());
        Assert.Equal(3, (JsonSerializer.Deserialize<string[]>(run.GetProperty("WorkflowRunProperties").GetProperty("aws:eventIds").GetString() ?? "[]") ?? []).Length);
        File.Delete(file);
    }
}
