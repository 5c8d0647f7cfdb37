using System.Globalization;
using System.Text.Json.Nodes;
using Dashboard.Diagnostics.Delivery;
using Dashboard.Metrics;

namespace Dashboard.Diagnostics.Checks;

/// <summary>
/// Check 10: retries and the dead-letter queue of each rule target. Reports the RetryPolicy (AWS's default is 24 hours
/// and 185 attempts) and whether a DLQ is set. A DLQ with messages is a warn with their count and the peek action; a
/// DLQ that does not exist is a fail. No DLQ is a warn once a failure has been dropped with it (FailedInvocations in
/// the window); before that it is reported, with the fix, on a pass. Without the metrics to tell which, it is unknown.
/// </summary>
public sealed class RetryAndDlqCheck : IDiagnosticCheck
{
    public const int DefaultMaximumRetryAttempts = 185;
    public const int DefaultMaximumEventAgeSeconds = 86400;

    public string Id => "retry-dlq";

    public string Title => "Failed deliveries are retried and kept in a dead-letter queue";

    public Uri Documentation { get; } = new("https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-rule-dlq.html");

    public Task<IReadOnlyList<Finding>> RunAsync(WorkflowFacts facts, CancellationToken cancellationToken) =>
        PerRule.RunAsync(this, facts, rule => JudgeAsync(facts, rule, cancellationToken), cancellationToken);

    private async Task<Finding> JudgeAsync(WorkflowFacts facts, RuleTarget rule, CancellationToken cancellationToken)
    {
        var retry = rule.Target.RetryPolicy;
        var attempts = retry?.MaximumRetryAttempts ?? DefaultMaximumRetryAttempts;
        var age = retry?.MaximumEventAgeInSeconds ?? DefaultMaximumEventAgeSeconds;
        var retryText = $"MaximumRetryAttempts {attempts}, MaximumEventAgeInSeconds {age} ({TimeSpan.FromSeconds(age).TotalHours.ToString("0.##", CultureInfo.InvariantCulture)} h){(retry is null ? " — AWS's default, no RetryPolicy set" : string.Empty)}";
        var evidence = new List<Evidence> { new("RetryPolicy", retryText) };
        var dlq = rule.Target.DeadLetterConfig?.Arn;
        if (dlq is null)
        {
            evidence.Add(new Evidence("DeadLetterConfig", "none"));
            var metrics = await facts.RuleMetricsAsync(cancellationToken);
            var failed = metrics.Value?.Get(WorkflowFacts.KeyOf(rule), EventsMetrics.FailedInvocations).Total ?? 0;
            var fixes = AddDlqFixes(facts, rule, await facts.IdentityAsync(cancellationToken));
            if (metrics.Unavailable is { } metricsWhy)
            {
                // Without FailedInvocations, whether a failure was dropped is unknown; the missing DLQ is still worth fixing.
                return Finding.Unknown(this, metricsWhy, rule.Label) with { Evidence = evidence, Fixes = fixes };
            }

            if (failed > 0)
            {
                return new Finding(Id, Title, CheckStatus.Warn,
                    $"The target has no dead-letter queue, and {failed.ToString("0", CultureInfo.InvariantCulture)} invocations failed in the last 24 hours: those events were dropped after {attempts} retries (permission errors at once), and nothing kept them to replay.",
                    evidence, fixes, Documentation, rule.Label);
            }

            return new Finding(Id, Title, CheckStatus.Pass,
                $"Retries: {retryText}. No dead-letter queue is set; nothing failed in the last 24 hours, so nothing was lost, but a failure would be dropped. Adding one keeps such events to inspect and replay.",
                evidence, fixes, Documentation, rule.Label);
        }

        evidence.Add(new Evidence("DeadLetterConfig", dlq));
        SqsQueueArn arn;
        try
        {
            arn = SqsQueueArn.Parse(dlq);
        }
        catch (ArgumentException error)
        {
            return new Finding(Id, Title, CheckStatus.Fail, $"The dead-letter ARN is not an SQS queue: {error.Message}", evidence, AddDlqFixes(facts, rule, await facts.IdentityAsync(cancellationToken)), Documentation, rule.Label);
        }

        var state = await facts.DeadLetterQueueAsync(dlq, cancellationToken);
        if (state.Unavailable is { } denied)
        {
            return Finding.Unknown(this, denied, rule.Label);
        }

        var queue = state.Value!;
        if (!queue.Exists)
        {
            return new Finding(Id, Title, CheckStatus.Fail,
                $"The dead-letter queue {arn.Name} does not exist, so EventBridge cannot keep what it fails to deliver (it counts them in InvocationsFailedToBeSentToDlq). {queue.Problem}",
                evidence,
                [new Fix($"Create {arn.Name}", FixKind.Cli, $"aws sqs create-queue --queue-name {arn.Name} --region {arn.Region}"), QueuePolicyFix(arn, rule)],
                Documentation, rule.Label);
        }

        evidence.Add(new Evidence("Queue depth (GetQueueAttributes)", $"ApproximateNumberOfMessages: {queue.ApproximateCount}; ApproximateNumberOfMessagesNotVisible: {queue.ApproximateNotVisible}"));
        if (queue.ApproximateCount is > 0 and var count)
        {
            return new Finding(Id, Title, CheckStatus.Warn,
                $"The dead-letter queue {arn.Name} holds {count} messages: events EventBridge could not deliver{(count > 0 ? " (the queue may be shared with other rules)" : string.Empty)}. Peek at them: ERROR_CODE and ERROR_MESSAGE say why each failed. Once the cause is fixed, replay them and purge the queue.",
                evidence,
                [new Fix("Read the messages' errors without deleting them", FixKind.Cli,
                    $"aws sqs receive-message --queue-url $(aws sqs get-queue-url --queue-name {arn.Name} --queue-owner-aws-account-id {arn.Account} --query QueueUrl --output text) --visibility-timeout 0 --max-number-of-messages 10 --message-attribute-names All")],
                Documentation, rule.Label,
                Action: new FindingAction(FindingAction.PeekDeadLetterQueue, dlq, "Peek at the messages"));
        }

        return Finding.Pass(this, $"Retries: {retryText}. Undeliverable events go to {arn.Name}, which is empty.", evidence, rule.Label);
    }

    private static IReadOnlyList<Fix> AddDlqFixes(WorkflowFacts facts, RuleTarget rule, Cloud.CloudIdentityInfo identity)
    {
        var name = $"{rule.RuleName}-dlq";
        var arn = new SqsQueueArn(identity.Region, identity.AccountId, name);
        var target = System.Text.Json.JsonSerializer.Serialize(new
        {
            rule.Target.Id,
            rule.Target.Arn,
            rule.Target.RoleArn,
            DeadLetterConfig = new { Arn = $"arn:{identity.Partition}:sqs:{arn.Region}:{arn.Account}:{name}" },
            RetryPolicy = new
            {
                MaximumRetryAttempts = rule.Target.RetryPolicy?.MaximumRetryAttempts ?? DefaultMaximumRetryAttempts,
                MaximumEventAgeInSeconds = rule.Target.RetryPolicy?.MaximumEventAgeInSeconds ?? DefaultMaximumEventAgeSeconds,
            },
        });
        return
        [
            new Fix($"Create a dead-letter queue and give the target of {rule.Label} to it (PutTargets replaces the target: this carries its id, ARN, role and retries)", FixKind.Cli, string.Join(Environment.NewLine,
                $"aws sqs create-queue --queue-name {name}",
                $"aws events put-targets --rule {rule.RuleName} --event-bus-name {rule.EventBusName} --targets '[{target}]'")),
            QueuePolicyFix(arn, rule),
        ];
    }

    /// <summary>The queue policy that lets EventBridge send this rule's failures, and no other rule's.</summary>
    private static Fix QueuePolicyFix(SqsQueueArn arn, RuleTarget rule)
    {
        var policy = new JsonObject
        {
            ["Version"] = "2012-10-17",
            ["Statement"] = new JsonArray(new JsonObject
            {
                ["Sid"] = "EventBridgeDeadLetters",
                ["Effect"] = "Allow",
                ["Principal"] = new JsonObject { ["Service"] = "events.amazonaws.com" },
                ["Action"] = "sqs:SendMessage",
                ["Resource"] = $"arn:aws:sqs:{arn.Region}:{arn.Account}:{arn.Name}",
                ["Condition"] = new JsonObject { ["ArnEquals"] = new JsonObject { ["aws:SourceArn"] = rule.RuleArn } },
            }),
        };
        return new Fix($"The queue policy of {arn.Name}: EventBridge may send {rule.Label}'s failures to it", FixKind.Policy, policy.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
    }
}
