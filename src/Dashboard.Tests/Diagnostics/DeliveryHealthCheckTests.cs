using Dashboard.Diagnostics;
using Dashboard.Diagnostics.Checks;
using Dashboard.Metrics;
using Dashboard.Tests.Shared;

namespace Dashboard.Tests.Diagnostics;

/// <summary>Check 8 with fake EventBridge, CloudWatch, Glue and S3: each rule's verdict, and the reconciliation of delivered with consumed events.</summary>
public sealed class DeliveryHealthCheckTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly string IncomingPattern = WiringTestBed.ObjectCreated(DeliveryTestBed.Bucket, WiringTestBed.Prefix("incoming/"));

    private static Task<IReadOnlyList<Finding>> RunAsync(DeliveryTestBed bed) => new DeliveryHealthCheck().RunAsync(bed.Facts(), Ct);

    private static Finding Rule(IReadOnlyList<Finding> findings, string rule = "uploads") => Assert.Single(findings, f => f.Subject == rule);

    private static Finding Reconciliation(IReadOnlyList<Finding> findings) => Assert.Single(findings, f => f.Subject == DeliveryHealthCheck.ReconciliationSubject);

    [Fact]
    public async Task DeliveryHealth_MatchedAndDeliveredAndConsumed_PassesForRuleAndReconciliation()
    {
        using var bed = new DeliveryTestBed();
        bed.EventWorkflow().Rule("uploads", IncomingPattern)
            .Metric("uploads", EventsMetrics.TriggeredRules, 3).Metric("uploads", EventsMetrics.Invocations, 3)
            .Run("wr_1", 200, 5, 1).Run("wr_2", 100, 5, 1).Run("wr_3", 50, 5, 1);

        var findings = await RunAsync(bed);

        Assert.Equal(2, findings.Count);
        var rule = Rule(findings);
        Assert.Equal(CheckStatus.Pass, rule.Status);
        Assert.Contains("matched 3 times and invoked the workflow 3 times", rule.Explanation, StringComparison.Ordinal);
        Assert.Contains("FailedInvocations: 0", Assert.Single(rule.Evidence).Text, StringComparison.Ordinal);
        var reconciled = Reconciliation(findings);
        Assert.Equal(CheckStatus.Pass, reconciled.Status);
        Assert.Contains("consumed 3 events and EventBridge delivered 3", reconciled.Explanation, StringComparison.Ordinal);
        Assert.Equal(0, bed.S3.ListCalls);
    }

    [Fact]
    public async Task DeliveryHealth_NoMatchAndNoUpload_PassesNothingToDeliver()
    {
        using var bed = new DeliveryTestBed();
        bed.EventWorkflow().Rule("uploads", IncomingPattern);
        bed.S3.Put(DeliveryTestBed.Bucket, "incoming/old.json", bed.Now.AddDays(-3)).Put(DeliveryTestBed.Bucket, "elsewhere/new.json", bed.Now.AddHours(-1));

        var rule = Rule(await RunAsync(bed));

        Assert.Equal(CheckStatus.Pass, rule.Status);
        Assert.Contains("no object landed under the prefix", rule.Explanation, StringComparison.Ordinal);
        Assert.Equal(1, bed.S3.ListCalls);
    }

    [Fact]
    public async Task DeliveryHealth_FailedInvocationsWithoutDlq_FailsSayingTheEventsAreGone()
    {
        using var bed = new DeliveryTestBed();
        bed.EventWorkflow().Rule("uploads", IncomingPattern)
            .Metric("uploads", EventsMetrics.TriggeredRules, 4).Metric("uploads", EventsMetrics.Invocations, 4).Metric("uploads", EventsMetrics.FailedInvocations, 4);

        var findings = await RunAsync(bed);

        var rule = Rule(findings);
        Assert.Equal(CheckStatus.Fail, rule.Status);
        Assert.Contains("failed to invoke the workflow 4 times", rule.Explanation, StringComparison.Ordinal);
        Assert.Contains("no dead-letter queue, so the events are gone", rule.Explanation, StringComparison.Ordinal);
        Assert.Contains(rule.Evidence, e => e.Label == "FailedInvocations by period");
        Assert.Contains(rule.Fixes, f => f.Kind == FixKind.Cli && f.Text.StartsWith("aws cloudwatch get-metric-statistics --namespace AWS/Events --metric-name FailedInvocations --dimensions Name=RuleName,Value=uploads", StringComparison.Ordinal));
        Assert.Null(rule.Action);

        // Nothing reached Glue, and no run consumed anything: that part agrees.
        Assert.Equal(CheckStatus.Pass, Reconciliation(findings).Status);
    }

    [Fact]
    public async Task DeliveryHealth_FailedInvocationsWithDlq_FailsOfferingThePeek()
    {
        using var bed = new DeliveryTestBed();
        bed.EventWorkflow().Rule("uploads", IncomingPattern, t => t with { DeadLetterConfig = new() { Arn = DeliveryTestBed.DlqArn } })
            .Metric("uploads", EventsMetrics.Invocations, 2).Metric("uploads", EventsMetrics.TriggeredRules, 2).Metric("uploads", EventsMetrics.FailedInvocations, 1);

        var rule = Rule(await RunAsync(bed));

        Assert.Equal(CheckStatus.Fail, rule.Status);
        Assert.Contains("went to the dead-letter queue", rule.Explanation, StringComparison.Ordinal);
        Assert.Equal(new FindingAction(FindingAction.PeekDeadLetterQueue, DeliveryTestBed.DlqArn, "Peek at the messages"), rule.Action);
    }

    [Fact]
    public async Task DeliveryHealth_UploadsButNoMatch_WarnsWithCountAndNotificationFix()
    {
        using var bed = new DeliveryTestBed();
        bed.EventWorkflow().Rule("uploads", IncomingPattern);
        bed.S3.PageSize = 2;
        bed.S3.Put(DeliveryTestBed.Bucket, "incoming/a.json", bed.Now.AddHours(-5))
            .Put(DeliveryTestBed.Bucket, "incoming/b.json", bed.Now.AddHours(-1))
            .Put(DeliveryTestBed.Bucket, "incoming/c.json", bed.Now.AddHours(-3))
            .Put(DeliveryTestBed.Bucket, "incoming/old.json", bed.Now.AddDays(-2));

        var rule = Rule(await RunAsync(bed));

        Assert.Equal(CheckStatus.Warn, rule.Status);
        Assert.StartsWith("3 objects landed under s3://landing-bucket/incoming/", rule.Explanation, StringComparison.Ordinal);
        Assert.Contains("TriggeredRules is 0", rule.Explanation, StringComparison.Ordinal);
        Assert.Contains(rule.Evidence, e => e.Text == "s3://landing-bucket/incoming/: 3 objects, the latest at 2026-11-26T08:00:00Z");
        Assert.Contains(rule.Fixes, f => f.Text == "aws s3api put-bucket-notification-configuration --bucket landing-bucket --notification-configuration '{\"EventBridgeConfiguration\": {}}'");
        Assert.Equal(2, bed.S3.ListCalls);
    }

    [Fact]
    public async Task DeliveryHealth_DeliveredMoreThanRunsConsumed_WarnsNamingRefusedRuns()
    {
        using var bed = new DeliveryTestBed();
        bed.EventWorkflow(batchSize: 2).Rule("uploads", IncomingPattern)
            .Metric("uploads", EventsMetrics.TriggeredRules, 10).Metric("uploads", EventsMetrics.Invocations, 10)
            .Run("wr_1", 300, 5, 2).Run("wr_2", 299, null, 2, refused: true);

        var findings = await RunAsync(bed);

        Assert.Equal(CheckStatus.Pass, Rule(findings).Status);
        var reconciled = Reconciliation(findings);
        Assert.Equal(CheckStatus.Warn, reconciled.Status);
        Assert.Contains("delivered 10 events to the workflow in the last 24 hours, but its runs consumed 4: 6 events are unaccounted for", reconciled.Explanation, StringComparison.Ordinal);
        Assert.Contains("1 of the 2 runs (wr_2) were refused for concurrency", reconciled.Explanation, StringComparison.Ordinal);
        Assert.Contains(reconciled.Evidence, e => e.Label == "Runs refused for concurrency that consumed a batch" && e.Text.StartsWith("wr_2", StringComparison.Ordinal));
        Assert.Contains(reconciled.Fixes, f => f.Text.StartsWith("aws glue get-workflow-runs --name products", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DeliveryHealth_GapWithinAnOpenBatch_Passes()
    {
        using var bed = new DeliveryTestBed();
        bed.EventWorkflow(batchSize: 5).Rule("uploads", IncomingPattern)
            .Metric("uploads", EventsMetrics.TriggeredRules, 9).Metric("uploads", EventsMetrics.Invocations, 9)
            .Run("wr_1", 60, 5, 5);

        var reconciled = Reconciliation(await RunAsync(bed));

        Assert.Equal(CheckStatus.Pass, reconciled.Status);
        Assert.Contains("(4 may wait in the open batch)", reconciled.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeliveryHealth_GetMetricDataDenied_UnknownPerRuleNamingTheAction()
    {
        using var bed = new DeliveryTestBed();
        bed.EventWorkflow().Rule("uploads", IncomingPattern).Rule("backfill");
        bed.CloudWatch.Failure = WiringTestBed.Denied("CloudWatch", "GetMetricData", "cloudwatch:GetMetricData");

        var findings = await RunAsync(bed);

        Assert.Equal(2, findings.Count);
        Assert.All(findings, f =>
        {
            Assert.Equal(CheckStatus.Unknown, f.Status);
            Assert.Equal("cloudwatch:GetMetricData", f.MissingPermission);
        });
        Assert.Equal(["backfill", "uploads"], findings.Select(f => f.Subject).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task DeliveryHealth_ListBucketDenied_UnknownForTheRuleThatMatchedNothing()
    {
        using var bed = new DeliveryTestBed();
        bed.EventWorkflow().Rule("uploads", IncomingPattern);
        bed.S3.Failure = FakeS3Notifications.AccessDenied();

        var rule = Rule(await RunAsync(bed));

        Assert.Equal(CheckStatus.Unknown, rule.Status);
        Assert.Equal("s3:ListBucket", rule.MissingPermission);
    }

    [Fact]
    public async Task DeliveryHealth_GetWorkflowRunsDenied_UnknownReconciliationRuleStillJudged()
    {
        using var bed = new DeliveryTestBed();
        bed.EventWorkflow().Rule("uploads", IncomingPattern).Metric("uploads", EventsMetrics.TriggeredRules, 1).Metric("uploads", EventsMetrics.Invocations, 1);
        bed.Glue.FailingOperations["GetWorkflowRuns"] = WiringTestBed.Denied("Glue", "GetWorkflowRuns", "glue:GetWorkflowRuns");

        var findings = await RunAsync(bed);

        Assert.Equal(CheckStatus.Pass, Rule(findings).Status);
        var reconciled = Reconciliation(findings);
        Assert.Equal(CheckStatus.Unknown, reconciled.Status);
        Assert.Equal("glue:GetWorkflowRuns", reconciled.MissingPermission);
    }

    [Fact]
    public async Task DeliveryHealth_ListRulesDenied_SingleUnknownNamingTheAction()
    {
        using var bed = new DeliveryTestBed();
        bed.EventWorkflow().Rule("uploads", IncomingPattern);
        bed.EventBridge.Failure = WiringTestBed.Denied("EventBridge", "ListEventBuses", "events:ListEventBuses");

        var finding = Assert.Single(await RunAsync(bed));

        Assert.Equal(CheckStatus.Unknown, finding.Status);
        Assert.Equal("events:ListRuleNamesByTarget", finding.MissingPermission);
    }

    [Fact]
    public async Task DeliveryHealth_NoRuleTargetsTheWorkflow_LeavesItToTheRuleCheck()
    {
        using var bed = new DeliveryTestBed();
        bed.EventWorkflow();

        Assert.Empty(await RunAsync(bed));
        Assert.Empty(bed.CloudWatch.Requests);
    }
}
