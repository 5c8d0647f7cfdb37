using System.Net;
using System.Text.Json;
using Dashboard.Aws.CloudTrail;
using Dashboard.Aws.Protocol;
using Dashboard.Tests.Shared;

namespace Dashboard.Tests.Aws.CloudTrail;

/// <summary>What each CloudTrail operation puts on the wire and how its answers and errors are read.</summary>
public sealed class CloudTrailWireTests
{
    private const string TargetPrefix = "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101";

    private const string TrailArn = "arn:aws:cloudtrail:eu-west-1:123456789012:trail/audit";

    public static TheoryData<string> Operations() => new(Calls.Keys);

    private static readonly Dictionary<string, (Func<ICloudTrailApi, Task> Call, string[] BodyMembers)> Calls = new()
    {
        // The model spells DescribeTrails' members in camelCase.
        ["DescribeTrails"] = (c => c.DescribeTrailsAsync(new() { TrailNameList = ["audit"], IncludeShadowTrails = false }), ["includeShadowTrails", "trailNameList"]),
        ["GetEventSelectors"] = (c => c.GetEventSelectorsAsync(new() { TrailName = "audit" }), ["TrailName"]),
        ["GetTrailStatus"] = (c => c.GetTrailStatusAsync(new() { Name = TrailArn }), ["Name"]),
        ["LookupEvents"] = (c => c.LookupEventsAsync(new()
        {
            LookupAttributes = [new() { AttributeKey = "EventSource", AttributeValue = "glue.amazonaws.com" }],
            StartTime = DateTimeOffset.UnixEpoch,
            EndTime = DateTimeOffset.UnixEpoch.AddDays(1),
            EventCategory = "insight",
            MaxResults = 50,
            NextToken = "t",
        }), ["EndTime", "EventCategory", "LookupAttributes", "MaxResults", "NextToken", "StartTime"]),
    };

    private static CloudTrailClient Client(FakeAwsHandler handler, string region = "eu-west-1") =>
        new(TestClients.Credentials, TestClients.FakeConfig(CloudTrailClient.Spec, handler, region));

    [Theory]
    [MemberData(nameof(Operations))]
    public async Task Operation_WritesJson11RequestWithTargetAndMembers(string operation)
    {
        var handler = new FakeAwsHandler().RespondJson("{}");
        using var cloudTrail = Client(handler);

        await Calls[operation].Call(cloudTrail);

        var request = Assert.Single(handler.Requests);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("https://cloudtrail.eu-west-1.amazonaws.com/", request.Uri.ToString());
        Assert.Equal($"{TargetPrefix}.{operation}", request.Header("X-Amz-Target"));
        Assert.StartsWith("application/x-amz-json-1.1", request.Header("Content-Type"), StringComparison.Ordinal);
        Assert.Contains("/eu-west-1/cloudtrail/aws4_request", request.Header("Authorization"), StringComparison.Ordinal);
        var members = JsonDocument.Parse(request.Body).RootElement.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal);
        Assert.Equal(Calls[operation].BodyMembers, members);
    }

    [Theory]
    [InlineData("us-east-1")]
    [InlineData("ap-southeast-2")]
    public async Task AnyRegion_EndpointAndSigningScope_FollowTheRegion(string region)
    {
        var handler = new FakeAwsHandler().RespondJson("""{"trailList":[]}""");
        using var cloudTrail = Client(handler, region);

        await cloudTrail.DescribeTrailsAsync(new(), TestContext.Current.CancellationToken);

        var request = Assert.Single(handler.Requests);
        Assert.Equal($"https://cloudtrail.{region}.amazonaws.com/", request.Uri.ToString());
        Assert.Contains($"/{region}/cloudtrail/aws4_request", request.Header("Authorization"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DescribeTrails_WritesAndReadsTheCamelCaseMembers()
    {
        var handler = new FakeAwsHandler().RespondJson("""
            {"trailList":[{"Name":"audit","S3BucketName":"audit-logs","S3KeyPrefix":"ct","SnsTopicName":"audit-topic",
              "SnsTopicARN":"arn:aws:sns:eu-west-1:123456789012:audit-topic","IncludeGlobalServiceEvents":true,
              "IsMultiRegionTrail":true,"HomeRegion":"eu-west-1","TrailARN":"arn:aws:cloudtrail:eu-west-1:123456789012:trail/audit",
              "LogFileValidationEnabled":true,"CloudWatchLogsLogGroupArn":"arn:aws:logs:eu-west-1:123456789012:log-group:ct:*",
              "CloudWatchLogsRoleArn":"arn:aws:iam::123456789012:role/ct","KmsKeyId":"arn:aws:kms:eu-west-1:123456789012:key/k",
              "HasCustomEventSelectors":true,"HasInsightSelectors":false,"IsOrganizationTrail":false}]}
            """);
        using var cloudTrail = Client(handler);

        var response = await cloudTrail.DescribeTrailsAsync(new() { TrailNameList = ["audit", TrailArn], IncludeShadowTrails = true }, TestContext.Current.CancellationToken);

        var body = JsonDocument.Parse(handler.Requests[0].Body).RootElement;
        Assert.Equal(["audit", TrailArn], body.GetProperty("trailNameList").EnumerateArray().Select(e => e.GetString()));
        Assert.True(body.GetProperty("includeShadowTrails").GetBoolean());
        Assert.Equal(
            new Trail
            {
                Name = "audit",
                S3BucketName = "audit-logs",
                S3KeyPrefix = "ct",
                SnsTopicName = "audit-topic",
                SnsTopicARN = "arn:aws:sns:eu-west-1:123456789012:audit-topic",
                IncludeGlobalServiceEvents = true,
                IsMultiRegionTrail = true,
                HomeRegion = "eu-west-1",
                TrailARN = TrailArn,
                LogFileValidationEnabled = true,
                CloudWatchLogsLogGroupArn = "arn:aws:logs:eu-west-1:123456789012:log-group:ct:*",
                CloudWatchLogsRoleArn = "arn:aws:iam::123456789012:role/ct",
                KmsKeyId = "arn:aws:kms:eu-west-1:123456789012:key/k",
                HasCustomEventSelectors = true,
                HasInsightSelectors = false,
                IsOrganizationTrail = false,
            },
            Assert.Single(response.TrailList ?? []));
    }

    [Fact]
    public async Task DescribeTrails_EmptyRequest_SendsAnEmptyObject()
    {
        var handler = new FakeAwsHandler().RespondJson("""{"trailList":[]}""");
        using var cloudTrail = Client(handler);

        var response = await cloudTrail.DescribeTrailsAsync(new(), TestContext.Current.CancellationToken);

        Assert.Equal("{}", handler.Requests[0].Body);
        Assert.NotNull(response.TrailList);
        Assert.Empty(response.TrailList);
    }

    [Fact]
    public async Task GetEventSelectors_ReadsBasicSelectorsWithDataResources()
    {
        var handler = new FakeAwsHandler().RespondJson($$"""
            {"TrailARN":"{{TrailArn}}","EventSelectors":[
              {"ReadWriteType":"WriteOnly","IncludeManagementEvents":true,
               "DataResources":[{"Type":"AWS::S3::Object","Values":["arn:aws:s3:::landing/incoming/","arn:aws:s3:::raw/"]}],
               "ExcludeManagementEventSources":["kms.amazonaws.com"]}]}
            """);
        using var cloudTrail = Client(handler);

        var response = await cloudTrail.GetEventSelectorsAsync(new() { TrailName = "audit" }, TestContext.Current.CancellationToken);

        Assert.Equal(TrailArn, response.TrailARN);
        Assert.Null(response.AdvancedEventSelectors);
        var selector = Assert.Single(response.EventSelectors ?? []);
        Assert.Equal("WriteOnly", selector.ReadWriteType);
        Assert.True(selector.IncludeManagementEvents);
        Assert.Equal(["kms.amazonaws.com"], selector.ExcludeManagementEventSources);
        var resource = Assert.Single(selector.DataResources ?? []);
        Assert.Equal("AWS::S3::Object", resource.Type);
        Assert.Equal(["arn:aws:s3:::landing/incoming/", "arn:aws:s3:::raw/"], resource.Values);
    }

    [Fact]
    public async Task GetEventSelectors_ReadsAdvancedSelectorsWithEveryOperator()
    {
        var handler = new FakeAwsHandler().RespondJson($$"""
            {"TrailARN":"{{TrailArn}}","AdvancedEventSelectors":[
              {"Name":"Glue landing writes","FieldSelectors":[
                {"Field":"eventCategory","Equals":["Data"]},
                {"Field":"resources.type","Equals":["AWS::S3::Object"]},
                {"Field":"resources.ARN","StartsWith":["arn:aws:s3:::landing/incoming/"],"EndsWith":[".csv",".json"],
                 "NotEquals":["arn:aws:s3:::landing/incoming/skip"],"NotStartsWith":["arn:aws:s3:::landing/incoming/tmp/"],"NotEndsWith":[".tmp"]}]}]}
            """);
        using var cloudTrail = Client(handler);

        var response = await cloudTrail.GetEventSelectorsAsync(new() { TrailName = TrailArn }, TestContext.Current.CancellationToken);

        Assert.Null(response.EventSelectors);
        var selector = Assert.Single(response.AdvancedEventSelectors ?? []);
        Assert.Equal("Glue landing writes", selector.Name);
        Assert.NotNull(selector.FieldSelectors);
        Assert.Equal(["eventCategory", "resources.type", "resources.ARN"], selector.FieldSelectors.Select(f => f.Field));
        Assert.Equal(["Data"], selector.FieldSelectors[0].EqualTo);
        Assert.Null(selector.FieldSelectors[0].StartsWith);
        var arn = selector.FieldSelectors[2];
        Assert.Null(arn.EqualTo);
        Assert.Equal(["arn:aws:s3:::landing/incoming/"], arn.StartsWith);
        Assert.Equal([".csv", ".json"], arn.EndsWith);
        Assert.Equal(["arn:aws:s3:::landing/incoming/skip"], arn.NotEquals);
        Assert.Equal(["arn:aws:s3:::landing/incoming/tmp/"], arn.NotStartsWith);
        Assert.Equal([".tmp"], arn.NotEndsWith);
    }

    [Fact]
    public void AdvancedFieldSelector_EqualTo_TravelsAsEquals()
    {
        var selector = new AdvancedFieldSelector { Field = "eventCategory", EqualTo = ["Data"] };

        var json = JsonDocument.Parse(AwsJson.Serialize(selector)).RootElement;

        Assert.Equal(["Field", "Equals"], json.EnumerateObject().Select(p => p.Name));
        Assert.Equal(["Data"], AwsJson.Deserialize<AdvancedFieldSelector>(AwsJson.Serialize(selector)).EqualTo);
    }

    [Fact]
    public async Task GetTrailStatus_ReadsEpochTimestampsAndErrors()
    {
        var handler = new FakeAwsHandler().RespondJson("""
            {"IsLogging":true,"LatestDeliveryError":"AccessDenied","LatestNotificationError":"NotFound",
             "LatestDeliveryTime":1.700000000123E9,"LatestNotificationTime":1700000001,"StartLoggingTime":1600000000,
             "StopLoggingTime":1500000000,"LatestCloudWatchLogsDeliveryError":"ThrottlingException",
             "LatestCloudWatchLogsDeliveryTime":1700000002,"LatestDigestDeliveryTime":1700000003,"LatestDigestDeliveryError":"NoSuchBucket",
             "LatestDeliveryAttemptTime":"2023-11-14T22:13:20Z","TimeLoggingStarted":"2020-09-13T12:26:40Z"}
            """);
        using var cloudTrail = Client(handler);

        var status = await cloudTrail.GetTrailStatusAsync(new() { Name = "audit" }, TestContext.Current.CancellationToken);

        var epoch = DateTimeOffset.FromUnixTimeSeconds;
        Assert.Equal(
            new GetTrailStatusResponse
            {
                IsLogging = true,
                LatestDeliveryError = "AccessDenied",
                LatestNotificationError = "NotFound",
                LatestDeliveryTime = new DateTimeOffset(2023, 11, 14, 22, 13, 20, 123, TimeSpan.Zero),
                LatestNotificationTime = epoch(1700000001),
                StartLoggingTime = epoch(1600000000),
                StopLoggingTime = epoch(1500000000),
                LatestCloudWatchLogsDeliveryError = "ThrottlingException",
                LatestCloudWatchLogsDeliveryTime = epoch(1700000002),
                LatestDigestDeliveryTime = epoch(1700000003),
                LatestDigestDeliveryError = "NoSuchBucket",
            },
            status);
    }

    [Fact]
    public async Task LookupEvents_SendsOneAttributeAndAnEpochTimeRange()
    {
        var handler = new FakeAwsHandler().RespondJson("{}");
        using var cloudTrail = Client(handler);

        await cloudTrail.LookupEventsAsync(
            new()
            {
                LookupAttributes = [new() { AttributeKey = "ResourceName", AttributeValue = "orders-workflow" }],
                StartTime = new DateTimeOffset(2023, 11, 14, 22, 13, 20, TimeSpan.Zero),
                EndTime = new DateTimeOffset(2023, 11, 14, 23, 13, 20, 500, TimeSpan.Zero),
                MaxResults = 10,
            },
            TestContext.Current.CancellationToken);

        var body = JsonDocument.Parse(handler.Requests[0].Body).RootElement;
        var attribute = Assert.Single(body.GetProperty("LookupAttributes").EnumerateArray());
        Assert.Equal("ResourceName", attribute.GetProperty("AttributeKey").GetString());
        Assert.Equal("orders-workflow", attribute.GetProperty("AttributeValue").GetString());
        Assert.Equal(1700000000, body.GetProperty("StartTime").GetInt64());
        Assert.Equal(1700003600.5, body.GetProperty("EndTime").GetDouble());
        Assert.Equal(10, body.GetProperty("MaxResults").GetInt32());
        Assert.False(body.TryGetProperty("EventCategory", out _), "absent members are not sent as null");
        Assert.False(body.TryGetProperty("NextToken", out _));
    }

    [Fact]
    public async Task LookupEvents_ReadsEventsWithResourcesAndTheRawRecord()
    {
        var handler = new FakeAwsHandler().RespondJson("""
            {"Events":[{"EventId":"e-1","EventName":"StartWorkflowRun","ReadOnly":"false","AccessKeyId":"ASIAEXAMPLE",
              "EventTime":1700000000,"EventSource":"glue.amazonaws.com","Username":"events-to-glue",
              "Resources":[{"ResourceType":"AWS::Glue::Workflow","ResourceName":"orders"}],
              "CloudTrailEvent":"{\"eventVersion\":\"1.09\",\"eventName\":\"StartWorkflowRun\"}"}],
             "NextToken":"n"}
            """);
        using var cloudTrail = Client(handler);

        var response = await cloudTrail.LookupEventsAsync(new(), TestContext.Current.CancellationToken);

        Assert.Equal("n", response.NextToken);
        var lookedUp = Assert.Single(response.Events ?? []);
        Assert.Equal("e-1", lookedUp.EventId);
        Assert.Equal("StartWorkflowRun", lookedUp.EventName);
        Assert.Equal("false", lookedUp.ReadOnly);
        Assert.Equal("ASIAEXAMPLE", lookedUp.AccessKeyId);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1700000000), lookedUp.EventTime);
        Assert.Equal("glue.amazonaws.com", lookedUp.EventSource);
        Assert.Equal("events-to-glue", lookedUp.Username);
        Assert.Equal([new Resource { ResourceType = "AWS::Glue::Workflow", ResourceName = "orders" }], lookedUp.Resources);
        Assert.Equal("1.09", JsonDocument.Parse(lookedUp.CloudTrailEvent ?? "{}").RootElement.GetProperty("eventVersion").GetString());
    }

    [Fact]
    public async Task TrailNotFound_WithNamespacedType_BecomesTypedNotFoundWithoutRetry()
    {
        var handler = new FakeAwsHandler().RespondJson(
            """{"__type":"com.amazonaws.cloudtrail.v20131101#TrailNotFoundException","Message":"Unknown trail: audit for the user: 123456789012"}""",
            HttpStatusCode.BadRequest);
        using var cloudTrail = Client(handler);

        var error = await Assert.ThrowsAsync<AwsNotFoundException>(
            () => cloudTrail.GetTrailStatusAsync(new() { Name = "audit" }, TestContext.Current.CancellationToken));

        Assert.Equal("TrailNotFoundException", error.ErrorCode);
        Assert.Equal("CloudTrail", error.Service);
        Assert.Equal("GetTrailStatus", error.Operation);
        Assert.Equal("CloudTrail GetTrailStatus failed with TrailNotFoundException (HTTP 400): Unknown trail: audit for the user: 123456789012", error.Message);
        Assert.Single(handler.Requests);
    }

    [Theory]
    [InlineData("InvalidLookupAttributesException")]
    [InlineData("InvalidTimeRangeException")]
    [InlineData("InvalidMaxResultsException")]
    [InlineData("InvalidNextTokenException")]
    [InlineData("InvalidEventCategoryException")]
    public async Task LookupEvents_BadInputErrors_BecomeTypedInvalidInput(string code)
    {
        var handler = new FakeAwsHandler().RespondJson($$"""{"__type":"{{code}}","Message":"bad"}""", HttpStatusCode.BadRequest);
        using var cloudTrail = Client(handler);

        var error = await Assert.ThrowsAsync<AwsInvalidInputException>(
            () => cloudTrail.LookupEventsAsync(new() { MaxResults = 51 }, TestContext.Current.CancellationToken));

        Assert.Equal(code, error.ErrorCode);
        Assert.Single(handler.Requests);
    }

    [Theory]
    [InlineData("InvalidTrailNameException")]
    [InlineData("CloudTrailARNInvalidException")]
    public async Task GetEventSelectors_BadTrailName_BecomesTypedInvalidInput(string code)
    {
        var handler = new FakeAwsHandler().RespondJson($$"""{"__type":"{{code}}","Message":"bad"}""", HttpStatusCode.BadRequest);
        using var cloudTrail = Client(handler);

        var error = await Assert.ThrowsAsync<AwsInvalidInputException>(
            () => cloudTrail.GetEventSelectorsAsync(new() { TrailName = "arn:aws:cloudtrail:bad" }, TestContext.Current.CancellationToken));

        Assert.Equal(code, error.ErrorCode);
    }

    [Fact]
    public async Task LookupEvents_Throttled_IsRetriedByTheSdkPipeline_ThenSurfacesAsTypedThrottling()
    {
        var handler = new FakeAwsHandler();
        for (var i = 0; i < 3; i++)
        {
            handler.RespondJson("""{"__type":"ThrottlingException","Message":"Rate exceeded"}""", HttpStatusCode.BadRequest);
        }

        using var cloudTrail = Client(handler);

        var error = await Assert.ThrowsAsync<AwsThrottlingException>(
            () => cloudTrail.LookupEventsAsync(new(), TestContext.Current.CancellationToken));

        Assert.Equal("ThrottlingException", error.ErrorCode);
        Assert.Equal(3, handler.Requests.Count);
    }

    [Fact]
    public async Task LookupEventsPaginator_FollowsNextTokenUntilAbsent_KeepingTheQuery()
    {
        var handler = new FakeAwsHandler()
            .RespondJson("""{"Events":[{"EventId":"a"},{"EventId":"b"}],"NextToken":"p2"}""")
            .RespondJson("""{"Events":[{"EventId":"c"}],"NextToken":"p3"}""")
            .RespondJson("""{"Events":[]}""");
        using var cloudTrail = Client(handler);
        var request = new LookupEventsRequest
        {
            LookupAttributes = [new() { AttributeKey = "EventSource", AttributeValue = "glue.amazonaws.com" }],
            StartTime = DateTimeOffset.FromUnixTimeSeconds(1700000000),
            MaxResults = 2,
        };

        var ids = new List<string?>();
        await foreach (var page in cloudTrail.LookupEventsPagesAsync(request, TestContext.Current.CancellationToken))
        {
            ids.AddRange((page.Events ?? []).Select(e => e.EventId));
        }

        Assert.Equal(["a", "b", "c"], ids);
        Assert.Equal(3, handler.Requests.Count);
        var bodies = handler.Requests.Select(r => JsonDocument.Parse(r.Body).RootElement).ToList();
        Assert.False(bodies[0].TryGetProperty("NextToken", out _));
        Assert.Equal("p2", bodies[1].GetProperty("NextToken").GetString());
        Assert.Equal("p3", bodies[2].GetProperty("NextToken").GetString());
        Assert.All(bodies, b =>
        {
            Assert.Equal(2, b.GetProperty("MaxResults").GetInt32());
            Assert.Equal(1700000000, b.GetProperty("StartTime").GetInt64());
            Assert.Equal("glue.amazonaws.com", b.GetProperty("LookupAttributes")[0].GetProperty("AttributeValue").GetString());
        });
    }
}
