using System.Text.Json.Nodes;

namespace LocalCloud.Events;

/// <summary>An event on its way into EventBridge, in the envelope EventBridge delivers.</summary>
public sealed record CloudEvent(
    string Id,
    string Source,
    string DetailType,
    DateTimeOffset Time,
    string Account,
    string Region,
    IReadOnlyList<string> Resources,
    JsonObject Detail)
{
    /// <summary>The event as JSON, with EventBridge's member names.</summary>
    public JsonObject ToJson() => new()
    {
        ["version"] = "0",
        ["id"] = Id,
        ["detail-type"] = DetailType,
        ["source"] = Source,
        ["account"] = Account,
        ["time"] = Time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
        ["region"] = Region,
        ["resources"] = new JsonArray(Resources.Select(r => (JsonNode?)JsonValue.Create(r)).ToArray()),
        ["detail"] = Detail.DeepClone(),
    };
}

/// <summary>EventBridge's way in for other services (S3, CloudTrail): <c>PutEvents</c> without the HTTP.</summary>
public interface IEventIngress
{
    Task PublishAsync(CloudEvent cloudEvent, string eventBusName, CancellationToken cancellationToken);
}

/// <summary>CloudWatch's way in for other services: one data point, stored at 1-minute resolution.</summary>
public interface IMetricSink
{
    void Record(string account, string region, string metricNamespace, string metricName, IReadOnlyList<KeyValuePair<string, string>> dimensions, double value, string unit, DateTimeOffset timestamp);
}

/// <summary>The Glue side of a rule's target: EventBridge's <c>glue:notifyEvent</c> call.</summary>
public interface IGlueEventTarget
{
    Task NotifyEventAsync(string account, string region, string workflowName, string eventId, string eventJson, CancellationToken cancellationToken);
}

/// <summary>CloudTrail's view of calls made in LocalCloud, to log them and turn selected data events into EventBridge events.</summary>
public interface ICloudTrailRecorder
{
    /// <summary>Records an API call. For S3 data events, a logging trail whose selectors match also emits an
    /// "AWS API Call via CloudTrail" event to EventBridge.</summary>
    Task RecordAsync(ApiCallRecord call, CancellationToken cancellationToken);
}

/// <summary>One API call as CloudTrail records it.</summary>
public sealed record ApiCallRecord(
    string Account,
    string Region,
    string EventSource,
    string EventName,
    DateTimeOffset Time,
    string Username,
    JsonObject RequestParameters,
    JsonObject? ResponseElements,
    IReadOnlyList<CloudTrailResource> Resources,
    bool IsDataEvent,
    string? UserAgent = null,
    string? ErrorCode = null,
    string? ErrorMessage = null);

public sealed record CloudTrailResource(string Type, string Arn);
