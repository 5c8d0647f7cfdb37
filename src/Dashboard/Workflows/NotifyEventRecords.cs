using System.Text.Json;
using System.Text.Json.Nodes;

namespace Dashboard.Workflows;

/// <summary>One CloudTrail record of EventBridge calling <c>glue:NotifyEvent</c>: which event it delivered, and its body.</summary>
public sealed record NotifyEventRecord(string EventId, DateTimeOffset? DeliveredAt, EventOrigin Origin);

/// <summary>
/// Reads CloudTrail's NotifyEvent records (LookupEvents' <c>CloudTrailEvent</c>, a JSON document in a string), and
/// matches them to a run's <c>aws:eventIds</c>. The record holds the delivered event in
/// <c>requestParameters.eventPayload</c>: <c>eventId</c>, and <c>eventBody</c>, the event itself as a JSON string (or,
/// from some writers, an object). The S3 object comes from either shape EventBridge receives from S3:
/// <list type="bullet">
/// <item>"AWS API Call via CloudTrail": <c>detail.requestParameters.bucketName</c> and <c>.key</c>;</item>
/// <item>S3's own "Object Created": <c>detail.bucket.name</c> and <c>detail.object.key</c>.</item>
/// </list>
/// Anything unreadable becomes a note on the event, never an exception.
/// </summary>
public static class NotifyEventRecords
{
    /// <summary>The record, or null when it is not readable JSON or carries no <c>eventPayload.eventId</c>.</summary>
    public static NotifyEventRecord? Read(string? cloudTrailEvent, DateTimeOffset? eventTime)
    {
        if (string.IsNullOrWhiteSpace(cloudTrailEvent) || Parse(cloudTrailEvent) is not JsonObject record)
        {
            return null;
        }

        var payload = record["requestParameters"]?["eventPayload"];
        if (Text(payload?["eventId"]) is not { Length: > 0 } eventId)
        {
            return null;
        }

        return new NotifyEventRecord(eventId, eventTime ?? Time(record["eventTime"]), OriginOf(payload?["eventBody"]));
    }

    /// <summary>Where the delivered event came from, from its <c>eventBody</c>.</summary>
    public static EventOrigin OriginOf(JsonNode? eventBody)
    {
        var body = eventBody;
        if (body is JsonValue value && value.TryGetValue<string>(out var text))
        {
            body = Parse(text);
            if (body is null)
            {
                return new EventOrigin(null, null, null, null, "CloudTrail has this event, but its eventBody is not valid JSON, so the S3 object cannot be read from it.");
            }
        }

        if (body is null)
        {
            return new EventOrigin(null, null, null, null, "CloudTrail has this event, but without an eventBody to read the S3 object from.");
        }

        if (body is not JsonObject cloudEvent)
        {
            return new EventOrigin(null, null, null, null, "CloudTrail has this event, but its eventBody is not an event object, so the S3 object cannot be read from it.");
        }

        var source = Text(cloudEvent["source"]);
        var detailType = Text(cloudEvent["detail-type"]);
        var detail = cloudEvent["detail"] as JsonObject;

        // "AWS API Call via CloudTrail": the S3 call as CloudTrail logged it.
        if (detail?["requestParameters"] is JsonObject call && Text(call["bucketName"]) is { Length: > 0 } callBucket)
        {
            var action = Text(detail["eventName"]);
            return Text(call["key"]) is { Length: > 0 } callKey
                ? new EventOrigin(source, detailType, action, new S3ObjectReference(callBucket, callKey), null)
                : new EventOrigin(source, detailType, action, null, $"A {action ?? "S3"} call on bucket {callBucket} that names no single object key.");
        }

        // S3's own "Object Created" (and other object) events.
        if (detail?["bucket"]?["name"] is { } bucketName && Text(bucketName) is { Length: > 0 } bucket)
        {
            var action = Text(detail["reason"]) ?? detailType;
            return Text(detail["object"]?["key"]) is { Length: > 0 } key
                ? new EventOrigin(source, detailType, action, new S3ObjectReference(bucket, key), null)
                : new EventOrigin(source, detailType, action, null, $"An S3 event on bucket {bucket} without detail.object.key.");
        }

        return new EventOrigin(source, detailType, null, null,
            $"A \"{detailType ?? "(no detail-type)"}\" event from {source ?? "(no source)"}: it names no S3 object.");
    }

    /// <summary>
    /// Matches the run's event ids to the records found. The first record of an id wins: EventBridge delivers at least
    /// once, so one event can have two records, and both name the same object.
    /// </summary>
    public static IReadOnlyList<BatchEvent> Match(IReadOnlyList<string> eventIds, IReadOnlyDictionary<string, NotifyEventRecord> found, MissingReason missing) =>
        [.. eventIds.Select(id => found.TryGetValue(id, out var record)
            ? new BatchEvent(id, record.DeliveredAt, record.Origin, null)
            : new BatchEvent(id, null, null, missing))];

    private static JsonNode? Parse(string json)
    {
        try
        {
            return JsonNode.Parse(json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Text(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static DateTimeOffset? Time(JsonNode? node) =>
        Text(node) is { } text && DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var time) ? time : null;
}
