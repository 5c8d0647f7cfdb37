using System.Text.Json.Nodes;
using LocalCloud.EventBridge;
using LocalCloud.Events;
using LocalCloud.Faults;
using LocalCloud.Iam;
using LocalCloud.Protocol;
using LocalCloud.Sqs;
using LocalCloud.Tests.S3;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace LocalCloud.Tests.EventBridge;

/// <summary>
/// Delivery to a Glue workflow target as EventBridge does it: the role and trust checks, the retry policy, the
/// dead-letter queue's attributes, and the metrics each step publishes.
/// </summary>
public sealed class TargetDeliveryTests
{
    private const string Account = "111122223333";
    private const string RuleArn = "arn:aws:events:us-east-1:111122223333:rule/uploads";
    private const string WorkflowArn = "arn:aws:glue:us-east-1:111122223333:workflow/products";
    private const string RoleArn = "arn:aws:iam::111122223333:role/notify";
    private const string QueueArn = "arn:aws:sqs:us-east-1:111122223333:uploads-dlq";

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 26, 8, 0, 0, TimeSpan.Zero));
    private readonly FakeGlueTarget _glue = new();
    private readonly FakeRoleAuthority _iam = new();
    private readonly FakeDeadLetterQueues _queues = new();
    private readonly CountingSink _metrics = new();
    private readonly RecordingCloudTrailRecorder _cloudTrail = new();
    private readonly FaultInjector _faults;

    public TargetDeliveryTests() =>
        _faults = new FaultInjector(new LocalCloudSettings(), new Random(7), _time, new LocalCloud.Hosting.RequestLog());

    [Fact]
    public async Task Deliver_AllowedRole_NotifiesGlueAndCountsOneSuccessfulInvocation()
    {
        await Delivery().DeliverAsync(Event(), TestContext.Current.CancellationToken);

        Assert.Equal(["products"], _glue.Notified);
        Assert.Equal(1, _metrics["Invocations"]);
        Assert.Equal(1, _metrics["InvocationAttempts"]);
        Assert.Equal(1, _metrics["SuccessfulInvocationAttempts"]);
        Assert.Equal(0, _metrics["FailedInvocations"]);
        var call = Assert.Single(_cloudTrail.Calls);
        Assert.Equal("NotifyEvent", call.EventName);
        Assert.Null(call.ErrorCode);
    }

    [Fact]
    public async Task Deliver_AsksTrustWithTheRuleAsSourceArnAndTheAccountAsSourceAccount()
    {
        await Delivery().DeliverAsync(Event(), TestContext.Current.CancellationToken);

        var (principal, context) = Assert.Single(_iam.AssumeRequests);
        Assert.Equal("events.amazonaws.com", principal);
        Assert.Equal(RuleArn, context["aws:SourceArn"]);
        Assert.Equal(Account, context["aws:SourceAccount"]);
        Assert.Equal(("glue:notifyEvent", WorkflowArn), Assert.Single(_iam.PermissionRequests));
    }

    [Fact]
    public async Task Deliver_TargetWithoutRole_FailsAtOnceWithFailedToAssumeRole()
    {
        await Delivery().DeliverAsync(Event(Target() with { RoleArn = null }), TestContext.Current.CancellationToken);

        Assert.Empty(_glue.Notified);
        Assert.Equal(1, _metrics["FailedInvocations"]);
        Assert.Equal("FAILED_TO_ASSUME_ROLE", Assert.Single(_queues.Sent).Attributes["ERROR_CODE"]);
    }

    [Fact]
    public async Task Deliver_TrustRefused_GoesToTheDlqWithoutRetryAndLeavesADeniedAssumeRoleInCloudTrail()
    {
        _iam.Trust = new AccessDecision(AccessOutcome.ImplicitDeny, "The trust policy names glue.amazonaws.com.");

        await Delivery().DeliverAsync(Event(), TestContext.Current.CancellationToken);
        _time.Advance(TimeSpan.FromHours(1));

        Assert.Empty(_glue.Notified);
        Assert.Equal(1, _metrics["InvocationAttempts"]);
        Assert.Equal(0, _metrics["RetryInvocationAttempts"]);
        Assert.Equal(1, _metrics["FailedInvocations"]);
        Assert.Equal(1, _metrics["InvocationsSentToDlq"]);
        var message = Assert.Single(_queues.Sent);
        Assert.Equal(QueueArn, message.QueueArn);
        Assert.Equal("FAILED_TO_ASSUME_ROLE", message.Attributes["ERROR_CODE"]);
        Assert.Contains("sts:AssumeRole", message.Attributes["ERROR_MESSAGE"], StringComparison.Ordinal);
        Assert.Equal("0", message.Attributes["RETRY_ATTEMPTS"]);
        Assert.Equal(RuleArn, message.Attributes["RULE_ARN"]);
        Assert.Equal(WorkflowArn, message.Attributes["TARGET_ARN"]);
        var call = Assert.Single(_cloudTrail.Calls);
        Assert.Equal(("sts.amazonaws.com", "AssumeRole", "AccessDenied"), (call.EventSource, call.EventName, call.ErrorCode));
    }

    [Fact]
    public async Task Deliver_RoleMissing_SaysTheRoleDoesNotExist()
    {
        _iam.Trust = new AccessDecision(AccessOutcome.RoleNotFound, "The role with name notify cannot be found.");

        await Delivery().DeliverAsync(Event(), TestContext.Current.CancellationToken);

        var message = Assert.Single(_queues.Sent);
        Assert.Equal("FAILED_TO_ASSUME_ROLE", message.Attributes["ERROR_CODE"]);
        Assert.Contains("does not exist", message.Attributes["ERROR_MESSAGE"], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(AccessOutcome.ImplicitDeny, "because no identity-based policy allows the glue:notifyEvent action")]
    [InlineData(AccessOutcome.ExplicitDeny, "with an explicit deny in an identity-based policy")]
    public async Task Deliver_PermissionRefused_IsNoPermissionsWithAwsWording(AccessOutcome outcome, string reason)
    {
        _iam.Permission = new AccessDecision(outcome, "refused");

        await Delivery().DeliverAsync(Event(), TestContext.Current.CancellationToken);

        Assert.Empty(_glue.Notified);
        var message = Assert.Single(_queues.Sent);
        Assert.Equal("NO_PERMISSIONS", message.Attributes["ERROR_CODE"]);
        Assert.Equal(
            $"User: arn:aws:sts::{Account}:assumed-role/notify/AWSEventBridge is not authorized to perform: glue:notifyEvent on resource: {WorkflowArn} {reason}",
            message.Attributes["ERROR_MESSAGE"]);
        var call = Assert.Single(_cloudTrail.Calls);
        Assert.Equal(("NotifyEvent", "AccessDeniedException"), (call.EventName, call.ErrorCode));
    }

    [Fact]
    public async Task Deliver_ThrottledTwice_RetriesAfterOneAndTwoSecondsAndSucceeds()
    {
        _glue.Failures.Enqueue(new AwsServiceException("ThrottlingException", "Rate exceeded"));
        _glue.Failures.Enqueue(new AwsServiceException("ThrottlingException", "Rate exceeded"));

        await Delivery().DeliverAsync(Event(), TestContext.Current.CancellationToken);
        Assert.Empty(_glue.Notified);
        _time.Advance(TimeSpan.FromMilliseconds(999));
        Assert.Equal(1, _metrics["InvocationAttempts"]);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(2, _metrics["InvocationAttempts"]);
        _time.Advance(TimeSpan.FromSeconds(2));

        Assert.Equal(["products"], _glue.Notified);
        Assert.Equal(1, _metrics["Invocations"]);
        Assert.Equal(3, _metrics["InvocationAttempts"]);
        Assert.Equal(2, _metrics["RetryInvocationAttempts"]);
        Assert.Equal(1, _metrics["SuccessfulInvocationAttempts"]);
        Assert.Equal(0, _metrics["FailedInvocations"]);
        Assert.Empty(_queues.Sent);
    }

    [Fact]
    public async Task Deliver_ThrottledBeyondMaximumRetryAttempts_FailsWithTheRetryCount()
    {
        for (var i = 0; i < 10; i++)
        {
            _glue.Failures.Enqueue(new AwsServiceException("ThrottlingException", "Rate exceeded"));
        }

        await Delivery().DeliverAsync(Event(Target() with { RetryPolicy = new RetryPolicy(2, 3600) }), TestContext.Current.CancellationToken);
        AdvanceSecondBySecond(TimeSpan.FromMinutes(10));

        Assert.Equal(3, _metrics["InvocationAttempts"]);
        Assert.Equal(1, _metrics["FailedInvocations"]);
        var message = Assert.Single(_queues.Sent);
        Assert.Equal(("THROTTLING", "2"), (message.Attributes["ERROR_CODE"], message.Attributes["RETRY_ATTEMPTS"]));
    }

    [Fact]
    public async Task Deliver_ServerErrorsPastTheMaximumEventAge_StopRetrying()
    {
        for (var i = 0; i < 50; i++)
        {
            _glue.Failures.Enqueue(new AwsServiceException("InternalServiceException", "Internal error", System.Net.HttpStatusCode.InternalServerError, senderFault: false));
        }

        // Backoff 1+2+4+8+16 = 31 s; the next wait (32 s) would pass the 60 s age.
        await Delivery().DeliverAsync(Event(Target() with { RetryPolicy = new RetryPolicy(185, 60) }), TestContext.Current.CancellationToken);
        AdvanceSecondBySecond(TimeSpan.FromMinutes(10));

        Assert.Equal(6, _metrics["InvocationAttempts"]);
        Assert.Equal(1, _metrics["FailedInvocations"]);
        Assert.Equal("INTERNAL_ERROR", Assert.Single(_queues.Sent).Attributes["ERROR_CODE"]);
    }

    [Theory]
    [InlineData("EntityNotFoundException", "NO_RESOURCE")]
    [InlineData("InvalidInputException", "INVALID_PARAMETER")]
    public async Task Deliver_GlueRefusal_IsNotRetried(string glueError, string dlqCode)
    {
        _glue.Failures.Enqueue(new AwsServiceException(glueError, "refused"));

        await Delivery().DeliverAsync(Event(), TestContext.Current.CancellationToken);
        _time.Advance(TimeSpan.FromHours(1));

        Assert.Equal(1, _metrics["InvocationAttempts"]);
        Assert.Equal(dlqCode, Assert.Single(_queues.Sent).Attributes["ERROR_CODE"]);
    }

    [Fact]
    public async Task Deliver_DlqRefusesTheMessage_CountsFailedToBeSentToDlq()
    {
        _iam.Permission = new AccessDecision(AccessOutcome.ImplicitDeny, "refused");
        _queues.Refusal = "The queue does not exist.";

        await Delivery().DeliverAsync(Event(), TestContext.Current.CancellationToken);

        Assert.Equal(1, _metrics["FailedInvocations"]);
        Assert.Equal(0, _metrics["InvocationsSentToDlq"]);
        Assert.Equal(1, _metrics["InvocationsFailedToBeSentToDlq"]);
    }

    [Fact]
    public async Task Deliver_FailureWithoutDlq_OnlyCountsTheFailure()
    {
        _iam.Permission = new AccessDecision(AccessOutcome.ImplicitDeny, "refused");

        await Delivery().DeliverAsync(Event(Target() with { DeadLetterConfig = null }), TestContext.Current.CancellationToken);

        Assert.Equal(1, _metrics["FailedInvocations"]);
        Assert.Empty(_queues.Sent);
    }

    [Fact]
    public async Task Deliver_InjectedThrottleOnNotifyEvent_IsRetriedUntilTheFaultIsLifted()
    {
        _faults.Put(new FaultRule("glue", "NotifyEvent", FaultKind.Throttle, 1.0));

        await Delivery().DeliverAsync(Event(), TestContext.Current.CancellationToken);
        AdvanceSecondBySecond(TimeSpan.FromSeconds(4));
        _faults.Remove("glue");
        AdvanceSecondBySecond(TimeSpan.FromSeconds(8));

        Assert.Equal(["products"], _glue.Notified);
        Assert.Equal(4, _metrics["InvocationAttempts"]);
        Assert.Equal(3, _metrics["RetryInvocationAttempts"]);
        Assert.Equal(0, _metrics["FailedInvocations"]);
    }

    [Fact]
    public async Task Deliver_InjectedServerErrorsPastTheRetryPolicy_GoToTheDlqAsInternalError()
    {
        _faults.Put(new FaultRule("glue", "NotifyEvent", FaultKind.ServerError, 1.0));

        await Delivery().DeliverAsync(Event(Target() with { RetryPolicy = new RetryPolicy(1, 60) }), TestContext.Current.CancellationToken);
        AdvanceSecondBySecond(TimeSpan.FromSeconds(5));

        Assert.Empty(_glue.Notified);
        var message = Assert.Single(_queues.Sent);
        Assert.Equal(("INTERNAL_ERROR", "1"), (message.Attributes["ERROR_CODE"], message.Attributes["RETRY_ATTEMPTS"]));
    }

    [Fact]
    public async Task Deliver_DlqInAnotherRegion_IsRefusedAndCounted()
    {
        _iam.Permission = new AccessDecision(AccessOutcome.ImplicitDeny, "refused");

        await Delivery().DeliverAsync(Event(Target() with { DeadLetterConfig = new DeadLetterConfig("arn:aws:sqs:eu-west-1:111122223333:uploads-dlq") }), TestContext.Current.CancellationToken);

        Assert.Empty(_queues.Sent);
        Assert.Equal(1, _metrics["InvocationsFailedToBeSentToDlq"]);
    }

    [Fact]
    public void Backoff_DoublesFromOneSecondUpToFiveMinutes()
    {
        Assert.Equal(
            [1, 2, 4, 8, 16, 32, 64, 128, 256, 300, 300],
            Enumerable.Range(0, 11).Select(a => TargetDelivery.Backoff(a).TotalSeconds));
    }

    /// <summary>A retry's timer is set when the previous one fires, so the clock moves in steps to let each fire.</summary>
    private void AdvanceSecondBySecond(TimeSpan total)
    {
        for (var elapsed = TimeSpan.Zero; elapsed < total; elapsed += TimeSpan.FromSeconds(1))
        {
            _time.Advance(TimeSpan.FromSeconds(1));
        }
    }

    private TargetDelivery Delivery() => new(_time, _glue, _iam, _queues, _faults, _metrics, _cloudTrail, NullLogger.Instance);

    private static Target Target() => new("wf", WorkflowArn, RoleArn, null, null, null, new DeadLetterConfig(QueueArn), null);

    private Delivery Event(Target? target = null)
    {
        var cloudEvent = new CloudEvent(Guid.NewGuid().ToString(), "aws.s3", "Object Created", _time.GetUtcNow(), Account, "us-east-1", [], new JsonObject());
        return new Delivery(cloudEvent, cloudEvent.ToJson().ToJsonString(), RuleArn, target ?? Target(), [new("RuleName", "uploads")], _time.GetUtcNow());
    }

    private sealed class FakeGlueTarget : IGlueEventTarget
    {
        public Queue<AwsServiceException> Failures { get; } = new();

        public List<string> Notified { get; } = [];

        public Task NotifyEventAsync(string account, string region, string workflowName, string eventId, string eventJson, CancellationToken cancellationToken)
        {
            if (Failures.TryDequeue(out var failure))
            {
                throw failure;
            }

            Notified.Add(workflowName);
            return Task.CompletedTask;
        }
    }

    private sealed class FakeRoleAuthority : IRoleAuthority
    {
        public AccessDecision Trust { get; set; } = new(AccessOutcome.Allowed, "allowed");

        public AccessDecision Permission { get; set; } = new(AccessOutcome.Allowed, "allowed");

        public List<(string Principal, IReadOnlyDictionary<string, string> Context)> AssumeRequests { get; } = [];

        public List<(string Action, string Resource)> PermissionRequests { get; } = [];

        public AccessDecision CanAssume(string account, string roleArn, string servicePrincipal, IReadOnlyDictionary<string, string> context)
        {
            AssumeRequests.Add((servicePrincipal, context));
            return Trust;
        }

        public AccessDecision IsAllowed(string account, string roleArn, string action, string resource, IReadOnlyDictionary<string, string> context)
        {
            PermissionRequests.Add((action, resource));
            return Permission;
        }
    }

    private sealed class FakeDeadLetterQueues : IDeadLetterQueues
    {
        public string? Refusal { get; set; }

        public List<(string QueueArn, string Body, IReadOnlyDictionary<string, string> Attributes)> Sent { get; } = [];

        public string? TrySend(string queueArn, string body, IReadOnlyDictionary<string, string> attributes)
        {
            if (Refusal is null)
            {
                Sent.Add((queueArn, body, attributes));
            }

            return Refusal;
        }
    }

    private sealed class CountingSink : IMetricSink
    {
        private readonly Dictionary<string, double> _sums = [];

        public double this[string metric] => _sums.GetValueOrDefault(metric);

        public void Record(string account, string region, string metricNamespace, string metricName, IReadOnlyList<KeyValuePair<string, string>> dimensions, double value, string unit, DateTimeOffset timestamp) =>
            _sums[metricName] = this[metricName] + value;
    }
}
