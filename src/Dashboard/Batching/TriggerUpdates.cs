using Dashboard.Aws.Glue;

namespace Dashboard.Batching;

/// <summary>
/// Builds the <c>TriggerUpdate</c> for a batching change. <c>UpdateTrigger</c> overwrites the whole definition
/// (API_TriggerUpdate), so every member it carries is copied from the trigger as just read, and only
/// <c>EventBatchingCondition</c> changes.
/// </summary>
public static class TriggerUpdates
{
    /// <summary>The trigger as it is, with the new batching; members <c>TriggerUpdate</c> lacks (Type, State, WorkflowName, Id) are not sent.</summary>
    public static TriggerUpdate WithBatching(Trigger current, BatchingChange change) => Keep(current) with
    {
        EventBatchingCondition = change.ToCondition(),
    };

    /// <summary>The trigger's own definition as a <c>TriggerUpdate</c>: what an update that changes nothing sends.</summary>
    public static TriggerUpdate Keep(Trigger current) => new()
    {
        Name = current.Name,
        Description = current.Description,
        Schedule = current.Schedule,
        Actions = current.Actions,
        Predicate = current.Predicate,
        EventBatchingCondition = current.EventBatchingCondition,
    };

    /// <summary>The trigger as it will read after the update: the same trigger with the new batching.</summary>
    public static Trigger Apply(Trigger current, BatchingChange change) => current with { EventBatchingCondition = change.ToCondition() };

    /// <summary>
    /// Whether two definitions are the same to Glue. An absent window and 900 seconds are the same window, so a
    /// read-back that fills in the default is not a mismatch.
    /// </summary>
    public static bool SameDefinition(TriggerUpdate a, TriggerUpdate b) =>
        TriggerText.CanonicalJson(Normalize(a)) == TriggerText.CanonicalJson(Normalize(b));

    private static TriggerUpdate Normalize(TriggerUpdate update) => update with
    {
        EventBatchingCondition = update.EventBatchingCondition is { } batching
            ? batching with { BatchWindow = batching.BatchWindow ?? BatchingChange.DefaultBatchWindow }
            : null,
    };
}
