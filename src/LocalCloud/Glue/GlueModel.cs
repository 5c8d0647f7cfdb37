using System.Globalization;
using System.Text.Json;

namespace LocalCloud.Glue;

/// <summary>
/// One account-region's Glue. Every change happens under <see cref="Gate"/>: API calls, event deliveries and the
/// timers that end batch windows and job runs, so no event is lost or counted twice.
/// </summary>
internal sealed class GlueState(string account, string region)
{
    public object Gate { get; } = new();

    public string Account { get; } = account;

    public string Region { get; } = region;

    public Dictionary<string, WorkflowEntity> Workflows { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, Trigger> Triggers { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, JobEntity> Jobs { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, CrawlerEntity> Crawlers { get; } = new(StringComparer.Ordinal);

    /// <summary>The start trigger (any type but CONDITIONAL) of a workflow, if it has one.</summary>
    public Trigger? StartTriggerOf(string workflow) =>
        Triggers.Values.FirstOrDefault(t => t.WorkflowName == workflow && t.Type != TriggerTypes.Conditional);
}

internal static class TriggerTypes
{
    public const string Event = "EVENT";
    public const string Conditional = "CONDITIONAL";
    public const string Scheduled = "SCHEDULED";
    public const string OnDemand = "ON_DEMAND";
}

internal sealed class WorkflowEntity(string name, DateTimeOffset createdOn)
{
    public string Name { get; } = name;

    public string? Description { get; set; }

    public Dictionary<string, string>? DefaultRunProperties { get; set; }

    public int? MaxConcurrentRuns { get; set; }

    public DateTimeOffset CreatedOn { get; } = createdOn;

    public DateTimeOffset LastModifiedOn { get; set; } = createdOn;

    /// <summary>Newest last.</summary>
    public List<RunEntity> Runs { get; } = [];

    public OpenBatch? Batch { get; set; }

    public int ActiveRuns => Runs.Count(r => r.Status is RunStatus.Running or RunStatus.Stopping);
}

/// <summary>The events an EVENT trigger has buffered, and the condition captured when the batch opened.</summary>
internal sealed class OpenBatch(EventBatchingCondition condition, DateTimeOffset openedAt)
{
    public EventBatchingCondition Condition { get; } = condition;

    public DateTimeOffset OpenedAt { get; } = openedAt;

    public List<string> EventIds { get; } = [];

    /// <summary>Each buffered event's JSON body by id, for the jobs that read what the events name.</summary>
    public Dictionary<string, string> EventBodies { get; } = new(StringComparer.Ordinal);

    public ITimer? WindowTimer { get; set; }
}

internal static class RunStatus
{
    public const string Running = "RUNNING";
    public const string Completed = "COMPLETED";
    public const string Stopping = "STOPPING";
    public const string Stopped = "STOPPED";
    public const string Error = "ERROR";
}

internal static class ActionState
{
    public const string Running = "RUNNING";
    public const string Succeeded = "SUCCEEDED";
    public const string Failed = "FAILED";
    public const string Timeout = "TIMEOUT";
    public const string Stopped = "STOPPED";
    public const string Error = "ERROR";

    public static bool IsFinal(string state) => state is not Running and not "STARTING" and not "STOPPING" and not "WAITING";
}

internal sealed class RunEntity(string workflow, string id, DateTimeOffset startedOn)
{
    public string Workflow { get; } = workflow;

    public string Id { get; } = id;

    public string? PreviousRunId { get; init; }

    public DateTimeOffset StartedOn { get; } = startedOn;

    public DateTimeOffset? CompletedOn { get; set; }

    public string Status { get; set; } = RunStatus.Running;

    public string? ErrorMessage { get; set; }

    public Dictionary<string, string> Properties { get; } = new(StringComparer.Ordinal);

    public StartingEventBatchCondition? BatchCondition { get; init; }

    /// <summary>The JSON bodies of the events that started the run, by event id (null when events did not start it).</summary>
    public IReadOnlyDictionary<string, string>? EventBodies { get; init; }

    /// <summary>The workflow's triggers as they were when the run started: edits apply to later runs only.</summary>
    public List<Trigger> Triggers { get; init; } = [];

    public List<ActionRun> Actions { get; } = [];

    public HashSet<string> FiredTriggers { get; } = new(StringComparer.Ordinal);
}

/// <summary>One job run or crawl inside a workflow run (or a stand-alone job run).</summary>
internal sealed class ActionRun(string kind, string name, string id, string? triggerName, DateTimeOffset startedOn)
{
    public const string JobKind = "JOB";
    public const string CrawlerKind = "CRAWLER";

    public string Kind { get; } = kind;

    public string Name { get; } = name;

    public string Id { get; } = id;

    public string? TriggerName { get; } = triggerName;

    public DateTimeOffset StartedOn { get; } = startedOn;

    public DateTimeOffset? CompletedOn { get; set; }

    public string State { get; set; } = ActionState.Running;

    public string? ErrorMessage { get; set; }

    public Dictionary<string, string>? Arguments { get; init; }

    public int TimeoutMinutes { get; init; } = 2880;

    public ITimer? Timer { get; set; }

    /// <summary>When and how it is due to end; kept by the durable store so a restart resumes the timing.</summary>
    public ScheduledEnd? Due { get; set; }

    public RunEntity? Run { get; init; }
}

internal sealed class JobEntity(Job definition)
{
    public Job Definition { get; set; } = definition;

    /// <summary>Newest last.</summary>
    public List<ActionRun> Runs { get; } = [];
}

internal sealed class CrawlerEntity(Crawler definition, Dictionary<string, string> tags)
{
    public Crawler Definition { get; set; } = definition;

    public Dictionary<string, string> Tags { get; } = tags;

    public List<ActionRun> Crawls { get; } = [];
}

/// <summary>
/// How a simulated job or crawler behaves. Jobs read <c>--localcloud-outcome</c> (SUCCEEDED, FAILED, TIMEOUT) and
/// <c>--localcloud-duration-seconds</c> from their arguments (default arguments, then the trigger's, then the
/// run's); crawlers read the tags <c>localcloud:outcome</c> and <c>localcloud:duration-seconds</c>.
/// </summary>
internal readonly record struct Simulation(string Outcome, TimeSpan Duration, string? ErrorMessage)
{
    public const string OutcomeKey = "--localcloud-outcome";
    public const string DurationKey = "--localcloud-duration-seconds";
    public const string ErrorKey = "--localcloud-error";
    public const string CrawlerOutcomeTag = "localcloud:outcome";
    public const string CrawlerDurationTag = "localcloud:duration-seconds";

    public static Simulation From(IReadOnlyDictionary<string, string>? settings, string outcomeKey, string durationKey, TimeSpan defaultDuration)
    {
        var outcome = settings?.GetValueOrDefault(outcomeKey)?.ToUpperInvariant() switch
        {
            "FAILED" => ActionState.Failed,
            "TIMEOUT" => ActionState.Timeout,
            _ => ActionState.Succeeded,
        };
        var duration = settings?.GetValueOrDefault(durationKey) is { } text && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0
            ? TimeSpan.FromSeconds(seconds)
            : defaultDuration;
        return new Simulation(outcome, duration, settings?.GetValueOrDefault(ErrorKey));
    }
}

internal static class RunProperties
{
    public const string EventIds = "aws:eventIds";

    /// <summary>The event ids as Glue stores them: one string holding a list.</summary>
    public static string FormatEventIds(IEnumerable<string> ids) => JsonSerializer.Serialize(ids.ToArray());
}
