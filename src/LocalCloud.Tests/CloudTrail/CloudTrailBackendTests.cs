using System.Text.Json;
using System.Text.Json.Nodes;
using LocalCloud.CloudTrail;
using LocalCloud.Events;
using LocalCloud.Protocol;

namespace LocalCloud.Tests.CloudTrail;

/// <summary>CloudTrail's backend without HTTP: trails, logging, data events to EventBridge, and the event history.</summary>
public sealed class CloudTrailBackendTests
{
    private readonly CloudTrailTestBed _ct = new();

    private static CancellationToken Ct => CloudTrailTestBed.Ct;

    // ----- Trails -----

    [Fact]
    public async Task CreateTrail_DefaultsAndArn_DescribedWithDefaultSelectors()
    {
        var bucket = await _ct.S3.BucketAsync();

        var created = await _ct.CallAsync<CreateTrailResponse>("CreateTrail", CloudTrailTestBed.Create("walkthrough-trail", bucket));
        var described = await _ct.CallAsync<DescribeTrailsResponse>("DescribeTrails", new DescribeTrailsRequest(null, null));
        var selectors = await _ct.CallAsync<GetEventSelectorsResponse>("GetEventSelectors", new GetEventSelectorsRequest(created.TrailARN));
        var status = await _ct.CallAsync<GetTrailStatusResponse>("GetTrailStatus", new GetTrailStatusRequest("walkthrough-trail"));

        Assert.Equal($"arn:aws:cloudtrail:us-east-1:{_ct.Account}:trail/walkthrough-trail", created.TrailARN);
        Assert.True(created.IncludeGlobalServiceEvents);
        Assert.False(created.IsMultiRegionTrail);
        var trail = Assert.Single(described.TrailList);
        Assert.Equal(("us-east-1", false), (trail.HomeRegion, trail.HasCustomEventSelectors));
        var selector = Assert.Single(selectors.EventSelectors ?? []);
        Assert.Equal(("All", true), (selector.ReadWriteType, selector.IncludeManagementEvents));
        Assert.Empty(Assert.IsAssignableFrom<IReadOnlyList<DataResource>>(selector.DataResources));
        Assert.False(status.IsLogging);
    }

    [Theory]
    [InlineData("ab")]
    [InlineData("-leading-dash")]
    [InlineData("my--trail")]
    [InlineData("my-_trail")]
    [InlineData("has space")]
    [InlineData("192.168.5.4")]
    public async Task CreateTrail_InvalidName_InvalidTrailName(string name)
    {
        var bucket = await _ct.S3.BucketAsync();

        var error = await _ct.FailAsync("CreateTrail", CloudTrailTestBed.Create(name, bucket));

        Assert.Equal("InvalidTrailNameException", error.Code);
    }

    [Fact]
    public async Task CreateTrail_Refusals()
    {
        var bucket = await _ct.S3.BucketAsync();
        await _ct.CallAsync<CreateTrailResponse>("CreateTrail", CloudTrailTestBed.Create("trail-1", bucket));

        Assert.Equal("S3BucketDoesNotExistException", (await _ct.FailAsync("CreateTrail", CloudTrailTestBed.Create("trail-2", "no-such-log-bucket"))).Code);
        Assert.Equal("TrailAlreadyExistsException", (await _ct.FailAsync("CreateTrail", CloudTrailTestBed.Create("trail-1", bucket))).Code);
        Assert.Equal("InvalidParameterCombinationException", (await _ct.FailAsync("CreateTrail", CloudTrailTestBed.Create("trail-3", bucket) with { IsMultiRegionTrail = true, IncludeGlobalServiceEvents = false })).Code);
        Assert.Equal("InvalidParameterException", (await _ct.FailAsync("CreateTrail", CloudTrailTestBed.Create("trail-4", string.Empty))).Code);
        foreach (var n in Enumerable.Range(5, 4))
        {
            await _ct.CallAsync<CreateTrailResponse>("CreateTrail", CloudTrailTestBed.Create($"trail-{n}", bucket));
        }

        Assert.Equal("MaximumNumberOfTrailsExceededException", (await _ct.FailAsync("CreateTrail", CloudTrailTestBed.Create("trail-9", bucket))).Code);
    }

    [Fact]
    public async Task MultiRegionTrail_ShadowElsewhere_ChangedOnlyFromHome()
    {
        var name = await _ct.TrailAsync(logging: false, multiRegion: true);

        var shadows = await _ct.CallAsync<DescribeTrailsResponse>("DescribeTrails", new DescribeTrailsRequest(null, null), "eu-west-1");
        var homeOnly = await _ct.CallAsync<DescribeTrailsResponse>("DescribeTrails", new DescribeTrailsRequest(null, false), "eu-west-1");
        var status = await _ct.CallAsync<GetTrailStatusResponse>("GetTrailStatus", new GetTrailStatusRequest(name), "eu-west-1");
        var start = await _ct.FailAsync("StartLogging", new StartLoggingRequest(name), "eu-west-1");
        var put = await _ct.FailAsync("PutEventSelectors", new PutEventSelectorsRequest(name, CloudTrailTestBed.Prefix("arn:aws:s3"), null), "eu-west-1");

        Assert.Equal("us-east-1", Assert.Single(shadows.TrailList).HomeRegion);
        Assert.Empty(homeOnly.TrailList);
        Assert.False(status.IsLogging);
        Assert.Equal("InvalidHomeRegionException", start.Code);
        Assert.Equal("InvalidHomeRegionException", put.Code);
    }

    [Fact]
    public async Task UnknownTrail_TrailNotFound_MalformedArn_ArnInvalid()
    {
        var single = await _ct.TrailAsync(logging: false);

        Assert.Equal("TrailNotFoundException", (await _ct.FailAsync("GetTrailStatus", new GetTrailStatusRequest("nope"))).Code);
        Assert.Equal("TrailNotFoundException", (await _ct.FailAsync("GetEventSelectors", new GetEventSelectorsRequest(single), "eu-west-1")).Code);
        Assert.Equal("CloudTrailARNInvalidException", (await _ct.FailAsync("GetTrailStatus", new GetTrailStatusRequest("arn:aws:s3:::bucket"))).Code);
        Assert.Equal("InvalidTrailNameException", (await _ct.FailAsync("StartLogging", new StartLoggingRequest(null))).Code);
    }

    [Fact]
    public async Task DescribeTrails_ByNameOrArn_UnknownNamesIgnored()
    {
        var a = await _ct.TrailAsync(logging: false);
        await _ct.TrailAsync(logging: false);
        var arn = $"arn:aws:cloudtrail:us-east-1:{_ct.Account}:trail/{a}";

        var byName = await _ct.CallAsync<DescribeTrailsResponse>("DescribeTrails", new DescribeTrailsRequest([a, "unknown"], null));
        var byArn = await _ct.CallAsync<DescribeTrailsResponse>("DescribeTrails", new DescribeTrailsRequest([arn], null));

        Assert.Equal([a], byName.TrailList.Select(t => t.Name));
        Assert.Equal([a], byArn.TrailList.Select(t => t.Name));
    }

    [Fact]
    public async Task StartAndStopLogging_TimesFromTheClock()
    {
        var name = await _ct.TrailAsync(logging: false);
        _ct.Clock.Advance(TimeSpan.FromMinutes(1));

        await _ct.CallAsync<Empty>("StartLogging", new StartLoggingRequest(name));
        var started = await _ct.CallAsync<GetTrailStatusResponse>("GetTrailStatus", new GetTrailStatusRequest(name));
        _ct.Clock.Advance(TimeSpan.FromMinutes(2));
        await _ct.CallAsync<Empty>("StopLogging", new StopLoggingRequest(name));
        var stopped = await _ct.CallAsync<GetTrailStatusResponse>("GetTrailStatus", new GetTrailStatusRequest(name));

        Assert.True(started.IsLogging);
        Assert.Equal(new DateTimeOffset(2026, 11, 25, 12, 1, 0, TimeSpan.Zero), started.StartLoggingTime);
        Assert.Equal("2026-11-25T12:01:00Z", started.TimeLoggingStarted);
        Assert.Null(started.StopLoggingTime);
        Assert.False(stopped.IsLogging);
        Assert.Equal(new DateTimeOffset(2026, 11, 25, 12, 3, 0, TimeSpan.Zero), stopped.StopLoggingTime);
        Assert.Equal("2026-11-25T12:03:00Z", stopped.TimeLoggingStopped);
    }

    [Fact]
    public async Task PutEventSelectors_Advanced_ReplacesBasic_ReturnedAsPut()
    {
        var name = await _ct.TrailAsync(logging: false, selectors: CloudTrailTestBed.Prefix("arn:aws:s3"));
        AdvancedEventSelector[] advanced =
        [
            new("raw uploads", [
                new("eventCategory", ["Data"], null, null, null, null, null),
                new("resources.type", ["AWS::S3::Object"], null, null, null, null, null),
                new("resources.ARN", null, ["arn:aws:s3:::bucket/data/products_raw/"], null, null, null, null)]),
        ];

        var put = await _ct.CallAsync<PutEventSelectorsResponse>("PutEventSelectors", new PutEventSelectorsRequest(name, null, advanced));
        var got = await _ct.CallAsync<GetEventSelectorsResponse>("GetEventSelectors", new GetEventSelectorsRequest(name));
        var trail = Assert.Single((await _ct.CallAsync<DescribeTrailsResponse>("DescribeTrails", new DescribeTrailsRequest([name], null))).TrailList);

        Assert.Null(got.EventSelectors);
        Assert.Equal(advanced, got.AdvancedEventSelectors);
        Assert.Equal(put.AdvancedEventSelectors, got.AdvancedEventSelectors);
        Assert.True(trail.HasCustomEventSelectors);
        Assert.Equal(
            """{"Name":"raw uploads","FieldSelectors":[{"Field":"eventCategory","Equals":["Data"]},{"Field":"resources.type","Equals":["AWS::S3::Object"]},{"Field":"resources.ARN","StartsWith":["arn:aws:s3:::bucket/data/products_raw/"]}]}""",
            JsonSerializer.Serialize(advanced[0], WireJson.Options));
    }

    // ----- Data events to EventBridge -----

    [Fact]
    public async Task DataEvent_LoggingTrailSelectsIt_OneApiCallEventInCloudTrailShape()
    {
        var bucket = await _ct.S3.BucketAsync();
        var name = await _ct.TrailAsync(selectors: CloudTrailTestBed.Prefix($"arn:aws:s3:::{bucket}/data/products_raw/"));
        _ct.Clock.Advance(TimeSpan.FromSeconds(30));

        await _ct.Backend.RecordAsync(_ct.ObjectCall("PutObject", bucket, "data/products_raw/product_00001.json"), Ct);

        var (published, bus) = Assert.Single(_ct.Events.Published);
        Assert.Equal("default", bus);
        Assert.Equal(("aws.s3", "AWS API Call via CloudTrail"), (published.Source, published.DetailType));
        Assert.Equal((_ct.Account, "us-east-1"), (published.Account, published.Region));
        Assert.Equal(new DateTimeOffset(2026, 11, 25, 12, 0, 30, TimeSpan.Zero), published.Time);
        Assert.Empty(published.Resources);
        var detail = published.Detail;
        Assert.Equal("1.09", Text(detail, "eventVersion"));
        Assert.Equal("Root", Text(detail, "userIdentity", "type"));
        Assert.Equal(_ct.Account, Text(detail, "userIdentity", "accountId"));
        Assert.Equal("2026-11-25T12:00:30Z", Text(detail, "eventTime"));
        Assert.Equal("s3.amazonaws.com", Text(detail, "eventSource"));
        Assert.Equal("PutObject", Text(detail, "eventName"));
        Assert.Equal("us-east-1", Text(detail, "awsRegion"));
        Assert.NotNull(Text(detail, "sourceIPAddress"));
        Assert.Equal("aws-cli/2.9.19", Text(detail, "userAgent"));
        Assert.Equal(bucket, Text(detail, "requestParameters", "bucketName"));
        Assert.Equal("s3.amazonaws.com", Text(detail, "requestParameters", "Host"));
        Assert.Equal("data/products_raw/product_00001.json", Text(detail, "requestParameters", "key"));
        Assert.True(detail.ContainsKey("responseElements"));
        Assert.Equal("SigV4", Text(detail, "additionalEventData", "SignatureVersion"));
        Assert.NotNull(Text(detail, "requestID"));
        Assert.NotNull(Text(detail, "eventID"));
        Assert.False(detail["readOnly"]?.GetValue<bool>());
        Assert.Equal(
            $$"""[{"type":"AWS::S3::Object","ARN":"arn:aws:s3:::{{bucket}}/data/products_raw/product_00001.json"},{"accountId":"{{_ct.Account}}","type":"AWS::S3::Bucket","ARN":"arn:aws:s3:::{{bucket}}"}]""",
            detail["resources"]?.ToJsonString());
        Assert.Equal("AwsApiCall", Text(detail, "eventType"));
        Assert.False(detail["managementEvent"]?.GetValue<bool>());
        Assert.Equal(_ct.Account, Text(detail, "recipientAccountId"));
        Assert.Equal("Data", Text(detail, "eventCategory"));
        var status = await _ct.CallAsync<GetTrailStatusResponse>("GetTrailStatus", new GetTrailStatusRequest(name));
        Assert.Equal(published.Time, status.LatestDeliveryTime);
    }

    [Fact]
    public async Task DataEvent_OutsideThePrefix_NothingPublished()
    {
        var bucket = await _ct.S3.BucketAsync();
        await _ct.TrailAsync(selectors: CloudTrailTestBed.Prefix($"arn:aws:s3:::{bucket}/data/products_raw/"));

        await _ct.Backend.RecordAsync(_ct.ObjectCall("PutObject", bucket, "data/products/part-0.parquet"), Ct);

        Assert.Empty(_ct.Events.Published);
    }

    [Fact]
    public async Task DataEvent_TrailNotLogging_NothingPublished_UntilStarted()
    {
        var bucket = await _ct.S3.BucketAsync();
        var name = await _ct.TrailAsync(logging: false, selectors: CloudTrailTestBed.Prefix($"arn:aws:s3:::{bucket}/"));

        await _ct.Backend.RecordAsync(_ct.ObjectCall("PutObject", bucket, "a.json"), Ct);
        await _ct.CallAsync<Empty>("StartLogging", new StartLoggingRequest(name));
        await _ct.Backend.RecordAsync(_ct.ObjectCall("PutObject", bucket, "b.json"), Ct);
        await _ct.CallAsync<Empty>("StopLogging", new StopLoggingRequest(name));
        await _ct.Backend.RecordAsync(_ct.ObjectCall("PutObject", bucket, "c.json"), Ct);

        Assert.Equal(["b.json"], _ct.Events.Published.Select(p => Text(p.Event.Detail, "requestParameters", "key")));
    }

    [Fact]
    public async Task DataEvent_TwoMatchingTrails_OneEvent()
    {
        var bucket = await _ct.S3.BucketAsync();
        await _ct.TrailAsync(selectors: CloudTrailTestBed.Prefix("arn:aws:s3"));
        await _ct.TrailAsync(advanced: [new("all", [new("eventCategory", ["Data"], null, null, null, null, null), new("resources.type", ["AWS::S3::Object"], null, null, null, null, null)])]);

        await _ct.Backend.RecordAsync(_ct.ObjectCall("PutObject", bucket, "k"), Ct);

        Assert.Single(_ct.Events.Published);
    }

    [Fact]
    public async Task DataEvent_Regions_SingleRegionTrailHomeOnly_MultiRegionTrailEverywhere()
    {
        var bucket = await _ct.S3.BucketAsync();
        await _ct.TrailAsync(selectors: CloudTrailTestBed.Prefix("arn:aws:s3"), region: "eu-west-1");

        await _ct.Backend.RecordAsync(_ct.ObjectCall("PutObject", bucket, "us.json", region: "us-east-1"), Ct);
        await _ct.Backend.RecordAsync(_ct.ObjectCall("PutObject", bucket, "eu.json", region: "eu-west-1"), Ct);
        await _ct.TrailAsync(selectors: CloudTrailTestBed.Prefix("arn:aws:s3"), region: "us-west-2", multiRegion: true);
        await _ct.Backend.RecordAsync(_ct.ObjectCall("PutObject", bucket, "ap.json", region: "ap-southeast-2"), Ct);

        Assert.Equal(
            [("eu-west-1", "eu.json"), ("ap-southeast-2", "ap.json")],
            _ct.Events.Published.Select(p => (p.Event.Region, Text(p.Event.Detail, "requestParameters", "key"))));
    }

    [Fact]
    public async Task DataEvent_OtherAccountsTrail_NothingPublished()
    {
        var bucket = await _ct.S3.BucketAsync();
        await _ct.TrailAsync(selectors: CloudTrailTestBed.Prefix("arn:aws:s3"));

        await _ct.Backend.RecordAsync(_ct.ObjectCall("PutObject", bucket, "k", account: "999988887777"), Ct);

        Assert.Empty(_ct.Events.Published);
    }

    [Fact]
    public async Task ManagementEvent_NeverPublished_DataEvent_NeverInHistory()
    {
        var bucket = await _ct.S3.BucketAsync();
        await _ct.TrailAsync(selectors: CloudTrailTestBed.Prefix("arn:aws:s3"));

        await _ct.Backend.RecordAsync(_ct.ManagementCall("CreateBucket"), Ct);
        await _ct.Backend.RecordAsync(_ct.ObjectCall("PutObject", bucket, "k"), Ct);
        var history = await LookupAsync(new LookupAttribute("EventSource", "s3.amazonaws.com"));

        Assert.Equal(["PutObject"], _ct.Events.Published.Select(p => Text(p.Event.Detail, "eventName")));
        Assert.DoesNotContain(history.Events, e => e.EventName == "PutObject");
        Assert.Contains(history.Events, e => e.EventName == "CreateBucket");
    }

    // ----- Event history -----

    [Fact]
    public async Task LookupEvents_NewestFirst_PagedWithNextToken()
    {
        foreach (var n in Enumerable.Range(1, 5))
        {
            await _ct.Backend.RecordAsync(_ct.ManagementCall($"Op{n}", "glue.amazonaws.com"), Ct);
            _ct.Clock.Advance(TimeSpan.FromSeconds(1));
        }

        var first = await LookupAsync(maxResults: 2);
        var second = await LookupAsync(maxResults: 2, nextToken: first.NextToken);
        var third = await LookupAsync(maxResults: 2, nextToken: second.NextToken);

        Assert.Equal(["Op5", "Op4"], first.Events.Select(e => e.EventName));
        Assert.Equal(["Op3", "Op2"], second.Events.Select(e => e.EventName));
        Assert.Equal(["Op1"], third.Events.Select(e => e.EventName));
        Assert.Null(third.NextToken);
    }

    [Fact]
    public async Task LookupEvents_AttributeFilters()
    {
        var bucket = $"arn:aws:s3:::history-bucket";
        var workflow = $"arn:aws:glue:us-east-1:{_ct.Account}:workflow/products";
        await _ct.Backend.RecordAsync(_ct.ManagementCall("CreateBucket", resources: [new("AWS::S3::Bucket", bucket)]), Ct);
        await _ct.Backend.RecordAsync(_ct.ManagementCall("ListBuckets"), Ct);
        await _ct.Backend.RecordAsync(_ct.ManagementCall(
            "NotifyEvent", "glue.amazonaws.com", $"arn:aws:sts::{_ct.Account}:assumed-role/EventBridgeGlueRole/events-session", [new("AWS::Glue::Workflow", workflow)], userAgent: "events.amazonaws.com"), Ct);
        var notify = Assert.Single((await LookupAsync(new LookupAttribute("EventName", "NotifyEvent"))).Events);

        async Task<string[]> NamesAsync(string key, string value) => [.. (await LookupAsync(new LookupAttribute(key, value))).Events.Select(e => e.EventName)];

        Assert.Equal(["NotifyEvent"], await NamesAsync("EventSource", "glue.amazonaws.com"));
        Assert.Equal(["ListBuckets"], await NamesAsync("ReadOnly", "true"));
        Assert.Equal(["NotifyEvent", "CreateBucket"], await NamesAsync("ReadOnly", "false"));
        Assert.Equal(["NotifyEvent"], await NamesAsync("Username", "events-session"));
        Assert.Equal(["ListBuckets", "CreateBucket"], await NamesAsync("Username", "root"));
        Assert.Equal(["CreateBucket"], await NamesAsync("ResourceType", "AWS::S3::Bucket"));
        Assert.Equal(["CreateBucket"], await NamesAsync("ResourceName", "history-bucket"));
        Assert.Equal(["NotifyEvent"], await NamesAsync("ResourceName", "products"));
        Assert.Equal(["NotifyEvent"], await NamesAsync("ResourceName", workflow));
        Assert.Equal(["NotifyEvent"], await NamesAsync("EventId", notify.EventId));
        Assert.Empty(await NamesAsync("AccessKeyId", _ct.Account));
    }

    [Fact]
    public async Task LookupEvents_GlueNotifyEvent_FullRecordAsCloudTrailEvent()
    {
        var workflow = $"arn:aws:glue:us-east-1:{_ct.Account}:workflow/products";
        var parameters = new JsonObject { ["eventPayload"] = new JsonObject { ["eventId"] = "e-1", ["eventBody"] = "{}" }, ["name"] = "products" };
        await _ct.Backend.RecordAsync(new ApiCallRecord(
            _ct.Account, "us-east-1", "glue.amazonaws.com", "NotifyEvent", _ct.Clock.GetUtcNow(), $"arn:aws:sts::{_ct.Account}:assumed-role/EventBridgeGlueRole/events-session",
            parameters, null, [new("AWS::Glue::Workflow", workflow)], false, "events.amazonaws.com"), Ct);

        var notify = Assert.Single((await LookupAsync()).Events);
        var record = JsonNode.Parse(notify.CloudTrailEvent)?.AsObject() ?? throw new InvalidOperationException("CloudTrailEvent is not JSON.");

        Assert.Equal(("events-session", "false", "glue.amazonaws.com"), (notify.Username, notify.ReadOnly, notify.EventSource));
        Assert.Equal(new Resource("AWS::Glue::Workflow", "products"), Assert.Single(notify.Resources));
        Assert.Equal(notify.EventId, Text(record, "eventID"));
        Assert.Equal("AssumedRole", Text(record, "userIdentity", "type"));
        Assert.Equal($"arn:aws:sts::{_ct.Account}:assumed-role/EventBridgeGlueRole/events-session", Text(record, "userIdentity", "arn"));
        Assert.Equal($"arn:aws:iam::{_ct.Account}:role/EventBridgeGlueRole", Text(record, "userIdentity", "sessionContext", "sessionIssuer", "arn"));
        Assert.Equal("events.amazonaws.com", Text(record, "userIdentity", "invokedBy"));
        Assert.Equal("events.amazonaws.com", Text(record, "sourceIPAddress"));
        Assert.Equal("e-1", Text(record, "requestParameters", "eventPayload", "eventId"));
        Assert.True(record["managementEvent"]?.GetValue<bool>());
        Assert.Equal("Management", Text(record, "eventCategory"));
        Assert.False(record.ContainsKey("additionalEventData"));
    }

    [Fact]
    public async Task NotifyEvent_AsEventBridgeRecordsIt_RoleNameAndServiceAgent_AssumedRole()
    {
        // EventBridge records Glue NotifyEvent with the target role's name as Username and events.amazonaws.com as agent.
        await _ct.Backend.RecordAsync(_ct.ManagementCall(
            "NotifyEvent", "glue.amazonaws.com", "EventBridgeGlueRole", [new("AWS::Glue::Workflow", $"arn:aws:glue:us-east-1:{_ct.Account}:workflow/products")], userAgent: "events.amazonaws.com"), Ct);

        var notify = Assert.Single((await LookupAsync(new LookupAttribute("Username", "EventBridgeGlueRole"))).Events);
        var record = JsonNode.Parse(notify.CloudTrailEvent)?.AsObject() ?? throw new InvalidOperationException("CloudTrailEvent is not JSON.");

        Assert.Equal("AssumedRole", Text(record, "userIdentity", "type"));
        Assert.Equal($"arn:aws:sts::{_ct.Account}:assumed-role/EventBridgeGlueRole/events", Text(record, "userIdentity", "arn"));
        Assert.Equal($"arn:aws:iam::{_ct.Account}:role/EventBridgeGlueRole", Text(record, "userIdentity", "sessionContext", "sessionIssuer", "arn"));
        Assert.Equal("events.amazonaws.com", Text(record, "userIdentity", "invokedBy"));
        Assert.Equal(("events.amazonaws.com", "events.amazonaws.com"), (Text(record, "sourceIPAddress"), Text(record, "userAgent")));
    }

    [Theory]
    [InlineData("root", null, "Root", "root")]
    [InlineData("", null, "Root", "root")]
    [InlineData("events.amazonaws.com", "events.amazonaws.com", "AWSService", "events.amazonaws.com")]
    [InlineData("arn:aws:iam::111122223333:user/data-engineer", null, "IAMUser", "data-engineer")]
    [InlineData("data-engineer", "aws-cli/2.9.19", "IAMUser", "data-engineer")]
    [InlineData("arn:aws:sts::111122223333:assumed-role/Deployer/ci", null, "AssumedRole", "ci")]
    public void UserIdentity_FromUsername(string username, string? userAgent, string type, string lookupName)
    {
        var identity = UserIdentity.Of(username, "111122223333", userAgent);

        Assert.Equal((type, lookupName), (identity.Type, identity.LookupName));
    }

    [Fact]
    public async Task LookupEvents_TimeRange_Inclusive()
    {
        var start = _ct.Clock.GetUtcNow();
        foreach (var n in Enumerable.Range(0, 4))
        {
            await _ct.Backend.RecordAsync(_ct.ManagementCall($"At{n}"), Ct);
            _ct.Clock.Advance(TimeSpan.FromMinutes(10));
        }

        var middle = await LookupAsync(startTime: start.AddMinutes(10), endTime: start.AddMinutes(20));
        var error = await _ct.FailAsync("LookupEvents", new LookupEventsRequest(null, start.AddMinutes(20), start, null, null, null));

        Assert.Equal(["At2", "At1"], middle.Events.Select(e => e.EventName));
        Assert.Equal("InvalidTimeRangeException", error.Code);
    }

    [Fact]
    public async Task LookupEvents_OlderThan90Days_Gone()
    {
        await _ct.Backend.RecordAsync(_ct.ManagementCall("Old"), Ct);
        _ct.Clock.Advance(TimeSpan.FromDays(89));
        await _ct.Backend.RecordAsync(_ct.ManagementCall("Recent"), Ct);

        var before = await LookupAsync();
        _ct.Clock.Advance(TimeSpan.FromDays(2));
        var after = await LookupAsync();

        Assert.Equal(["Recent", "Old"], before.Events.Select(e => e.EventName));
        Assert.Equal(["Recent"], after.Events.Select(e => e.EventName));
    }

    [Fact]
    public async Task History_BoundedPerAccountAndRegion_OldestDropped()
    {
        var small = new CloudTrailTestBed(historyCapacity: 3);
        foreach (var n in Enumerable.Range(1, 5))
        {
            await small.Backend.RecordAsync(small.ManagementCall($"Op{n}"), Ct);
        }

        await small.Backend.RecordAsync(small.ManagementCall("Elsewhere", region: "eu-west-1"), Ct);

        var events = await small.CallAsync<LookupEventsResponse>("LookupEvents", new LookupEventsRequest(null, null, null, null, null, null));
        var eu = await small.CallAsync<LookupEventsResponse>("LookupEvents", new LookupEventsRequest(null, null, null, null, null, null), "eu-west-1");
        Assert.Equal(["Op5", "Op4", "Op3"], events.Events.Select(e => e.EventName));
        Assert.Equal(["Elsewhere"], eu.Events.Select(e => e.EventName));
    }

    [Fact]
    public async Task LookupEvents_BadRequests_TypedErrors()
    {
        await _ct.Backend.RecordAsync(_ct.ManagementCall("A"), Ct);
        await _ct.Backend.RecordAsync(_ct.ManagementCall("B"), Ct);
        var page = await LookupAsync(maxResults: 1);

        Assert.Equal("InvalidLookupAttributesException", (await _ct.FailAsync("LookupEvents", new LookupEventsRequest([new("EventName", "A"), new("EventSource", "s3.amazonaws.com")], null, null, null, null, null))).Code);
        Assert.Equal("InvalidLookupAttributesException", (await _ct.FailAsync("LookupEvents", new LookupEventsRequest([new("Bucket", "A")], null, null, null, null, null))).Code);
        Assert.Equal("InvalidMaxResultsException", (await _ct.FailAsync("LookupEvents", new LookupEventsRequest(null, null, null, null, 51, null))).Code);
        Assert.Equal("InvalidMaxResultsException", (await _ct.FailAsync("LookupEvents", new LookupEventsRequest(null, null, null, null, 0, null))).Code);
        Assert.Equal("InvalidNextTokenException", (await _ct.FailAsync("LookupEvents", new LookupEventsRequest(null, null, null, null, null, "garbage"))).Code);
        Assert.Equal("InvalidNextTokenException", (await _ct.FailAsync("LookupEvents", new LookupEventsRequest([new("EventName", "A")], null, null, null, 1, page.NextToken))).Code);
        Assert.Equal("InvalidEventCategoryException", (await _ct.FailAsync("LookupEvents", new LookupEventsRequest(null, null, null, "management", null, null))).Code);
        Assert.Empty((await _ct.CallAsync<LookupEventsResponse>("LookupEvents", new LookupEventsRequest(null, null, null, "insight", null, null))).Events);
    }

    private Task<LookupEventsResponse> LookupAsync(LookupAttribute? attribute = null, int? maxResults = null, string? nextToken = null, DateTimeOffset? startTime = null, DateTimeOffset? endTime = null) =>
        _ct.CallAsync<LookupEventsResponse>("LookupEvents", new LookupEventsRequest(attribute is null ? null : [attribute], startTime, endTime, null, maxResults, nextToken));

    private static string? Text(JsonObject json, params string[] path)
    {
        JsonNode? node = json;
        foreach (var name in path)
        {
            node = node?[name];
        }

        return node?.GetValue<string>();
    }
}
