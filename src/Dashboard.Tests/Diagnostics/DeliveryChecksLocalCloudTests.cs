using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Amazon.SQS;
using Dashboard.Aws.CloudTrail;
using Dashboard.Aws.CloudWatch;
using Dashboard.Aws.EventBridge;
using Dashboard.Aws.Glue;
using Dashboard.Aws.Iam;
using Dashboard.Diagnostics;
using Dashboard.Diagnostics.Checks;
using Dashboard.Diagnostics.Delivery;
using Dashboard.Tests.Shared;
using LocalCloud;
using LocalCloud.Hosting;
using LocalCloud.Scenarios;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Tests.Diagnostics;

/// <summary>
/// Checks 8, 9 and 10 against LocalCloud's seeded pipelines, over the wire: uploads through S3 to the broken pipelines'
/// prefixes, then the checks read what AWS's APIs show. The healthy demo's six hours of history, refused clickstream
/// runs included, must give no fail and no warn.
/// </summary>
public sealed class DeliveryChecksLocalCloudTests : IAsyncLifetime
{
    private const string Account = "000000000000";
    private const string Bucket = "glue-event-scenarios-000000000000";
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));
    private LocalCloudHost _cloud = null!;
    private AmazonS3Client _s3 = null!;
    private AmazonSQSClient _sqs = null!;
    private DiagnosticSources _sources = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _cloud = await LocalCloudHost.StartAsync(new LocalCloudSettings { Port = 0, SeedDemo = true, SyntheticTraffic = false }, _clock, Ct);
        var credentials = new BasicAWSCredentials("test", "test");
        _s3 = new AmazonS3Client(credentials, new AmazonS3Config { ServiceURL = _cloud.Endpoint.ToString(), ForcePathStyle = true, AuthenticationRegion = "us-east-1" });
        _sqs = new AmazonSQSClient(credentials, new AmazonSQSConfig { ServiceURL = _cloud.Endpoint.ToString(), AuthenticationRegion = "us-east-1" });
        var endpoint = _cloud.Endpoint;
        _sources = new DiagnosticSources(
            new GlueClient(credentials, TestClients.EndpointConfig(GlueClient.Spec, endpoint)),
            new EventBridgeClient(credentials, TestClients.EndpointConfig(EventBridgeClient.Spec, endpoint)),
            new IamClient(credentials, TestClients.EndpointConfig(IamClient.Spec, endpoint)),
            new CloudTrailClient(credentials, TestClients.EndpointConfig(CloudTrailClient.Spec, endpoint)),
            new CloudWatchClient(credentials, TestClients.EndpointConfig(CloudWatchClient.Spec, endpoint)),
            _s3,
            new FakeCloudIdentity(Account, "us-east-1"),
            new ServiceCollection().AddHybridCache().Services.BuildServiceProvider().GetRequiredService<HybridCache>(),
            _clock,
            new SqsDeadLetterQueues(_sqs));
    }

    public async ValueTask DisposeAsync()
    {
        _s3.Dispose();
        _sqs.Dispose();
        await _cloud.DisposeAsync();
    }

    [Theory]
    [InlineData(DemoSeed.ProductsWorkflow)]
    [InlineData(DemoSeed.OrdersWorkflow)]
    [InlineData(DemoSeed.ClickstreamWorkflow)]
    public async Task HealthyPipeline_WithItsSeededHistory_HasNoFailAndNoWarn(string workflow)
    {
        var findings = await RunAsync(workflow);

        Assert.NotEmpty(findings);
        Assert.All(findings, f => Assert.True(f.Status == CheckStatus.Pass, $"{f.CheckId} {f.Subject}: {f.Status}: {f.Explanation}"));
        var reconciliation = Assert.Single(findings, f => f.Subject == DeliveryHealthCheck.ReconciliationSubject);
        Assert.Contains("every delivered event is accounted for", reconciliation.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Clickstream_RefusedRunsInItsHistory_AreNamedAndJudgedBusyButKeepingUp()
    {
        var findings = await RunAsync(DemoSeed.ClickstreamWorkflow);

        var reconciliation = Assert.Single(findings, f => f.Subject == DeliveryHealthCheck.ReconciliationSubject);
        Assert.Contains("refused for concurrency", reconciliation.Explanation, StringComparison.Ordinal);
        Assert.Contains(reconciliation.Evidence, e => e.Label.StartsWith("Runs refused", StringComparison.Ordinal));
        var concurrency = Assert.Single(findings, f => f.CheckId == "concurrency-risk" && f.Subject == "workflow runs");
        Assert.Equal(CheckStatus.Pass, concurrency.Status);
        Assert.StartsWith("Busy but keeping up", concurrency.Explanation, StringComparison.Ordinal);
        Assert.Contains(concurrency.Fixes, f => f.Text.Contains("--max-concurrent-runs", StringComparison.Ordinal));
    }

    [Fact]
    public async Task MissingPermission_AfterUploads_FailsDeliveryWithItsCountsAndShowsTheDlqMessages()
    {
        var workflow = BrokenPipelines.MissingPermission;
        await UploadAsync(workflow, 2);

        var findings = await RunAsync(workflow);

        var delivery = Assert.Single(findings, f => f.CheckId == "delivery-health" && f.Subject == BrokenPipelines.RuleOf(workflow));
        Assert.Equal(CheckStatus.Fail, delivery.Status);
        Assert.Contains("failed to invoke the workflow 2 times", delivery.Explanation, StringComparison.Ordinal);
        Assert.Equal(FindingAction.PeekDeadLetterQueue, delivery.Action?.Kind);
        var dlq = Assert.Single(findings, f => f.CheckId == "retry-dlq");
        Assert.Equal(CheckStatus.Warn, dlq.Status);
        Assert.Contains($"{BrokenPipelines.DeadLetterQueue} holds", dlq.Explanation, StringComparison.Ordinal);
        Assert.Equal(new FindingAction(FindingAction.PeekDeadLetterQueue, $"arn:aws:sqs:us-east-1:{Account}:{BrokenPipelines.DeadLetterQueue}", "Peek at the messages"), dlq.Action);
    }

    [Fact]
    public async Task Peek_AtTheScenariosDlq_ShowsTheErrorAttributesAndLeavesTheMessagesThere()
    {
        await UploadAsync(BrokenPipelines.MissingPermission, 1);
        var arn = $"arn:aws:sqs:us-east-1:{Account}:{BrokenPipelines.DeadLetterQueue}";
        var peek = new SqsDeadLetterPeek(_sqs);

        var first = await peek.PeekAsync(arn, 10, Ct);
        var second = await peek.PeekAsync(arn, 10, Ct);

        Assert.Null(first.Problem);
        var message = Assert.Single(first.Messages);
        Assert.Equal("NO_PERMISSIONS", message.Attributes["ERROR_CODE"]);
        Assert.Contains("glue:notifyEvent", message.Attributes["ERROR_MESSAGE"], StringComparison.Ordinal);
        Assert.Equal(message.MessageId, Assert.Single(second.Messages).MessageId);
        Assert.Equal(1, (await new SqsDeadLetterQueues(_sqs).DescribeAsync(arn, Ct)).ApproximateCount);
    }

    [Fact]
    public async Task ConcurrencyLimited_AfterUploads_NamesTheRefusedRunsAndPredictsRefusals_ThenPassesAfterTheFix()
    {
        var workflow = BrokenPipelines.ConcurrencyLimited;
        await UploadAsync(workflow, 6);

        var findings = await RunAsync(workflow);

        var reconciliation = Assert.Single(findings, f => f.Subject == DeliveryHealthCheck.ReconciliationSubject);
        var refused = Assert.Single(reconciliation.Evidence, e => e.Label.StartsWith("Runs refused", StringComparison.Ordinal));
        Assert.Equal(2, refused.Text.Split(Environment.NewLine).Length);
        Assert.Contains("Concurrent runs exceeded", refused.Text, StringComparison.Ordinal);
        var concurrency = Assert.Single(findings, f => f.CheckId == "concurrency-risk" && f.Subject == "workflow runs");
        Assert.Equal(CheckStatus.Fail, concurrency.Status);
        Assert.Contains("2 of 3 batches", concurrency.Explanation, StringComparison.Ordinal);
        var fix = Assert.Single(concurrency.Fixes, f => f.Kind == FixKind.Cli);
        Assert.Equal($"aws glue update-workflow --name {workflow} --max-concurrent-runs 3", fix.Text);

        // The fix, through the AWS CLI, as a user would copy it. LocalCloud has no UpdateJob, so the job's own finding
        // keeps its warning and its update-job fix; the workflow's concurrency passes.
        var cli = new AwsCli(_cloud.Endpoint);
        await cli.RunAsync([.. CopiedCommand.Words(fix.Text).Skip(1)]);

        var after = (await RunAsync(workflow)).Where(f => f.CheckId == "concurrency-risk").ToList();
        Assert.Equal(CheckStatus.Pass, Assert.Single(after, f => f.Subject == "workflow runs").Status);
        var job = Assert.Single(after, f => f.Subject == $"job {workflow}_job");
        Assert.Equal(CheckStatus.Warn, job.Status);
        Assert.Contains("\"MaxConcurrentRuns\":3", Assert.Single(job.Fixes).Text, StringComparison.Ordinal);
    }

    /// <summary>Uploads <paramref name="count"/> objects to the workflow's prefix, 30 s apart on the clock.</summary>
    private async Task UploadAsync(string workflow, int count)
    {
        for (var i = 0; i < count; i++)
        {
            await _s3.PutObjectAsync(new PutObjectRequest { BucketName = Bucket, Key = $"{BrokenPipelines.PrefixOf(workflow)}{Guid.NewGuid():N}.json", ContentBody = """{"id": 1}""" }, Ct);
            _clock.Advance(TimeSpan.FromSeconds(30));
        }
    }

    private async Task<List<Finding>> RunAsync(string workflow)
    {
        var facts = new WorkflowFacts(workflow, _sources);
        IDiagnosticCheck[] checks = [new DeliveryHealthCheck(), new ConcurrencyRiskCheck(), new RetryAndDlqCheck()];
        var findings = new List<Finding>();
        foreach (var check in checks)
        {
            findings.AddRange(await check.RunAsync(facts, Ct));
        }

        return findings;
    }
}
