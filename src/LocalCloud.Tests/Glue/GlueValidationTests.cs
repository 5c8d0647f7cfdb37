using LocalCloud.Glue;

namespace LocalCloud.Tests.Glue;

/// <summary>Each bad input gets Glue's error code and a message that says what is wrong; nothing is half-written.</summary>
public sealed class GlueValidationTests
{
    private readonly GlueHarness _glue = new();

    public GlueValidationTests() => _glue.EventWorkflow("products", batchSize: 5, batchWindow: 900);

    private static CreateTriggerRequest EventTrigger(string name, string workflow, EventBatchingCondition? batching) =>
        new(name, workflow, "EVENT", null, null, [new GlueAction("products-job", null, null, null, null, null)], null, null, null, batching);

    [Theory]
    [InlineData(0, 60, "BatchSize must be between 1 and 100, but was 0.")]
    [InlineData(101, 60, "BatchSize must be between 1 and 100, but was 101.")]
    [InlineData(5, 0, "BatchWindow must be between 1 and 900 seconds, but was 0.")]
    [InlineData(5, 901, "BatchWindow must be between 1 and 900 seconds, but was 901.")]
    public void BatchingOutOfRange_IsInvalidInput(int size, int window, string message)
    {
        _glue.Call("CreateWorkflow", new CreateWorkflowRequest("other", null, null, null, null));

        var error = _glue.Fails("CreateTrigger", EventTrigger("other-start", "other", new EventBatchingCondition(size, window)));

        Assert.Equal(("InvalidInputException", message), (error.Code, error.Message));
        Assert.Equal("EntityNotFoundException", _glue.Fails("GetTrigger", new GetTriggerRequest("other-start")).Code);
    }

    [Fact]
    public void SecondStartTrigger_IsInvalidInput() =>
        Assert.Contains("already has a start trigger", _glue.Fails("CreateTrigger", EventTrigger("products-second", "products", null)).Message, StringComparison.Ordinal);

    [Fact]
    public void StartTrigger_OnEvent_IsRefusedWithGluesWording() =>
        Assert.Equal("Trigger Type EVENT cannot be started", _glue.Fails("StartTrigger", new DeleteRequest("products-start")).Message);

    [Fact]
    public void DuplicateWorkflow_IsAlreadyExists() =>
        Assert.Equal("AlreadyExistsException", _glue.Fails("CreateWorkflow", new CreateWorkflowRequest("products", null, null, null, null)).Code);

    [Fact]
    public void MissingWorkflow_IsEntityNotFound() =>
        Assert.Equal("EntityNotFoundException", _glue.Fails("GetWorkflow", new GetWorkflowRequest("absent", null)).Code);

    [Fact]
    public void UpdateTrigger_OverwritesTheWholeDefinition()
    {
        var update = new TriggerUpdate(null, null, null, [new GlueAction("products-job", null, null, null, null, null)], null, new EventBatchingCondition(10, null));

        var updated = _glue.Call<GetTriggerResponse>("UpdateTrigger", new UpdateTriggerRequest("products-start", update)).Trigger;

        Assert.Equal(new EventBatchingCondition(10, null), updated.EventBatchingCondition);
        Assert.Equal("EVENT", updated.Type);
        Assert.Equal("products", updated.WorkflowName);
    }

    [Fact]
    public void UpdateTrigger_LeftOutMembers_AreClearedNotKept()
    {
        var full = new TriggerUpdate(null, "nightly merge", null,
            [new GlueAction("products-job", new() { ["--mode"] = "full", ["--day"] = "today" }, 30, "sec", new NotificationProperty(5), null)],
            new Predicate("AND", [new Condition("EQUALS", "products-job", "SUCCEEDED", null, null)]), new EventBatchingCondition(5, 300));
        _glue.Call("UpdateTrigger", new UpdateTriggerRequest("products-start", full));

        // An update that names only an action without its arguments and no description, as a careless CLI call would.
        var bare = new TriggerUpdate(null, null, null, [new GlueAction("products-job", null, null, null, null, null)], null, new EventBatchingCondition(10, null));
        var updated = _glue.Call<GetTriggerResponse>("UpdateTrigger", new UpdateTriggerRequest("products-start", bare)).Trigger;

        var read = _glue.Call<GetTriggerResponse>("GetTrigger", new GetTriggerRequest("products-start")).Trigger;
        Assert.Equal(updated, read);
        Assert.Null(read.Description);
        Assert.Null(read.Predicate);
        var action = Assert.Single(read.Actions);
        Assert.Equal(new GlueAction("products-job", null, null, null, null, null), action);
        Assert.Equal(new EventBatchingCondition(10, null), read.EventBatchingCondition);
        Assert.Equal(("EVENT", "CREATED", "products"), (read.Type, read.State, read.WorkflowName));
    }

    [Fact]
    public void UpdateTrigger_BadBatching_LeavesTheTriggerUnchanged()
    {
        var update = new TriggerUpdate(null, null, null, [new GlueAction("products-job", null, null, null, null, null)], null, new EventBatchingCondition(500, null));

        Assert.Equal("InvalidInputException", _glue.Fails("UpdateTrigger", new UpdateTriggerRequest("products-start", update)).Code);
        Assert.Equal(new EventBatchingCondition(5, 900), _glue.Call<GetTriggerResponse>("GetTrigger", new GetTriggerRequest("products-start")).Trigger.EventBatchingCondition);
    }

    [Fact]
    public void ListWorkflows_PagesWithOpaqueTokens()
    {
        for (var i = 0; i < 30; i++)
        {
            _glue.Call("CreateWorkflow", new CreateWorkflowRequest($"wf-{i:D2}", null, null, null, null));
        }

        var first = _glue.Call<ListWorkflowsResponse>("ListWorkflows", new ListRequest(null, 25));
        var second = _glue.Call<ListWorkflowsResponse>("ListWorkflows", new ListRequest(first.NextToken, 25));

        Assert.Equal(25, first.Workflows.Count);
        Assert.Equal(6, second.Workflows.Count);
        Assert.Null(second.NextToken);
        Assert.DoesNotContain("25", first.NextToken, StringComparison.Ordinal);
        Assert.Equal("InvalidInputException", _glue.Fails("ListWorkflows", new ListRequest(null, 26)).Code);
        Assert.Equal("InvalidInputException", _glue.Fails("ListWorkflows", new ListRequest("forged", 25)).Code);
    }
}
