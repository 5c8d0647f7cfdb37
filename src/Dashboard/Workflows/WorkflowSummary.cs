using System.ComponentModel;
using Dashboard.Aws.Glue;
using Dashboard.Cloud;

namespace Dashboard.Workflows;

/// <summary>One row of the Workflows list.</summary>
public sealed record WorkflowSummary(
    string Name,
    StartTriggerSummary? StartTrigger,
    LastRunSummary? LastRun,
    IReadOnlyList<RuleReference> Rules,
    string? RulesProblem,
    WorkflowActivity? Activity = null)
{
    public bool IsEventDriven => StartTrigger?.Type == TriggerTypes.Event;
}

/// <summary>The workflow's start trigger: the one trigger that is not CONDITIONAL.</summary>
public sealed record StartTriggerSummary(string Name, string Type, string? State, EventBatching? Batching, string? Schedule);

/// <summary>An EVENT trigger's batching, as configured.</summary>
public sealed record EventBatching(int BatchSize, int? BatchWindowSeconds)
{
    /// <summary>AWS's default window when none is set.</summary>
    public const int DefaultWindowSeconds = 900;

    public const int MaxWindowSeconds = 900;

    public int EffectiveWindowSeconds => BatchWindowSeconds ?? DefaultWindowSeconds;

    public string Describe() =>
        $"{BatchSize} {(BatchSize == 1 ? "event" : "events")} / {EffectiveWindowSeconds} s{(BatchWindowSeconds is null ? " (default)" : string.Empty)}";
}

public sealed record LastRunSummary(
    string RunId,
    string Status,
    RunHealth Health,
    RunCause Cause,
    DateTimeOffset? StartedOn,
    DateTimeOffset? CompletedOn,
    string? ErrorMessage,
    WorkflowRunStatistics? Statistics);

/// <summary>An EventBridge rule that targets the workflow.</summary>
public sealed record RuleReference(string EventBusName, string RuleName, string? State)
{
    public const string DefaultBus = "default";

    /// <summary>The rule's name, prefixed with its bus unless it is the default bus.</summary>
    public string Label => EventBusName == DefaultBus ? RuleName : $"{EventBusName} / {RuleName}";
}

/// <summary>How much of the list has arrived: a load reports each stage as it completes.</summary>
public enum CatalogStage
{
    /// <summary>Only the names: batching, last run and rules are still on their way.</summary>
    Names,

    /// <summary>Names, start triggers and last runs; the rules are on their way.</summary>
    Details,

    /// <summary>Names, details and rules; the rules' metrics are on their way.</summary>
    Rules,

    /// <summary>Everything, with the rules' activity (or why it is missing).</summary>
    Activity,
}

/// <summary>The whole list, as read at one moment.</summary>
[ImmutableObject(true)]
public sealed record WorkflowCatalogSnapshot(
    IReadOnlyList<WorkflowSummary> Workflows,
    CloudIdentityInfo Identity,
    DateTimeOffset FetchedAt,
    int AwsRequests,
    CatalogStage Stage = CatalogStage.Rules,
    string? RulesProblem = null,
    string? MetricsProblem = null)
{
    public bool HasDetails => Stage >= CatalogStage.Details;

    public bool HasRules => Stage >= CatalogStage.Rules;

    public bool HasActivity => Stage >= CatalogStage.Activity;
}

public static class TriggerTypes
{
    public const string Event = "EVENT";
    public const string Scheduled = "SCHEDULED";
    public const string OnDemand = "ON_DEMAND";
    public const string Conditional = "CONDITIONAL";
}
