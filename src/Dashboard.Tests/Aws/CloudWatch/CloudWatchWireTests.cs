using System.Net;
using System.Text.Json;
using Dashboard.Aws.CloudWatch;
using Dashboard.Aws.Protocol;
using Dashboard.Tests.Shared;

namespace Dashboard.Tests.Aws.CloudWatch;

/// <summary>What each CloudWatch operation puts on the wire (AWS JSON 1.0, query-compatible), and how replies are read.</summary>
public sealed class CloudWatchWireTests
{
    private const string Json10 = "application/x-amz-json-1.0";

    private static readonly DateTimeOffset Start = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    public static TheoryData<string> Operations() => new(Calls.Keys);

    private static readonly Dictionary<string, (Func<ICloudWatchApi, Task> Call, string[] BodyMembers)> Calls = new()
    {
        ["GetMetricData"] = (c => c.GetMetricDataAsync(new()
        {
            MetricDataQueries = [new() { Id = "e", Expression = "SUM(METRICS())" }],
            StartTime = Start,
            EndTime = Start.AddHours(1),
            NextToken = "t",
            ScanBy = "TimestampAscending",
            MaxDatapoints = 1000,
        }), ["EndTime", "MaxDatapoints", "MetricDataQueries", "NextToken", "ScanBy", "StartTime"]),
        ["ListMetrics"] = (c => c.ListMetricsAsync(new()
        {
            Namespace = "AWS/Events",
            MetricName = "Invocations",
            Dimensions = [new() { Name = "RuleName" }],
            RecentlyActive = "PT3H",
            NextToken = "t",
        }), ["Dimensions", "MetricName", "Namespace", "NextToken", "RecentlyActive"]),
    };

    private static CloudWatchClient Client(FakeAwsHandler handler) =>
        new(TestClients.Credentials, TestClients.FakeConfig(CloudWatchClient.Spec, handler));

    [Theory]
    [MemberData(nameof(Operations))]
    public async Task Operation_WritesQueryCompatibleJson10RequestWithTargetAndMembers(string operation)
    {
        var handler = new FakeAwsHandler().RespondJson("{}", contentType: Json10);
        using var cloudWatch = Client(handler);

        await Calls[operation].Call(cloudWatch);

        var request = Assert.Single(handler.Requests);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("https://monitoring.eu-west-1.amazonaws.com/", request.Uri.ToString());
        Assert.Equal($"GraniteServiceVersion20100801.{operation}", request.Header("X-Amz-Target"));
        Assert.StartsWith(Json10, request.Header("Content-Type"), StringComparison.Ordinal);
        Assert.Equal("true", request.Header("x-amzn-query-mode"));
        Assert.Contains("/eu-west-1/monitoring/aws4_request", request.Header("Authorization"), StringComparison.Ordinal);
        var members = JsonDocument.Parse(request.Body).RootElement.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal);
        Assert.Equal(Calls[operation].BodyMembers, members);
    }

    [Fact]
    public async Task GetMetricData_SendsNestedQueriesAndEpochSecondTimestamps()
    {
        var handler = new FakeAwsHandler().RespondJson("{}", contentType: Json10);
        using var cloudWatch = Client(handler);

        await cloudWatch.GetMetricDataAsync(new()
        {
            MetricDataQueries =
            [
                new()
                {
                    Id = "invocations",
                    Label = "Invocations",
                    ReturnData = false,
                    MetricStat = new()
                    {
                        Metric = new()
                        {
                            Namespace = "AWS/Events",
                            MetricName = "Invocations",
                            Dimensions = [new() { Name = "EventBusName", Value = "default" }, new() { Name = "RuleName", Value = "start-wf" }],
                        },
                        Period = 60,
                        Stat = "Sum",
                        Unit = "Count",
                    },
                },
                new() { Id = "failed_ratio", Expression = "failed / invocations", Period = 300 },
            ],
            StartTime = Start,
            EndTime = Start.AddMinutes(30).AddMilliseconds(500),
        });

        var body = JsonDocument.Parse(handler.Requests[0].Body).RootElement;
        Assert.Equal(JsonValueKind.Number, body.GetProperty("StartTime").ValueKind);
        Assert.Equal(Start.ToUnixTimeSeconds(), body.GetProperty("StartTime").GetInt64());
        Assert.Equal(Start.ToUnixTimeSeconds() + 1800.5, body.GetProperty("EndTime").GetDouble());

        var first = body.GetProperty("MetricDataQueries")[0];
        Assert.Equal("invocations", first.GetProperty("Id").GetString());
        Assert.Equal("Invocations", first.GetProperty("Label").GetString());
        Assert.False(first.GetProperty("ReturnData").GetBoolean());
        var stat = first.GetProperty("MetricStat");
        Assert.Equal(60, stat.GetProperty("Period").GetInt32());
        Assert.Equal("Sum", stat.GetProperty("Stat").GetString());
        Assert.Equal("Count", stat.GetProperty("Unit").GetString());
        Assert.Equal("AWS/Events", stat.GetProperty("Metric").GetProperty("Namespace").GetString());
        Assert.Equal("Invocations", stat.GetProperty("Metric").GetProperty("MetricName").GetString());
        var dimensions = stat.GetProperty("Metric").GetProperty("Dimensions");
        Assert.Equal("EventBusName", dimensions[0].GetProperty("Name").GetString());
        Assert.Equal("start-wf", dimensions[1].GetProperty("Value").GetString());

        var second = body.GetProperty("MetricDataQueries")[1];
        Assert.Equal("failed / invocations", second.GetProperty("Expression").GetString());
        Assert.Equal(300, second.GetProperty("Period").GetInt32());
        Assert.False(second.TryGetProperty("MetricStat", out _), "absent members are not sent as null");
        Assert.False(body.TryGetProperty("NextToken", out _));
    }

    [Fact]
    public async Task GetMetricData_ReadsResultsWithTimestampsValuesStatusAndMessages()
    {
        var handler = new FakeAwsHandler().RespondJson("""
            {"MetricDataResults":[
               {"Id":"invocations","Label":"Invocations","Timestamps":[1740830520,1740830460.5],"Values":[4.0,2],
                "StatusCode":"PartialData","Messages":[{"Code":"MaxDatapointsExceeded","Value":"more on the next page"}]},
               {"Id":"failed","Label":"FailedInvocations","Timestamps":[],"Values":[],"StatusCode":"Complete"}],
             "NextToken":"page-2",
             "Messages":[{"Code":"Warning","Value":"partial"}]}
            """, contentType: Json10);
        using var cloudWatch = Client(handler);

        var response = await cloudWatch.GetMetricDataAsync(new()
        {
            MetricDataQueries = [new() { Id = "invocations", Expression = "x" }],
            StartTime = Start,
            EndTime = Start.AddHours(1),
        });

        Assert.Equal("page-2", response.NextToken);
        Assert.Equal("partial", Assert.Single(response.Messages ?? []).Value);
        var results = response.MetricDataResults ?? [];
        Assert.Equal(2, results.Count);
        Assert.Equal("invocations", results[0].Id);
        Assert.Equal("Invocations", results[0].Label);
        Assert.Equal([Start.AddMinutes(2), Start.AddMinutes(1).AddMilliseconds(500)], results[0].Timestamps);
        Assert.Equal([4.0, 2.0], results[0].Values);
        Assert.Equal("PartialData", results[0].StatusCode);
        Assert.Equal("MaxDatapointsExceeded", Assert.Single(results[0].Messages ?? []).Code);
        Assert.Empty(results[1].Timestamps ?? [DateTimeOffset.MinValue]);
        Assert.Empty(results[1].Values ?? [double.NaN]);
        Assert.Equal("Complete", results[1].StatusCode);
    }

    [Fact]
    public async Task ListMetrics_SendsDimensionFiltersAndReadsMetrics()
    {
        var handler = new FakeAwsHandler().RespondJson("""
            {"Metrics":[
               {"Namespace":"AWS/Events","MetricName":"TriggeredRules","Dimensions":[{"Name":"RuleName","Value":"start-wf"}]},
               {"Namespace":"AWS/Events","MetricName":"Invocations","Dimensions":[{"Name":"EventBusName","Value":"default"},{"Name":"RuleName","Value":"start-wf"}]}],
             "OwningAccounts":["123456789012"]}
            """, contentType: Json10);
        using var cloudWatch = Client(handler);

        var response = await cloudWatch.ListMetricsAsync(new()
        {
            Namespace = "AWS/Events",
            Dimensions = [new() { Name = "RuleName", Value = "start-wf" }, new() { Name = "EventBusName" }],
        });

        var filters = JsonDocument.Parse(handler.Requests[0].Body).RootElement.GetProperty("Dimensions");
        Assert.Equal("start-wf", filters[0].GetProperty("Value").GetString());
        Assert.Equal("EventBusName", filters[1].GetProperty("Name").GetString());
        Assert.False(filters[1].TryGetProperty("Value", out _), "a filter without a value matches any value");

        var metrics = response.Metrics ?? [];
        Assert.Equal(["TriggeredRules", "Invocations"], metrics.Select(m => m.MetricName));
        Assert.Equal("AWS/Events", metrics[1].Namespace);
        Assert.Equal(
            [new Dimension { Name = "EventBusName", Value = "default" }, new Dimension { Name = "RuleName", Value = "start-wf" }],
            metrics[1].Dimensions ?? []);
        Assert.Null(response.NextToken);
        Assert.Equal(["123456789012"], response.OwningAccounts);
    }

    [Fact]
    public async Task QueryErrorHeader_GivesTheQueryCodeAndTypedInvalidInput()
    {
        var handler = new FakeAwsHandler().RespondJson(
            """{"__type":"com.amazonaws.cloudwatch#InvalidParameterValueException","message":"The parameter Period must be a multiple of 60."}""",
            HttpStatusCode.BadRequest,
            Json10,
            new Dictionary<string, string> { ["x-amzn-query-error"] = "InvalidParameterValue;Sender" });
        using var cloudWatch = Client(handler);

        var error = await Assert.ThrowsAsync<AwsInvalidInputException>(() => cloudWatch.GetMetricDataAsync(new()
        {
            MetricDataQueries = [new() { Id = "m", MetricStat = new() { Metric = new() { MetricName = "Invocations" }, Period = 61, Stat = "Sum" } }],
            StartTime = Start,
            EndTime = Start.AddHours(1),
        }));

        Assert.Equal("InvalidParameterValue", error.ErrorCode);
        Assert.Equal("CloudWatch", error.Service);
        Assert.Equal("GetMetricData", error.Operation);
        Assert.Equal("The parameter Period must be a multiple of 60.", error.AwsMessage);
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task ErrorWithoutQueryHeader_FallsBackOnTheJsonType()
    {
        var handler = new FakeAwsHandler().RespondJson(
            """{"__type":"com.amazonaws.cloudwatch#InvalidNextToken","message":"The service couldn't process the token."}""",
            HttpStatusCode.BadRequest,
            Json10);
        using var cloudWatch = Client(handler);

        var error = await Assert.ThrowsAsync<AwsInvalidInputException>(() => cloudWatch.ListMetricsAsync(new() { NextToken = "stale" }));

        Assert.Equal("InvalidNextToken", error.ErrorCode);
    }

    [Fact]
    public async Task ThrottlingQueryError_IsRetriedByTheSdkPipeline_ThenSucceeds()
    {
        var handler = new FakeAwsHandler()
            .RespondJson(
                """{"__type":"com.amazonaws.cloudwatch#ThrottlingException","message":"Rate exceeded"}""",
                HttpStatusCode.BadRequest,
                Json10,
                new Dictionary<string, string> { ["x-amzn-query-error"] = "Throttling;Sender" })
            .RespondJson("""{"Metrics":[{"MetricName":"Invocations"}]}""", contentType: Json10);
        using var cloudWatch = Client(handler);

        var response = await cloudWatch.ListMetricsAsync(new() { Namespace = "AWS/Events" });

        Assert.Equal("Invocations", Assert.Single(response.Metrics ?? []).MetricName);
        Assert.Equal(2, handler.Requests.Count);
    }

    [Fact]
    public async Task GetMetricDataPaginator_FollowsNextTokenUntilAbsent()
    {
        var handler = new FakeAwsHandler()
            .RespondJson("""{"MetricDataResults":[{"Id":"m","Timestamps":[1740830400],"Values":[1],"StatusCode":"PartialData"}],"NextToken":"p2"}""", contentType: Json10)
            .RespondJson("""{"MetricDataResults":[{"Id":"m","Timestamps":[1740830460],"Values":[2],"StatusCode":"Complete"}]}""", contentType: Json10);
        using var cloudWatch = Client(handler);
        var request = new GetMetricDataRequest
        {
            MetricDataQueries = [new() { Id = "m", MetricStat = new() { Metric = new() { Namespace = "AWS/Events", MetricName = "Invocations" }, Period = 60, Stat = "Sum" } }],
            StartTime = Start,
            EndTime = Start.AddHours(1),
            ScanBy = "TimestampAscending",
            MaxDatapoints = 1,
        };

        var values = new List<double>();
        var statuses = new List<string?>();
        await foreach (var page in cloudWatch.GetMetricDataPagesAsync(request, TestContext.Current.CancellationToken))
        {
            var result = Assert.Single(page.MetricDataResults ?? []);
            values.AddRange(result.Values ?? []);
            statuses.Add(result.StatusCode);
        }

        Assert.Equal([1.0, 2.0], values);
        Assert.Equal(["PartialData", "Complete"], statuses);
        Assert.Equal(2, handler.Requests.Count);
        var first = JsonDocument.Parse(handler.Requests[0].Body).RootElement;
        var second = JsonDocument.Parse(handler.Requests[1].Body).RootElement;
        Assert.False(first.TryGetProperty("NextToken", out _));
        Assert.Equal("p2", second.GetProperty("NextToken").GetString());
        Assert.Equal(first.GetProperty("StartTime").GetInt64(), second.GetProperty("StartTime").GetInt64());
        Assert.Equal(1, second.GetProperty("MaxDatapoints").GetInt32());
    }

    [Fact]
    public async Task ListMetricsPaginator_FollowsNextTokenUntilAbsent()
    {
        var handler = new FakeAwsHandler()
            .RespondJson("""{"Metrics":[{"MetricName":"Invocations"},{"MetricName":"FailedInvocations"}],"NextToken":"p2"}""", contentType: Json10)
            .RespondJson("""{"Metrics":[{"MetricName":"TriggeredRules"}],"NextToken":""}""", contentType: Json10);
        using var cloudWatch = Client(handler);

        var names = new List<string?>();
        await foreach (var page in cloudWatch.ListMetricsPagesAsync(new() { Namespace = "AWS/Events" }, TestContext.Current.CancellationToken))
        {
            names.AddRange((page.Metrics ?? []).Select(m => m.MetricName));
        }

        Assert.Equal(["Invocations", "FailedInvocations", "TriggeredRules"], names);
        Assert.Equal("p2", JsonDocument.Parse(handler.Requests[1].Body).RootElement.GetProperty("NextToken").GetString());
        Assert.Equal("AWS/Events", JsonDocument.Parse(handler.Requests[1].Body).RootElement.GetProperty("Namespace").GetString());
    }
}
