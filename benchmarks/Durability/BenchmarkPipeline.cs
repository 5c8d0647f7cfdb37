using Amazon.S3;
using Amazon.S3.Model;

namespace Durability;

/// <summary>
/// The benchmark's own event-driven pipeline, made through public APIs as a user would: a bucket that sends S3
/// "Object Created" events to EventBridge, a rule for its <see cref="Prefix"/> whose target is a Glue workflow with an
/// EVENT trigger (batch size 5, as in the walkthrough), and the IAM role EventBridge needs (trusts
/// <c>events.amazonaws.com</c>, may call <c>glue:notifyEvent</c>). The workflow's job is a plain one that LocalCloud
/// simulates, so the converter's data-plane work does not weigh on the figures.
/// </summary>
internal static class BenchmarkPipeline
{
    public const string Bucket = "durability-bench";
    public const string Prefix = "incoming/";
    public const string Workflow = "durability_ingest";
    public const string Rule = "durability_upload_rule";
    private const string Job = "durability_sink";
    private const string RoleName = "durability-eventbridge-notify";

    private const string TrustPolicy =
        """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"events.amazonaws.com"},"Action":"sts:AssumeRole"}]}""";

    public static async Task CreateAsync(AwsWire wire, IAmazonS3 s3, CancellationToken cancellationToken)
    {
        var role = await wire.IamAsync("CreateRole", new Dictionary<string, string>
        {
            ["RoleName"] = RoleName,
            ["AssumeRolePolicyDocument"] = TrustPolicy,
        }, cancellationToken);
        var roleArn = role.Descendants().FirstOrDefault(e => e.Name.LocalName == "Arn")?.Value
            ?? throw new InvalidOperationException("CreateRole answered without an Arn: " + role);
        var account = roleArn.Split(':')[4];
        await wire.IamAsync("PutRolePolicy", new Dictionary<string, string>
        {
            ["RoleName"] = RoleName,
            ["PolicyName"] = "notify-workflow",
            ["PolicyDocument"] = $$"""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"glue:notifyEvent","Resource":"arn:aws:glue:us-east-1:{{account}}:workflow/{{Workflow}}"}]}""",
        }, cancellationToken);

        await s3.PutBucketAsync(new PutBucketRequest { BucketName = Bucket }, cancellationToken);
        await s3.PutBucketNotificationAsync(new PutBucketNotificationRequest
        {
            BucketName = Bucket,
            EventBridgeConfiguration = new EventBridgeConfiguration(),
        }, cancellationToken);

        await wire.GlueAsync("CreateJob", new
        {
            Name = Job,
            Role = $"arn:aws:iam::{account}:role/glue-service",
            Command = new { Name = "glueetl", ScriptLocation = $"s3://{Bucket}/scripts/sink.py" },
        }, cancellationToken);
        await wire.GlueAsync("CreateWorkflow", new { Name = Workflow }, cancellationToken);
        await wire.GlueAsync("CreateTrigger", new
        {
            Name = Workflow + "_pre_job_trigger",
            WorkflowName = Workflow,
            Type = "EVENT",
            Actions = new[] { new { JobName = Job } },
            EventBatchingCondition = new { BatchSize = 5, BatchWindow = 900 },
        }, cancellationToken);

        var pattern = """{"source":["aws.s3"],"detail-type":["Object Created"],"detail":{"bucket":{"name":["BUCKET"]},"object":{"key":[{"prefix":"PREFIX"}]}}}"""
            .Replace("BUCKET", Bucket, StringComparison.Ordinal)
            .Replace("PREFIX", Prefix, StringComparison.Ordinal);
        await wire.EventsAsync("PutRule", new { Name = Rule, EventPattern = pattern, State = "ENABLED" }, cancellationToken);
        await wire.EventsAsync("PutTargets", new
        {
            Rule,
            Targets = new[] { new { Id = "workflow", Arn = $"arn:aws:glue:us-east-1:{account}:workflow/{Workflow}", RoleArn = roleArn } },
        }, cancellationToken);
    }
}
