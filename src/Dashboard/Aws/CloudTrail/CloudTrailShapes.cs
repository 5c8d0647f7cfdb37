using System.Text.Json.Serialization;

namespace Dashboard.Aws.CloudTrail;

// CloudTrail request and response shapes, named and spelled as in the service model (cloudtrail 2013-11-01).
// Only the members the dashboard reads or must send are declared; unknown members are ignored on read.
// The model spells a few members in camelCase (DescribeTrails' trailNameList, includeShadowTrails, trailList): the
// C# names are PascalCase and [JsonPropertyName] keeps the wire name exact.

public sealed record DescribeTrailsRequest
{
    /// <summary>Trail names or ARNs; every trail of the region (and its shadow trails) when absent or empty.</summary>
    [JsonPropertyName("trailNameList")]
    public IReadOnlyList<string>? TrailNameList { get; init; }

    /// <summary>Whether to include the replicas of multi-region and organization trails. AWS uses true when absent.</summary>
    [JsonPropertyName("includeShadowTrails")]
    public bool? IncludeShadowTrails { get; init; }
}

public sealed record DescribeTrailsResponse
{
    [JsonPropertyName("trailList")]
    public IReadOnlyList<Trail>? TrailList { get; init; }
}

public sealed record GetEventSelectorsRequest
{
    /// <summary>The trail's name or ARN.</summary>
    public required string TrailName { get; init; }
}

public sealed record GetEventSelectorsResponse
{
    public string? TrailARN { get; init; }

    /// <summary>Basic selectors; a trail has either these or <see cref="AdvancedEventSelectors"/>, never both.</summary>
    public IReadOnlyList<EventSelector>? EventSelectors { get; init; }

    public IReadOnlyList<AdvancedEventSelector>? AdvancedEventSelectors { get; init; }
}

public sealed record GetTrailStatusRequest
{
    /// <summary>The trail's name or ARN; a shadow trail needs its ARN.</summary>
    public required string Name { get; init; }
}

public sealed record GetTrailStatusResponse
{
    public bool? IsLogging { get; init; }

    /// <summary>The last S3 error CloudTrail met while delivering log files.</summary>
    public string? LatestDeliveryError { get; init; }

    public string? LatestNotificationError { get; init; }

    public DateTimeOffset? LatestDeliveryTime { get; init; }

    public DateTimeOffset? LatestNotificationTime { get; init; }

    public DateTimeOffset? StartLoggingTime { get; init; }

    public DateTimeOffset? StopLoggingTime { get; init; }

    public string? LatestCloudWatchLogsDeliveryError { get; init; }

    public DateTimeOffset? LatestCloudWatchLogsDeliveryTime { get; init; }

    public DateTimeOffset? LatestDigestDeliveryTime { get; init; }

    public string? LatestDigestDeliveryError { get; init; }
}

public sealed record LookupEventsRequest
{
    /// <summary>At most one attribute: AWS rejects more.</summary>
    public IReadOnlyList<LookupAttribute>? LookupAttributes { get; init; }

    /// <summary>Events at or after this time; at most 90 days ago.</summary>
    public DateTimeOffset? StartTime { get; init; }

    /// <summary>Events at or before this time.</summary>
    public DateTimeOffset? EndTime { get; init; }

    /// <summary><c>insight</c> for Insights events; management events when absent.</summary>
    public string? EventCategory { get; init; }

    /// <summary>1–50; AWS uses 50 when absent.</summary>
    public int? MaxResults { get; init; }

    public string? NextToken { get; init; }
}

public sealed record LookupEventsResponse
{
    public IReadOnlyList<Event>? Events { get; init; }

    public string? NextToken { get; init; }
}

// Structures

public sealed record Trail
{
    public string? Name { get; init; }

    public string? S3BucketName { get; init; }

    public string? S3KeyPrefix { get; init; }

    public string? SnsTopicName { get; init; }

    public string? SnsTopicARN { get; init; }

    public bool? IncludeGlobalServiceEvents { get; init; }

    public bool? IsMultiRegionTrail { get; init; }

    public string? HomeRegion { get; init; }

    public string? TrailARN { get; init; }

    public bool? LogFileValidationEnabled { get; init; }

    public string? CloudWatchLogsLogGroupArn { get; init; }

    public string? CloudWatchLogsRoleArn { get; init; }

    public string? KmsKeyId { get; init; }

    public bool? HasCustomEventSelectors { get; init; }

    public bool? HasInsightSelectors { get; init; }

    public bool? IsOrganizationTrail { get; init; }
}

public sealed record EventSelector
{
    /// <summary>ReadOnly | WriteOnly | All.</summary>
    public string? ReadWriteType { get; init; }

    public bool? IncludeManagementEvents { get; init; }

    public IReadOnlyList<DataResource>? DataResources { get; init; }

    /// <summary>Event sources left out of management events, for example <c>kms.amazonaws.com</c>.</summary>
    public IReadOnlyList<string>? ExcludeManagementEventSources { get; init; }
}

public sealed record DataResource
{
    /// <summary>For example <c>AWS::S3::Object</c> or <c>AWS::Lambda::Function</c>.</summary>
    public string? Type { get; init; }

    /// <summary>ARN prefixes, for example <c>arn:aws:s3:::landing/incoming/</c>.</summary>
    public IReadOnlyList<string>? Values { get; init; }
}

public sealed record AdvancedEventSelector
{
    public string? Name { get; init; }

    public IReadOnlyList<AdvancedFieldSelector>? FieldSelectors { get; init; }
}

public sealed record AdvancedFieldSelector
{
    /// <summary>For example <c>eventCategory</c>, <c>resources.type</c>, <c>resources.ARN</c>, <c>readOnly</c>.</summary>
    public string? Field { get; init; }

    /// <summary>
    /// The model's <c>Equals</c> member, renamed in C# only: a record cannot declare a property named Equals.
    /// </summary>
    [JsonPropertyName("Equals")]
    public IReadOnlyList<string>? EqualTo { get; init; }

    public IReadOnlyList<string>? StartsWith { get; init; }

    public IReadOnlyList<string>? EndsWith { get; init; }

    public IReadOnlyList<string>? NotEquals { get; init; }

    public IReadOnlyList<string>? NotStartsWith { get; init; }

    public IReadOnlyList<string>? NotEndsWith { get; init; }
}

public sealed record LookupAttribute
{
    /// <summary>EventId | EventName | ReadOnly | Username | ResourceType | ResourceName | EventSource | AccessKeyId.</summary>
    public required string AttributeKey { get; init; }

    public required string AttributeValue { get; init; }
}

public sealed record Event
{
    public string? EventId { get; init; }

    public string? EventName { get; init; }

    /// <summary>"true" or "false", as a string.</summary>
    public string? ReadOnly { get; init; }

    public string? AccessKeyId { get; init; }

    public DateTimeOffset? EventTime { get; init; }

    /// <summary>For example <c>glue.amazonaws.com</c>.</summary>
    public string? EventSource { get; init; }

    public string? Username { get; init; }

    public IReadOnlyList<Resource>? Resources { get; init; }

    /// <summary>The whole CloudTrail record, a JSON document in a string.</summary>
    public string? CloudTrailEvent { get; init; }
}

public sealed record Resource
{
    public string? ResourceType { get; init; }

    public string? ResourceName { get; init; }
}
