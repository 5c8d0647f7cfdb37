using System.Text.Json;
using System.Text.Json.Nodes;
using Dashboard.Diagnostics.Wiring;

namespace Dashboard.Diagnostics.Checks;

/// <summary>
/// Check 7: a real upload would match the rule's pattern. EventBridge itself judges a sample event synthesized for the
/// bucket and prefix (TestEventPattern), and the pattern is read for the known traps: a literal <c>*</c> inside
/// <c>prefix</c>, case mismatches, a key filter that leaves out what the workflow's job reads, and matching only
/// PutObject. Each failure comes with the fixed pattern, which EventBridge has also checked against the sample.
/// </summary>
public sealed class EventPatternCheck : IDiagnosticCheck
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public string Id => "event-pattern";

    public string Title => "A real upload matches the pattern";

    public Uri Documentation { get; } = new("https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-create-pattern-operators.html");

    public Task<IReadOnlyList<Finding>> RunAsync(WorkflowFacts facts, CancellationToken cancellationToken) =>
        PerRule.RunAsync(this, facts, rule => CheckAsync(facts, rule, cancellationToken), cancellationToken);

    private async Task<Finding> CheckAsync(WorkflowFacts facts, RuleTarget rule, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(rule.EventPattern))
        {
            return Finding.Pass(this, $"The rule {rule.RuleName} has no event pattern (it runs on a schedule), so there is no pattern to test.", [], rule.Label);
        }

        var patternEvidence = new Evidence("Event pattern", Pretty(rule.EventPattern), EvidenceFormat.Json);
        if (!S3RuleSource.IsS3Pattern(rule.EventPattern) || S3RuleSource.Parse(rule.EventPattern) is not { } pattern)
        {
            return Finding.Pass(this, $"The rule {rule.RuleName} matches events that are not from S3; the dashboard synthesizes sample events only for S3 uploads.", [patternEvidence], rule.Label);
        }

        if (S3RuleSource.FromPattern(rule.EventPattern) is not { } source)
        {
            return new Finding(Id, Title, CheckStatus.Warn,
                $"The rule {rule.RuleName} matches S3 events, but its pattern does not name exactly one bucket with a key prefix or wildcard, so the dashboard cannot synthesize an upload to test. Test it with a real upload.",
                [patternEvidence], [], Documentation, rule.Label);
        }

        var identity = await facts.IdentityAsync(cancellationToken);
        var now = facts.Sources.Time.GetUtcNow();
        var sample = SampleUpload.For(source.Kind, source.Bucket, source.Prefix + SampleUpload.ObjectName, identity, now);
        var review = PatternLint.Review(pattern, source.Kind);
        var evidence = new List<Evidence> { patternEvidence, new($"Sample upload to s3://{source.Bucket}/{source.Prefix}{SampleUpload.ObjectName}", sample, EvidenceFormat.Json) };

        var matches = await facts.PatternMatchesAsync(rule.EventPattern, sample, cancellationToken);
        if (matches.Unavailable is { } denied)
        {
            // The traps that break matching are certain without EventBridge's word; otherwise the verdict needs it.
            return review.Breaks
                ? await FailAsync(facts, rule, source, review, evidence, sample, cancellationToken)
                : Finding.Unknown(this, denied, rule.Label);
        }

        evidence.Add(new Evidence("TestEventPattern", matches.Value ? "true: the sample matches" : "false: the sample does not match"));
        if (!matches.Value || review.Breaks)
        {
            return await FailAsync(facts, rule, source, review, evidence, sample, cancellationToken);
        }

        // The pattern matches its own prefix; does it match the files the workflow's first job reads?
        var jobs = await facts.StartJobSourcesAsync(cancellationToken);
        foreach (var path in jobs.Value ?? [])
        {
            var jobSample = SampleUpload.For(source.Kind, path.Bucket, path.Prefix + SampleUpload.ObjectName, identity, now);
            var jobMatch = await facts.PatternMatchesAsync(rule.EventPattern, jobSample, cancellationToken);
            if (jobMatch.IsKnown && !jobMatch.Value)
            {
                var retargeted = PatternLint.Retarget(review.Fixed, source.Kind, path.Bucket, path.Prefix);
                evidence.Add(new Evidence($"Job {path.JobName} reads ({path.Argument})", path.Describe()));
                evidence.Add(new Evidence($"Sample upload to {path.Describe()}{SampleUpload.ObjectName}", jobSample, EvidenceFormat.Json));
                evidence.Add(new Evidence("TestEventPattern for the job's input", "false: uploads where the job reads do not match"));
                return new Finding(Id, Title, CheckStatus.Fail,
                    $"The rule {rule.RuleName} watches {source.Describe()}, but the workflow's job {path.JobName} reads {path.Describe()} ({path.Argument}). The key filter leaves out the files the workflow processes: uploads there start nothing, and runs start for files the job never reads.",
                    evidence, [PutRuleFix(rule, retargeted), ConsoleFix(rule)], Documentation, rule.Label);
            }
        }

        var notes = review.Traps.Where(t => !t.Breaks).ToList();
        if (notes.Count == 0)
        {
            return Finding.Pass(this, $"EventBridge matches an upload to {source.Describe()} with the rule {rule.RuleName}'s pattern, and the pattern has none of the known traps.", evidence, rule.Label);
        }

        // Advisory only: the walkthrough's own pattern matches PutObject alone, and it works for the uploads it is made for.
        return new Finding(Id, Title, CheckStatus.Pass,
            $"EventBridge matches an upload to {source.Describe()} with the rule {rule.RuleName}'s pattern. Note: {string.Join(" ", notes.Select(n => n.Explanation))}",
            evidence, [PutRuleFix(rule, review.Fixed) with { Summary = "Optional: also match multipart uploads and copies" }], Documentation, rule.Label);
    }

    private async Task<Finding> FailAsync(WorkflowFacts facts, RuleTarget rule, S3RuleSource source, PatternReview review, List<Evidence> evidence, string sample, CancellationToken cancellationToken)
    {
        var breaking = review.Traps.Where(t => t.Breaks).ToList();
        var explanation = breaking.Count > 0
            ? $"An upload to {source.Describe()} does not start the workflow: {string.Join(" ", breaking.Select(t => t.Explanation))}"
            : $"EventBridge does not match an upload to {source.Describe()} with the rule {rule.RuleName}'s pattern, and none of the known traps explains it. Compare the pattern with the sample event field by field.";
        var fixedText = review.Fixed.ToJsonString();
        if (breaking.Count > 0)
        {
            var fixedMatch = await facts.PatternMatchesAsync(fixedText, sample, cancellationToken);
            evidence.Add(new Evidence("Fixed pattern", Pretty(fixedText), EvidenceFormat.Json));
            if (fixedMatch.IsKnown)
            {
                evidence.Add(new Evidence("TestEventPattern for the fixed pattern", fixedMatch.Value ? "true: the sample matches" : "false: the sample still does not match"));
            }
        }

        IReadOnlyList<Fix> fixes = breaking.Count > 0 ? [PutRuleFix(rule, review.Fixed), ConsoleFix(rule)] : [];
        return new Finding(Id, Title, CheckStatus.Fail, explanation, evidence, fixes, Documentation, rule.Label);
    }

    /// <summary>PutRule replaces the rule, so the command sends its state and bus along with the new pattern.</summary>
    private static Fix PutRuleFix(RuleTarget rule, JsonObject pattern) => new(
        $"Update the rule {rule.RuleName}'s pattern (PutRule replaces the rule: add --description if it has one)",
        FixKind.Cli,
        $"aws events put-rule --name {rule.RuleName}{(rule.EventBusName == Workflows.RuleReference.DefaultBus ? string.Empty : $" --event-bus-name {rule.EventBusName}")} --state {rule.State} --event-pattern '{pattern.ToJsonString()}'");

    private static Fix ConsoleFix(RuleTarget rule) => new("In the console", FixKind.Console,
        $"Amazon EventBridge → Rules → event bus {rule.EventBusName} → {rule.RuleName} → Edit → Event pattern → paste the fixed pattern → Test pattern with the sample event → Update rule.");

    private static string Pretty(string json)
    {
        try
        {
            return JsonNode.Parse(json)?.ToJsonString(Indented) ?? json;
        }
        catch (JsonException)
        {
            return json;
        }
    }
}
