using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using LocalCloud.EventBridge.Patterns;
using LocalCloud.Events;
using LocalCloud.Faults;
using LocalCloud.Glue;
using LocalCloud.Iam;
using LocalCloud.Persistence;
using LocalCloud.Protocol;
using LocalCloud.Sqs;

namespace LocalCloud.EventBridge;

/// <summary>
/// EventBridge over AWS JSON 1.1: buses, rules, targets, PutEvents and TestEventPattern. Matching uses each bus's
/// compiled <see cref="RuleIndex{TKey}"/>; matched Glue workflow targets get <c>glue:notifyEvent</c>, and every step
/// records the <c>AWS/Events</c> metrics AWS publishes (zero values are not published, as on AWS).
/// </summary>
public sealed partial class EventBridgeBackend : IAwsService, IEventIngress
{
    public const string DefaultBus = "default";
    public const int MaxTargetsPerRule = 5;
    public const int MaxPutEventsEntries = 10;

    private readonly ConcurrentDictionary<(string Account, string Region), EventBridgeState> _states = new();
    private readonly TimeProvider _time;
    private readonly IMetricSink? _metrics;
    private readonly TargetDelivery _delivery;
    private readonly int _maxRulesPerBus;

    public EventBridgeBackend(
        LocalCloudSettings settings,
        TimeProvider time,
        IGlueEventTarget glue,
        IEnumerable<IMetricSink> metrics,
        IEnumerable<ICloudTrailRecorder> cloudTrail,
        IEnumerable<IRoleAuthority> iam,
        IEnumerable<IDeadLetterQueues> deadLetterQueues,
        IEnumerable<IFaultInjector> faults,
        ILogger<EventBridgeBackend> logger,
        DurableStore? durable = null)
    {
        _maxRulesPerBus = settings.MaxRulesPerBus;
        _time = time;
        _metrics = metrics.FirstOrDefault();
        _delivery = new TargetDelivery(time, glue, iam.FirstOrDefault(), deadLetterQueues.FirstOrDefault(), faults.FirstOrDefault(), _metrics, cloudTrail.FirstOrDefault(), logger);
        Operations = new OperationTable()
            .Add<CreateEventBusRequest, CreateEventBusResponse>("CreateEventBus", CreateEventBus)
            .Add<NameRequest, Empty>("DeleteEventBus", DeleteEventBus)
            .Add<NameRequest, DescribeEventBusResponse>("DescribeEventBus", DescribeEventBus)
            .Add<ListEventBusesRequest, ListEventBusesResponse>("ListEventBuses", ListEventBuses)
            .Add<PutRuleRequest, PutRuleResponse>("PutRule", PutRule)
            .Add<RuleRequest, DescribeRuleResponse>("DescribeRule", DescribeRule)
            .Add<ListRulesRequest, ListRulesResponse>("ListRules", ListRules)
            .Add<RuleRequest, Empty>("EnableRule", (c, r) => SetRuleState(c, r, "ENABLED"))
            .Add<RuleRequest, Empty>("DisableRule", (c, r) => SetRuleState(c, r, "DISABLED"))
            .Add<DeleteRuleRequest, Empty>("DeleteRule", DeleteRule)
            .Add<PutTargetsRequest, PutTargetsResponse>("PutTargets", PutTargets)
            .Add<RemoveTargetsRequest, RemoveTargetsResponse>("RemoveTargets", RemoveTargets)
            .Add<ListTargetsByRuleRequest, ListTargetsByRuleResponse>("ListTargetsByRule", ListTargetsByRule)
            .Add<ListRuleNamesByTargetRequest, ListRuleNamesByTargetResponse>("ListRuleNamesByTarget", ListRuleNamesByTarget)
            .Add<PutEventsRequest, PutEventsResponse>("PutEvents", PutEventsAsync)
            .Add<TestEventPatternRequest, TestEventPatternResponse>("TestEventPattern", TestEventPattern)
            .AfterEach(Persist);
        Restore(durable ?? DurableStore.Disabled);
    }

    public string SigningName => "events";

    public string? TargetPrefix => "AWSEvents";

    public string? QueryNamespace => null;

    public OperationTable Operations { get; }

    private EventBridgeState State(string account, string region) =>
        _states.GetOrAdd((account, region), key => new EventBridgeState(key.Account, key.Region, _time.GetUtcNow()));

    private EventBridgeState State(RequestContext context) => State(context.Account, context.Region);

    private static string Required(string? value, string member) =>
        string.IsNullOrWhiteSpace(value) ? throw AwsServiceException.Validation($"{member} is required.") : value;

    private static AwsServiceException NotFound(string message) => new("ResourceNotFoundException", message);

    private CreateEventBusResponse CreateEventBus(RequestContext context, CreateEventBusRequest request)
    {
        var name = Required(request.Name, "Name");
        if (name == DefaultBus || name.Contains('/', StringComparison.Ordinal))
        {
            throw AwsServiceException.Validation($"Event bus name {name} is not valid.");
        }

        var state = State(context);
        lock (state.Gate)
        {
            if (state.Buses.ContainsKey(name))
            {
                throw new AwsServiceException("ResourceAlreadyExistsException", $"Event bus {name} already exists.");
            }

            var bus = new BusEntity(name, context.Arn("events", $"event-bus/{name}"), request.Description, _time.GetUtcNow());
            state.Buses[name] = bus;
            return new CreateEventBusResponse(bus.Arn);
        }
    }

    private Empty DeleteEventBus(RequestContext context, NameRequest request)
    {
        var name = Required(request.Name, "Name");
        if (name == DefaultBus)
        {
            throw AwsServiceException.Validation("Cannot delete event bus default.");
        }

        var state = State(context);
        lock (state.Gate)
        {
            state.Buses.Remove(name);
            return new Empty();
        }
    }

    private DescribeEventBusResponse DescribeEventBus(RequestContext context, NameRequest request)
    {
        var state = State(context);
        lock (state.Gate)
        {
            var bus = state.Bus(request.Name ?? DefaultBus);
            return new DescribeEventBusResponse(bus.Name, bus.Arn, bus.Description, bus.CreatedOn, bus.CreatedOn);
        }
    }

    private ListEventBusesResponse ListEventBuses(RequestContext context, ListEventBusesRequest request)
    {
        var state = State(context);
        List<EventBus> buses;
        lock (state.Gate)
        {
            buses = state.Buses.Values
                .Where(b => request.NamePrefix is null || b.Name.StartsWith(request.NamePrefix, StringComparison.Ordinal))
                .OrderBy(b => b.Name, StringComparer.Ordinal)
                .Select(b => new EventBus(b.Name, b.Arn, b.Description, b.CreatedOn, b.CreatedOn))
                .ToList();
        }

        var (page, next) = Pagination.Page(buses, request.NextToken, request.Limit, 100, 100, "ValidationException");
        return new ListEventBusesResponse(page, next);
    }

    private PutRuleResponse PutRule(RequestContext context, PutRuleRequest request)
    {
        var name = Required(request.Name, "Name");
        if (request.EventPattern is null && request.ScheduleExpression is null)
        {
            throw AwsServiceException.Validation("Parameter(s) EventPattern or ScheduleExpression must be specified.");
        }

        var state = request.State ?? "ENABLED";
        if (state is not ("ENABLED" or "DISABLED" or "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS"))
        {
            throw AwsServiceException.Validation($"State must be ENABLED or DISABLED, but was {state}.");
        }

        // Compile before anything changes: a bad pattern leaves the rule as it was.
        var compiled = request.EventPattern is null ? null : EventPatternCompiler.Compile(request.EventPattern);
        var account = State(context);
        lock (account.Gate)
        {
            var bus = account.Bus(request.EventBusName ?? DefaultBus);
            if (!bus.Rules.TryGetValue(name, out var rule))
            {
                if (bus.Rules.Count >= _maxRulesPerBus)
                {
                    throw new AwsServiceException("LimitExceededException", $"The requested resource exceeds the maximum number allowed: {_maxRulesPerBus} rules on event bus {bus.Name}.");
                }

                rule = new RuleEntity(name, bus.Name == DefaultBus ? context.Arn("events", $"rule/{name}") : context.Arn("events", $"rule/{bus.Name}/{name}"), bus.Name, context.Account);
                bus.Rules[name] = rule;
            }

            rule.EventPattern = request.EventPattern;
            rule.Pattern = compiled;
            rule.ScheduleExpression = request.ScheduleExpression;
            rule.State = state;
            rule.Description = request.Description;
            rule.RoleArn = request.RoleArn;
            bus.Reindex(rule);
            return new PutRuleResponse(rule.Arn);
        }
    }

    private DescribeRuleResponse DescribeRule(RequestContext context, RuleRequest request)
    {
        var state = State(context);
        lock (state.Gate)
        {
            var rule = state.Bus(request.EventBusName ?? DefaultBus).Rule(request.Name);
            return new DescribeRuleResponse(rule.Name, rule.Arn, rule.EventPattern, rule.ScheduleExpression, rule.State, rule.Description, rule.RoleArn, rule.BusName, rule.CreatedBy);
        }
    }

    private ListRulesResponse ListRules(RequestContext context, ListRulesRequest request)
    {
        var state = State(context);
        List<Rule> rules;
        lock (state.Gate)
        {
            rules = state.Bus(request.EventBusName ?? DefaultBus).Rules.Values
                .Where(r => request.NamePrefix is null || r.Name.StartsWith(request.NamePrefix, StringComparison.Ordinal))
                .OrderBy(r => r.Name, StringComparer.Ordinal)
                .Select(r => new Rule(r.Name, r.Arn, r.EventPattern, r.State, r.Description, r.ScheduleExpression, r.RoleArn, r.BusName))
                .ToList();
        }

        var (page, next) = Pagination.Page(rules, request.NextToken, request.Limit, 100, 100, "ValidationException");
        return new ListRulesResponse(page, next);
    }

    private Empty SetRuleState(RequestContext context, RuleRequest request, string ruleState)
    {
        var state = State(context);
        lock (state.Gate)
        {
            var bus = state.Bus(request.EventBusName ?? DefaultBus);
            var rule = bus.Rule(request.Name);
            rule.State = ruleState;
            bus.Reindex(rule);
            return new Empty();
        }
    }

    private Empty DeleteRule(RequestContext context, DeleteRuleRequest request)
    {
        var state = State(context);
        lock (state.Gate)
        {
            var bus = state.Bus(request.EventBusName ?? DefaultBus);
            if (bus.Rules.TryGetValue(Required(request.Name, "Name"), out var rule))
            {
                if (rule.Targets.Count > 0)
                {
                    throw AwsServiceException.Validation("Rule can't be deleted since it has targets.");
                }

                bus.Rules.Remove(rule.Name);
                bus.Index.Remove(rule.Name);
            }

            return new Empty();
        }
    }

    private PutTargetsResponse PutTargets(RequestContext context, PutTargetsRequest request)
    {
        var targets = request.Targets is { Count: > 0 } list ? list : throw AwsServiceException.Validation("Targets must hold at least one target.");
        var state = State(context);
        lock (state.Gate)
        {
            var rule = state.Bus(request.EventBusName ?? DefaultBus).Rule(request.Rule);
            var failed = new List<TargetResultEntry>();
            foreach (var target in targets)
            {
                if (string.IsNullOrEmpty(target.Id) || string.IsNullOrEmpty(target.Arn))
                {
                    failed.Add(new TargetResultEntry(target.Id, "ValidationException", "A target needs an Id and an Arn."));
                }
                else if (target.RetryPolicy is { MaximumRetryAttempts: < 0 or > 185 } or { MaximumEventAgeInSeconds: < 60 or > 86400 })
                {
                    failed.Add(new TargetResultEntry(target.Id, "ValidationException", "RetryPolicy allows MaximumRetryAttempts 0-185 and MaximumEventAgeInSeconds 60-86400."));
                }
                else if (!rule.Targets.ContainsKey(target.Id) && rule.Targets.Count >= MaxTargetsPerRule)
                {
                    throw new AwsServiceException("LimitExceededException", $"The requested resource exceeds the maximum number allowed: {MaxTargetsPerRule} targets per rule.");
                }
                else
                {
                    rule.Targets[target.Id] = target;
                }
            }

            return new PutTargetsResponse(failed.Count, failed);
        }
    }

    private RemoveTargetsResponse RemoveTargets(RequestContext context, RemoveTargetsRequest request)
    {
        var ids = request.Ids is { Count: > 0 } list ? list : throw AwsServiceException.Validation("Ids must hold at least one target id.");
        var state = State(context);
        lock (state.Gate)
        {
            var rule = state.Bus(request.EventBusName ?? DefaultBus).Rule(request.Rule);
            foreach (var id in ids)
            {
                rule.Targets.Remove(id);
            }

            return new RemoveTargetsResponse(0, []);
        }
    }

    private ListTargetsByRuleResponse ListTargetsByRule(RequestContext context, ListTargetsByRuleRequest request)
    {
        var state = State(context);
        List<Target> targets;
        lock (state.Gate)
        {
            targets = state.Bus(request.EventBusName ?? DefaultBus).Rule(request.Rule).Targets.Values.OrderBy(t => t.Id, StringComparer.Ordinal).ToList();
        }

        var (page, next) = Pagination.Page(targets, request.NextToken, request.Limit, 100, 100, "ValidationException");
        return new ListTargetsByRuleResponse(page, next);
    }

    private ListRuleNamesByTargetResponse ListRuleNamesByTarget(RequestContext context, ListRuleNamesByTargetRequest request)
    {
        var arn = Required(request.TargetArn, "TargetArn");
        var state = State(context);
        List<string> names;
        lock (state.Gate)
        {
            names = state.Bus(request.EventBusName ?? DefaultBus).Rules.Values
                .Where(r => r.Targets.Values.Any(t => t.Arn == arn))
                .Select(r => r.Name).Order(StringComparer.Ordinal).ToList();
        }

        var (page, next) = Pagination.Page(names, request.NextToken, request.Limit, 100, 100, "ValidationException");
        return new ListRuleNamesByTargetResponse(page, next);
    }

    private static TestEventPatternResponse TestEventPattern(RequestContext context, TestEventPatternRequest request)
    {
        var pattern = EventPatternCompiler.Compile(Required(request.EventPattern, "EventPattern"));
        JsonElement json;
        try
        {
            json = JsonDocument.Parse(Required(request.Event, "Event")).RootElement;
        }
        catch (JsonException error)
        {
            throw new AwsServiceException("InvalidEventPatternException", $"Event is not valid JSON: {error.Message}");
        }

        foreach (var member in new[] { "id", "account", "source", "time", "region", "detail-type" })
        {
            if (!json.TryGetProperty(member, out _))
            {
                throw AwsServiceException.Validation($"Parameter Event is not valid. Reason: Provided JSON is missing the required field \"{member}\".");
            }
        }

        return new TestEventPatternResponse(pattern.Matches(json));
    }

    private async ValueTask<PutEventsResponse> PutEventsAsync(RequestContext context, PutEventsRequest request, CancellationToken cancellationToken)
    {
        var entries = request.Entries ?? throw AwsServiceException.Validation("Entries is required.");
        if (entries.Count is < 1 or > MaxPutEventsEntries)
        {
            throw AwsServiceException.Validation($"Entries must hold 1 to {MaxPutEventsEntries} events, but held {entries.Count}.");
        }

        var results = new List<PutEventsResultEntry>(entries.Count);
        foreach (var entry in entries)
        {
            if (string.IsNullOrEmpty(entry.Source) || string.IsNullOrEmpty(entry.DetailType) || string.IsNullOrEmpty(entry.Detail))
            {
                results.Add(new PutEventsResultEntry(null, "InvalidArgument", "Parameters Source, DetailType and Detail are required."));
                continue;
            }

            JsonObject detail;
            try
            {
                detail = JsonNode.Parse(entry.Detail) as JsonObject ?? throw new JsonException("Detail must be a JSON object.");
            }
            catch (JsonException)
            {
                results.Add(new PutEventsResultEntry(null, "MalformedDetail", "Detail is malformed."));
                continue;
            }

            var cloudEvent = new CloudEvent(Guid.NewGuid().ToString(), entry.Source, entry.DetailType, entry.Time ?? _time.GetUtcNow(), context.Account, context.Region, entry.Resources ?? [], detail);
            var busName = BusName(entry.EventBusName);
            try
            {
                await DispatchAsync(State(context), busName, cloudEvent, cancellationToken);
                results.Add(new PutEventsResultEntry(cloudEvent.Id, null, null));
            }
            catch (AwsServiceException error) when (error.Code == "ResourceNotFoundException")
            {
                results.Add(new PutEventsResultEntry(null, "NotFoundException", error.Message));
            }
        }

        return new PutEventsResponse(results.Count(r => r.ErrorCode is not null), results);
    }

    /// <summary>The bus name of an <c>EventBusName</c> that may be a name or an ARN.</summary>
    private static string BusName(string? nameOrArn) =>
        nameOrArn is null ? DefaultBus : nameOrArn.StartsWith("arn:", StringComparison.Ordinal) ? nameOrArn[(nameOrArn.LastIndexOf('/') + 1)..] : nameOrArn;

    public Task PublishAsync(CloudEvent cloudEvent, string eventBusName, CancellationToken cancellationToken) =>
        DispatchAsync(State(cloudEvent.Account, cloudEvent.Region), BusName(eventBusName), cloudEvent, cancellationToken);

    /// <summary>Matches an event against the bus's enabled rules and delivers it to each rule's targets.</summary>
    private async Task DispatchAsync(EventBridgeState state, string busName, CloudEvent cloudEvent, CancellationToken cancellationToken)
    {
        BusEntity bus;
        lock (state.Gate)
        {
            bus = state.Bus(busName);
        }

        var utf8 = JsonSerializer.SerializeToUtf8Bytes(cloudEvent.ToJson());
        var matched = bus.Index.Match(utf8);
        if (matched.Count == 0)
        {
            return;
        }

        var now = _time.GetUtcNow();
        var eventJson = System.Text.Encoding.UTF8.GetString(utf8);
        foreach (var ruleName in matched)
        {
            List<Target> targets;
            string ruleArn;
            lock (state.Gate)
            {
                if (!bus.Rules.TryGetValue(ruleName, out var rule))
                {
                    continue;
                }

                targets = rule.Targets.Values.ToList();
                ruleArn = rule.Arn;
            }

            var dimensions = Dimensions(bus.Name, ruleName);
            Record(state, "MatchedEvents", dimensions, now);
            Record(state, "TriggeredRules", dimensions, now);
            foreach (var target in targets)
            {
                await _delivery.DeliverAsync(new Delivery(cloudEvent, eventJson, ruleArn, target, dimensions, now), cancellationToken);
            }
        }
    }

    /// <summary>
    /// EventBridge's <c>glue:NotifyEvent</c> call as CloudTrail records it: made with the target's role, with the delivered
    /// event in <c>requestParameters.eventPayload</c> (its id, and its body as a JSON string).
    /// </summary>
    public static ApiCallRecord NotifyEventCall(CloudEvent cloudEvent, string eventJson, string? roleArn, string account, string region, string workflow) => new(
        account,
        region,
        "glue.amazonaws.com",
        "NotifyEvent",
        cloudEvent.Time,
        roleArn is { } role ? role[(role.LastIndexOf('/') + 1)..] : "events.amazonaws.com",
        new JsonObject
        {
            ["name"] = workflow,
            ["eventPayload"] = new JsonObject { ["eventId"] = cloudEvent.Id, ["eventBody"] = eventJson },
        },
        null,
        [new CloudTrailResource("AWS::Glue::Workflow", $"arn:aws:glue:{region}:{account}:workflow/{workflow}")],
        IsDataEvent: false,
        UserAgent: "events.amazonaws.com");

    /// <summary>AWS's dimensions for a rule's metrics: RuleName on the default bus, EventBusName and RuleName elsewhere.</summary>
    internal static KeyValuePair<string, string>[] Dimensions(string bus, string rule) => bus == DefaultBus
        ? [new("RuleName", rule)]
        : [new("EventBusName", bus), new("RuleName", rule)];

    private void Record(EventBridgeState state, string metric, KeyValuePair<string, string>[] dimensions, DateTimeOffset now) =>
        _metrics?.Record(state.Account, state.Region, "AWS/Events", metric, dimensions, 1, "Count", now);
}

/// <summary>Reads <c>arn:aws:glue:&lt;region&gt;:&lt;account&gt;:workflow/&lt;name&gt;</c>.</summary>
public static class GlueWorkflowArn
{
    public static bool TryParse(string arn, out string account, out string region, out string workflow)
    {
        var parts = arn.Split(':', 6);
        if (parts is [_, _, "glue", var r, var a, var resource] && resource.StartsWith("workflow/", StringComparison.Ordinal))
        {
            (account, region, workflow) = (a, r, resource["workflow/".Length..]);
            return true;
        }

        (account, region, workflow) = (string.Empty, string.Empty, string.Empty);
        return false;
    }
}
