using Dashboard.Aws.EventBridge;
using Dashboard.Aws.Glue;
using Dashboard.Aws.Protocol;
using Dashboard.Cloud;
using Microsoft.Extensions.Caching.Hybrid;

namespace Dashboard.Workflows;

/// <summary>
/// Reads every workflow with its start trigger, last run and the rules that target it, in as few AWS calls as the
/// page sizes allow:
/// <list type="bullet">
/// <item><c>ListWorkflows</c>, 25 names a page, and <c>BatchGetWorkflows</c> with the graph, 25 at a time;</item>
/// <item><c>ListTriggers</c> (200 a page) and <c>BatchGetTriggers</c>, only when a workflow came back without its graph;</item>
/// <item><c>ListEventBuses</c>, then <c>ListRules</c> (100 a page) per bus for the rules' state, and whichever costs
/// fewer calls of <c>ListTargetsByRule</c> per rule or <c>ListRuleNamesByTarget</c> per workflow and bus.</item>
/// </list>
/// It reports its progress: the names first, then the workflows' details, then their rules, so a page can show rows
/// before the slow parts arrive. The result is cached and shared by every circuit.
/// </summary>
public sealed class WorkflowCatalog(
    IGlueApi glue,
    IEventBridgeApi events,
    ICloudIdentity identity,
    HybridCache cache,
    TimeProvider time,
    ILogger<WorkflowCatalog> logger)
{
    public const int WorkflowPageSize = 25;
    public const int TriggerPageSize = 200;
    public const int TriggerBatchSize = 100;
    public const int RulePageSize = 100;

    /// <summary>How many calls run at once; the client-side quotas set the rate.</summary>
    public const int MaxParallelCalls = 8;

    private const string CacheKey = "workflow-catalog";
    private static readonly HybridCacheEntryOptions CacheOptions = new() { Expiration = TimeSpan.FromSeconds(30), LocalCacheExpiration = TimeSpan.FromSeconds(30) };

    private volatile WorkflowCatalogSnapshot? _latest;

    /// <summary>The cached list; at most one load runs at a time, whoever asks.</summary>
    public ValueTask<WorkflowCatalogSnapshot> GetAsync(CancellationToken cancellationToken) =>
        cache.GetOrCreateAsync(CacheKey, this, static (catalog, ct) => new ValueTask<WorkflowCatalogSnapshot>(catalog.LoadAsync(null, ct)), CacheOptions, cancellationToken: cancellationToken);

    /// <summary>Drops the cached list, so the next <see cref="GetAsync"/> or <see cref="GetFreshAsync"/> reads AWS again.</summary>
    public ValueTask InvalidateAsync(CancellationToken cancellationToken)
    {
        _latest = null;
        return cache.RemoveAsync(CacheKey, cancellationToken);
    }

    /// <summary>Reads the list from AWS now, and leaves it in the cache for <see cref="GetAsync"/>.</summary>
    public async Task<WorkflowCatalogSnapshot> RefreshAsync(Action<WorkflowCatalogSnapshot>? progress, CancellationToken cancellationToken)
    {
        var snapshot = await LoadAsync(progress, cancellationToken);
        _latest = snapshot;
        await cache.SetAsync(CacheKey, snapshot, CacheOptions, cancellationToken: cancellationToken);
        return snapshot;
    }

    /// <summary>
    /// The last list read, if it is younger than <paramref name="maxAge"/>; otherwise a new read. A page that
    /// reconnects, or a prerendered page that becomes interactive, so costs AWS nothing.
    /// </summary>
    public Task<WorkflowCatalogSnapshot> GetFreshAsync(TimeSpan maxAge, Action<WorkflowCatalogSnapshot>? progress, CancellationToken cancellationToken) =>
        _latest is { } latest && time.GetUtcNow() - latest.FetchedAt < maxAge
            ? Task.FromResult(latest)
            : RefreshAsync(progress, cancellationToken);

    /// <summary>Reads the list from AWS now, bypassing the cache; <paramref name="progress"/> hears of each stage before the last.</summary>
    public async Task<WorkflowCatalogSnapshot> LoadAsync(Action<WorkflowCatalogSnapshot>? progress, CancellationToken cancellationToken)
    {
        var counter = new RequestCounter();
        var who = await identity.GetAsync(cancellationToken);

        var names = new List<string>();
        await foreach (var page in glue.ListWorkflowsPagesAsync(new() { MaxResults = WorkflowPageSize }, cancellationToken))
        {
            counter.Add();
            names.AddRange(page.Workflows ?? []);
        }

        WorkflowCatalogSnapshot Snapshot(IEnumerable<WorkflowSummary> summaries, CatalogStage stage, string? rulesProblem = null) => new(
            [.. summaries.OrderBy(w => w.Name, StringComparer.OrdinalIgnoreCase)], who, time.GetUtcNow(), counter.Count, stage, rulesProblem);

        progress?.Invoke(Snapshot(names.Select(n => new WorkflowSummary(n, null, null, [], null)), CatalogStage.Names));

        // The rules need only the names: they load while Glue answers for the details.
        using var gate = new SemaphoreSlim(MaxParallelCalls);
        var rulesTask = RulesByWorkflowAsync(who, names, gate, counter, cancellationToken);
        var details = await WorkflowDetailsAsync(names, gate, counter, cancellationToken);
        if (!rulesTask.IsCompleted)
        {
            progress?.Invoke(Snapshot(details.Select(d => Summarize(d.Workflow, d.Trigger, [], null)), CatalogStage.Details));
        }

        var rules = await rulesTask;
        var snapshot = Snapshot(
            details.Select(d => Summarize(d.Workflow, d.Trigger, rules.Rules.GetValueOrDefault(d.Workflow.Name ?? string.Empty) ?? [], rules.Problem)),
            CatalogStage.Rules,
            rules.Problem);
        logger.LogInformation("Loaded {Count} workflows with {Requests} AWS requests.", snapshot.Workflows.Count, snapshot.AwsRequests);
        return snapshot;
    }

    private async Task<List<(Workflow Workflow, Trigger? Trigger)>> WorkflowDetailsAsync(
        List<string> names, SemaphoreSlim gate, RequestCounter counter, CancellationToken cancellationToken)
    {
        var workflows = (await Task.WhenAll(names.Chunk(WorkflowPageSize).Select(chunk => Throttled(gate, async ct =>
        {
            counter.Add();
            var response = await glue.BatchGetWorkflowsAsync(new() { Names = chunk, IncludeGraph = true }, ct);
            return response.Workflows ?? [];
        }, cancellationToken)))).SelectMany(w => w).Where(w => w.Name is not null).ToList();

        var startTriggers = StartTriggersFromGraphs(workflows);
        if (workflows.Any(w => w.Graph is null))
        {
            foreach (var (workflow, trigger) in await StartTriggersFromTriggerApiAsync(gate, counter, cancellationToken))
            {
                startTriggers.TryAdd(workflow, trigger);
            }
        }

        return [.. workflows.Select(w => (w, startTriggers.GetValueOrDefault(w.Name ?? string.Empty)))];
    }

    internal static WorkflowSummary Summarize(Workflow workflow, Trigger? trigger, IReadOnlyList<RuleReference> rules, string? rulesProblem) => new(
        workflow.Name ?? string.Empty,
        trigger is null ? null : Summarize(trigger),
        workflow.LastRun is { } run ? Summarize(run) : null,
        rules,
        rulesProblem);

    /// <summary>The workflow's start trigger, from its graph: the one trigger that is not CONDITIONAL.</summary>
    internal static Trigger? StartTriggerOf(Workflow workflow) => workflow.Graph?.Nodes?
        .Select(n => n.TriggerDetails?.Trigger)
        .FirstOrDefault(t => t is not null && t.Type != TriggerTypes.Conditional);

    private static Dictionary<string, Trigger> StartTriggersFromGraphs(IEnumerable<Workflow> workflows)
    {
        var result = new Dictionary<string, Trigger>(StringComparer.Ordinal);
        foreach (var workflow in workflows)
        {
            if (workflow.Name is { } name && StartTriggerOf(workflow) is { } start)
            {
                result[name] = start;
            }
        }

        return result;
    }

    private async Task<Dictionary<string, Trigger>> StartTriggersFromTriggerApiAsync(
        SemaphoreSlim gate, RequestCounter counter, CancellationToken cancellationToken)
    {
        var names = new List<string>();
        await foreach (var page in glue.ListTriggersPagesAsync(new() { MaxResults = TriggerPageSize }, cancellationToken))
        {
            counter.Add();
            names.AddRange(page.TriggerNames ?? []);
        }

        var triggers = await Task.WhenAll(names.Chunk(TriggerBatchSize).Select(chunk => Throttled(gate, async ct =>
        {
            counter.Add();
            return (await glue.BatchGetTriggersAsync(new() { TriggerNames = chunk }, ct)).Triggers ?? [];
        }, cancellationToken)));

        var result = new Dictionary<string, Trigger>(StringComparer.Ordinal);
        foreach (var trigger in triggers.SelectMany(t => t))
        {
            if (trigger is { WorkflowName: { } workflow, Type: not TriggerTypes.Conditional })
            {
                result.TryAdd(workflow, trigger);
            }
        }

        return result;
    }

    private async Task<(Dictionary<string, List<RuleReference>> Rules, string? Problem)> RulesByWorkflowAsync(
        CloudIdentityInfo who, List<string> workflows, SemaphoreSlim gate, RequestCounter counter, CancellationToken cancellationToken)
    {
        await Task.Yield();
        var result = new Dictionary<string, List<RuleReference>>(StringComparer.Ordinal);
        if (workflows.Count == 0)
        {
            return (result, null);
        }

        try
        {
            var buses = new List<string>();
            await foreach (var page in events.ListEventBusesPagesAsync(new() { Limit = RulePageSize }, cancellationToken))
            {
                counter.Add();
                buses.AddRange((page.EventBuses ?? []).Select(b => b.Name).OfType<string>());
            }

            var rules = (await Task.WhenAll(buses.Select(bus => Throttled(gate, ct => RulesOnBusAsync(bus, counter, ct), cancellationToken))))
                .SelectMany(r => r)
                .ToList();
            var states = rules.ToDictionary(r => (r.EventBusName, r.RuleName), r => r.State);

            // Either ask each rule for its targets, or each workflow for its rules on each bus: whichever is fewer calls.
            var matches = rules.Count <= workflows.Count * buses.Count
                ? await MatchesByRuleAsync(who, workflows, rules, gate, counter, cancellationToken)
                : await MatchesByTargetAsync(who, workflows, buses, gate, counter, cancellationToken);

            var ordered = matches
                .OrderBy(m => m.Bus != RuleReference.DefaultBus)
                .ThenBy(m => m.Bus, StringComparer.Ordinal)
                .ThenBy(m => m.Rule, StringComparer.Ordinal);
            foreach (var (workflow, bus, rule) in ordered)
            {
                var list = result.TryGetValue(workflow, out var existing) ? existing : result[workflow] = [];
                list.Add(new RuleReference(bus, rule, states.GetValueOrDefault((bus, rule))));
            }

            return (result, null);
        }
        catch (AwsApiException error) when (error is AwsAccessDeniedException or AwsThrottlingException)
        {
            // The workflows are still worth showing; the rules column says what went wrong.
            logger.LogWarning(error, "Could not list the rules that target workflows.");
            return (result, AwsErrorText.Explain(error));
        }
    }

    private async Task<List<RuleReference>> RulesOnBusAsync(string bus, RequestCounter counter, CancellationToken cancellationToken)
    {
        var rules = new List<RuleReference>();
        await foreach (var page in events.ListRulesPagesAsync(new() { EventBusName = bus, Limit = RulePageSize }, cancellationToken))
        {
            counter.Add();
            rules.AddRange((page.Rules ?? []).Where(r => r.Name is not null).Select(r => new RuleReference(bus, r.Name ?? string.Empty, r.State)));
        }

        return rules;
    }

    private async Task<IEnumerable<(string Workflow, string Bus, string Rule)>> MatchesByRuleAsync(
        CloudIdentityInfo who, List<string> workflows, List<RuleReference> rules, SemaphoreSlim gate, RequestCounter counter, CancellationToken cancellationToken)
    {
        var byArn = workflows.ToDictionary(who.WorkflowArn, w => w, StringComparer.Ordinal);
        var found = await Task.WhenAll(rules.Select(rule => Throttled(gate, async ct =>
        {
            var targets = new List<string>();
            await foreach (var page in events.ListTargetsByRulePagesAsync(new() { Rule = rule.RuleName, EventBusName = rule.EventBusName, Limit = RulePageSize }, ct))
            {
                counter.Add();
                targets.AddRange((page.Targets ?? []).Select(t => byArn.GetValueOrDefault(t.Arn ?? string.Empty)).OfType<string>());
            }

            return targets.Distinct(StringComparer.Ordinal).Select(workflow => (workflow, rule.EventBusName, rule.RuleName));
        }, cancellationToken)));
        return found.SelectMany(f => f);
    }

    private async Task<IEnumerable<(string Workflow, string Bus, string Rule)>> MatchesByTargetAsync(
        CloudIdentityInfo who, List<string> workflows, List<string> buses, SemaphoreSlim gate, RequestCounter counter, CancellationToken cancellationToken)
    {
        var found = await Task.WhenAll(
            from workflow in workflows
            from bus in buses
            select Throttled(gate, async ct =>
            {
                var ruleNames = new List<string>();
                await foreach (var page in events.ListRuleNamesByTargetPagesAsync(
                    new() { TargetArn = who.WorkflowArn(workflow), EventBusName = bus, Limit = RulePageSize }, ct))
                {
                    counter.Add();
                    ruleNames.AddRange(page.RuleNames ?? []);
                }

                return ruleNames.Select(rule => (workflow, bus, rule));
            }, cancellationToken));
        return found.SelectMany(f => f);
    }

    private static StartTriggerSummary Summarize(Trigger trigger) => new(
        trigger.Name ?? "(unnamed)",
        trigger.Type ?? "UNKNOWN",
        trigger.State,
        trigger.EventBatchingCondition is { } batching ? new EventBatching(batching.BatchSize, batching.BatchWindow) : null,
        trigger.Schedule);

    private static LastRunSummary Summarize(WorkflowRun run) => new(
        run.WorkflowRunId ?? "(unknown)",
        run.Status ?? "UNKNOWN",
        RunAssessment.HealthOf(run),
        RunAssessment.CauseOf(run),
        run.StartedOn,
        run.CompletedOn,
        run.ErrorMessage,
        run.Statistics);

    private static async Task<T> Throttled<T>(SemaphoreSlim gate, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            return await call(cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    private sealed class RequestCounter
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public void Add() => Interlocked.Increment(ref _count);
    }
}
