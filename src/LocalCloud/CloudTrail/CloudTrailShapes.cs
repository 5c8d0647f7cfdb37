using System.Text.Json.Serialization;

namespace LocalCloud.CloudTrail;

// CloudTrail's requests and responses over AWS JSON 1.1, named after botocore's cloudtrail shapes. Most members are
// PascalCase on the wire; DescribeTrails uses camelCase ones, spelled out with [JsonPropertyName].

public sealed record Tag(string? Key, string? Value);

public sealed record CreateTrailRequest(
    string? Name,
    string? S3BucketName,
    string? S3KeyPrefix,
    string? SnsTopicName,
    bool? IncludeGlobalServiceEvents,
    bool? IsMultiRegionTrail,
    bool? EnableLogFileValidation,
    string? CloudWatchLogsLogGroupArn,
    string? CloudWatchLogsRoleArn,
    string? KmsKeyId,
    bool? IsOrganizationTrail,
    IReadOnlyList<Tag>? TagsList);

public sealed record CreateTrailResponse(
    string Name,
    string S3BucketName,
    string? S3KeyPrefix,
    string? SnsTopicName,
    string? SnsTopicARN,
    bool IncludeGlobalServiceEvents,
    bool IsMultiRegionTrail,
    string TrailARN,
    bool LogFileValidationEnabled,
    string? CloudWatchLogsLogGroupArn,
    string? CloudWatchLogsRoleArn,
    string? KmsKeyId,
    bool IsOrganizationTrail);

public sealed record DescribeTrailsRequest(
    [property: JsonPropertyName("trailNameList")] IReadOnlyList<string>? TrailNameList,
    [property: JsonPropertyName("includeShadowTrails")] bool? IncludeShadowTrails);

public sealed record DescribeTrailsResponse([property: JsonPropertyName("trailList")] IReadOnlyList<Trail> TrailList);

public sealed record Trail(
    string Name,
    string S3BucketName,
    string? S3KeyPrefix,
    string? SnsTopicName,
    string? SnsTopicARN,
    bool IncludeGlobalServiceEvents,
    bool IsMultiRegionTrail,
    string HomeRegion,
    string TrailARN,
    bool LogFileValidationEnabled,
    string? CloudWatchLogsLogGroupArn,
    string? CloudWatchLogsRoleArn,
    string? KmsKeyId,
    bool HasCustomEventSelectors,
    bool HasInsightSelectors,
    bool IsOrganizationTrail);

public sealed record GetTrailRequest(string? Name);

public sealed record GetTrailResponse(Trail Trail);

public sealed record DeleteTrailRequest(string? Name);

public sealed record DataResource(string? Type, IReadOnlyList<string>? Values);

public sealed record EventSelector(
    string? ReadWriteType,
    bool? IncludeManagementEvents,
    IReadOnlyList<DataResource>? DataResources,
    IReadOnlyList<string>? ExcludeManagementEventSources);

/// <summary>One condition of an advanced event selector. <c>Equals</c> is <see cref="EqualTo"/> here, as C# keeps
/// <c>Equals</c> for equality.</summary>
public sealed record AdvancedFieldSelector(
    string? Field,
    [property: JsonPropertyName("Equals")] IReadOnlyList<string>? EqualTo,
    IReadOnlyList<string>? StartsWith,
    IReadOnlyList<string>? EndsWith,
    IReadOnlyList<string>? NotEquals,
    IReadOnlyList<string>? NotStartsWith,
    IReadOnlyList<string>? NotEndsWith);

public sealed record AdvancedEventSelector(string? Name, IReadOnlyList<AdvancedFieldSelector>? FieldSelectors);

public sealed record PutEventSelectorsRequest(
    string? TrailName,
    IReadOnlyList<EventSelector>? EventSelectors,
    IReadOnlyList<AdvancedEventSelector>? AdvancedEventSelectors);

public sealed record PutEventSelectorsResponse(
    string TrailARN,
    IReadOnlyList<EventSelector>? EventSelectors,
    IReadOnlyList<AdvancedEventSelector>? AdvancedEventSelectors);

public sealed record GetEventSelectorsRequest(string? TrailName);

public sealed record GetEventSelectorsResponse(
    string TrailARN,
    IReadOnlyList<EventSelector>? EventSelectors,
    IReadOnlyList<AdvancedEventSelector>? AdvancedEventSelectors);

public sealed record StartLoggingRequest(string? Name);

public sealed record StopLoggingRequest(string? Name);

public sealed record GetTrailStatusRequest(string? Name);

public sealed record GetTrailStatusResponse(
    bool IsLogging,
    DateTimeOffset? LatestDeliveryTime,
    DateTimeOffset? StartLoggingTime,
    DateTimeOffset? StopLoggingTime,
    string? LatestDeliveryAttemptTime,
    string? LatestDeliveryAttemptSucceeded,
    string? LatestNotificationAttemptTime,
    string? LatestNotificationAttemptSucceeded,
    string? TimeLoggingStarted,
    string? TimeLoggingStopped);

public sealed record LookupAttribute(string? AttributeKey, string? AttributeValue);

public sealed record LookupEventsRequest(
    IReadOnlyList<LookupAttribute>? LookupAttributes,
    DateTimeOffset? StartTime,
    DateTimeOffset? EndTime,
    string? EventCategory,
    int? MaxResults,
    string? NextToken);

public sealed record Resource(string ResourceType, string ResourceName);

/// <summary>An event of the event history, as LookupEvents returns it; <see cref="CloudTrailEvent"/> is the whole record.</summary>
public sealed record Event(
    string EventId,
    string EventName,
    string ReadOnly,
    string? AccessKeyId,
    DateTimeOffset EventTime,
    string EventSource,
    string Username,
    IReadOnlyList<Resource> Resources,
    string CloudTrailEvent);

public sealed record LookupEventsResponse(IReadOnlyList<Event> Events, string? NextToken);
