using System.ComponentModel;
using Dashboard.Aws.EventBridge;
using Dashboard.Aws.Protocol;
using Dashboard.Cloud;
using Microsoft.Extensions.Caching.Hybrid;

namespace Dashboard.Metrics;

/// <summary>A rule in the rules index.</summary>
public sealed record RuleListing(RuleKey Key, string? State, string? Description, string? ScheduleExpression, string? ManagedBy);

/// <summary>The rules of one bus.</summary>
public sealed record BusRules(string EventBus, IReadOnlyList<RuleListing> Rules);

/// <summary>Every bus with its rules, as read at one moment.</summary>
[ImmutableObject(true)]
public sealed record RuleIndex(IReadOnlyList<BusRules> Buses, DateTimeOffset ReadAt)
{
    public IEnumerable<RuleListing> All => Buses.SelectMany(b => b.Rules);
}

/// <summary>Where a rule sends its events. Glue workflow targets name the workflow.</summary>
public sealed record RuleTarget(string Id, string Arn, string? RoleArn, string? WorkflowName, string? DeadLetterArn, int? MaximumRetryAttempts, int? MaximumEventAgeInSeconds)
{
    /// <summary>The AWS service of the target's ARN, for example <c>glue</c> or <c>sqs</c>.</summary>
    public string Service => Arn.Split(':') is { Length: > 2 } parts ? parts[2] : "unknown";
}

/// <summary>A rule as DescribeRule and ListTargetsByRule tell it.</summary>
[ImmutableObject(true)]
public sealed record RuleDefinition(
    RuleKey Key,
    string? Arn,
    string? State,
    string? Description,
    string? EventPattern,
    string? ScheduleExpression,
    string? ManagedBy,
    IReadOnlyList<PatternCondition> Pattern,
    IReadOnlyList<RuleTarget> Targets,
    string? TargetsProblem)
{
    public IEnumerable<string> TargetWorkflows => Targets.Select(t => t.WorkflowName).OfType<string>().Distinct(StringComparer.Ordinal);
}

/// <summary>
/// Reads EventBridge rules: the index of every bus's rules (ListEventBuses, then ListRules 100 a page), and one rule's
/// definition with its targets (DescribeRule and ListTargetsByRule). Both are cached briefly and shared.
/// </summary>
public sealed class RuleCatalog(IEventBridgeApi events, HybridCache cache, TimeProvider time, ILogger<RuleCatalog> logger)
{
    public const int PageSize = 100;

    private static readonly HybridCacheEntryOptions CacheOptions = new() { Expiration = TimeSpan.FromSeconds(30), LocalCacheExpiration = TimeSpan.FromSeconds(30) };

    public async Task<RuleIndex> ListAsync(CancellationToken cancellationToken) =>
        await cache.GetOrCreateAsync("rule-index", this, static (catalog, ct) => new ValueTask<RuleIndex>(catalog.LoadIndexAsync(ct)), CacheOptions, cancellationToken: cancellationToken);

    /// <summary>The rule and its targets. A missing rule throws <see cref="AwsNotFoundException"/>; failing targets are a problem, not an error.</summary>
    public async Task<RuleDefinition> DescribeAsync(RuleKey rule, CancellationToken cancellationToken) =>
        await cache.GetOrCreateAsync($"rule-definition:{rule}", (Catalog: this, Rule: rule), static (state, ct) => new ValueTask<RuleDefinition>(state.Catalog.LoadDefinitionAsync(state.Rule, ct)), CacheOptions, cancellationToken: cancellationToken);

    /// <summary>Forgets the rule's cached definition, so the next read asks EventBridge: for an explicit refresh.</summary>
    public ValueTask InvalidateAsync(RuleKey rule, CancellationToken cancellationToken) => cache.RemoveAsync($"rule-definition:{rule}", cancellationToken);

    private async Task<RuleIndex> LoadIndexAsync(CancellationToken cancellationToken)
    {
        var buses = new List<string>();
        await foreach (var page in events.ListEventBusesPagesAsync(new() { Limit = PageSize }, cancellationToken))
        {
            buses.AddRange((page.EventBuses ?? []).Select(b => b.Name).OfType<string>());
        }

        var result = new List<BusRules>();
        foreach (var bus in buses.Order(StringComparer.Ordinal).OrderBy(b => b != RuleKey.DefaultBus))
        {
            var rules = new List<RuleListing>();
            await foreach (var page in events.ListRulesPagesAsync(new() { EventBusName = bus, Limit = PageSize }, cancellationToken))
            {
                rules.AddRange((page.Rules ?? [])
                    .Where(r => r.Name is not null)
                    .Select(r => new RuleListing(new RuleKey(bus, r.Name ?? string.Empty), r.State, r.Description, r.ScheduleExpression, r.ManagedBy)));
            }

            result.Add(new BusRules(bus, rules.OrderBy(r => r.Key.RuleName, StringComparer.OrdinalIgnoreCase).ToList()));
        }

        return new RuleIndex(result, time.GetUtcNow());
    }

    private async Task<RuleDefinition> LoadDefinitionAsync(RuleKey rule, CancellationToken cancellationToken)
    {
        var described = await events.DescribeRuleAsync(new() { Name = rule.RuleName, EventBusName = rule.EventBus }, cancellationToken);
        var targets = new List<RuleTarget>();
        string? problem = null;
        try
        {
            await foreach (var page in events.ListTargetsByRulePagesAsync(new() { Rule = rule.RuleName, EventBusName = rule.EventBus, Limit = PageSize }, cancellationToken))
            {
                targets.AddRange((page.Targets ?? []).Where(t => t.Arn is not null).Select(t => new RuleTarget(
                    t.Id ?? string.Empty,
                    t.Arn ?? string.Empty,
                    t.RoleArn,
                    WorkflowName(t.Arn),
                    t.DeadLetterConfig?.Arn,
                    t.RetryPolicy?.MaximumRetryAttempts,
                    t.RetryPolicy?.MaximumEventAgeInSeconds)));
            }
        }
        catch (AwsApiException error) when (error is AwsAccessDeniedException or AwsThrottlingException or AwsServiceFailureException)
        {
            // The rule is still worth showing; the targets section says what went wrong.
            logger.LogWarning(error, "Could not list the targets of rule {Rule}.", rule);
            problem = AwsErrorText.Explain(error);
        }

        return new RuleDefinition(
            rule,
            described.Arn,
            described.State,
            described.Description,
            described.EventPattern,
            described.ScheduleExpression,
            described.ManagedBy,
            PatternSummary.Describe(described.EventPattern),
            targets,
            problem);
    }

    /// <summary>The workflow's name in <c>arn:aws:glue:region:account:workflow/name</c>; null for other targets.</summary>
    public static string? WorkflowName(string? arn)
    {
        var parts = arn?.Split(':', 6);
        return parts is [_, _, "glue", _, _, var resource] && resource.StartsWith("workflow/", StringComparison.Ordinal) && resource.Length > "workflow/".Length
            ? resource["workflow/".Length..]
            : null;
    }
}
