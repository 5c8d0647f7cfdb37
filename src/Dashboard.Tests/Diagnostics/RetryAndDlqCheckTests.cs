using Dashboard.Diagnostics;
using Dashboard.Diagnostics.Checks;
using Dashboard.Metrics;

namespace Dashboard.Tests.Diagnostics;

/// <summary>Check 10 with fake EventBridge targets, CloudWatch and dead-letter queues: each target's retries and DLQ.</summary>
public sealed class RetryAndDlqCheckTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<Finding> RunAsync(DeliveryTestBed bed, string rule = "uploads") =>
        Assert.Single(await new RetryAndDlqCheck().RunAsync(bed.Facts(), Ct), f => f.Subject == rule);

    private static Dashboard.Aws.EventBridge.Target WithDlq(Dashboard.Aws.EventBridge.Target target, string arn = DeliveryTestBed.DlqArn) =>
        target with { DeadLetterConfig = new() { Arn = arn } };

    [Fact]
    public async Task RetryAndDlq_NoDlqAndNothingFailed_PassesWithDefaultRetriesAndTheAddDlqFix()
    {
        using var bed = new DeliveryTestBed();
        bed.Rule("uploads").Metric("uploads", EventsMetrics.Invocations, 5);

        var finding = await RunAsync(bed);

        Assert.Equal(CheckStatus.Pass, finding.Status);
        Assert.Contains("No dead-letter queue is set; nothing failed in the last 24 hours", finding.Explanation, StringComparison.Ordinal);
        Assert.Contains(finding.Evidence, e => e.Label == "RetryPolicy" && e.Text == "MaximumRetryAttempts 185, MaximumEventAgeInSeconds 86400 (24 h) — AWS's default, no RetryPolicy set");
        Assert.Contains(finding.Evidence, e => e.Label == "DeadLetterConfig" && e.Text == "none");
        var add = Assert.Single(finding.Fixes, f => f.Kind == FixKind.Cli);
        Assert.StartsWith("aws sqs create-queue --queue-name uploads-dlq", add.Text, StringComparison.Ordinal);
        Assert.Contains("\"DeadLetterConfig\":{\"Arn\":\"arn:aws:sqs:eu-west-1:123456789012:uploads-dlq\"}", add.Text, StringComparison.Ordinal);
        Assert.Contains("\"RoleArn\":\"arn:aws:iam::123456789012:role/EventBridgeGlue\"", add.Text, StringComparison.Ordinal);
        var policy = Assert.Single(finding.Fixes, f => f.Kind == FixKind.Policy);
        Assert.Contains("\"aws:SourceArn\": \"arn:aws:events:eu-west-1:123456789012:rule/uploads\"", policy.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RetryAndDlq_EmptyDlqAndOwnRetryPolicy_PassesNamingBoth()
    {
        using var bed = new DeliveryTestBed();
        bed.Rule("uploads", target: t => WithDlq(t) with { RetryPolicy = new() { MaximumRetryAttempts = 3, MaximumEventAgeInSeconds = 3600 } });

        var finding = await RunAsync(bed);

        Assert.Equal(CheckStatus.Pass, finding.Status);
        Assert.Equal("Retries: MaximumRetryAttempts 3, MaximumEventAgeInSeconds 3600 (1 h). Undeliverable events go to products-dlq, which is empty.", finding.Explanation);
        Assert.Equal([DeliveryTestBed.DlqArn], bed.DeadLetters.Described);
    }

    [Fact]
    public async Task RetryAndDlq_NoDlqAndFailedInvocations_WarnsThatEventsWereDropped()
    {
        using var bed = new DeliveryTestBed();
        bed.Rule("uploads").Metric("uploads", EventsMetrics.Invocations, 4).Metric("uploads", EventsMetrics.FailedInvocations, 2);

        var finding = await RunAsync(bed);

        Assert.Equal(CheckStatus.Warn, finding.Status);
        Assert.Contains("no dead-letter queue, and 2 invocations failed in the last 24 hours", finding.Explanation, StringComparison.Ordinal);
        Assert.Contains(finding.Fixes, f => f.Text.Contains("aws events put-targets --rule uploads --event-bus-name default", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RetryAndDlq_DlqHoldsMessages_WarnsWithCountAndPeek()
    {
        using var bed = new DeliveryTestBed();
        bed.Rule("uploads", target: t => WithDlq(t));
        bed.DeadLetters.Holding(DeliveryTestBed.DlqArn, 7);

        var finding = await RunAsync(bed);

        Assert.Equal(CheckStatus.Warn, finding.Status);
        Assert.StartsWith("The dead-letter queue products-dlq holds 7 messages", finding.Explanation, StringComparison.Ordinal);
        Assert.Contains(finding.Evidence, e => e.Text == "ApproximateNumberOfMessages: 7; ApproximateNumberOfMessagesNotVisible: 0");
        Assert.Equal(new FindingAction(FindingAction.PeekDeadLetterQueue, DeliveryTestBed.DlqArn, "Peek at the messages"), finding.Action);
        Assert.Contains("aws sqs receive-message", Assert.Single(finding.Fixes).Text, StringComparison.Ordinal);
        Assert.Contains("--queue-name products-dlq --queue-owner-aws-account-id 123456789012", finding.Fixes[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RetryAndDlq_DlqDoesNotExist_FailsWithCreateQueueAndItsPolicy()
    {
        using var bed = new DeliveryTestBed();
        bed.Rule("uploads", target: t => WithDlq(t));
        bed.DeadLetters.Missing(DeliveryTestBed.DlqArn);

        var finding = await RunAsync(bed);

        Assert.Equal(CheckStatus.Fail, finding.Status);
        Assert.StartsWith("The dead-letter queue products-dlq does not exist", finding.Explanation, StringComparison.Ordinal);
        Assert.Contains(finding.Fixes, f => f.Kind == FixKind.Cli && f.Text == "aws sqs create-queue --queue-name products-dlq --region eu-west-1");
        Assert.Contains(finding.Fixes, f => f.Kind == FixKind.Policy && f.Text.Contains("\"Resource\": \"arn:aws:sqs:eu-west-1:123456789012:products-dlq\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RetryAndDlq_DlqArnIsNotAQueue_FailsWithoutAskingSqs()
    {
        using var bed = new DeliveryTestBed();
        bed.Rule("uploads", target: t => WithDlq(t, "arn:aws:sns:eu-west-1:123456789012:alerts"));

        var finding = await RunAsync(bed);

        Assert.Equal(CheckStatus.Fail, finding.Status);
        Assert.Contains("The dead-letter ARN is not an SQS queue", finding.Explanation, StringComparison.Ordinal);
        Assert.Empty(bed.DeadLetters.Described);
    }

    [Fact]
    public async Task RetryAndDlq_GetQueueAttributesDenied_UnknownNamingTheAction()
    {
        using var bed = new DeliveryTestBed();
        bed.Rule("uploads", target: t => WithDlq(t));
        bed.DeadLetters.Denied(DeliveryTestBed.DlqArn, "sqs:GetQueueAttributes");

        var finding = await RunAsync(bed);

        Assert.Equal(CheckStatus.Unknown, finding.Status);
        Assert.Equal("sqs:GetQueueAttributes", finding.MissingPermission);
        Assert.Contains("dead-letter queue's depth is unknown", finding.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RetryAndDlq_NoDlqAndGetMetricDataDenied_UnknownNamingTheActionWithTheAddDlqFix()
    {
        using var bed = new DeliveryTestBed();
        bed.Rule("uploads");
        bed.CloudWatch.Failure = WiringTestBed.Denied("CloudWatch", "GetMetricData", "cloudwatch:GetMetricData");

        var finding = await RunAsync(bed);

        // Whether a failure was dropped is unknown: the check must not claim nothing failed.
        Assert.Equal(CheckStatus.Unknown, finding.Status);
        Assert.Equal("cloudwatch:GetMetricData", finding.MissingPermission);
        Assert.Contains(finding.Fixes, f => f.Kind == FixKind.Cli && f.Text.StartsWith("aws sqs create-queue --queue-name uploads-dlq", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RetryAndDlq_ListRulesDenied_SingleUnknownNamingTheAction()
    {
        using var bed = new DeliveryTestBed();
        bed.Rule("uploads");
        bed.EventBridge.Failure = WiringTestBed.Denied("EventBridge", "ListEventBuses", "events:ListEventBuses");

        var finding = Assert.Single(await new RetryAndDlqCheck().RunAsync(bed.Facts(), Ct));

        Assert.Equal(CheckStatus.Unknown, finding.Status);
        Assert.Equal("events:ListRuleNamesByTarget", finding.MissingPermission);
    }
}
