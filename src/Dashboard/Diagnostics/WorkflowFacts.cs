using System.Collections.Concurrent;
using Amazon.Runtime;
using Dashboard.Aws.EventBridge;
using Dashboard.Aws.Glue;
using Dashboard.Aws.Protocol;
using Dashboard.Cloud;
using Dashboard.Workflows;

namespace Dashboard.Diagnostics;

/// <summary>
/// What the checks of one run know about one workflow. Each fact is fetched once, when the first check asks, and shared
/// with every other check of the run; checks run in parallel, so two asking at once share one request. A fact the
/// dashboard may not read comes back as <see cref="FactUnavailable"/>, naming the missing IAM action. The facts of each
/// area live in their own partial file (<c>WorkflowFacts.Iam.cs</c>, …).
/// </summary>
public sealed partial class WorkflowFacts(string workflowName, DiagnosticSources sources)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<object>>> _memo = new(StringComparer.Ordinal);

    public string WorkflowName { get; } = workflowName;

    public DiagnosticSources Sources { get; } = sources;

    /// <summary>Read past the environment's cache (and refill it): the recheck button wants what AWS says now.</summary>
    public bool Fresh { get; init; }

    /// <summary>The account, region and partition the workflow lives in.</summary>
    public Task<CloudIdentityInfo> IdentityAsync(CancellationToken cancellationToken) =>
        Memo("identity", () => Sources.Identity.GetAsync(cancellationToken));

    public async Task<string> WorkflowArnAsync(CancellationToken cancellationToken) =>
        (await IdentityAsync(cancellationToken)).WorkflowArn(WorkflowName);

    /// <summary>The workflow with its graph, or a known null when it does not exist.</summary>
    public Task<Fact<Workflow?>> WorkflowAsync(CancellationToken cancellationToken) =>
        Memo("workflow", () => FetchAsync("glue:GetWorkflow", async () =>
        {
            try
            {
                return (await Sources.Glue.GetWorkflowAsync(new() { Name = WorkflowName, IncludeGraph = true }, cancellationToken)).Workflow;
            }
            catch (AwsNotFoundException)
            {
                return null;
            }
        }));

    /// <summary>The workflow's triggers that are not CONDITIONAL: a healthy workflow has exactly one.</summary>
    public async Task<Fact<IReadOnlyList<Trigger>>> StartTriggersAsync(CancellationToken cancellationToken)
    {
        var workflow = await WorkflowAsync(cancellationToken);
        if (workflow.Unavailable is { } why)
        {
            return Fact.Missing<IReadOnlyList<Trigger>>(why);
        }

        IReadOnlyList<Trigger> starts = [.. (workflow.Value?.Graph?.Nodes ?? [])
            .Select(n => n.TriggerDetails?.Trigger)
            .OfType<Trigger>()
            .Where(t => t.Type != TriggerTypes.Conditional)];
        return Fact.Known(starts);
    }

    /// <summary>
    /// Every rule, on every bus, with a target that is this workflow (<c>ListRuleNamesByTarget</c> on each bus, then
    /// <c>DescribeRule</c> and <c>ListTargetsByRule</c>), each with the target that points here.
    /// </summary>
    public Task<Fact<IReadOnlyList<RuleTarget>>> RulesAsync(CancellationToken cancellationToken) =>
        Memo("rules", () => FetchAsync("events:ListRuleNamesByTarget", async () =>
        {
            var arn = await WorkflowArnAsync(cancellationToken);
            var buses = new List<string>();
            await foreach (var page in Sources.Events.ListEventBusesPagesAsync(new() { Limit = WorkflowCatalog.RulePageSize }, cancellationToken))
            {
                buses.AddRange((page.EventBuses ?? []).Select(b => b.Name).OfType<string>());
            }

            var found = new List<RuleTarget>();
            foreach (var bus in buses)
            {
                await foreach (var page in Sources.Events.ListRuleNamesByTargetPagesAsync(new() { TargetArn = arn, EventBusName = bus, Limit = WorkflowCatalog.RulePageSize }, cancellationToken))
                {
                    foreach (var name in page.RuleNames ?? [])
                    {
                        var rule = await Sources.Events.DescribeRuleAsync(new() { Name = name, EventBusName = bus }, cancellationToken);
                        await foreach (var targets in Sources.Events.ListTargetsByRulePagesAsync(new() { Rule = name, EventBusName = bus, Limit = WorkflowCatalog.RulePageSize }, cancellationToken))
                        {
                            found.AddRange((targets.Targets ?? [])
                                .Where(t => string.Equals(t.Arn, arn, StringComparison.Ordinal))
                                .Select(t => new RuleTarget(bus, name, rule.Arn ?? string.Empty, rule.State ?? "ENABLED", rule.EventPattern, t)));
                        }
                    }
                }
            }

            return (IReadOnlyList<RuleTarget>)[.. found.OrderBy(r => r.EventBusName != RuleReference.DefaultBus).ThenBy(r => r.EventBusName, StringComparer.Ordinal).ThenBy(r => r.RuleName, StringComparer.Ordinal)];
        }));

    /// <summary>Runs <paramref name="fetch"/> once per key for this run, whoever asks first.</summary>
    public async Task<T> Memo<T>(string key, Func<Task<T>> fetch) =>
        (T)await _memo.GetOrAdd(key, _ => new Lazy<Task<object>>(async () => (object)(await fetch())!)).Value;

    /// <summary>Turns access denied into an unknown fact that names <paramref name="action"/>; other errors propagate.</summary>
    public static async Task<Fact<T>> FetchAsync<T>(string action, Func<Task<T>> fetch)
    {
        try
        {
            return Fact.Known(await fetch());
        }
        catch (AwsAccessDeniedException error)
        {
            return Fact.Denied<T>(action, error);
        }
        catch (AmazonServiceException error) when (error is not AwsApiException && error.ErrorCode is "AccessDenied" or "AccessDeniedException")
        {
            // The AWS SDK's own clients (S3, SQS) raise their own exceptions.
            return new(default, new FactUnavailable(action, $"The dashboard may not call {action}, so this could not be checked. AWS said: {error.Message}"));
        }
    }
}

/// <summary>A rule that sends events to the workflow, with its target: the role, retry policy and DLQ EventBridge uses.</summary>
public sealed record RuleTarget(string EventBusName, string RuleName, string RuleArn, string State, string? EventPattern, Target Target)
{
    public bool IsEnabled => State is "ENABLED" or "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS";

    public string Label => EventBusName == RuleReference.DefaultBus ? RuleName : $"{EventBusName}/{RuleName}";
}
