using Dashboard.Aws.EventBridge;
using Dashboard.Aws.Glue;
using Dashboard.Aws.Protocol;
using Dashboard.Cloud;
using Dashboard.Workflows.Graph;

namespace Dashboard.Workflows;

/// <summary>One workflow as its page shows it: the summary, its description and limits, and its graph coloured by the last run.</summary>
public sealed record WorkflowDetail(
    WorkflowSummary Summary,
    string? Description,
    int? MaxConcurrentRuns,
    WorkflowGraphModel Graph,
    string? GraphRunId,
    DateTimeOffset FetchedAt,
    int AwsRequests);

/// <summary>A workflow looked up by name: its detail, or null when no workflow has that name.</summary>
public sealed record WorkflowLookup(string Name, WorkflowDetail? Detail)
{
    public bool Missing => Detail is null;
}

/// <summary>
/// Reads one workflow without the whole catalog: <c>GetWorkflow</c> with its graph, the last run's graph when the
/// workflow came without it, and the rules that target it (<c>ListRuleNamesByTarget</c> on each bus, then
/// <c>DescribeRule</c> for each match's state).
/// </summary>
public sealed class WorkflowDetails(IGlueApi glue, IEventBridgeApi events, ICloudIdentity identity, TimeProvider time, ILogger<WorkflowDetails> logger)
{
    /// <summary>The workflow, or a lookup that says it does not exist: a missing workflow is an answer, not a failure.</summary>
    public async Task<WorkflowLookup> LookupAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            return new WorkflowLookup(name, await LoadAsync(name, cancellationToken));
        }
        catch (AwsNotFoundException)
        {
            return new WorkflowLookup(name, null);
        }
    }

    /// <exception cref="AwsNotFoundException">The workflow does not exist.</exception>
    public async Task<WorkflowDetail> LoadAsync(string name, CancellationToken cancellationToken)
    {
        var requests = 1;
        var who = await identity.GetAsync(cancellationToken);
        var workflow = (await glue.GetWorkflowAsync(new() { Name = name, IncludeGraph = true }, cancellationToken)).Workflow
            ?? throw new InvalidOperationException($"Glue GetWorkflow returned no workflow for {name}.");

        var rulesTask = RulesAsync(who, name, cancellationToken);
        var lastRunGraph = workflow.LastRun?.Graph;
        if (lastRunGraph is null && workflow.LastRun?.WorkflowRunId is { } lastRunId)
        {
            requests++;
            lastRunGraph = (await glue.GetWorkflowRunAsync(new() { Name = name, RunId = lastRunId, IncludeGraph = true }, cancellationToken)).Run?.Graph;
        }

        var (rules, problem, ruleRequests) = await rulesTask;
        return new WorkflowDetail(
            WorkflowCatalog.Summarize(workflow, WorkflowCatalog.StartTriggerOf(workflow), rules, problem),
            workflow.Description,
            workflow.MaxConcurrentRuns,
            WorkflowGraphModel.From(workflow.Graph, lastRunGraph),
            lastRunGraph is null ? null : workflow.LastRun?.WorkflowRunId,
            time.GetUtcNow(),
            requests + ruleRequests);
    }

    private async Task<(IReadOnlyList<RuleReference> Rules, string? Problem, int Requests)> RulesAsync(
        CloudIdentityInfo who, string workflow, CancellationToken cancellationToken)
    {
        var requests = 0;
        try
        {
            var buses = new List<string>();
            await foreach (var page in events.ListEventBusesPagesAsync(new() { Limit = WorkflowCatalog.RulePageSize }, cancellationToken))
            {
                requests++;
                buses.AddRange((page.EventBuses ?? []).Select(b => b.Name).OfType<string>());
            }

            var matches = new List<(string Bus, string Rule)>();
            foreach (var bus in buses)
            {
                await foreach (var page in events.ListRuleNamesByTargetPagesAsync(
                    new() { TargetArn = who.WorkflowArn(workflow), EventBusName = bus, Limit = WorkflowCatalog.RulePageSize }, cancellationToken))
                {
                    requests++;
                    matches.AddRange((page.RuleNames ?? []).Select(rule => (bus, rule)));
                }
            }

            var rules = await Task.WhenAll(matches.Select(async m =>
            {
                var rule = await events.DescribeRuleAsync(new() { Name = m.Rule, EventBusName = m.Bus }, cancellationToken);
                return new RuleReference(m.Bus, m.Rule, rule.State);
            }));
            return ([.. rules.OrderBy(r => r.EventBusName != RuleReference.DefaultBus).ThenBy(r => r.EventBusName, StringComparer.Ordinal).ThenBy(r => r.RuleName, StringComparer.Ordinal)],
                null,
                requests + matches.Count);
        }
        catch (AwsApiException error) when (error is AwsAccessDeniedException or AwsThrottlingException)
        {
            logger.LogWarning(error, "Could not list the rules that target {Workflow}.", workflow);
            return ([], AwsErrorText.Explain(error), requests);
        }
    }
}
