using System.Globalization;
using Dashboard.Metrics;
using Dashboard.Workflows;

namespace Dashboard.Diagnostics.Checks;

/// <summary>
/// Check 8: delivery health, from the rules' <c>AWS/Events</c> metrics over the last 24 hours. Per rule: any
/// <c>FailedInvocations</c> is a fail (EventBridge could not hand events to Glue); no <c>TriggeredRules</c> while objects
/// landed under the watched prefix is a warn (the rule never matched). For the workflow: the events delivered
/// (Invocations less FailedInvocations) are reconciled with the events its runs consumed (the <c>aws:eventIds</c>
/// counts), naming the runs refused for concurrency, which consume their batch without running anything.
/// </summary>
public sealed class DeliveryHealthCheck : IDiagnosticCheck
{
    public const string ReconciliationSubject = "events delivered and consumed";

    public string Id => "delivery-health";

    public string Title => "EventBridge delivers to the workflow, and its runs consume what it delivers";

    public Uri Documentation { get; } = new("https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-monitoring.html");

    public async Task<IReadOnlyList<Finding>> RunAsync(WorkflowFacts facts, CancellationToken cancellationToken)
    {
        var rules = await facts.RulesAsync(cancellationToken);
        if (rules.Unavailable is { } rulesWhy)
        {
            return [Finding.Unknown(this, rulesWhy)];
        }

        if (rules.Value is not { Count: > 0 } targets)
        {
            // Nothing delivers to the workflow: the rule check says so, with its fix.
            return [];
        }

        var metrics = await facts.RuleMetricsAsync(cancellationToken);
        if (metrics.Unavailable is { } metricsWhy || metrics.Value is not { } snapshot)
        {
            return [.. targets.Select(r => Finding.Unknown(this, metrics.Unavailable ?? new FactUnavailable("cloudwatch:GetMetricData", "CloudWatch answered nothing."), r.Label))];
        }

        var window = await facts.DeliveryWindowAsync();
        var findings = new List<Finding>();
        foreach (var rule in targets)
        {
            findings.Add(await JudgeRuleAsync(facts, rule, snapshot, window, cancellationToken));
        }

        findings.Add(await ReconcileAsync(facts, targets, snapshot, window, cancellationToken));
        return findings;
    }

    private async Task<Finding> JudgeRuleAsync(WorkflowFacts facts, RuleTarget rule, RuleMetricsSnapshot snapshot, DeliveryWindow window, CancellationToken cancellationToken)
    {
        var key = WorkflowFacts.KeyOf(rule);
        var invocations = snapshot.Get(key, EventsMetrics.Invocations);
        var failed = snapshot.Get(key, EventsMetrics.FailedInvocations);
        var triggered = snapshot.Get(key, EventsMetrics.TriggeredRules);
        var evidence = new List<Evidence>
        {
            new("Metrics, last 24 h (Sum; a missing point is 0)", string.Join(Environment.NewLine,
                $"{EventsMetrics.TriggeredRules}: {Count(triggered.Total)}",
                $"{EventsMetrics.Invocations}: {Count(invocations.Total)}",
                $"{EventsMetrics.FailedInvocations}: {Count(failed.Total)}",
                $"{EventsMetrics.InvocationsSentToDlq}: {Count(snapshot.Get(key, EventsMetrics.InvocationsSentToDlq).Total)}",
                $"{EventsMetrics.InvocationsFailedToBeSentToDlq}: {Count(snapshot.Get(key, EventsMetrics.InvocationsFailedToBeSentToDlq).Total)}",
                $"Period {snapshot.Window.PeriodSeconds} s, from {Utc(snapshot.Window.Start)} to {Utc(snapshot.Window.End)}")),
        };

        if (failed.Total > 0)
        {
            evidence.Add(new Evidence("FailedInvocations by period", Periods(snapshot.Window, failed.Values)));
            var dlq = rule.Target.DeadLetterConfig?.Arn;
            return new Finding(
                Id, Title, CheckStatus.Fail,
                $"EventBridge failed to invoke the workflow {Count(failed.Total)} times in the last 24 hours ({Count(invocations.Total)} invocations). Those events never reached Glue: " +
                "the role, its trust policy or the workflow's start trigger refused them (their checks say which), and permission errors are not retried." +
                (dlq is null ? " The target has no dead-letter queue, so the events are gone." : " They went to the dead-letter queue, whose messages carry ERROR_CODE and ERROR_MESSAGE."),
                evidence,
                [
                    new Fix("Read the failures' reasons", FixKind.Console,
                        dlq is null
                            ? $"Fix what the failing trust, permission or start-trigger finding of {facts.WorkflowName} names, then watch FailedInvocations of {rule.Label} return to 0 (CloudWatch → Metrics → Events → Rule metrics)."
                            : $"Peek at the dead-letter queue ({dlq}): each message's ERROR_CODE and ERROR_MESSAGE say why. Fix what the failing trust, permission or start-trigger finding names, then redrive or replay the events."),
                    new Fix("Watch the failures from the CLI", FixKind.Cli,
                        $"aws cloudwatch get-metric-statistics --namespace AWS/Events --metric-name FailedInvocations {DimensionsArgument(key)} --start-time {Utc(window.Start)} --end-time {Utc(window.End)} --period 3600 --statistics Sum"),
                ],
                Documentation, rule.Label,
                Action: dlq is null ? null : new FindingAction(FindingAction.PeekDeadLetterQueue, dlq, "Peek at the messages"));
        }

        if (triggered.Total == 0)
        {
            var uploads = await facts.UploadsAsync(rule, cancellationToken);
            if (uploads.Unavailable is { } why)
            {
                return Finding.Unknown(this, why, rule.Label);
            }

            var landed = (uploads.Value ?? []).Where(u => u.Count > 0).ToList();
            if (landed.Count > 0)
            {
                evidence.Add(new Evidence("Objects written in the same 24 h (ListObjectsV2, by LastModified)", string.Join(Environment.NewLine,
                    landed.Select(u => $"s3://{u.Source.Bucket}/{u.Source.Prefix}: {u.Count}{(u.Truncated ? "+" : string.Empty)} objects, the latest at {Utc(u.Latest ?? window.End)}"))));
                var first = landed[0].Source;
                return new Finding(
                    Id, Title, CheckStatus.Warn,
                    $"{landed.Sum(u => u.Count)} objects landed under s3://{first.Bucket}/{first.Prefix} in the last 24 hours, but {rule.Label} matched no event (TriggeredRules is 0). " +
                    "The events never reached EventBridge, or the pattern does not match them: the source-wiring and pattern checks say which.",
                    evidence,
                    [
                        new Fix("Turn on EventBridge notifications for the bucket (for S3 \"Object Created\" patterns)", FixKind.Cli,
                            $"aws s3api put-bucket-notification-configuration --bucket {first.Bucket} --notification-configuration '{{\"EventBridgeConfiguration\": {{}}}}'"),
                        new Fix("Log the bucket's data events (for \"AWS API Call via CloudTrail\" patterns)", FixKind.Cli,
                            $"aws cloudtrail put-event-selectors --trail-name <trail-name> --advanced-event-selectors '[{{\"Name\":\"S3 writes under {first.Prefix}\",\"FieldSelectors\":[{{\"Field\":\"eventCategory\",\"Equals\":[\"Data\"]}},{{\"Field\":\"resources.type\",\"Equals\":[\"AWS::S3::Object\"]}},{{\"Field\":\"readOnly\",\"Equals\":[\"false\"]}},{{\"Field\":\"resources.ARN\",\"StartsWith\":[\"arn:aws:s3:::{first.Bucket}/{first.Prefix}\"]}}]}}]'"),
                        new Fix("Test the pattern against an upload", FixKind.Console,
                            $"Amazon EventBridge → Rules → {rule.RuleName} → Edit → Event pattern → Test pattern, with a sample event for s3://{first.Bucket}/{first.Prefix}example.json."),
                    ],
                    Documentation, rule.Label);
            }

            return Finding.Pass(this, $"{rule.Label} matched no event in the last 24 hours, and no object landed under the prefix it watches, so there was nothing to deliver.", evidence, rule.Label);
        }

        return Finding.Pass(this, $"{rule.Label} matched {Count(triggered.Total)} times and invoked the workflow {Count(invocations.Total)} times in the last 24 hours, with no failed invocation.", evidence, rule.Label);
    }

    private async Task<Finding> ReconcileAsync(WorkflowFacts facts, IReadOnlyList<RuleTarget> rules, RuleMetricsSnapshot snapshot, DeliveryWindow window, CancellationToken cancellationToken)
    {
        var runs = await facts.RunsAsync(cancellationToken);
        if (runs.Unavailable is { } why || runs.Value is not { } inRange)
        {
            return Finding.Unknown(this, runs.Unavailable ?? new FactUnavailable("glue:GetWorkflowRuns", "Glue answered nothing."), ReconciliationSubject);
        }

        var starts = await facts.StartTriggersAsync(cancellationToken);
        var batchSize = starts.Value is [{ EventBatchingCondition: { } batching }] ? batching.BatchSize : 1;
        var keys = rules.Select(WorkflowFacts.KeyOf).Distinct().ToList();
        var invoked = keys.Sum(k => snapshot.Get(k, EventsMetrics.Invocations).Total);
        var failedTotal = keys.Sum(k => snapshot.Get(k, EventsMetrics.FailedInvocations).Total);
        var delivered = (long)Math.Max(0, invoked - failedTotal);
        var fromEvents = inRange.Runs.Where(r => r.EventCount > 0).ToList();
        var consumed = fromEvents.Sum(r => (long)r.EventCount);
        var refused = fromEvents.Where(r => r.Health == RunHealth.RefusedForConcurrency).ToList();
        var refusedEvents = refused.Sum(r => (long)r.EventCount);
        var gap = delivered - consumed;

        // A batch that has not filled yet holds up to BatchSize - 1 delivered events; a run just after the window's start
        // may hold as many delivered before it. Within that slack, delivery and consumption agree.
        var slack = Math.Max(0, batchSize - 1);
        var evidence = new List<Evidence>
        {
            new("Reconciliation, last 24 h", string.Join(Environment.NewLine,
                $"Delivered to Glue (Invocations {Count(invoked)} − FailedInvocations {Count(failedTotal)}): {delivered}",
                $"Consumed by {fromEvents.Count} runs (aws:eventIds): {consumed}",
                $"Gap: {gap} (an open batch may hold up to {slack})",
                $"Runs refused for concurrency: {refused.Count}, holding {refusedEvents} events{(inRange.Truncated ? $"; only the newest {inRange.Runs.Count} runs were read" : string.Empty)}")),
        };
        if (refused.Count > 0)
        {
            evidence.Add(new Evidence("Runs refused for concurrency that consumed a batch", string.Join(Environment.NewLine,
                refused.Select(r => $"{r.RunId}  started {Utc(r.StartedOn ?? window.End)}  {r.EventCount} events  {r.ErrorMessage}"))));
        }

        var refusedText = refused.Count == 0
            ? string.Empty
            : $" {refused.Count} of the {fromEvents.Count} runs ({string.Join(", ", refused.Take(5).Select(r => r.RunId))}{(refused.Count > 5 ? ", …" : string.Empty)}) were refused for concurrency: they consumed {refusedEvents} events, and Glue does not retry them, so no job ran for those batches. The concurrency check judges whether that is a risk.";

        if (gap > slack && !inRange.Truncated)
        {
            return new Finding(
                Id, Title, CheckStatus.Warn,
                $"EventBridge delivered {delivered} events to the workflow in the last 24 hours, but its runs consumed {consumed}: {gap} events are unaccounted for, more than an open batch of {batchSize} can hold. " +
                "Glue received them and started no run with them." + refusedText,
                evidence,
                [
                    new Fix("List the runs and the events each consumed", FixKind.Cli, $"aws glue get-workflow-runs --name {facts.WorkflowName} --max-results 100 --query 'Runs[].[WorkflowRunId,StartedOn,Status,ErrorMessage,WorkflowRunProperties.\"aws:eventIds\"]'"),
                ],
                new Uri("https://docs.aws.amazon.com/glue/latest/dg/starting-workflow-eventbridge.html"), ReconciliationSubject);
        }

        return Finding.Pass(
            this,
            $"The workflow's runs consumed {consumed} events and EventBridge delivered {delivered} in the last 24 hours: every delivered event is accounted for{(gap > 0 ? $" ({gap} may wait in the open batch)" : string.Empty)}.{refusedText}",
            evidence,
            ReconciliationSubject);
    }

    private static string Count(double value) => value.ToString("0", CultureInfo.InvariantCulture);

    private static string Utc(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string Periods(MetricWindow window, IReadOnlyList<double> values) => string.Join(Environment.NewLine, values
        .Select((v, i) => (Value: v, At: window.TimeOf(i)))
        .Where(p => p.Value > 0)
        .Select(p => $"{Utc(p.At)}  {Count(p.Value)}"));

    private static string DimensionsArgument(RuleKey key) =>
        "--dimensions " + string.Join(" ", key.MetricDimensions.Select(d => $"Name={d.Name},Value={d.Value}"));
}
