using LocalCloud.EventBridge.Patterns;
using LocalCloud.Persistence;
using LocalCloud.Protocol;

namespace LocalCloud.EventBridge;

/// <summary>
/// EventBridge's buses, rules and targets in the <see cref="DurableStore"/>: one snapshot per account-region, written
/// after every API call that changed it (<see cref="OperationTable.AfterEach"/>). On start the rules' patterns are
/// compiled again and indexed, as PutRule does.
/// </summary>
public sealed partial class EventBridgeBackend
{
    private const string DefinitionsKind = "events/definitions";

    private SnapshotWriter? _snapshots;

    private void Persist(RequestContext context)
    {
        if (_snapshots is null || !_states.TryGetValue((context.Account, context.Region), out var state))
        {
            return;
        }

        lock (state.Gate)
        {
            _snapshots.Write($"{state.Account}/{state.Region}", Snapshot(state));
        }
    }

    private static List<BusRecord> Snapshot(EventBridgeState state) =>
        state.Buses.Values.Select(b => new BusRecord(
            b.Name,
            b.Arn,
            b.Description,
            b.CreatedOn,
            b.Rules.Values.Select(r => new RuleRecord(r.Name, r.Arn, r.CreatedBy, r.EventPattern, r.ScheduleExpression, r.State, r.Description, r.RoleArn, [.. r.Targets.Values])).ToList())).ToList();

    private void Restore(DurableStore durable)
    {
        if (!durable.IsEnabled)
        {
            return;
        }

        _snapshots = new SnapshotWriter(durable, DefinitionsKind);
        foreach (var (key, buses) in durable.Load<List<BusRecord>>(DefinitionsKind))
        {
            var parts = key.Split('/');
            var state = State(parts[0], parts[1]);
            _snapshots.Restored(key, buses);
            foreach (var record in buses)
            {
                var bus = state.Buses[record.Name] = new BusEntity(record.Name, record.Arn, record.Description, record.CreatedOn);
                foreach (var r in record.Rules)
                {
                    var rule = new RuleEntity(r.Name, r.Arn, bus.Name, r.CreatedBy)
                    {
                        EventPattern = r.EventPattern,
                        Pattern = r.EventPattern is null ? null : EventPatternCompiler.Compile(r.EventPattern),
                        ScheduleExpression = r.ScheduleExpression,
                        State = r.State,
                        Description = r.Description,
                        RoleArn = r.RoleArn,
                    };
                    foreach (var target in r.Targets)
                    {
                        rule.Targets[target.Id] = target;
                    }

                    bus.Rules[rule.Name] = rule;
                    bus.Reindex(rule);
                }
            }
        }
    }

    private sealed record BusRecord(string Name, string Arn, string? Description, DateTimeOffset CreatedOn, List<RuleRecord> Rules);

    private sealed record RuleRecord(
        string Name, string Arn, string CreatedBy, string? EventPattern, string? ScheduleExpression, string State, string? Description, string? RoleArn, List<Target> Targets);
}
