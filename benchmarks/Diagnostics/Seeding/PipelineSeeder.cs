using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Amazon.SQS;
using Amazon.SQS.Model;

namespace DiagnosticsBenchmark.Seeding;

/// <summary>What was seeded, for the report.</summary>
public sealed record SeededPipelines(int Workflows, int Roles, string Bucket, string DeadLetterQueueArn);

/// <summary>
/// Seeds healthy event-driven pipelines through LocalCloud's public APIs, as a user would build them: a landing bucket
/// with EventBridge on, a dead-letter queue, a few EventBridge roles shared by all targets (trust
/// <c>events.amazonaws.com</c>, allow <c>glue:notifyEvent</c> on the account's workflows), and per workflow a job, an
/// EVENT start trigger with batching, a rule on the default bus for S3 "Object Created" under the workflow's prefix,
/// and a target with a role, a retry policy and the DLQ. Nothing here should give a check a reason to warn.
/// </summary>
public sealed class PipelineSeeder(AwsWire wire, Uri endpoint, string account, string region)
{
    private const int Parallelism = 4;

    public const string RoleTrustPolicy =
        """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"events.amazonaws.com"},"Action":"sts:AssumeRole"}]}""";

    public string Bucket => $"diag-bench-landing-{account}";

    public string DeadLetterQueue => "diag-bench-dlq";

    public static string WorkflowName(int index) => $"diag-{index:D4}";

    public static string RoleName(int index) => $"eventbridge-glue-notify-{index:D2}";

    public string NotifyPolicy =>
        $$"""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"glue:notifyEvent","Resource":"arn:aws:glue:*:{{account}}:workflow/*"}]}""";

    public async Task<SeededPipelines> SeedAsync(int workflows, int roles, CancellationToken cancellationToken)
    {
        var credentials = new BasicAWSCredentials(account, "benchmark");
        using (var s3 = new AmazonS3Client(credentials, new AmazonS3Config { ServiceURL = endpoint.ToString(), ForcePathStyle = true, AuthenticationRegion = region }))
        {
            await s3.PutBucketAsync(new PutBucketRequest { BucketName = Bucket }, cancellationToken);
            await s3.PutBucketNotificationAsync(new PutBucketNotificationRequest { BucketName = Bucket, EventBridgeConfiguration = new EventBridgeConfiguration() }, cancellationToken);
        }

        string dlqArn;
        using (var sqs = new AmazonSQSClient(credentials, new AmazonSQSConfig { ServiceURL = endpoint.ToString(), AuthenticationRegion = region }))
        {
            var queue = await sqs.CreateQueueAsync(new CreateQueueRequest { QueueName = DeadLetterQueue }, cancellationToken);
            var attributes = await sqs.GetQueueAttributesAsync(new GetQueueAttributesRequest { QueueUrl = queue.QueueUrl, AttributeNames = ["QueueArn"] }, cancellationToken);
            dlqArn = attributes.QueueARN ?? throw new InvalidOperationException($"SQS gave {DeadLetterQueue} no QueueArn.");
        }

        for (var r = 0; r < roles; r++)
        {
            await wire.QueryAsync("iam", "CreateRole", "2010-05-08", new Dictionary<string, string> { ["RoleName"] = RoleName(r), ["AssumeRolePolicyDocument"] = RoleTrustPolicy }, cancellationToken);
            await wire.QueryAsync("iam", "PutRolePolicy", "2010-05-08", new Dictionary<string, string> { ["RoleName"] = RoleName(r), ["PolicyName"] = "notify-workflows", ["PolicyDocument"] = NotifyPolicy }, cancellationToken);
        }

        await Parallel.ForAsync(0, workflows, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken }, async (i, ct) =>
        {
            var name = WorkflowName(i);
            var job = $"{name}-load";
            await wire.JsonAsync("glue", "AWSGlue.CreateJob", new
            {
                Name = job,
                Role = $"arn:aws:iam::{account}:role/glue-service",
                Command = new { Name = "glueetl", ScriptLocation = $"s3://{Bucket}/scripts/load.py" },
                DefaultArguments = new Dictionary<string, string> { ["--source_path"] = $"s3://{Bucket}/{name}/" },
                ExecutionProperty = new { MaxConcurrentRuns = 1 },
            }, ct);
            await wire.JsonAsync("glue", "AWSGlue.CreateWorkflow", new { Name = name, MaxConcurrentRuns = 1 }, ct);
            await wire.JsonAsync("glue", "AWSGlue.CreateTrigger", new
            {
                Name = $"{name}_pre_job_trigger",
                WorkflowName = name,
                Type = "EVENT",
                Actions = new[] { new { JobName = job } },
                EventBatchingCondition = new { BatchSize = 5, BatchWindow = 900 },
            }, ct);

            var rule = $"{name}-upload";
            var pattern = "{\"source\":[\"aws.s3\"],\"detail-type\":[\"Object Created\"],\"detail\":{\"bucket\":{\"name\":[\"" + Bucket + "\"]},\"object\":{\"key\":[{\"prefix\":\"" + name + "/\"}]}}}";
            await wire.JsonAsync("events", "AWSEvents.PutRule", new { Name = rule, EventPattern = pattern, State = "ENABLED" }, ct);
            await wire.JsonAsync("events", "AWSEvents.PutTargets", new
            {
                Rule = rule,
                Targets = new[]
                {
                    new
                    {
                        Id = "workflow",
                        Arn = $"arn:aws:glue:{region}:{account}:workflow/{name}",
                        RoleArn = $"arn:aws:iam::{account}:role/{RoleName(i % roles)}",
                        DeadLetterConfig = new { Arn = dlqArn },
                        RetryPolicy = new { MaximumRetryAttempts = 185, MaximumEventAgeInSeconds = 86400 },
                    },
                },
            }, ct);
        });

        return new SeededPipelines(workflows, roles, Bucket, dlqArn);
    }
}
