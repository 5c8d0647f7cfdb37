using System.Net;
using System.Text.Json;
using Dashboard.Aws.Glue;
using Dashboard.Aws.Protocol;
using Dashboard.Tests.Shared;

namespace Dashboard.Tests.Aws.Glue;

/// <summary>What each Glue operation puts on the wire: target, content type, body member names.</summary>
public sealed class GlueWireTests
{
    public static TheoryData<string> Operations() => new(Calls.Keys);

    private static readonly Dictionary<string, (Func<IGlueApi, Task> Call, string[] BodyMembers)> Calls = new()
    {
        ["ListWorkflows"] = (g => g.ListWorkflowsAsync(new() { MaxResults = 25, NextToken = "t" }), ["MaxResults", "NextToken"]),
        ["BatchGetWorkflows"] = (g => g.BatchGetWorkflowsAsync(new() { Names = ["a", "b"], IncludeGraph = true }), ["IncludeGraph", "Names"]),
        ["GetWorkflow"] = (g => g.GetWorkflowAsync(new() { Name = "a", IncludeGraph = true }), ["IncludeGraph", "Name"]),
        ["GetWorkflowRuns"] = (g => g.GetWorkflowRunsAsync(new() { Name = "a", MaxResults = 1000, IncludeGraph = false }), ["IncludeGraph", "MaxResults", "Name"]),
        ["GetWorkflowRun"] = (g => g.GetWorkflowRunAsync(new() { Name = "a", RunId = "wr_1", IncludeGraph = true }), ["IncludeGraph", "Name", "RunId"]),
        ["GetWorkflowRunProperties"] = (g => g.GetWorkflowRunPropertiesAsync(new() { Name = "a", RunId = "wr_1" }), ["Name", "RunId"]),
        ["ListTriggers"] = (g => g.ListTriggersAsync(new() { MaxResults = 200 }), ["MaxResults"]),
        ["BatchGetTriggers"] = (g => g.BatchGetTriggersAsync(new() { TriggerNames = ["t"] }), ["TriggerNames"]),
        ["GetTrigger"] = (g => g.GetTriggerAsync(new() { Name = "t" }), ["Name"]),
        ["UpdateTrigger"] = (g => g.UpdateTriggerAsync(new()
        {
            Name = "t",
            TriggerUpdate = new()
            {
                Name = "t",
                Description = "d",
                Actions = [new() { JobName = "j", Arguments = new Dictionary<string, string> { ["--k"] = "v" } }],
                EventBatchingCondition = new() { BatchSize = 5, BatchWindow = 300 },
            },
        }), ["Name", "TriggerUpdate"]),
        ["ResumeWorkflowRun"] = (g => g.ResumeWorkflowRunAsync(new() { Name = "a", RunId = "wr_1", NodeIds = ["n1"] }), ["Name", "NodeIds", "RunId"]),
        ["StartWorkflowRun"] = (g => g.StartWorkflowRunAsync(new() { Name = "a" }), ["Name"]),
        ["StopWorkflowRun"] = (g => g.StopWorkflowRunAsync(new() { Name = "a", RunId = "wr_1" }), ["Name", "RunId"]),
        ["BatchGetJobs"] = (g => g.BatchGetJobsAsync(new() { JobNames = ["j"] }), ["JobNames"]),
        ["GetJobRuns"] = (g => g.GetJobRunsAsync(new() { JobName = "j", MaxResults = 200 }), ["JobName", "MaxResults"]),
        ["BatchGetCrawlers"] = (g => g.BatchGetCrawlersAsync(new() { CrawlerNames = ["c"] }), ["CrawlerNames"]),
    };

    [Theory]
    [MemberData(nameof(Operations))]
    public async Task Operation_WritesJson11RequestWithTargetAndMembers(string operation)
    {
        var handler = new FakeAwsHandler().RespondJson("{}");
        using var glue = new GlueClient(TestClients.Credentials, TestClients.FakeConfig(GlueClient.Spec, handler));

        await Calls[operation].Call(glue);

        var request = Assert.Single(handler.Requests);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("https://glue.eu-west-1.amazonaws.com/", request.Uri.ToString());
        Assert.Equal($"AWSGlue.{operation}", request.Header("X-Amz-Target"));
        Assert.StartsWith("application/x-amz-json-1.1", request.Header("Content-Type"), StringComparison.Ordinal);
        Assert.Contains("/eu-west-1/glue/aws4_request", request.Header("Authorization"), StringComparison.Ordinal);
        var members = JsonDocument.Parse(request.Body).RootElement.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal);
        Assert.Equal(Calls[operation].BodyMembers, members);
    }

    [Fact]
    public async Task UpdateTrigger_SendsTheWholeDefinitionNested()
    {
        var handler = new FakeAwsHandler().RespondJson("""{"Trigger":{"Name":"t","EventBatchingCondition":{"BatchSize":7}}}""");
        using var glue = new GlueClient(TestClients.Credentials, TestClients.FakeConfig(GlueClient.Spec, handler));

        var response = await glue.UpdateTriggerAsync(new()
        {
            Name = "t",
            TriggerUpdate = new()
            {
                Actions = [new() { JobName = "j", Timeout = 10 }],
                Predicate = new() { Logical = "AND", Conditions = [new() { LogicalOperator = "EQUALS", JobName = "p", State = "SUCCEEDED" }] },
                EventBatchingCondition = new() { BatchSize = 7, BatchWindow = 60 },
            },
        });

        var body = JsonDocument.Parse(handler.Requests[0].Body).RootElement.GetProperty("TriggerUpdate");
        Assert.Equal("j", body.GetProperty("Actions")[0].GetProperty("JobName").GetString());
        Assert.Equal(10, body.GetProperty("Actions")[0].GetProperty("Timeout").GetInt32());
        Assert.Equal("EQUALS", body.GetProperty("Predicate").GetProperty("Conditions")[0].GetProperty("LogicalOperator").GetString());
        Assert.Equal(7, body.GetProperty("EventBatchingCondition").GetProperty("BatchSize").GetInt32());
        Assert.Equal(60, body.GetProperty("EventBatchingCondition").GetProperty("BatchWindow").GetInt32());
        Assert.False(body.TryGetProperty("Schedule", out _), "absent members are not sent as null");
        Assert.Equal(7, response.Trigger?.EventBatchingCondition?.BatchSize);
    }

    [Fact]
    public async Task UpdateTrigger_SendsEveryMemberOfActionsAndPredicate()
    {
        var handler = new FakeAwsHandler().RespondJson("{}");
        using var glue = new GlueClient(TestClients.Credentials, TestClients.FakeConfig(GlueClient.Spec, handler));

        await glue.UpdateTriggerAsync(new()
        {
            Name = "t",
            TriggerUpdate = new()
            {
                Name = "t",
                Description = "d",
                Schedule = "cron(0 2 * * ? *)",
                Actions =
                [
                    new()
                    {
                        JobName = "j",
                        Arguments = new Dictionary<string, string> { ["--k"] = "v" },
                        Timeout = 10,
                        SecurityConfiguration = "sec",
                        NotificationProperty = new() { NotifyDelayAfter = 3 },
                    },
                    new() { CrawlerName = "c" },
                ],
                Predicate = new()
                {
                    Logical = "ANY",
                    Conditions =
                    [
                        new() { LogicalOperator = "EQUALS", JobName = "p", State = "FAILED" },
                        new() { LogicalOperator = "EQUALS", CrawlerName = "c", CrawlState = "SUCCEEDED" },
                    ],
                },
                EventBatchingCondition = new() { BatchSize = 7 },
            },
        });

        Assert.Equal(
            """
            {"Name":"t","TriggerUpdate":{"Name":"t","Description":"d","Schedule":"cron(0 2 * * ? *)","Actions":[{"JobName":"j","Arguments":{"--k":"v"},"Timeout":10,"SecurityConfiguration":"sec","NotificationProperty":{"NotifyDelayAfter":3}},{"CrawlerName":"c"}],"Predicate":{"Logical":"ANY","Conditions":[{"LogicalOperator":"EQUALS","JobName":"p","State":"FAILED"},{"LogicalOperator":"EQUALS","CrawlerName":"c","CrawlState":"SUCCEEDED"}]},"EventBatchingCondition":{"BatchSize":7}}}
            """,
            handler.Requests[0].Body);
    }

    [Fact]
    public async Task GetTrigger_ReadsEveryMember()
    {
        var handler = new FakeAwsHandler().RespondJson("""
            {"Trigger":{"Name":"t","WorkflowName":"wf","Id":"id-1","Type":"EVENT","State":"CREATED","Description":"d",
             "Schedule":"s","Actions":[{"JobName":"j","Arguments":{"--k":"v"},"Timeout":10,"SecurityConfiguration":"sec",
             "NotificationProperty":{"NotifyDelayAfter":3},"CrawlerName":"c"}],
             "Predicate":{"Logical":"AND","Conditions":[{"LogicalOperator":"EQUALS","JobName":"p","State":"SUCCEEDED","CrawlerName":"c","CrawlState":"FAILED"}]},
             "EventBatchingCondition":{"BatchSize":5,"BatchWindow":900}}}
            """);
        using var glue = new GlueClient(TestClients.Credentials, TestClients.FakeConfig(GlueClient.Spec, handler));

        var trigger = (await glue.GetTriggerAsync(new() { Name = "t" })).Trigger;

        Assert.NotNull(trigger);
        Assert.Equal(("wf", "id-1", "EVENT", "CREATED", "d", "s"), (trigger.WorkflowName, trigger.Id, trigger.Type, trigger.State, trigger.Description, trigger.Schedule));
        var action = Assert.Single(trigger.Actions ?? []);
        Assert.Equal(("j", "v", 10, "sec", 3, "c"), (action.JobName, action.Arguments?["--k"], action.Timeout, action.SecurityConfiguration, action.NotificationProperty?.NotifyDelayAfter, action.CrawlerName));
        var condition = Assert.Single(trigger.Predicate?.Conditions ?? []);
        Assert.Equal(("AND", "EQUALS", "p", "SUCCEEDED", "c", "FAILED"), (trigger.Predicate?.Logical, condition.LogicalOperator, condition.JobName, condition.State, condition.CrawlerName, condition.CrawlState));
        Assert.Equal(new EventBatchingCondition { BatchSize = 5, BatchWindow = 900 }, trigger.EventBatchingCondition);
    }

    [Fact]
    public async Task GetWorkflowRun_ReadsEpochTimestampsStatisticsAndBatchCondition()
    {
        var handler = new FakeAwsHandler().RespondJson("""
            {"Run":{"Name":"wf","WorkflowRunId":"wr_1","StartedOn":1.700000000123E9,"CompletedOn":1700000060,
             "Status":"COMPLETED","Statistics":{"TotalActions":3,"FailedActions":1,"SucceededActions":2},
             "StartingEventBatchCondition":{"BatchSize":5},
             "WorkflowRunProperties":{"aws:eventIds":"[a, b]"}}}
            """);
        using var glue = new GlueClient(TestClients.Credentials, TestClients.FakeConfig(GlueClient.Spec, handler));

        var run = (await glue.GetWorkflowRunAsync(new() { Name = "wf", RunId = "wr_1" })).Run;

        Assert.NotNull(run);
        Assert.Equal(new DateTimeOffset(2023, 11, 14, 22, 13, 20, 123, TimeSpan.Zero), run.StartedOn);
        Assert.Equal(TimeSpan.FromSeconds(60 - 0.123), run.CompletedOn - run.StartedOn);
        Assert.Equal(1, run.Statistics?.FailedActions);
        Assert.Equal(5, run.StartingEventBatchCondition?.BatchSize);
        Assert.Null(run.StartingEventBatchCondition?.BatchWindow);
        Assert.Equal("[a, b]", run.WorkflowRunProperties?["aws:eventIds"]);
    }

    [Fact]
    public async Task EntityNotFound_BecomesTypedNotFoundWithoutRetry()
    {
        var handler = new FakeAwsHandler()
            .RespondJson("""{"__type":"EntityNotFoundException","message":"Workflow not found"}""", HttpStatusCode.BadRequest);
        using var glue = new GlueClient(TestClients.Credentials, TestClients.FakeConfig(GlueClient.Spec, handler));

        var error = await Assert.ThrowsAsync<AwsNotFoundException>(() => glue.GetWorkflowAsync(new() { Name = "missing" }));

        Assert.Equal("EntityNotFoundException", error.ErrorCode);
        Assert.Equal("GetWorkflow", error.Operation);
        Assert.Equal("Workflow not found", error.AwsMessage);
        Assert.Equal("Glue GetWorkflow failed with EntityNotFoundException (HTTP 400): Workflow not found", error.Message);
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task AccessDenied_WithNamespacedType_BecomesTypedAccessDenied()
    {
        var handler = new FakeAwsHandler()
            .RespondJson("""{"__type":"com.amazonaws.glue#AccessDeniedException","Message":"not authorized to perform: glue:GetWorkflow"}""", HttpStatusCode.BadRequest);
        using var glue = new GlueClient(TestClients.Credentials, TestClients.FakeConfig(GlueClient.Spec, handler));

        var error = await Assert.ThrowsAsync<AwsAccessDeniedException>(() => glue.GetWorkflowAsync(new() { Name = "wf" }));

        Assert.Equal("AccessDeniedException", error.ErrorCode);
        Assert.Contains("glue:GetWorkflow", error.AwsMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Throttling_IsRetriedByTheSdkPipeline_ThenSucceeds()
    {
        var handler = new FakeAwsHandler()
            .RespondJson("""{"__type":"ThrottlingException","message":"Rate exceeded"}""", HttpStatusCode.BadRequest)
            .RespondJson("""{"Workflows":["a"]}""");
        using var glue = new GlueClient(TestClients.Credentials, TestClients.FakeConfig(GlueClient.Spec, handler));

        var response = await glue.ListWorkflowsAsync(new());

        Assert.Equal(["a"], response.Workflows);
        Assert.Equal(2, handler.Requests.Count);
    }

    [Fact]
    public async Task ServerError_IsRetried_ThenSurfacesAsTypedFailure()
    {
        var handler = new FakeAwsHandler();
        for (var i = 0; i < 3; i++)
        {
            handler.RespondJson("""{"__type":"InternalServiceException","message":"boom"}""", HttpStatusCode.InternalServerError);
        }

        using var glue = new GlueClient(TestClients.Credentials, TestClients.FakeConfig(GlueClient.Spec, handler));

        var error = await Assert.ThrowsAsync<AwsServiceFailureException>(() => glue.ListWorkflowsAsync(new()));

        Assert.Equal("InternalServiceException", error.ErrorCode);
        Assert.Equal(3, handler.Requests.Count);
    }

    [Fact]
    public async Task Paginator_FollowsNextTokenUntilAbsent()
    {
        var handler = new FakeAwsHandler()
            .RespondJson("""{"Workflows":["a","b"],"NextToken":"p2"}""")
            .RespondJson("""{"Workflows":["c"]}""");
        using var glue = new GlueClient(TestClients.Credentials, TestClients.FakeConfig(GlueClient.Spec, handler));

        var names = new List<string>();
        await foreach (var page in glue.ListWorkflowsPagesAsync(new() { MaxResults = 2 }, TestContext.Current.CancellationToken))
        {
            names.AddRange(page.Workflows ?? []);
        }

        Assert.Equal(["a", "b", "c"], names);
        Assert.False(JsonDocument.Parse(handler.Requests[0].Body).RootElement.TryGetProperty("NextToken", out _));
        Assert.Equal("p2", JsonDocument.Parse(handler.Requests[1].Body).RootElement.GetProperty("NextToken").GetString());
    }

    [Fact]
    public async Task Paginator_RepeatedToken_StopsWithAnError()
    {
        var handler = new FakeAwsHandler()
            .RespondJson("""{"Workflows":["a"],"NextToken":"same"}""")
            .RespondJson("""{"Workflows":["b"],"NextToken":"same"}""");
        using var glue = new GlueClient(TestClients.Credentials, TestClients.FakeConfig(GlueClient.Spec, handler));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(async () =>
        {
            await foreach (var _ in glue.ListWorkflowsPagesAsync(new(), TestContext.Current.CancellationToken))
            {
            }
        });

        Assert.Contains("'same' twice", error.Message, StringComparison.Ordinal);
    }
}
