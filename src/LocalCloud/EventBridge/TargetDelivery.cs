using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using LocalCloud.Events;
using LocalCloud.Faults;
using LocalCloud.Iam;
using LocalCloud.Protocol;
using LocalCloud.Sqs;

namespace LocalCloud.EventBridge;

/// <summary>
/// Delivers one matched event to one target the way EventBridge does. For a Glue workflow target it assumes the
/// target's role (the trust policy must let <c>events.amazonaws.com</c> call <c>sts:AssumeRole</c>), checks that the
/// role allows <c>glue:notifyEvent</c> on the workflow, and calls Glue. A failure that a later attempt can fix
/// (throttling, an error inside the service) is retried with exponential backoff within the target's
/// <see cref="RetryPolicy"/>; a permission error, a missing resource or a refused parameter is not, as on AWS. An
/// event that fails for good counts in <c>FailedInvocations</c> and goes to the target's dead-letter queue with AWS's
/// message attributes. Every refusal also leaves a CloudTrail record with its error code.
/// </summary>
internal sealed class TargetDelivery
{
    /// <summary>AWS's defaults when a target has no retry policy: 185 attempts within 24 hours.</summary>
    public const int DefaultMaximumRetryAttempts = 185;

    public const int DefaultMaximumEventAgeInSeconds = 86_400;

    /// <summary>The backoff doubles from one second up to this ceiling. AWS adds jitter; LocalCloud does not, so tests can predict it.</summary>
    public static readonly TimeSpan MaximumBackoff = TimeSpan.FromMinutes(5);

    private const string EventsPrincipal = "events.amazonaws.com";

    private readonly TimeProvider _time;
    private readonly IGlueEventTarget _glue;
    private readonly IRoleAuthority? _iam;
    private readonly IDeadLetterQueues? _deadLetterQueues;
    private readonly IFaultInjector? _faults;
    private readonly IMetricSink? _metrics;
    private readonly ICloudTrailRecorder? _cloudTrail;
    private readonly ILogger _logger;

    // Retries waiting for their timer. Holding the timers keeps them alive, and lets tests see what is pending.
    private readonly ConcurrentDictionary<Guid, ITimer> _pending = new();

    public TargetDelivery(
        TimeProvider time,
        IGlueEventTarget glue,
        IRoleAuthority? iam,
        IDeadLetterQueues? deadLetterQueues,
        IFaultInjector? faults,
        IMetricSink? metrics,
        ICloudTrailRecorder? cloudTrail,
        ILogger logger)
    {
        _time = time;
        _glue = glue;
        _iam = iam;
        _deadLetterQueues = deadLetterQueues;
        _faults = faults;
        _metrics = metrics;
        _cloudTrail = cloudTrail;
        _logger = logger;
    }

    /// <summary>How many failed deliveries are waiting to be retried.</summary>
    public int PendingRetries => _pending.Count;

    /// <summary>
    /// Delivers <paramref name="delivery"/>'s event, retrying later when the failure allows it. Returns when the first
    /// attempt is done; retries run on timers of the injected clock.
    /// </summary>
    public async Task DeliverAsync(Delivery delivery, CancellationToken cancellationToken)
    {
        Record(delivery, "Invocations");
        await AttemptAsync(delivery, attempt: 0, cancellationToken);
    }

    private async Task AttemptAsync(Delivery delivery, int attempt, CancellationToken cancellationToken)
    {
        Record(delivery, "InvocationAttempts");
        if (attempt > 0)
        {
            Record(delivery, "RetryInvocationAttempts");
        }

        var failure = await InvokeAsync(delivery, cancellationToken);
        if (failure is null)
        {
            Record(delivery, "SuccessfulInvocationAttempts");
            return;
        }

        _logger.LogInformation(
            "Delivery of {EventId} by rule {Rule} to {Target} failed on attempt {Attempt}: {Code} {Message}",
            delivery.Event.Id, delivery.RuleArn, delivery.Target.Arn, attempt + 1, failure.Code, failure.Message);

        if (failure.Retryable && NextAttemptDelay(delivery, attempt) is { } delay)
        {
            ScheduleRetry(delivery, attempt + 1, delay);
            return;
        }

        Fail(delivery, failure, retries: attempt);
    }

    /// <summary>The wait before the next attempt, or null when the retry policy is used up.</summary>
    private TimeSpan? NextAttemptDelay(Delivery delivery, int attempt)
    {
        var policy = delivery.Target.RetryPolicy;
        var maxRetries = policy?.MaximumRetryAttempts ?? DefaultMaximumRetryAttempts;
        var maxAge = TimeSpan.FromSeconds(policy?.MaximumEventAgeInSeconds ?? DefaultMaximumEventAgeInSeconds);
        if (attempt >= maxRetries)
        {
            return null;
        }

        var delay = Backoff(attempt);
        return _time.GetUtcNow() + delay - delivery.FirstAttempt > maxAge ? null : delay;
    }

    /// <summary>1 s, 2 s, 4 s … up to <see cref="MaximumBackoff"/>.</summary>
    public static TimeSpan Backoff(int attempt) =>
        attempt >= 9 ? MaximumBackoff : TimeSpan.FromSeconds(Math.Min(1 << attempt, MaximumBackoff.TotalSeconds));

    private void ScheduleRetry(Delivery delivery, int attempt, TimeSpan delay)
    {
        var id = Guid.NewGuid();
        var timer = _time.CreateTimer(_ => _ = RetryAsync(id, delivery, attempt), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _pending[id] = timer;
        timer.Change(delay, Timeout.InfiniteTimeSpan);
    }

    private async Task RetryAsync(Guid id, Delivery delivery, int attempt)
    {
        if (_pending.TryRemove(id, out var timer))
        {
            await timer.DisposeAsync();
        }

        try
        {
            await AttemptAsync(delivery, attempt, CancellationToken.None);
        }
        catch (Exception error)
        {
            // A retry runs on a timer with no caller to hand the error to: log it, never let it vanish.
            _logger.LogError(error, "Retry {Attempt} of {EventId} to {Target} failed unexpectedly.", attempt, delivery.Event.Id, delivery.Target.Arn);
        }
    }

    /// <summary>One attempt. Null when the target took the event; otherwise why not, and whether a retry can help.</summary>
    private async Task<DeliveryFailure?> InvokeAsync(Delivery delivery, CancellationToken cancellationToken)
    {
        if (!GlueWorkflowArn.TryParse(delivery.Target.Arn, out var account, out var region, out var workflow))
        {
            // Other target types are accepted and not called: LocalCloud only runs Glue workflows.
            return null;
        }

        var workflowArn = $"arn:aws:glue:{region}:{account}:workflow/{workflow}";
        if (delivery.Target.RoleArn is not { Length: > 0 } roleArn)
        {
            return DeliveryFailure.Permanent(
                "FAILED_TO_ASSUME_ROLE",
                $"The target {delivery.Target.Id} has no RoleArn: EventBridge needs a role to call glue:notifyEvent on {workflowArn}.");
        }

        if (_iam is not null && await AuthorizeAsync(delivery, roleArn, workflowArn, cancellationToken) is { } refused)
        {
            return refused;
        }

        if (_faults is not null && await _faults.ApplyAsync("glue", "NotifyEvent", cancellationToken) is { } fault)
        {
            // An injected fault stands for Glue throttling or failing inside: both are worth a retry.
            return fault == FaultKind.Throttle
                ? new DeliveryFailure("THROTTLING", "Rate exceeded (injected by LocalCloud).", Retryable: true)
                : new DeliveryFailure("INTERNAL_ERROR", "An internal error occurred (injected by LocalCloud).", Retryable: true);
        }

        try
        {
            await _glue.NotifyEventAsync(account, region, workflow, delivery.Event.Id, delivery.EventJson, cancellationToken);
            await RecordCallAsync(EventBridgeBackend.NotifyEventCall(delivery.Event, delivery.EventJson, roleArn, account, region, workflow), cancellationToken);
            return null;
        }
        catch (AwsServiceException error)
        {
            return DeliveryFailure.From(error);
        }
    }

    /// <summary>The two IAM checks EventBridge makes before it calls the target, each recorded in CloudTrail when it refuses.</summary>
    private async Task<DeliveryFailure?> AuthorizeAsync(Delivery delivery, string roleArn, string workflowArn, CancellationToken cancellationToken)
    {
        var iam = _iam ?? throw new InvalidOperationException("IAM is not configured.");
        var context = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["aws:SourceArn"] = delivery.RuleArn,
            ["aws:SourceAccount"] = delivery.Event.Account,
            ["aws:PrincipalService"] = EventsPrincipal,
        };

        var trust = iam.CanAssume(delivery.Event.Account, roleArn, EventsPrincipal, context);
        if (!trust.IsAllowed)
        {
            var message = trust.Outcome == AccessOutcome.RoleNotFound
                ? $"Failed to assume {roleArn}: the role does not exist."
                : $"Failed to assume {roleArn}: {EventsPrincipal} is not authorized to perform: sts:AssumeRole on resource: {roleArn}. {trust.Message}";
            await RecordCallAsync(AssumeRoleCall(delivery, roleArn, "AccessDenied", message), cancellationToken);
            return DeliveryFailure.Permanent("FAILED_TO_ASSUME_ROLE", message);
        }

        var permission = iam.IsAllowed(delivery.Event.Account, roleArn, "glue:notifyEvent", workflowArn, context);
        if (!permission.IsAllowed)
        {
            var why = permission.Outcome == AccessOutcome.ExplicitDeny
                ? "with an explicit deny in an identity-based policy"
                : "because no identity-based policy allows the glue:notifyEvent action";
            var message = $"User: {AssumedRoleArn(roleArn)} is not authorized to perform: glue:notifyEvent on resource: {workflowArn} {why}";
            await RecordCallAsync(RefusedNotifyEventCall(delivery, roleArn, workflowArn, message), cancellationToken);
            return DeliveryFailure.Permanent("NO_PERMISSIONS", message);
        }

        return null;
    }

    private void Fail(Delivery delivery, DeliveryFailure failure, int retries)
    {
        Record(delivery, "FailedInvocations");
        if (delivery.Target.DeadLetterConfig?.Arn is not { Length: > 0 } queueArn)
        {
            return;
        }

        var attributes = new Dictionary<string, string>
        {
            ["RULE_ARN"] = delivery.RuleArn,
            ["TARGET_ARN"] = delivery.Target.Arn,
            ["ERROR_CODE"] = failure.Code,
            ["ERROR_MESSAGE"] = failure.Message,
            ["RETRY_ATTEMPTS"] = retries.ToString(CultureInfo.InvariantCulture),
        };

        var refusal = _deadLetterQueues is null
            ? "SQS is not running in this LocalCloud."
            : queueArn.Split(':') is [_, _, _, var queueRegion, ..] && queueRegion != delivery.Event.Region
                ? $"The dead-letter queue {queueArn} is not in the rule's region, {delivery.Event.Region}."
                : _deadLetterQueues.TrySend(queueArn, delivery.EventJson, attributes);
        if (refusal is null)
        {
            Record(delivery, "InvocationsSentToDlq");
        }
        else
        {
            _logger.LogWarning("Event {EventId} could not be sent to the dead-letter queue {Queue}: {Reason}", delivery.Event.Id, queueArn, refusal);
            Record(delivery, "InvocationsFailedToBeSentToDlq");
        }
    }

    private ApiCallRecord AssumeRoleCall(Delivery delivery, string roleArn, string errorCode, string message) => new(
        delivery.Event.Account,
        delivery.Event.Region,
        "sts.amazonaws.com",
        "AssumeRole",
        _time.GetUtcNow(),
        EventsPrincipal,
        new JsonObject { ["roleArn"] = roleArn, ["roleSessionName"] = SessionName },
        null,
        [new CloudTrailResource("AWS::IAM::Role", roleArn)],
        IsDataEvent: false,
        UserAgent: EventsPrincipal,
        ErrorCode: errorCode,
        ErrorMessage: message);

    private ApiCallRecord RefusedNotifyEventCall(Delivery delivery, string roleArn, string workflowArn, string message) =>
        EventBridgeBackend.NotifyEventCall(delivery.Event, delivery.EventJson, roleArn, delivery.Event.Account, delivery.Event.Region, workflowArn[(workflowArn.LastIndexOf('/') + 1)..]) with
        {
            Time = _time.GetUtcNow(),
            ErrorCode = "AccessDeniedException",
            ErrorMessage = message,
        };

    private const string SessionName = "AWSEventBridge";

    private static string AssumedRoleArn(string roleArn)
    {
        var parts = roleArn.Split(':', 6);
        var roleName = roleArn[(roleArn.LastIndexOf('/') + 1)..];
        return parts.Length == 6 ? $"arn:aws:sts::{parts[4]}:assumed-role/{roleName}/{SessionName}" : roleArn;
    }

    private async Task RecordCallAsync(ApiCallRecord call, CancellationToken cancellationToken)
    {
        if (_cloudTrail is not null)
        {
            await _cloudTrail.RecordAsync(call, cancellationToken);
        }
    }

    private void Record(Delivery delivery, string metric) =>
        _metrics?.Record(delivery.Event.Account, delivery.Event.Region, "AWS/Events", metric, delivery.Dimensions, 1, "Count", _time.GetUtcNow());
}

/// <summary>One event on its way to one target of one rule.</summary>
internal sealed record Delivery(CloudEvent Event, string EventJson, string RuleArn, Target Target, KeyValuePair<string, string>[] Dimensions, DateTimeOffset FirstAttempt);

/// <summary>Why an attempt failed, as the DLQ's <c>ERROR_CODE</c> and <c>ERROR_MESSAGE</c>, and whether EventBridge retries it.</summary>
internal sealed record DeliveryFailure(string Code, string Message, bool Retryable)
{
    public static DeliveryFailure Permanent(string code, string message) => new(code, message, Retryable: false);

    /// <summary>
    /// A Glue error as EventBridge classifies it: throttling and errors inside the service are retried; a missing
    /// workflow and a refused request are not, because retrying cannot fix them.
    /// </summary>
    public static DeliveryFailure From(AwsServiceException error) => error.Code switch
    {
        "ThrottlingException" or "Throttling" or "ConcurrentModificationException" => new("THROTTLING", error.Message, Retryable: true),
        "EntityNotFoundException" or "ResourceNotFoundException" => Permanent("NO_RESOURCE", error.Message),
        "AccessDeniedException" => Permanent("NO_PERMISSIONS", error.Message),
        "InvalidInputException" or "ValidationException" => Permanent("INVALID_PARAMETER", error.Message),
        _ when (int)error.Status >= 500 => new("INTERNAL_ERROR", error.Message, Retryable: true),
        _ => Permanent("ERROR_FROM_TARGET", error.Message),
    };
}
