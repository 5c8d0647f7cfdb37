using LocalCloud.Protocol;

namespace LocalCloud.Glue;

public sealed partial class GlueBackend
{
    private NameResponse CreateTrigger(RequestContext context, CreateTriggerRequest request)
    {
        var name = Required(request.Name, "Name");
        var type = Required(request.Type, "Type");
        var state = State(context);
        return Locked(state, () =>
        {
            if (state.Triggers.ContainsKey(name))
            {
                throw new AwsServiceException("AlreadyExistsException", $"Trigger with name {name} already submitted with different configuration");
            }

            var trigger = new Trigger(
                name,
                request.WorkflowName,
                Guid.NewGuid().ToString("N")[..12],
                type,
                type is TriggerTypes.Event or TriggerTypes.OnDemand ? "CREATED" : request.StartOnCreation == true ? "ACTIVATED" : "CREATED",
                request.Description,
                request.Schedule,
                request.Actions ?? [],
                request.Predicate,
                request.EventBatchingCondition);
            Validate(state, trigger, replacing: null);
            state.Triggers[name] = trigger;
            return new NameResponse(name);
        });
    }

    private GetTriggerResponse GetTrigger(RequestContext context, GetTriggerRequest request)
    {
        var state = State(context);
        return Locked(state, () => new GetTriggerResponse(TriggerOf(state, request.Name)));
    }

    private GetTriggersResponse GetTriggers(RequestContext context, GetTriggersRequest request)
    {
        var state = State(context);
        var triggers = Locked(state, () => state.Triggers.Values
            .Where(t => request.DependentJobName is null || t.Predicate?.Conditions?.Any(c => c.JobName == request.DependentJobName) == true)
            .OrderBy(t => t.Name, StringComparer.Ordinal).ToList());
        var (page, next) = Pagination.Page(triggers, request.NextToken, request.MaxResults, 200, 200);
        return new GetTriggersResponse(page, next);
    }

    private ListTriggersResponse ListTriggers(RequestContext context, ListTriggersRequest request)
    {
        var state = State(context);
        var names = Locked(state, () => state.Triggers.Values
            .Where(t => request.DependentJobName is null || t.Predicate?.Conditions?.Any(c => c.JobName == request.DependentJobName) == true)
            .Select(t => t.Name).Order(StringComparer.Ordinal).ToList());
        var (page, next) = Pagination.Page(names, request.NextToken, request.MaxResults, 100, 200);
        return new ListTriggersResponse(page, next);
    }

    private BatchGetTriggersResponse BatchGetTriggers(RequestContext context, BatchGetTriggersRequest request)
    {
        var names = request.TriggerNames ?? throw AwsServiceException.InvalidInput("TriggerNames is required.");
        var state = State(context);
        return Locked(state, () => new BatchGetTriggersResponse(
            names.Distinct(StringComparer.Ordinal).Where(state.Triggers.ContainsKey).Select(n => state.Triggers[n]).ToList(),
            names.Where(n => !state.Triggers.ContainsKey(n)).Distinct(StringComparer.Ordinal).ToList()));
    }

    /// <summary>
    /// Overwrites the whole definition, as Glue does: members left out of <c>TriggerUpdate</c> are cleared, not kept.
    /// An open batch keeps the condition it opened with; the new one applies from the next batch.
    /// </summary>
    private GetTriggerResponse UpdateTrigger(RequestContext context, UpdateTriggerRequest request)
    {
        var update = request.TriggerUpdate ?? throw AwsServiceException.InvalidInput("TriggerUpdate is required.");
        var state = State(context);
        return Locked(state, () =>
        {
            var existing = TriggerOf(state, request.Name);
            var updated = existing with
            {
                Description = update.Description,
                Schedule = update.Schedule,
                Actions = update.Actions ?? [],
                Predicate = update.Predicate,
                EventBatchingCondition = update.EventBatchingCondition,
            };
            if (update.Name is { Length: > 0 } newName && newName != existing.Name)
            {
                throw AwsServiceException.InvalidInput("A trigger cannot be renamed: TriggerUpdate.Name must be the trigger's name.");
            }

            Validate(state, updated, replacing: existing.Name);
            state.Triggers[existing.Name] = updated;
            return new GetTriggerResponse(updated);
        });
    }

    private NameResponse DeleteTrigger(RequestContext context, DeleteRequest request)
    {
        var name = Required(request.Name, "Name");
        var state = State(context);
        return Locked(state, () =>
        {
            state.Triggers.Remove(name);
            return new NameResponse(name);
        });
    }

    private NameResponse StartTrigger(RequestContext context, DeleteRequest request)
    {
        var state = State(context);
        return Locked(state, () =>
        {
            var trigger = TriggerOf(state, request.Name);
            if (trigger.Type == TriggerTypes.Event)
            {
                throw AwsServiceException.InvalidInput("Trigger Type EVENT cannot be started");
            }

            state.Triggers[trigger.Name] = trigger with { State = "ACTIVATED" };
            return new NameResponse(trigger.Name);
        });
    }

    private NameResponse StopTrigger(RequestContext context, DeleteRequest request)
    {
        var state = State(context);
        return Locked(state, () =>
        {
            var trigger = TriggerOf(state, request.Name);
            if (trigger.Type == TriggerTypes.Event)
            {
                throw AwsServiceException.InvalidInput("Trigger Type EVENT cannot be stopped");
            }

            state.Triggers[trigger.Name] = trigger with { State = "DEACTIVATED" };
            return new NameResponse(trigger.Name);
        });
    }

    private static Trigger TriggerOf(GlueState state, string? name) =>
        state.Triggers.GetValueOrDefault(Required(name, "Name")) ?? throw NotFound($"Trigger {name}");

    /// <summary>Glue's rules for a trigger definition, with its error codes and limits.</summary>
    private static void Validate(GlueState state, Trigger trigger, string? replacing)
    {
        if (trigger.Type is not (TriggerTypes.Event or TriggerTypes.Conditional or TriggerTypes.Scheduled or TriggerTypes.OnDemand))
        {
            throw AwsServiceException.InvalidInput($"Type must be one of SCHEDULED, CONDITIONAL, ON_DEMAND, EVENT, but was {trigger.Type}.");
        }

        if (trigger.Actions.Count == 0)
        {
            throw AwsServiceException.InvalidInput("Actions must contain at least one job or crawler.");
        }

        foreach (var action in trigger.Actions)
        {
            if ((action.JobName is null) == (action.CrawlerName is null))
            {
                throw AwsServiceException.InvalidInput("Each action names exactly one of JobName or CrawlerName.");
            }

            if (action.JobName is { } job && !state.Jobs.ContainsKey(job))
            {
                throw NotFound($"Job {job}");
            }

            if (action.CrawlerName is { } crawler && !state.Crawlers.ContainsKey(crawler))
            {
                throw NotFound($"Crawler {crawler}");
            }
        }

        switch (trigger.Type)
        {
            case TriggerTypes.Event when trigger.WorkflowName is null:
                throw AwsServiceException.InvalidInput("An EVENT trigger must belong to a workflow (WorkflowName).");
            case TriggerTypes.Scheduled when string.IsNullOrWhiteSpace(trigger.Schedule):
                throw AwsServiceException.InvalidInput("A SCHEDULED trigger needs a Schedule, such as cron(0 2 * * ? *).");
            case TriggerTypes.Conditional when trigger.Predicate?.Conditions is not { Count: > 0 }:
                throw AwsServiceException.InvalidInput("A CONDITIONAL trigger needs a Predicate with at least one condition.");
        }

        if (trigger.EventBatchingCondition is { } batching)
        {
            if (trigger.Type != TriggerTypes.Event)
            {
                throw AwsServiceException.InvalidInput("EventBatchingCondition is only valid on EVENT triggers.");
            }

            if (batching.BatchSize is < 1 or > 100)
            {
                throw AwsServiceException.InvalidInput($"BatchSize must be between 1 and 100, but was {batching.BatchSize}.");
            }

            if (batching.BatchWindow is < 1 or > 900)
            {
                throw AwsServiceException.InvalidInput($"BatchWindow must be between 1 and 900 seconds, but was {batching.BatchWindow}.");
            }
        }

        if (trigger.WorkflowName is { } workflow)
        {
            if (!state.Workflows.ContainsKey(workflow))
            {
                throw NotFound($"Workflow {workflow}");
            }

            var otherStart = state.Triggers.Values.FirstOrDefault(t => t.WorkflowName == workflow && t.Type != TriggerTypes.Conditional && t.Name != replacing);
            if (trigger.Type != TriggerTypes.Conditional && otherStart is not null)
            {
                throw AwsServiceException.InvalidInput($"Workflow {workflow} already has a start trigger ({otherStart.Name}); a workflow has exactly one.");
            }
        }
    }
}
