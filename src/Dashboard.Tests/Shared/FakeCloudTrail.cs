using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using Amazon.Runtime;
using Dashboard.Aws.CloudTrail;
using Dashboard.Aws.Protocol;

namespace Dashboard.Tests.Shared;

/// <summary>
/// An in-memory CloudTrail event history for LookupEvents: newest first, one lookup attribute, a time range, pages of
/// up to 50 with opaque tokens, as CloudTrail answers. It counts calls and can hold or fail them.
/// </summary>
public sealed class FakeCloudTrail : ICloudTrailApi
{
    private readonly List<Event> _events = [];

    public ConcurrentDictionary<string, int> Calls { get; } = new();

    /// <summary>Every LookupEvents request, in order.</summary>
    public ConcurrentQueue<LookupEventsRequest> Lookups { get; } = new();

    /// <summary>When set, every call waits for it first.</summary>
    public TaskCompletionSource? Gate { get; set; }

    /// <summary>When set, every call throws it.</summary>
    public Exception? Failure { get; set; }

    public IClientConfig Config { get; } = new AwsClientConfig(CloudTrailClient.Spec);

    /// <summary>Records EventBridge's NotifyEvent call that delivered <paramref name="eventBody"/> to a workflow.</summary>
    public FakeCloudTrail AddNotifyEvent(string eventId, DateTimeOffset at, string eventBody, string workflow = "products")
    {
        var record = new JsonObject
        {
            ["eventVersion"] = "1.09",
            ["eventTime"] = at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            ["eventSource"] = "glue.amazonaws.com",
            ["eventName"] = "NotifyEvent",
            ["requestParameters"] = new JsonObject
            {
                ["name"] = workflow,
                ["eventPayload"] = new JsonObject { ["eventId"] = eventId, ["eventBody"] = eventBody },
            },
            ["eventID"] = Guid.NewGuid().ToString(),
        };
        return AddRecord(record.ToJsonString(), at);
    }

    /// <summary>Adds a raw record, readable or not.</summary>
    public FakeCloudTrail AddRecord(string? cloudTrailEvent, DateTimeOffset at, string eventName = "NotifyEvent")
    {
        _events.Add(new Event { EventId = Guid.NewGuid().ToString(), EventName = eventName, EventTime = at, EventSource = "glue.amazonaws.com", CloudTrailEvent = cloudTrailEvent });
        return this;
    }

    /// <summary>The body of an S3 upload that reached EventBridge through a trail's data events.</summary>
    public static string CloudTrailUpload(string bucket, string key, string eventId = "ct-event") => new JsonObject
    {
        ["version"] = "0",
        ["id"] = eventId,
        ["detail-type"] = "AWS API Call via CloudTrail",
        ["source"] = "aws.s3",
        ["detail"] = new JsonObject
        {
            ["eventSource"] = "s3.amazonaws.com",
            ["eventName"] = "PutObject",
            ["requestParameters"] = new JsonObject { ["bucketName"] = bucket, ["Host"] = $"{bucket}.s3.amazonaws.com", ["key"] = key },
        },
    }.ToJsonString();

    /// <summary>The body of S3's own "Object Created" event.</summary>
    public static string ObjectCreated(string bucket, string key, string eventId = "s3-event") => new JsonObject
    {
        ["version"] = "0",
        ["id"] = eventId,
        ["detail-type"] = "Object Created",
        ["source"] = "aws.s3",
        ["detail"] = new JsonObject
        {
            ["version"] = "0",
            ["bucket"] = new JsonObject { ["name"] = bucket },
            ["object"] = new JsonObject { ["key"] = key, ["size"] = 1024 },
            ["reason"] = "PutObject",
        },
    }.ToJsonString();

    public async Task<LookupEventsResponse> LookupEventsAsync(LookupEventsRequest request, CancellationToken cancellationToken = default)
    {
        Calls.AddOrUpdate("LookupEvents", 1, (_, n) => n + 1);
        Lookups.Enqueue(request);
        if (Gate is { } gate)
        {
            await gate.Task.WaitAsync(cancellationToken);
        }

        if (Failure is { } failure)
        {
            throw failure;
        }

        if (request.LookupAttributes is { Count: > 1 })
        {
            throw new ArgumentException("LookupAttributes can contain only one item.");
        }

        var attribute = request.LookupAttributes is { Count: 1 } attributes ? attributes[0] : null;
        var matching = _events
            .Where(e => attribute is null || (attribute.AttributeKey == "EventName" && e.EventName == attribute.AttributeValue))
            .Where(e => request.StartTime is not { } start || e.EventTime >= start)
            .Where(e => request.EndTime is not { } end || e.EventTime <= end)
            .OrderByDescending(e => e.EventTime)
            .Select(e => e.EventId ?? string.Empty)
            .ToList();
        var (page, next) = FakeGlue.Page(matching, request.NextToken, request.MaxResults ?? 50, 50);
        return new LookupEventsResponse { Events = [.. page.Select(id => _events.First(e => e.EventId == id))], NextToken = next };
    }

    private readonly List<(Trail Trail, bool Logging, GetEventSelectorsResponse Selectors)> _trails = [];

    /// <summary>Per trail operation (DescribeTrails, GetTrailStatus, GetEventSelectors): every call to it throws this.</summary>
    public ConcurrentDictionary<string, Exception> FailingOperations { get; } = new(StringComparer.Ordinal);

    /// <summary>A trail with basic or advanced selectors (never both, as CloudTrail keeps them), logging or not.</summary>
    public FakeCloudTrail AddTrail(string name, bool logging, IReadOnlyList<EventSelector>? selectors = null, IReadOnlyList<AdvancedEventSelector>? advanced = null)
    {
        var arn = $"arn:aws:cloudtrail:eu-west-1:123456789012:trail/{name}";
        _trails.Add((new Trail { Name = name, TrailARN = arn, HomeRegion = "eu-west-1", HasCustomEventSelectors = selectors is not null || advanced is not null },
            logging,
            new GetEventSelectorsResponse { TrailARN = arn, EventSelectors = advanced is null ? selectors ?? [new EventSelector { ReadWriteType = "All", IncludeManagementEvents = true, DataResources = [] }] : null, AdvancedEventSelectors = advanced }));
        return this;
    }

    public Task<DescribeTrailsResponse> DescribeTrailsAsync(DescribeTrailsRequest request, CancellationToken cancellationToken = default)
    {
        EnterTrail("DescribeTrails");
        return Task.FromResult(new DescribeTrailsResponse { TrailList = [.. _trails.Select(t => t.Trail)] });
    }

    public Task<GetEventSelectorsResponse> GetEventSelectorsAsync(GetEventSelectorsRequest request, CancellationToken cancellationToken = default)
    {
        EnterTrail("GetEventSelectors");
        return Task.FromResult(FindTrail(request.TrailName).Selectors);
    }

    public Task<GetTrailStatusResponse> GetTrailStatusAsync(GetTrailStatusRequest request, CancellationToken cancellationToken = default)
    {
        EnterTrail("GetTrailStatus");
        return Task.FromResult(new GetTrailStatusResponse { IsLogging = FindTrail(request.Name).Logging });
    }

    /// <summary>Access denied for a CloudTrail action, as CloudTrail words it.</summary>
    public static AwsApiException AccessDenied(string operation) => AwsErrors.Create(new(
        "CloudTrail", operation, "AccessDeniedException",
        $"User: arn:aws:iam::123456789012:user/dashboard is not authorized to perform: cloudtrail:{operation}",
        null, System.Net.HttpStatusCode.BadRequest, ErrorType.Sender));

    private void EnterTrail(string operation)
    {
        Calls.AddOrUpdate(operation, 1, (_, n) => n + 1);
        if (FailingOperations.TryGetValue(operation, out var failure))
        {
            throw failure;
        }
    }

    /// <summary>The trail by name or ARN, or CloudTrail's TrailNotFoundException.</summary>
    private (Trail Trail, bool Logging, GetEventSelectorsResponse Selectors) FindTrail(string nameOrArn)
    {
        var match = _trails.FirstOrDefault(t => t.Trail.Name == nameOrArn || t.Trail.TrailARN == nameOrArn);
        return match.Trail is not null
            ? match
            : throw AwsErrors.Create(new("CloudTrail", "GetTrailStatus", "TrailNotFoundException", $"Unknown trail: {nameOrArn} for the user: 123456789012", null, System.Net.HttpStatusCode.BadRequest, ErrorType.Sender));
    }

    public static AwsApiException AccessDenied() => AwsErrors.Create(new(
        "CloudTrail", "LookupEvents", "AccessDeniedException",
        "User: arn:aws:iam::123456789012:user/dashboard is not authorized to perform: cloudtrail:LookupEvents",
        null, System.Net.HttpStatusCode.BadRequest, ErrorType.Sender));

    public void Dispose()
    {
    }
}
