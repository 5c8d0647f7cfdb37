using System.Text.Json;
using Dashboard.Aws.CloudTrail;
using Dashboard.Aws.Protocol;
using Dashboard.Diagnostics.Wiring;
using Dashboard.Playground;

namespace Dashboard.Diagnostics.Checks;

/// <summary>
/// Check 6: the uploads a rule waits for can reach EventBridge at all. A CloudTrail-style pattern ("AWS API Call via
/// CloudTrail", PutObject) needs a trail that is logging and selects the bucket's object-level write data events; S3's
/// own "Object Created" needs EventBridge turned on for the bucket. Without either, the rule is correct and silent.
/// </summary>
public sealed class SourceWiringCheck : IDiagnosticCheck
{
    public string Id => "source-wiring";

    public string Title => "Uploads reach EventBridge";

    public Uri Documentation { get; } = new("https://docs.aws.amazon.com/AmazonS3/latest/userguide/EventBridge.html");

    /// <summary>Where AWS documents logging S3 data events with a trail.</summary>
    public static Uri TrailDocumentation { get; } = new("https://docs.aws.amazon.com/awscloudtrail/latest/userguide/logging-data-events-with-cloudtrail.html");

    public Task<IReadOnlyList<Finding>> RunAsync(WorkflowFacts facts, CancellationToken cancellationToken) =>
        PerRule.RunAsync(this, facts, rule => CheckAsync(facts, rule, cancellationToken), cancellationToken);

    private async Task<Finding> CheckAsync(WorkflowFacts facts, RuleTarget rule, CancellationToken cancellationToken)
    {
        var pattern = new Evidence("Event pattern", rule.EventPattern ?? "(none)", EvidenceFormat.Json);
        if (!S3RuleSource.IsS3Pattern(rule.EventPattern))
        {
            return Finding.Pass(this, $"The rule {rule.RuleName} matches events that are not from S3, so there is no bucket or trail to wire.", [pattern], rule.Label);
        }

        if (S3RuleSource.FromPattern(rule.EventPattern) is not { } source)
        {
            return new Finding(Id, Title, CheckStatus.Warn,
                $"The rule {rule.RuleName} matches S3 events, but its pattern does not name exactly one bucket with a key prefix, so the dashboard cannot tell which bucket must send them. Check each bucket by hand.",
                [pattern], [], Documentation, rule.Label);
        }

        return source.Kind == UploadEventKind.ObjectCreated
            ? await ObjectCreatedAsync(facts, rule, source, pattern, cancellationToken)
            : await CloudTrailAsync(facts, rule, source, pattern, cancellationToken);
    }

    private async Task<Finding> ObjectCreatedAsync(WorkflowFacts facts, RuleTarget rule, S3RuleSource source, Evidence pattern, CancellationToken cancellationToken)
    {
        var bucket = await facts.BucketEventBridgeAsync(source.Bucket, cancellationToken);
        if (bucket.Unavailable is { } why)
        {
            return Finding.Unknown(this, why, rule.Label);
        }

        var state = bucket.Value ?? new BucketEventBridgeState(source.Bucket, false, false, 0);
        var evidence = new List<Evidence>
        {
            pattern,
            new("Bucket notification configuration", !state.Exists ? $"The bucket {source.Bucket} does not exist." : state.EventBridgeEnabled ? "EventBridgeConfiguration: {} (on)" : "No EventBridgeConfiguration (off)"),
        };
        if (!state.Exists)
        {
            return new Finding(Id, Title, CheckStatus.Fail,
                $"The rule {rule.RuleName} waits for \"Object Created\" events from {source.Bucket}, but there is no such bucket in this account.",
                evidence, [], Documentation, rule.Label);
        }

        if (state.EventBridgeEnabled)
        {
            return Finding.Pass(this, $"The bucket {source.Bucket} sends its events to EventBridge, so uploads under {source.Prefix} reach the rule {rule.RuleName}.", evidence, rule.Label);
        }

        var keep = state.OtherDestinations > 0
            ? $" The bucket has {state.OtherDestinations} other notification destination(s): this call replaces the whole configuration, so add them to the JSON (aws s3api get-bucket-notification-configuration --bucket {source.Bucket} shows them)."
            : string.Empty;
        return new Finding(Id, Title, CheckStatus.Fail,
            $"The rule {rule.RuleName} waits for S3 \"Object Created\" events from {source.Bucket}, but the bucket does not send events to EventBridge, so no upload ever reaches the rule.{keep}",
            evidence,
            [
                new Fix("Turn on EventBridge for the bucket", FixKind.Cli, $"aws s3api put-bucket-notification-configuration --bucket {source.Bucket} --notification-configuration '{{\"EventBridgeConfiguration\":{{}}}}'"),
                new Fix("In the console", FixKind.Console, $"Amazon S3 → Buckets → {source.Bucket} → Properties → Event notifications → Amazon EventBridge → Edit → On → Save changes."),
            ],
            Documentation, rule.Label);
    }

    private async Task<Finding> CloudTrailAsync(WorkflowFacts facts, RuleTarget rule, S3RuleSource source, Evidence pattern, CancellationToken cancellationToken)
    {
        var trails = await facts.TrailsAsync(cancellationToken);
        if (trails.Unavailable is { } why)
        {
            return Finding.Unknown(this, why, rule.Label);
        }

        var identity = await facts.IdentityAsync(cancellationToken);
        var target = source.ObjectArnPrefix(identity.Partition);
        var judged = (trails.Value ?? []).Select(t => (Trail: t, Verdict: TrailCoverage.Evaluate(t.Selectors, target))).ToList();
        var evidence = new List<Evidence> { pattern, new("Object ARNs the rule needs logged", target + "*") };
        evidence.AddRange(judged.Select(j => new Evidence(
            $"Trail {j.Trail.Name} ({(j.Trail.IsLogging ? "logging" : "not logging")})",
            $"{j.Verdict.Coverage} coverage; selectors: {SelectorsJson(j.Trail.Selectors)}",
            EvidenceFormat.Text)));

        if (judged.FirstOrDefault(j => j.Trail.IsLogging && j.Verdict.Coverage == Coverage.Full) is { Trail: not null } covering)
        {
            return new Finding(Id, Title, CheckStatus.Pass,
                $"The trail {covering.Trail.Name} is logging and selects the write data events for {source.Describe()}, so each upload reaches the rule {rule.RuleName} as \"AWS API Call via CloudTrail\".",
                evidence, [], TrailDocumentation, rule.Label);
        }

        if (judged.FirstOrDefault(j => !j.Trail.IsLogging && j.Verdict.Coverage == Coverage.Full) is { Trail: not null } stopped)
        {
            return new Finding(Id, Title, CheckStatus.Fail,
                $"The trail {stopped.Trail.Name} selects the data events for {source.Describe()}, but it is not logging, so no upload reaches the rule {rule.RuleName}.",
                evidence,
                [new Fix("Start the trail", FixKind.Cli, $"aws cloudtrail start-logging --name {stopped.Trail.Name}")],
                TrailDocumentation, rule.Label);
        }

        var partial = judged.Any(j => j.Trail.IsLogging && j.Verdict.Coverage == Coverage.Partial);
        // The trail to extend: one that stores its logs in the watched bucket (the bucket's own trail), else any logging one.
        var host = judged.Where(j => j.Trail.IsLogging).Select(j => j.Trail)
            .OrderByDescending(t => string.Equals(t.Trail.S3BucketName, source.Bucket, StringComparison.Ordinal))
            .FirstOrDefault();
        var explanation = judged.Count == 0
            ? $"The rule {rule.RuleName} waits for PutObject calls recorded by CloudTrail, but this region has no trail, so no upload to {source.Describe()} ever reaches it."
            : $"The rule {rule.RuleName} waits for PutObject calls recorded by CloudTrail, but no logging trail selects the object-level write data events for {source.Describe()}{(partial ? " (a trail logs only part of the prefix)" : string.Empty)}. CloudTrail sends EventBridge only the events a trail logs, so these uploads never arrive. (S3's own \"Object Created\" events, with EventBridge on for the bucket, are the durable alternative.)";
        return new Finding(Id, Title, partial ? CheckStatus.Warn : CheckStatus.Fail, explanation, evidence,
            [host is null ? CreateTrailFix(source, target) : SelectorsFix(host, target), ConsoleFix(host, source)],
            TrailDocumentation, rule.Label);
    }

    /// <summary>
    /// PutEventSelectors replaces every selector of the trail, so the fix keeps the ones it has and adds one that logs
    /// only the writes under the prefix: the events the rule needs, and no reads to pay for.
    /// </summary>
    private static Fix SelectorsFix(TrailConfiguration trail, string target)
    {
        if (trail.Selectors.AdvancedEventSelectors is { Count: > 0 } advanced)
        {
            var selectors = advanced.Append(new AdvancedEventSelector
            {
                Name = "S3 writes the workflow's rule needs",
                FieldSelectors =
                [
                    new() { Field = "eventCategory", EqualTo = ["Data"] },
                    new() { Field = "resources.type", EqualTo = ["AWS::S3::Object"] },
                    new() { Field = "readOnly", EqualTo = ["false"] },
                    new() { Field = "resources.ARN", StartsWith = [target] },
                ],
            });
            return new Fix($"Add an advanced selector to {trail.Name} (keeps its current selectors)", FixKind.Cli,
                $"aws cloudtrail put-event-selectors --trail-name {trail.Name} --advanced-event-selectors '{Json(selectors)}'");
        }

        var basic = (trail.Selectors.EventSelectors ?? []).Append(new EventSelector
        {
            ReadWriteType = "WriteOnly",
            IncludeManagementEvents = false,
            DataResources = [new DataResource { Type = "AWS::S3::Object", Values = [target] }],
        });
        return new Fix($"Log the prefix's writes in {trail.Name} (keeps its current selectors)", FixKind.Cli,
            $"aws cloudtrail put-event-selectors --trail-name {trail.Name} --event-selectors '{Json(basic)}'");
    }

    private static Fix CreateTrailFix(S3RuleSource source, string target) => new("Create a trail that logs the prefix's writes", FixKind.Cli, string.Join(Environment.NewLine,
        $"aws cloudtrail create-trail --name {source.Bucket}-data-events --s3-bucket-name <bucket-for-cloudtrail-logs>",
        $"aws cloudtrail put-event-selectors --trail-name {source.Bucket}-data-events --event-selectors '{Json(new[] { new EventSelector { ReadWriteType = "WriteOnly", IncludeManagementEvents = false, DataResources = [new DataResource { Type = "AWS::S3::Object", Values = [target] }] } })}'",
        $"aws cloudtrail start-logging --name {source.Bucket}-data-events"));

    private static Fix ConsoleFix(TrailConfiguration? trail, S3RuleSource source) => new("In the console", FixKind.Console,
        $"CloudTrail → Trails → {trail?.Name ?? "Create trail"} → Data events → Edit → Add data event type: S3 → Log selector template: Custom → eventName / resources.ARN starts with arn:aws:s3:::{source.Bucket}/{source.Prefix}, write events → Save changes. Make sure the trail is logging.");

    private static string SelectorsJson(GetEventSelectorsResponse selectors) =>
        selectors.AdvancedEventSelectors is { Count: > 0 } advanced ? Json(advanced) : Json(selectors.EventSelectors ?? []);

    private static string Json<T>(T value) => JsonSerializer.Serialize(value, AwsJson.Options);
}
