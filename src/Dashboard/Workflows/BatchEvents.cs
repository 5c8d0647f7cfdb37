using System.ComponentModel;
using System.Globalization;
using Dashboard.Formatting;

namespace Dashboard.Workflows;

/// <summary>An S3 object named by an event.</summary>
public sealed record S3ObjectReference(string Bucket, string Key)
{
    public string Uri => $"s3://{Bucket}/{Key}";
}

/// <summary>What the event that EventBridge delivered says about where it came from.</summary>
public sealed record EventOrigin(string? Source, string? DetailType, string? Action, S3ObjectReference? S3Object, string? Note);

/// <summary>Why an event id of the run has no record in CloudTrail's event history.</summary>
public enum MissingReason
{
    /// <summary>The whole window was read, and no NotifyEvent record carries the id.</summary>
    NotInWindow,

    /// <summary>The run started minutes ago: CloudTrail may not show the event yet.</summary>
    NotYetRecorded,

    /// <summary>The lookup stopped at its page limit before it found the id.</summary>
    PageLimit,

    /// <summary>Part of the window lies beyond CloudTrail's 90 days of event history.</summary>
    BeyondRetention,

    /// <summary>CloudTrail could not be read at all.</summary>
    LookupFailed,
}

/// <summary>One event id of the run, and what CloudTrail knows of it.</summary>
public sealed record BatchEvent(string EventId, DateTimeOffset? DeliveredAt, EventOrigin? Origin, MissingReason? Missing)
{
    public bool Found => Origin is not null;
}

public enum EventLookupOutcome
{
    /// <summary>The run has no <c>aws:eventIds</c>.</summary>
    NoEventIds,

    /// <summary>Every event id has its NotifyEvent record.</summary>
    AllFound,

    /// <summary>The whole window was read; some ids are not in it.</summary>
    SomeNotInHistory,

    /// <summary>The page limit or the 90-day history stopped the lookup before every id was found.</summary>
    Partial,

    /// <summary>The batch is older than CloudTrail's event history: nothing to look up.</summary>
    OutsideRetention,

    /// <summary>CloudTrail could not be read (access denied, throttled, unreachable).</summary>
    Unavailable,
}

/// <summary>
/// The time range that holds a batch's NotifyEvent calls. Glue starts the run when the batch fills or its window closes,
/// and the window opens at the first event, so every event of the batch reached Glue within <c>BatchWindow</c> before
/// the run started. The range ends at the run's start and begins that long before it, plus a margin for the clocks of
/// Glue and CloudTrail and CloudTrail's whole-second event times; it never reaches past CloudTrail's 90 days.
/// </summary>
public sealed record EventLookupWindow(DateTimeOffset Start, DateTimeOffset End, int BatchWindowSeconds, bool ClippedByRetention, bool OutsideRetention)
{
    public static readonly TimeSpan Margin = TimeSpan.FromMinutes(1);

    /// <summary>How long CloudTrail keeps its event history, the only history LookupEvents reads.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromDays(90);

    /// <summary>Glue's longest, and default, batch window.</summary>
    public const int MaxBatchWindowSeconds = 900;

    public static EventLookupWindow For(DateTimeOffset batchStartedOn, int? batchWindowSeconds, DateTimeOffset now)
    {
        var window = batchWindowSeconds is >= 1 and <= MaxBatchWindowSeconds ? batchWindowSeconds.Value : MaxBatchWindowSeconds;
        var start = batchStartedOn - TimeSpan.FromSeconds(window) - Margin;
        var end = batchStartedOn;
        var oldest = now - Retention;
        if (end < oldest)
        {
            return new EventLookupWindow(start, end, window, ClippedByRetention: false, OutsideRetention: true);
        }

        return start < oldest
            ? new EventLookupWindow(oldest, end, window, ClippedByRetention: true, OutsideRetention: false)
            : new EventLookupWindow(start, end, window, ClippedByRetention: false, OutsideRetention: false);
    }
}

/// <summary>The events that started a run, with the S3 objects that CloudTrail's NotifyEvent records name.</summary>
[ImmutableObject(true)]
public sealed record RunEventBatch(
    IReadOnlyList<BatchEvent> Events,
    EventLookupOutcome Outcome,
    EventLookupWindow? Window,
    int PagesRead,
    int RecordsRead,
    int UnreadableRecords,
    string? Problem)
{
    public int FoundCount => Events.Count(e => e.Found);

    public bool IsPartial => Outcome is EventLookupOutcome.Partial or EventLookupOutcome.Unavailable;

    public static RunEventBatch Without(IReadOnlyList<string> eventIds, EventLookupOutcome outcome, EventLookupWindow? window, string? problem, MissingReason reason) =>
        new([.. eventIds.Select(id => new BatchEvent(id, null, null, reason))], outcome, window, 0, 0, 0, problem);
}

/// <summary>The sentences the Run page shows about a lookup, kept here so they are tested and the same everywhere.</summary>
public static class EventLookupText
{
    public static string Summary(RunEventBatch batch)
    {
        var found = batch.FoundCount;
        var objects = batch.Events.Count(e => e.Origin?.S3Object is not null);
        var lookup = LookupSummary(batch);
        return found == 0 || objects == found ? lookup
            : objects == 0 ? $"{lookup} None of them names an S3 object."
            : $"{lookup} {objects} of them {(objects == 1 ? "names" : "name")} an S3 object.";
    }

    private static string LookupSummary(RunEventBatch batch)
    {
        var total = batch.Events.Count;
        var found = batch.FoundCount;
        var pages = batch.PagesRead == 1 ? "1 page" : $"{batch.PagesRead} pages";
        return batch.Outcome switch
        {
            EventLookupOutcome.NoEventIds => "This run has no aws:eventIds: events did not start it.",
            EventLookupOutcome.AllFound => total == 1
                ? "The event was found in CloudTrail's event history."
                : $"All {total} events were found in CloudTrail's event history.",
            EventLookupOutcome.SomeNotInHistory => $"{found} of {total} events found in CloudTrail's event history.",
            EventLookupOutcome.Partial when batch.Window?.ClippedByRetention == true =>
                $"Partial: {found} of {total} events found. Part of the batch is older than CloudTrail's 90 days of event history.",
            EventLookupOutcome.Partial =>
                $"Partial: {found} of {total} events found. The lookup stopped after {pages} ({batch.RecordsRead.ToString(CultureInfo.InvariantCulture)} NotifyEvent records), to stay within CloudTrail's 2 LookupEvents calls a second.",
            EventLookupOutcome.OutsideRetention =>
                "This run started more than 90 days ago. CloudTrail's event history keeps 90 days, so its S3 objects cannot be looked up.",
            EventLookupOutcome.Unavailable => $"CloudTrail's event history could not be read, so the S3 objects are not shown. {batch.Problem}",
            _ => string.Empty,
        };
    }

    /// <summary>Why an id is "not in CloudTrail's event history", in a sentence a data engineer can act on.</summary>
    public static string Explain(MissingReason reason, EventLookupWindow? window) => reason switch
    {
        MissingReason.NotInWindow when window is not null =>
            $"No NotifyEvent record carries this id between {RelativeTime.Utc(window.Start)} and {RelativeTime.Utc(window.End)}, in this account and region. " +
            "CloudTrail records EventBridge's glue:NotifyEvent call as a management event in the workflow's region.",
        MissingReason.NotInWindow => "No NotifyEvent record carries this id.",
        MissingReason.NotYetRecorded =>
            "CloudTrail can take several minutes to show an event, and this run started recently. Refresh in a few minutes.",
        MissingReason.PageLimit =>
            "The lookup stopped at its page limit before reaching this event, to stay within CloudTrail's rate limit.",
        MissingReason.BeyondRetention => "CloudTrail keeps 90 days of event history, and this event is older.",
        MissingReason.LookupFailed => "CloudTrail could not be read.",
        _ => string.Empty,
    };

    /// <summary>What the event's origin shows when it names no S3 object.</summary>
    public static string Describe(EventOrigin origin) => origin.S3Object is { } s3
        ? s3.Uri
        : origin.Note ?? "This event names no S3 object.";
}
