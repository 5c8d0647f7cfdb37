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
/// <item><c>ListEventBuses</c> once, then <c>ListRuleNamesByTarget</c> per workflow and bus, and <c>ListRules</c>
/// (100 a page) per bus that has matches, for the rules' state.</item>
/// </list>
/// The result is cached and shared by every circuit, so many open tabs cost AWS what one tab costs.
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

    /// <summary>How many calls run at once, well under EventBridge's 50 TPS and Glue's quotas.</summary>
    public const int MaxParallelCalls = 8;

    private const string CacheKey = "workflow-catalog";
    private static readonly HybridCacheEntryOptions CacheOptions = new() { Expiration = TimeSpan.FromSeconds(30), LocalCacheExpiration = TimeSpan.FromSeconds(30) };

    /// <summary>The cached list; at most one load runs at a time, whoever asks.</summary>
    public ValueTask<WorkflowCatalogSnapshot> GetAsync(CancellationToken cancellationToken) =>
        cache.GetOrCreateAsync(CacheKey, this, static (catalog, ct) => new ValueTask<WorkflowCatalogSnapshot>(catalog.LoadAsync(ct)), CacheOptions, cancellationToken: cancellationToken);

    /// <summary>Drops the cached list, so the next <see cref="GetAsync"/> reads AWS again.</summary>
    public ValueTask InvalidateAsync(CancellationToken cancellationToken) => cache.RemoveAsync(CacheKey, cancellationToken);

    /// <summary>Reads the list from AWS now, bypassing the cache.</summary>
    public async Task<WorkflowCatalogSnapshot> LoadAsync(CancellationToken cancellationToken)
    {
        var counter = new RequestCounter();
        var who = await identity.GetAsync(cancellationToken);

        var names = new List<string>();
        await foreach (var page in glue.ListWorkflowsPagesAsync(new() { MaxResults = WorkflowPageSize }, cancellationToken))
        {
            counter.Add();
            names.AddRange(page.Workflows ?? []);
        }

        using var gate = new SemaphoreSlim(MaxParallelCalls);
        var workflows = (await Task.WhenAll(names.Chunk(WorkflowPageSize).Select(chunk => Throttled(gate, async ct =>
        {
            counter.Add();
            var response = await glue.BatchGetWorkflowsAsync(new() { Names = chunk, IncludeGraph = true }, ct);
            return response.Workflows ?? [];
        }, cancellationToken)))).SelectMany(w => w).ToList();

        var startTriggers = StartTriggersFromGraphs(workflows);
        if (workflows.Any(w => w.Graph is null))
        {
            foreach (var (workflow, trigger) in await StartTriggersFromTriggerApiAsync(gate, counter, cancellationToken))
            {
                startTriggers.TryAdd(workflow, trigger);
            }
        }

        var rules = await RulesByWorkflowAsync(who, names, gate, counter, cancellationToken);

        var summaries = new List<WorkflowSummary>(workflows.Count);
        foreach (var workflow in workflows)
        {
            if (workflow.Name is not { } name)
            {
                continue;
            }

            summaries.Add(new WorkflowSummary(
                name,
                startTriggers.GetValueOrDefault(name) is { } trigger ? Summarize(trigger) : null,
                workflow.LastRun is { } run ? Summarize(run) : null,
                rules.Rules.GetValueOrDefault(name) ?? [],
                rules.Problem));
        }

        summaries.Sort((a, b) => StringComparer.OrdinalIgnoreCase.Compare(a.Name, b.Name));

        logger.LogInformation("Loaded {Count} workflows with {Requests} AWS requests.", summaries.Count, counter.Count);
        return new WorkflowCatalogSnapshot(summaries, who, time.GetUtcNow(), counter.Count);
    }

    private static Dictionary<string, Trigger> StartTriggersFromGraphs(IEnumerable<Workflow> workflows)
    {
        var result = new Dictionary<string, Trigger>(StringComparer.Ordinal);
        foreach (var workflow in workflows)
        {
            var start = workflow.Graph?.Nodes?
                .Select(n => n.TriggerDetails?.Trigger)
                .FirstOrDefault(t => t is not null && t.Type != TriggerTypes.Conditional);
            if (workflow.Name is { } name && start is not null)
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

            var matches = await Task.WhenAll(
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

                    return (Workflow: workflow, Bus: bus, RuleNames: ruleNames);
                }, cancellationToken));

            var busesWithMatches = matches.Where(m => m.RuleNames.Count > 0).Select(m => m.Bus).Distinct(StringComparer.Ordinal);
            var states = (await Task.WhenAll(busesWithMatches.Select(bus => Throttled(gate, ct => RuleStatesAsync(bus, counter, ct), cancellationToken))))
                .SelectMany(s => s)
                .ToDictionary(s => s.Key, s => s.Value);

            foreach (var (workflow, bus, ruleNames) in matches)
            {
                var list = result.TryGetValue(workflow, out var existing) ? existing : result[workflow] = [];
                list.AddRange(ruleNames.Select(rule => new RuleReference(bus, rule, states.GetValueOrDefault((bus, rule)))));
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

    private async Task<Dictionary<(string Bus, string Rule), string?>> RuleStatesAsync(string bus, RequestCounter counter, CancellationToken cancellationToken)
    {
        var states = new Dictionary<(string, string), string?>();
        await foreach (var page in events.ListRulesPagesAsync(new() { EventBusName = bus, Limit = RulePageSize }, cancellationToken))
        {
            counter.Add();
            foreach (var rule in page.Rules ?? [])
            {
                if (rule.Name is not null)
                {
                    states[(bus, rule.Name)] = rule.State;
                }
            }
        }

        return states;
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
