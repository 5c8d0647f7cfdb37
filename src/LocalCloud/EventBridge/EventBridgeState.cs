using LocalCloud.EventBridge.Patterns;
using LocalCloud.Protocol;

namespace LocalCloud.EventBridge;

/// <summary>One account-region's EventBridge: its buses, each with its rules and their compiled index.</summary>
internal sealed class EventBridgeState
{
    public EventBridgeState(string account, string region, DateTimeOffset now)
    {
        Account = account;
        Region = region;
        Buses[EventBridgeBackend.DefaultBus] = new BusEntity(EventBridgeBackend.DefaultBus, $"arn:aws:events:{region}:{account}:event-bus/default", null, now);
    }

    public object Gate { get; } = new();

    public string Account { get; }

    public string Region { get; }

    public Dictionary<string, BusEntity> Buses { get; } = new(StringComparer.Ordinal);

    public BusEntity Bus(string name) =>
        Buses.GetValueOrDefault(name) ?? throw new AwsServiceException("ResourceNotFoundException", $"Event bus {name} does not exist.");
}

internal sealed class BusEntity(string name, string arn, string? description, DateTimeOffset createdOn)
{
    public string Name { get; } = name;

    public string Arn { get; } = arn;

    public string? Description { get; } = description;

    public DateTimeOffset CreatedOn { get; } = createdOn;

    public Dictionary<string, RuleEntity> Rules { get; } = new(StringComparer.Ordinal);

    /// <summary>Enabled rules with a pattern, compiled together: matching costs the same at 10 rules or 10,000.</summary>
    public RuleIndex<string> Index { get; } = new();

    public RuleEntity Rule(string? name) =>
        Rules.GetValueOrDefault(name ?? string.Empty) ?? throw new AwsServiceException("ResourceNotFoundException", $"Rule {name} does not exist on EventBus {Name}.");

    public void Reindex(RuleEntity rule)
    {
        if (rule.Pattern is not null && rule.State != "DISABLED")
        {
            Index.Add(rule.Name, rule.Pattern);
        }
        else
        {
            Index.Remove(rule.Name);
        }
    }
}

internal sealed class RuleEntity(string name, string arn, string busName, string createdBy)
{
    public string Name { get; } = name;

    public string Arn { get; } = arn;

    public string BusName { get; } = busName;

    public string CreatedBy { get; } = createdBy;

    public string? EventPattern { get; set; }

    public EventPattern? Pattern { get; set; }

    public string? ScheduleExpression { get; set; }

    public string State { get; set; } = "ENABLED";

    public string? Description { get; set; }

    public string? RoleArn { get; set; }

    public Dictionary<string, Target> Targets { get; } = new(StringComparer.Ordinal);
}
