using Dashboard.Batching;
using Dashboard.Cloud;
using Dashboard.Tests.Shared;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dashboard.Tests.Batching;

public sealed class BulkBatchingPlanTests
{
    private readonly FakeGlue _glue = new();
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    private TriggerEditor Editor() => new(_glue, new MemoryAuditLog(), new CloudEnvironment("local"), TimeProvider.System, NullLogger<TriggerEditor>.Instance);

    [Fact]
    public async Task OpenMany_OneResultPerWorkflow_InTheOrderAsked()
    {
        _glue.AddWorkflow("a", FakeGlue.EventTrigger("a-start", 5, 300));
        _glue.AddWorkflow("b", FakeGlue.EventTrigger("b-start", 10, null));
        var counts = new List<int>();

        var opened = await Editor().OpenManyAsync(["b", "missing", "a"], n => { lock (counts) { counts.Add(n); } }, _ct);

        Assert.Equal(["b", "missing", "a"], opened.Select(o => o.Workflow));
        Assert.Equal(["b-start", null, "a-start"], opened.Select(o => o.Open.Session?.TriggerName));
        Assert.Contains("There is no workflow missing", opened[1].Open.Problem, StringComparison.Ordinal);
        Assert.Equal([1, 2, 3], counts.Order());
    }

    [Fact]
    public async Task Build_SortsEachWorkflowIntoChangeUnchangedOrCannotEdit()
    {
        _glue.AddWorkflow("a", FakeGlue.EventTrigger("a-start", 5, 300));
        _glue.AddWorkflow("b", FakeGlue.EventTrigger("b-start", 10, 300));
        _glue.AddWorkflow("c", FakeGlue.ScheduledTrigger("c-start", "cron(0 2 * * ? *)"));
        _glue.AddWorkflow("d");
        var opened = await Editor().OpenManyAsync(["a", "b", "c", "d"], null, _ct);

        var plan = BulkBatchingPlan.Build(opened, new BatchingChange(10, 300));

        Assert.Equal(
            [BulkLineState.WillChange, BulkLineState.Unchanged, BulkLineState.CannotEdit, BulkLineState.CannotEdit],
            plan.Lines.Select(l => l.State));
        Assert.Equal(["a-start"], plan.ToSave.Select(s => s.TriggerName));
        Assert.Equal(("5 events / 300 s", "10 events / 300 s"), (plan.Lines[0].Now, plan.Lines[0].After));
        Assert.Contains("c-start is a SCHEDULED trigger", plan.Lines[2].Problem, StringComparison.Ordinal);
        Assert.Contains("has no start trigger", plan.Lines[3].Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Build_WithoutAValidChange_SendsNothing()
    {
        _glue.AddWorkflow("a", FakeGlue.EventTrigger("a-start", 5, 300));
        var opened = await Editor().OpenManyAsync(["a"], null, _ct);

        Assert.Equal(BulkLineState.Editable, BulkBatchingPlan.Build(opened, null).Lines.Single().State);
        Assert.Empty(BulkBatchingPlan.Build(opened, null).ToSave);
        Assert.Empty(BulkBatchingPlan.Build(opened, new BatchingChange(0, 300)).ToSave);
    }

    [Fact]
    public async Task Build_DefaultWindowStatedOutright_IsAChange()
    {
        _glue.AddWorkflow("a", FakeGlue.EventTrigger("a-start", 5, null));
        var opened = await Editor().OpenManyAsync(["a"], null, _ct);

        Assert.Equal(BulkLineState.Unchanged, BulkBatchingPlan.Build(opened, new BatchingChange(5, null)).Lines.Single().State);
        Assert.Equal(BulkLineState.WillChange, BulkBatchingPlan.Build(opened, new BatchingChange(5, 900)).Lines.Single().State);
    }
}
