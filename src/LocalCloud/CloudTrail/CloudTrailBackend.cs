using System.Text.RegularExpressions;
using LocalCloud.Events;
using LocalCloud.Persistence;
using LocalCloud.Protocol;
using LocalCloud.S3;

namespace LocalCloud.CloudTrail;

/// <summary>
/// CloudTrail over AWS JSON 1.1: trails with basic or advanced event selectors, logging on and off, and the event
/// history of management events. As the recorder of LocalCloud's API calls, it keeps management events for
/// LookupEvents, and turns a data event that a logging trail selects into one "AWS API Call via CloudTrail" event on
/// the default EventBridge bus of the call's account and region.
/// </summary>
/// <remarks>
/// Trails are kept per account; a trail lives in its home region, and a multi-region trail also applies (as a shadow
/// trail) in every other region. LocalCloud delivers no log files: a trail's LatestDeliveryTime is the time of the
/// last event it logged. EventBridge and S3 are resolved when needed, so either may be absent.
/// </remarks>
public sealed partial class CloudTrailBackend : IAwsService, ICloudTrailRecorder
{
    public const int DefaultHistoryCapacity = 10_000;
    public const int MaxTrailsPerRegion = 5;
    public const string DetailType = "AWS API Call via CloudTrail";

    private readonly Lock _gate = new();
    private readonly Dictionary<string, List<TrailState>> _trails = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private readonly IServiceProvider _services;
    private readonly ILogger _logger;

    public CloudTrailBackend(TimeProvider time, IServiceProvider services, ILogger<CloudTrailBackend> logger)
        : this(time, services, logger, DefaultHistoryCapacity)
    {
    }

    internal CloudTrailBackend(TimeProvider time, IServiceProvider services, ILogger logger, int historyCapacity)
    {
        _time = time;
        _services = services;
        _logger = logger;
        History = new EventHistory(time, historyCapacity) { Durable = services.GetService<DurableStore>() ?? DurableStore.Disabled };
        Operations = new OperationTable()
            .Add<CreateTrailRequest, CreateTrailResponse>("CreateTrail", CreateTrail)
            .Add<DescribeTrailsRequest, DescribeTrailsResponse>("DescribeTrails", DescribeTrails)
            .Add<GetTrailRequest, GetTrailResponse>("GetTrail", GetTrail)
            .Add<DeleteTrailRequest, Empty>("DeleteTrail", DeleteTrail)
            .Add<PutEventSelectorsRequest, PutEventSelectorsResponse>("PutEventSelectors", PutEventSelectors)
            .Add<GetEventSelectorsRequest, GetEventSelectorsResponse>("GetEventSelectors", GetEventSelectors)
            .Add<StartLoggingRequest, Empty>("StartLogging", StartLogging)
            .Add<StopLoggingRequest, Empty>("StopLogging", StopLogging)
            .Add<GetTrailStatusRequest, GetTrailStatusResponse>("GetTrailStatus", GetTrailStatus)
            .Add<LookupEventsRequest, LookupEventsResponse>("LookupEvents", (context, request) => History.Lookup(context.Account, context.Region, request))
            .AfterEach(_ => Persist());
        Restore(services.GetService<DurableStore>() ?? DurableStore.Disabled);
    }

    public string SigningName => "cloudtrail";

    public string? TargetPrefix => "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101";

    public string? QueryNamespace => null;

    public OperationTable Operations { get; }

    public EventHistory History { get; }

    // ----- Recording -----

    public async Task RecordAsync(ApiCallRecord call, CancellationToken cancellationToken)
    {
        var record = CloudTrailRecord.From(call, Guid.NewGuid().ToString(), RequestId());
        if (!call.IsDataEvent)
        {
            History.Add(record);
        }

        bool logged;
        lock (_gate)
        {
            var logging = TrailsApplyingIn(call.Account, call.Region).Where(t => t.IsLogging && t.Selectors.Logs(record)).ToList();
            foreach (var trail in logging)
            {
                trail.LatestDeliveryTime = call.Time;
            }

            logged = logging.Count > 0;
        }

        if (call.IsDataEvent && logged)
        {
            await PublishAsync(record, cancellationToken);
        }
    }

    /// <summary>
    /// Puts a management event that happened before LocalCloud started into the event history, for the demo's past:
    /// the clock cannot go back. Trails and EventBridge do not see it; LookupEvents does.
    /// </summary>
    public void RecordPastEvent(ApiCallRecord call)
    {
        if (call.IsDataEvent)
        {
            throw new ArgumentException("The event history holds management events only.", nameof(call));
        }

        History.Add(CloudTrailRecord.From(call, Guid.NewGuid().ToString(), RequestId()));
    }

    private async Task PublishAsync(CloudTrailRecord record, CancellationToken cancellationToken)
    {
        if (_services.GetService<IEventIngress>() is not { } ingress)
        {
            _logger.LogWarning("CloudTrail logged {EventName} on {EventSource}, but LocalCloud has no EventBridge to send it to.", record.Call.EventName, record.Call.EventSource);
            return;
        }

        // aws.s3 for s3.amazonaws.com: the event comes from the service that was called.
        var source = "aws." + record.Call.EventSource.Split('.')[0];
        var cloudEvent = new CloudEvent(Guid.NewGuid().ToString(), source, DetailType, record.Call.Time, record.Call.Account, record.Call.Region, [], record.Json);
        try
        {
            await ingress.PublishAsync(cloudEvent, "default", cancellationToken);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            _logger.LogError(error, "EventBridge did not accept CloudTrail's {EventName} event for {Account}/{Region}.", record.Call.EventName, record.Call.Account, record.Call.Region);
        }
    }

    // ----- Trails -----

    private CreateTrailResponse CreateTrail(RequestContext context, CreateTrailRequest request)
    {
        var name = request.Name ?? throw new AwsServiceException("TrailNotProvidedException", "Trail name is required.");
        ValidateName(name);
        if (string.IsNullOrEmpty(request.S3BucketName))
        {
            throw new AwsServiceException("InvalidParameterException", "S3BucketName is required: CloudTrail delivers a trail's log files to an S3 bucket.");
        }

        if (_services.GetService<S3Backend>() is { } s3 && !s3.BucketExists(request.S3BucketName))
        {
            throw new AwsServiceException("S3BucketDoesNotExistException", $"S3 bucket {request.S3BucketName} does not exist.");
        }

        var multiRegion = request.IsMultiRegionTrail ?? false;
        var globalEvents = request.IncludeGlobalServiceEvents ?? true;
        if (multiRegion && !globalEvents)
        {
            throw new AwsServiceException("InvalidParameterCombinationException", "Multi-Region trail must include global service events.");
        }

        if (request.IsOrganizationTrail == true)
        {
            throw new AwsServiceException("OrganizationsNotInUseException", "This account is not a member of an organization: LocalCloud has no AWS Organizations.");
        }

        var arn = context.Arn("cloudtrail", "trail/" + name);
        var trail = new TrailState(name, context.Account, context.Region, arn)
        {
            S3BucketName = request.S3BucketName,
            S3KeyPrefix = request.S3KeyPrefix,
            SnsTopicName = request.SnsTopicName,
            IncludeGlobalServiceEvents = globalEvents,
            IsMultiRegionTrail = multiRegion,
            LogFileValidationEnabled = request.EnableLogFileValidation ?? false,
            CloudWatchLogsLogGroupArn = request.CloudWatchLogsLogGroupArn,
            CloudWatchLogsRoleArn = request.CloudWatchLogsRoleArn,
            KmsKeyId = request.KmsKeyId,
        };

        lock (_gate)
        {
            var applying = TrailsApplyingIn(context.Account, context.Region).ToList();
            if (applying.Any(t => t.Name == name) || AccountTrails(context.Account).Any(t => t.Arn == arn))
            {
                throw new AwsServiceException("TrailAlreadyExistsException", $"Trail {name} already exists for customer: {context.Account}");
            }

            if (applying.Count >= MaxTrailsPerRegion)
            {
                throw new AwsServiceException("MaximumNumberOfTrailsExceededException", $"User: {context.Account} already has {MaxTrailsPerRegion} trails in {context.Region}.");
            }

            AccountTrails(context.Account).Add(trail);
        }

        return new CreateTrailResponse(
            trail.Name, trail.S3BucketName, trail.S3KeyPrefix, trail.SnsTopicName, SnsTopicArn(trail), trail.IncludeGlobalServiceEvents, trail.IsMultiRegionTrail,
            trail.Arn, trail.LogFileValidationEnabled, trail.CloudWatchLogsLogGroupArn, trail.CloudWatchLogsRoleArn, trail.KmsKeyId, false);
    }

    private DescribeTrailsResponse DescribeTrails(RequestContext context, DescribeTrailsRequest request)
    {
        lock (_gate)
        {
            var shadows = request.IncludeShadowTrails ?? true;
            var visible = TrailsApplyingIn(context.Account, context.Region).Where(t => shadows || t.HomeRegion == context.Region).ToList();
            var names = request.TrailNameList ?? [];
            foreach (var name in names)
            {
                IsArn(name, out _); // A malformed ARN is an error; an unknown name is simply not listed.
            }

            var selected = names.Count == 0 ? visible : visible.Where(t => names.Contains(t.Name) || names.Contains(t.Arn)).ToList();
            return new DescribeTrailsResponse([.. selected.Select(ToTrail)]);
        }
    }

    private GetTrailResponse GetTrail(RequestContext context, GetTrailRequest request)
    {
        lock (_gate)
        {
            return new GetTrailResponse(ToTrail(Find(context, request.Name)));
        }
    }

    private Empty DeleteTrail(RequestContext context, DeleteTrailRequest request)
    {
        lock (_gate)
        {
            var trail = FindHome(context, request.Name);
            AccountTrails(context.Account).Remove(trail);
            return new Empty();
        }
    }

    private PutEventSelectorsResponse PutEventSelectors(RequestContext context, PutEventSelectorsRequest request)
    {
        var selectors = TrailSelectors.Compile(request.EventSelectors, request.AdvancedEventSelectors);
        lock (_gate)
        {
            var trail = FindHome(context, request.TrailName);
            trail.Selectors = selectors;
            trail.HasCustomEventSelectors = true;
            return new PutEventSelectorsResponse(trail.Arn, selectors.EventSelectors, selectors.AdvancedEventSelectors);
        }
    }

    private GetEventSelectorsResponse GetEventSelectors(RequestContext context, GetEventSelectorsRequest request)
    {
        lock (_gate)
        {
            var trail = Find(context, request.TrailName);
            return new GetEventSelectorsResponse(trail.Arn, trail.Selectors.EventSelectors, trail.Selectors.AdvancedEventSelectors);
        }
    }

    private Empty StartLogging(RequestContext context, StartLoggingRequest request)
    {
        lock (_gate)
        {
            var trail = FindHome(context, request.Name);
            if (!trail.IsLogging)
            {
                trail.IsLogging = true;
                trail.StartLoggingTime = _time.GetUtcNow();
            }

            return new Empty();
        }
    }

    private Empty StopLogging(RequestContext context, StopLoggingRequest request)
    {
        lock (_gate)
        {
            var trail = FindHome(context, request.Name);
            if (trail.IsLogging)
            {
                trail.IsLogging = false;
                trail.StopLoggingTime = _time.GetUtcNow();
            }

            return new Empty();
        }
    }

    private GetTrailStatusResponse GetTrailStatus(RequestContext context, GetTrailStatusRequest request)
    {
        lock (_gate)
        {
            var trail = Find(context, request.Name);
            var delivery = trail.LatestDeliveryTime is { } delivered ? CloudTrailRecord.Timestamp(delivered) : string.Empty;
            return new GetTrailStatusResponse(
                trail.IsLogging,
                trail.LatestDeliveryTime,
                trail.StartLoggingTime,
                trail.StopLoggingTime,
                delivery,
                delivery,
                string.Empty,
                string.Empty,
                trail.StartLoggingTime is { } started ? CloudTrailRecord.Timestamp(started) : null,
                trail.StopLoggingTime is { } stopped ? CloudTrailRecord.Timestamp(stopped) : null);
        }
    }

    // ----- Rules -----

    /// <summary>CloudTrail's trail naming rules (InvalidTrailNameException).</summary>
    public static void ValidateName(string name)
    {
        var problem = name switch
        {
            { Length: < 3 or > 128 } => "be between 3 and 128 characters",
            _ when !NamePattern().IsMatch(name) => "contain only ASCII letters, numbers, periods, underscores and dashes, and start and end with a letter or number",
            _ when AdjacentPunctuation().IsMatch(name) => "have no adjacent periods, underscores or dashes",
            _ when IpAddress().IsMatch(name) => "not be in IP address format",
            _ => null,
        };
        if (problem is not null)
        {
            throw new AwsServiceException("InvalidTrailNameException", $"Trail name {name} is not valid: trail names must {problem}.");
        }
    }

    private IEnumerable<TrailState> TrailsApplyingIn(string account, string region) =>
        _trails.TryGetValue(account, out var trails) ? trails.Where(t => t.HomeRegion == region || t.IsMultiRegionTrail) : [];

    private List<TrailState> AccountTrails(string account)
    {
        if (!_trails.TryGetValue(account, out var trails))
        {
            _trails[account] = trails = [];
        }

        return trails;
    }

    /// <summary>A trail by name (home or shadow trail in this region) or by ARN.</summary>
    private TrailState Find(RequestContext context, string? nameOrArn)
    {
        if (string.IsNullOrEmpty(nameOrArn))
        {
            throw new AwsServiceException("InvalidTrailNameException", "A trail name or ARN is required.");
        }

        var found = IsArn(nameOrArn, out var account)
            ? (account == context.Account ? AccountTrails(context.Account).FirstOrDefault(t => t.Arn == nameOrArn) : null)
            : TrailsApplyingIn(context.Account, context.Region).FirstOrDefault(t => t.Name == nameOrArn);
        return found ?? throw new AwsServiceException("TrailNotFoundException", $"Unknown trail: {nameOrArn} for the user: {context.Account}");
    }

    /// <summary>A trail that may be changed only from its home region.</summary>
    private TrailState FindHome(RequestContext context, string? nameOrArn)
    {
        var trail = Find(context, nameOrArn);
        return trail.HomeRegion == context.Region
            ? trail
            : throw new AwsServiceException("InvalidHomeRegionException", $"Trail {trail.Name} can be changed only from its home region, {trail.HomeRegion}, not {context.Region}.");
    }

    private static bool IsArn(string value, out string account)
    {
        account = string.Empty;
        if (!value.StartsWith("arn:", StringComparison.Ordinal))
        {
            return false;
        }

        var match = TrailArn().Match(value);
        if (!match.Success)
        {
            throw new AwsServiceException("CloudTrailARNInvalidException", $"{value} is not a trail ARN: arn:aws:cloudtrail:<region>:<account>:trail/<name>.");
        }

        account = match.Groups["account"].Value;
        return true;
    }

    private static Trail ToTrail(TrailState t) => new(
        t.Name, t.S3BucketName, t.S3KeyPrefix, t.SnsTopicName, SnsTopicArn(t), t.IncludeGlobalServiceEvents, t.IsMultiRegionTrail, t.HomeRegion, t.Arn,
        t.LogFileValidationEnabled, t.CloudWatchLogsLogGroupArn, t.CloudWatchLogsRoleArn, t.KmsKeyId, t.HasCustomEventSelectors, false, false);

    private static string? SnsTopicArn(TrailState t) => t.SnsTopicName is { } topic ? $"arn:aws:sns:{t.HomeRegion}:{t.Account}:{topic}" : null;

    private static string RequestId() => Guid.NewGuid().ToString("N")[..16].ToUpperInvariant();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]*[A-Za-z0-9]$")]
    private static partial Regex NamePattern();

    [GeneratedRegex("[._-]{2}")]
    private static partial Regex AdjacentPunctuation();

    [GeneratedRegex(@"^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$")]
    private static partial Regex IpAddress();

    [GeneratedRegex("^arn:aws[a-z-]*:cloudtrail:[a-z0-9-]+:(?<account>[0-9]{12}):trail/.+$")]
    private static partial Regex TrailArn();

    private sealed class TrailState(string name, string account, string homeRegion, string arn)
    {
        public string Name { get; } = name;

        public string Account { get; } = account;

        public string HomeRegion { get; } = homeRegion;

        public string Arn { get; } = arn;

        public required string S3BucketName { get; init; }

        public string? S3KeyPrefix { get; init; }

        public string? SnsTopicName { get; init; }

        public bool IncludeGlobalServiceEvents { get; init; }

        public bool IsMultiRegionTrail { get; init; }

        public bool LogFileValidationEnabled { get; init; }

        public string? CloudWatchLogsLogGroupArn { get; init; }

        public string? CloudWatchLogsRoleArn { get; init; }

        public string? KmsKeyId { get; init; }

        public TrailSelectors Selectors { get; set; } = TrailSelectors.Default;

        public bool HasCustomEventSelectors { get; set; }

        public bool IsLogging { get; set; }

        public DateTimeOffset? StartLoggingTime { get; set; }

        public DateTimeOffset? StopLoggingTime { get; set; }

        public DateTimeOffset? LatestDeliveryTime { get; set; }
    }
}
