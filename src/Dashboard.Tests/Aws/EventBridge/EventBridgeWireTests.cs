using System.Net;
using System.Text.Json;
using Dashboard.Aws.EventBridge;
using Dashboard.Aws.Protocol;
using Dashboard.Tests.Shared;

namespace Dashboard.Tests.Aws.EventBridge;

/// <summary>What each EventBridge operation puts on the wire and how its answers and errors are read.</summary>
public sealed class EventBridgeWireTests
{
    private const string WorkflowArn = "arn:aws:glue:eu-west-1:123456789012:workflow/orders";

    public static TheoryData<string> Operations() => new(Calls.Keys);

    public static TheoryData<string> Paginators() => new(Pages.Keys);

    private static readonly Dictionary<string, (Func<IEventBridgeApi, Task> Call, string[] BodyMembers)> Calls = new()
    {
        ["ListEventBuses"] = (e => e.ListEventBusesAsync(new() { NamePrefix = "orders", Limit = 100, NextToken = "t" }), ["Limit", "NamePrefix", "NextToken"]),
        ["ListRules"] = (e => e.ListRulesAsync(new() { NamePrefix = "glue-", EventBusName = "orders", Limit = 100, NextToken = "t" }), ["EventBusName", "Limit", "NamePrefix", "NextToken"]),
        ["DescribeRule"] = (e => e.DescribeRuleAsync(new() { Name = "r", EventBusName = "orders" }), ["EventBusName", "Name"]),
        ["ListTargetsByRule"] = (e => e.ListTargetsByRuleAsync(new() { Rule = "r", EventBusName = "orders", Limit = 10, NextToken = "t" }), ["EventBusName", "Limit", "NextToken", "Rule"]),
        ["ListRuleNamesByTarget"] = (e => e.ListRuleNamesByTargetAsync(new() { TargetArn = WorkflowArn, EventBusName = "orders", Limit = 5 }), ["EventBusName", "Limit", "TargetArn"]),
        ["TestEventPattern"] = (e => e.TestEventPatternAsync(new() { EventPattern = """{"source":["aws.s3"]}""", Event = "{}" }), ["Event", "EventPattern"]),
    };

    /// <summary>Each paginator over two canned pages: the names it collects.</summary>
    private static readonly Dictionary<string, (string FirstPage, string LastPage, Func<IEventBridgeApi, CancellationToken, Task<List<string>>> Walk)> Pages = new()
    {
        ["ListEventBuses"] = (
            """{"EventBuses":[{"Name":"a"},{"Name":"b"}],"NextToken":"p2"}""",
            """{"EventBuses":[{"Name":"c"}]}""",
            async (e, ct) =>
            {
                var names = new List<string>();
                await foreach (var page in e.ListEventBusesPagesAsync(new() { Limit = 2 }, ct))
                {
                    names.AddRange((page.EventBuses ?? []).Select(b => b.Name ?? "?"));
                }

                return names;
            }),
        ["ListRules"] = (
            """{"Rules":[{"Name":"a"},{"Name":"b"}],"NextToken":"p2"}""",
            """{"Rules":[{"Name":"c"}],"NextToken":""}""",
            async (e, ct) =>
            {
                var names = new List<string>();
                await foreach (var page in e.ListRulesPagesAsync(new() { EventBusName = "orders", Limit = 2 }, ct))
                {
                    names.AddRange((page.Rules ?? []).Select(r => r.Name ?? "?"));
                }

                return names;
            }),
        ["ListTargetsByRule"] = (
            """{"Targets":[{"Id":"a","Arn":"x"},{"Id":"b","Arn":"y"}],"NextToken":"p2"}""",
            """{"Targets":[{"Id":"c","Arn":"z"}]}""",
            async (e, ct) =>
            {
                var names = new List<string>();
                await foreach (var page in e.ListTargetsByRulePagesAsync(new() { Rule = "r", Limit = 2 }, ct))
                {
                    names.AddRange((page.Targets ?? []).Select(t => t.Id ?? "?"));
                }

                return names;
            }),
        ["ListRuleNamesByTarget"] = (
            """{"RuleNames":["a","b"],"NextToken":"p2"}""",
            """{"RuleNames":["c"]}""",
            async (e, ct) =>
            {
                var names = new List<string>();
                await foreach (var page in e.ListRuleNamesByTargetPagesAsync(new() { TargetArn = WorkflowArn, Limit = 2 }, ct))
                {
                    names.AddRange(page.RuleNames ?? []);
                }

                return names;
            }),
    };

    private static EventBridgeClient Client(FakeAwsHandler handler, string region = "eu-west-1") =>
        new(TestClients.Credentials, TestClients.FakeConfig(EventBridgeClient.Spec, handler, region));

    [Theory]
    [MemberData(nameof(Operations))]
    public async Task Operation_WritesJson11RequestWithTargetAndMembers(string operation)
    {
        var handler = new FakeAwsHandler().RespondJson("{}");
        using var events = Client(handler);

        await Calls[operation].Call(events);

        var request = Assert.Single(handler.Requests);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("https://events.eu-west-1.amazonaws.com/", request.Uri.ToString());
        Assert.Equal($"AWSEvents.{operation}", request.Header("X-Amz-Target"));
        Assert.StartsWith("application/x-amz-json-1.1", request.Header("Content-Type"), StringComparison.Ordinal);
        Assert.Contains("/eu-west-1/events/aws4_request", request.Header("Authorization"), StringComparison.Ordinal);
        var members = JsonDocument.Parse(request.Body).RootElement.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal);
        Assert.Equal(Calls[operation].BodyMembers, members);
    }

    [Theory]
    [InlineData("us-east-1")]
    [InlineData("ap-southeast-2")]
    public async Task AnyRegion_EndpointAndSigningScope_FollowTheRegion(string region)
    {
        var handler = new FakeAwsHandler().RespondJson("""{"EventBuses":[]}""");
        using var events = Client(handler, region);

        await events.ListEventBusesAsync(new(), TestContext.Current.CancellationToken);

        var request = Assert.Single(handler.Requests);
        Assert.Equal($"https://events.{region}.amazonaws.com/", request.Uri.ToString());
        Assert.Contains($"/{region}/events/aws4_request", request.Header("Authorization"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListRules_SendsValuesVerbatim()
    {
        var handler = new FakeAwsHandler().RespondJson("{}");
        using var events = Client(handler);

        await events.ListRulesAsync(new() { NamePrefix = "glue-", EventBusName = "arn:aws:events:eu-west-1:123456789012:event-bus/orders", Limit = 100 }, TestContext.Current.CancellationToken);

        var body = JsonDocument.Parse(handler.Requests[0].Body).RootElement;
        Assert.Equal("glue-", body.GetProperty("NamePrefix").GetString());
        Assert.Equal("arn:aws:events:eu-west-1:123456789012:event-bus/orders", body.GetProperty("EventBusName").GetString());
        Assert.Equal(100, body.GetProperty("Limit").GetInt32());
        Assert.False(body.TryGetProperty("NextToken", out _), "absent members are not sent as null");
    }

    [Fact]
    public async Task ListEventBuses_ReadsBusesWithEpochTimestamps()
    {
        var handler = new FakeAwsHandler().RespondJson("""
            {"EventBuses":[
              {"Name":"default","Arn":"arn:aws:events:eu-west-1:123456789012:event-bus/default"},
              {"Name":"orders","Arn":"arn:aws:events:eu-west-1:123456789012:event-bus/orders","Description":"Order events",
               "Policy":"{\"Version\":\"2012-10-17\"}","CreationTime":1.700000000123E9,"LastModifiedTime":1700000060}]}
            """);
        using var events = Client(handler);

        var buses = (await events.ListEventBusesAsync(new(), TestContext.Current.CancellationToken)).EventBuses;

        Assert.NotNull(buses);
        Assert.Equal(["default", "orders"], buses.Select(b => b.Name));
        Assert.Null(buses[0].CreationTime);
        var orders = buses[1];
        Assert.Equal("arn:aws:events:eu-west-1:123456789012:event-bus/orders", orders.Arn);
        Assert.Equal("Order events", orders.Description);
        Assert.Equal("""{"Version":"2012-10-17"}""", orders.Policy);
        Assert.Equal(new DateTimeOffset(2023, 11, 14, 22, 13, 20, 123, TimeSpan.Zero), orders.CreationTime);
        Assert.Equal(new DateTimeOffset(2023, 11, 14, 22, 14, 20, TimeSpan.Zero), orders.LastModifiedTime);
    }

    [Fact]
    public async Task ListRules_ReadsEveryRuleMember()
    {
        var handler = new FakeAwsHandler().RespondJson("""
            {"Rules":[
              {"Name":"orders-landed","Arn":"arn:aws:events:eu-west-1:123456789012:rule/orders/orders-landed",
               "EventPattern":"{\"source\":[\"aws.s3\"]}","State":"DISABLED","Description":"Starts orders",
               "RoleArn":"arn:aws:iam::123456789012:role/events","ManagedBy":"glue.amazonaws.com","EventBusName":"orders"},
              {"Name":"nightly","ScheduleExpression":"cron(0 2 * * ? *)","State":"ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS","EventBusName":"default"}],
             "NextToken":"n"}
            """);
        using var events = Client(handler);

        var response = await events.ListRulesAsync(new(), TestContext.Current.CancellationToken);

        Assert.Equal("n", response.NextToken);
        Assert.NotNull(response.Rules);
        Assert.Equal(
            new Rule
            {
                Name = "orders-landed",
                Arn = "arn:aws:events:eu-west-1:123456789012:rule/orders/orders-landed",
                EventPattern = """{"source":["aws.s3"]}""",
                State = "DISABLED",
                Description = "Starts orders",
                RoleArn = "arn:aws:iam::123456789012:role/events",
                ManagedBy = "glue.amazonaws.com",
                EventBusName = "orders",
            },
            response.Rules[0]);
        Assert.Equal("cron(0 2 * * ? *)", response.Rules[1].ScheduleExpression);
        Assert.Equal("ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS", response.Rules[1].State);
        Assert.Null(response.Rules[1].EventPattern);
    }

    [Fact]
    public async Task DescribeRule_ReadsEveryMemberIncludingCreatedBy()
    {
        var handler = new FakeAwsHandler().RespondJson("""
            {"Name":"orders-landed","Arn":"arn:aws:events:eu-west-1:123456789012:rule/orders/orders-landed",
             "EventPattern":"{\"source\":[\"aws.s3\"]}","State":"ENABLED","Description":"Starts orders",
             "RoleArn":"arn:aws:iam::123456789012:role/events","ManagedBy":"glue.amazonaws.com","EventBusName":"orders",
             "CreatedBy":"123456789012","ScheduleExpression":"rate(5 minutes)"}
            """);
        using var events = Client(handler);

        var rule = await events.DescribeRuleAsync(new() { Name = "orders-landed", EventBusName = "orders" }, TestContext.Current.CancellationToken);

        Assert.Equal(
            new DescribeRuleResponse
            {
                Name = "orders-landed",
                Arn = "arn:aws:events:eu-west-1:123456789012:rule/orders/orders-landed",
                EventPattern = """{"source":["aws.s3"]}""",
                ScheduleExpression = "rate(5 minutes)",
                State = "ENABLED",
                Description = "Starts orders",
                RoleArn = "arn:aws:iam::123456789012:role/events",
                ManagedBy = "glue.amazonaws.com",
                EventBusName = "orders",
                CreatedBy = "123456789012",
            },
            rule);
    }

    [Fact]
    public async Task ListTargetsByRule_ReadsGlueWorkflowTargetWithRetryPolicyAndDeadLetterQueue()
    {
        var handler = new FakeAwsHandler().RespondJson($$$"""
            {"Targets":[
              {"Id":"orders-wf","Arn":"{{{WorkflowArn}}}","RoleArn":"arn:aws:iam::123456789012:role/events-to-glue",
               "InputPath":"$.detail","RetryPolicy":{"MaximumRetryAttempts":3,"MaximumEventAgeInSeconds":3600},
               "DeadLetterConfig":{"Arn":"arn:aws:sqs:eu-west-1:123456789012:orders-dlq"},
               "EcsParameters":{"TaskDefinitionArn":"ignored"}},
              {"Id":"constant","Arn":"{{{WorkflowArn}}}","Input":"{\"k\":\"v\"}"},
              {"Id":"shaped","Arn":"{{{WorkflowArn}}}","InputTransformer":{"InputPathsMap":{"key":"$.detail.object.key"},"InputTemplate":"{\"key\":<key>}"}}]}
            """);
        using var events = Client(handler);

        var targets = (await events.ListTargetsByRuleAsync(new() { Rule = "orders-landed" }, TestContext.Current.CancellationToken)).Targets;

        Assert.NotNull(targets);
        Assert.Equal(
            new Target
            {
                Id = "orders-wf",
                Arn = WorkflowArn,
                RoleArn = "arn:aws:iam::123456789012:role/events-to-glue",
                InputPath = "$.detail",
                RetryPolicy = new() { MaximumRetryAttempts = 3, MaximumEventAgeInSeconds = 3600 },
                DeadLetterConfig = new() { Arn = "arn:aws:sqs:eu-west-1:123456789012:orders-dlq" },
            },
            targets[0]);
        Assert.Equal("""{"k":"v"}""", targets[1].Input);
        Assert.Null(targets[1].RetryPolicy);
        Assert.Equal("$.detail.object.key", targets[2].InputTransformer?.InputPathsMap?["key"]);
        Assert.Equal("{\"key\":<key>}", targets[2].InputTransformer?.InputTemplate);
    }

    [Fact]
    public async Task ListRuleNamesByTarget_SendsTheTargetArn_ReadsNames()
    {
        var handler = new FakeAwsHandler().RespondJson("""{"RuleNames":["orders-landed","orders-retry"]}""");
        using var events = Client(handler);

        var response = await events.ListRuleNamesByTargetAsync(new() { TargetArn = WorkflowArn }, TestContext.Current.CancellationToken);

        Assert.Equal(["orders-landed", "orders-retry"], response.RuleNames);
        Assert.Null(response.NextToken);
        Assert.Equal(WorkflowArn, JsonDocument.Parse(handler.Requests[0].Body).RootElement.GetProperty("TargetArn").GetString());
    }

    [Theory]
    [InlineData("""{"Result":true}""", true)]
    [InlineData("""{"Result":false}""", false)]
    public async Task TestEventPattern_ReadsTheResult(string body, bool expected)
    {
        var handler = new FakeAwsHandler().RespondJson(body);
        using var events = Client(handler);
        const string Pattern = """{"source":["aws.s3"],"detail":{"object":{"key":[{"prefix":"incoming/"}]}}}""";
        const string Event = """{"id":"1","account":"123456789012","source":"aws.s3","time":"2024-01-01T00:00:00Z","region":"eu-west-1","resources":[],"detail-type":"Object Created","detail":{"object":{"key":"incoming/a.csv"}}}""";

        var response = await events.TestEventPatternAsync(new() { EventPattern = Pattern, Event = Event }, TestContext.Current.CancellationToken);

        Assert.Equal(expected, response.Result);
        var sent = JsonDocument.Parse(handler.Requests[0].Body).RootElement;
        Assert.Equal(JsonValueKind.String, sent.GetProperty("EventPattern").ValueKind);
        Assert.Equal(Pattern, sent.GetProperty("EventPattern").GetString());
        Assert.Equal(Event, sent.GetProperty("Event").GetString());
    }

    [Fact]
    public async Task TestEventPattern_InvalidPattern_BecomesTypedInvalidInput()
    {
        var handler = new FakeAwsHandler()
            .RespondJson("""{"__type":"InvalidEventPatternException","message":"Event pattern is not valid. Reason: Filter is not an object"}""", HttpStatusCode.BadRequest);
        using var events = Client(handler);

        var error = await Assert.ThrowsAsync<AwsInvalidInputException>(
            () => events.TestEventPatternAsync(new() { EventPattern = "[]", Event = "{}" }, TestContext.Current.CancellationToken));

        Assert.Equal("InvalidEventPatternException", error.ErrorCode);
        Assert.Equal("TestEventPattern", error.Operation);
        Assert.Equal("EventBridge", error.Service);
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task ResourceNotFound_BecomesTypedNotFoundWithoutRetry()
    {
        var handler = new FakeAwsHandler()
            .RespondJson("""{"__type":"ResourceNotFoundException","message":"Rule orders-landed does not exist on EventBus orders."}""", HttpStatusCode.BadRequest);
        using var events = Client(handler);

        var error = await Assert.ThrowsAsync<AwsNotFoundException>(
            () => events.DescribeRuleAsync(new() { Name = "orders-landed", EventBusName = "orders" }, TestContext.Current.CancellationToken));

        Assert.Equal("ResourceNotFoundException", error.ErrorCode);
        Assert.Equal("DescribeRule", error.Operation);
        Assert.Equal(
            "EventBridge DescribeRule failed with ResourceNotFoundException (HTTP 400): Rule orders-landed does not exist on EventBus orders.",
            error.Message);
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task InternalException_IsRetried_ThenSurfacesAsTypedFailure()
    {
        var handler = new FakeAwsHandler();
        for (var i = 0; i < 3; i++)
        {
            handler.RespondJson("""{"__type":"InternalException","message":"boom"}""", HttpStatusCode.InternalServerError);
        }

        using var events = Client(handler);

        var error = await Assert.ThrowsAsync<AwsServiceFailureException>(
            () => events.ListRulesAsync(new(), TestContext.Current.CancellationToken));

        Assert.Equal("InternalException", error.ErrorCode);
        Assert.Equal(3, handler.Requests.Count);
    }

    [Theory]
    [MemberData(nameof(Paginators))]
    public async Task Paginator_FollowsNextTokenUntilAbsent_KeepingTheRequest(string operation)
    {
        var (firstPage, lastPage, walk) = Pages[operation];
        var handler = new FakeAwsHandler().RespondJson(firstPage).RespondJson(lastPage);
        using var events = Client(handler);

        var names = await walk(events, TestContext.Current.CancellationToken);

        Assert.Equal(["a", "b", "c"], names);
        Assert.Equal(2, handler.Requests.Count);
        Assert.All(handler.Requests, r => Assert.Equal($"AWSEvents.{operation}", r.Header("X-Amz-Target")));
        var first = JsonDocument.Parse(handler.Requests[0].Body).RootElement;
        var second = JsonDocument.Parse(handler.Requests[1].Body).RootElement;
        Assert.False(first.TryGetProperty("NextToken", out _));
        Assert.Equal("p2", second.GetProperty("NextToken").GetString());
        Assert.Equal(2, first.GetProperty("Limit").GetInt32());
        Assert.Equal(2, second.GetProperty("Limit").GetInt32());
    }
}
