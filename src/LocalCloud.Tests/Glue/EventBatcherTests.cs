using System.Text.Json;
using LocalCloud.Glue;

namespace LocalCloud.Tests.Glue;

/// <summary>The EVENT trigger's batching, on a fake clock: size, window, reset, refusal, edits, no loss.</summary>
public sealed class EventBatcherTests
{
    private readonly GlueHarness _glue = new();

    [Fact]
    public void SizeReached_StartsOneRunWithTheBatchAndResets()
    {
        _glue.EventWorkflow("products", batchSize: 5, batchWindow: 900);

        for (var i = 1; i <= 4; i++)
        {
            _glue.Notify("products", $"e{i}");
        }

        Assert.Empty(_glue.Runs("products"));
        Assert.Equal(4, _glue.Backend.OpenBatch(GlueHarness.Account, GlueHarness.Region, "products").Count);

        _glue.Notify("products", "e5");

        var run = Assert.Single(_glue.Runs("products"));
        Assert.Equal(5, run.StartingEventBatchCondition?.BatchSize);
        Assert.Null(run.StartingEventBatchCondition?.BatchWindow);
        Assert.Equal(["e1", "e2", "e3", "e4", "e5"], EventIds(run.WorkflowRunProperties["aws:eventIds"]));
        Assert.Equal("RUNNING", run.Status);
        Assert.Empty(_glue.Backend.OpenBatch(GlueHarness.Account, GlueHarness.Region, "products"));
    }

    [Fact]
    public void WindowExpires_StartsARunWithThePartialBatch_CountedFromTheFirstEvent()
    {
        _glue.EventWorkflow("products", batchSize: 5, batchWindow: 300);

        _glue.Notify("products", "e1");
        _glue.Clock.Advance(TimeSpan.FromSeconds(200));
        _glue.Notify("products", "e2");
        _glue.Clock.Advance(TimeSpan.FromSeconds(99));
        Assert.Empty(_glue.Runs("products"));

        _glue.Clock.Advance(TimeSpan.FromSeconds(1));

        var run = Assert.Single(_glue.Runs("products"));
        Assert.Equal(300, run.StartingEventBatchCondition?.BatchWindow);
        Assert.Null(run.StartingEventBatchCondition?.BatchSize);
        Assert.Equal(["e1", "e2"], EventIds(run.WorkflowRunProperties["aws:eventIds"]));
    }

    [Fact]
    public void NoWindowSet_UsesAwsDefaultOf900Seconds()
    {
        _glue.EventWorkflow("products", batchSize: 10, batchWindow: null);

        _glue.Notify("products", "e1");
        _glue.Clock.Advance(TimeSpan.FromSeconds(899));
        Assert.Empty(_glue.Runs("products"));
        _glue.Clock.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(900, Assert.Single(_glue.Runs("products")).StartingEventBatchCondition?.BatchWindow);
    }

    [Fact]
    public void AfterASizeBatch_TheOldWindowDoesNotFireAndANewBatchStartsItsOwnWindow()
    {
        _glue.EventWorkflow("products", batchSize: 2, batchWindow: 60, maxConcurrentRuns: 5);

        _glue.Notify("products", "a1");
        _glue.Notify("products", "a2");
        _glue.Clock.Advance(TimeSpan.FromSeconds(30));
        _glue.Notify("products", "b1");
        _glue.Clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Single(_glue.Runs("products"));

        _glue.Clock.Advance(TimeSpan.FromSeconds(30));

        var runs = _glue.Runs("products");
        Assert.Equal(2, runs.Count);
        Assert.Equal(["b1"], EventIds(runs[0].WorkflowRunProperties["aws:eventIds"]));
        Assert.Equal(60, runs[0].StartingEventBatchCondition?.BatchWindow);
    }

    [Fact]
    public void ConcurrencyLimitReached_RecordsARefusedRunAndConsumesTheBatch()
    {
        _glue.EventWorkflow("products", batchSize: 1, batchWindow: 60, maxConcurrentRuns: 1);

        _glue.Notify("products", "e1");
        _glue.Notify("products", "e2");

        var runs = _glue.Runs("products");
        Assert.Equal(2, runs.Count);
        var refused = runs[0];
        Assert.Equal("ERROR", refused.Status);
        Assert.Equal("Concurrent runs exceeded for workflow: products.", refused.ErrorMessage);
        Assert.Equal(["e2"], EventIds(refused.WorkflowRunProperties["aws:eventIds"]));
        Assert.Equal(0, refused.Statistics.TotalActions);
        Assert.Empty(_glue.Backend.OpenBatch(GlueHarness.Account, GlueHarness.Region, "products"));

        // Once the first run ends, the next batch runs again.
        _glue.Advance(TimeSpan.FromMinutes(10));
        _glue.Notify("products", "e3");
        Assert.Equal("RUNNING", _glue.Runs("products")[0].Status);
    }

    [Fact]
    public void TriggerEditedDuringAnOpenBatch_AppliesFromTheNextBatch()
    {
        _glue.EventWorkflow("products", batchSize: 3, batchWindow: 900, maxConcurrentRuns: 5);
        _glue.Notify("products", "e1");
        var trigger = _glue.Call<GetTriggerResponse>("GetTrigger", new GetTriggerRequest("products-start")).Trigger;

        _glue.Call("UpdateTrigger", new UpdateTriggerRequest("products-start", new TriggerUpdate(null, trigger.Description, trigger.Schedule, trigger.Actions, trigger.Predicate, new EventBatchingCondition(1, 60))));
        _glue.Notify("products", "e2");
        Assert.Empty(_glue.Runs("products"));
        _glue.Notify("products", "e3");
        Assert.Equal(3, Assert.Single(_glue.Runs("products")).StartingEventBatchCondition?.BatchSize);

        _glue.Notify("products", "e4");
        Assert.Equal(2, _glue.Runs("products").Count);
    }

    [Fact]
    public void NonEventStartTrigger_RefusesTheEvent()
    {
        _glue.Call("CreateWorkflow", new CreateWorkflowRequest("nightly", null, null, null, null));
        _glue.Call("CreateJob", new CreateJobRequest("job", null, "role", null, new JobCommand("glueetl", "s3://s", null), null, null, null, null, null, null, null, null));
        _glue.Call("CreateTrigger", new CreateTriggerRequest("nightly-start", "nightly", "SCHEDULED", "cron(0 2 * * ? *)", null, [new GlueAction("job", null, null, null, null, null)], null, null, null, null));

        var error = Assert.Throws<LocalCloud.Protocol.AwsServiceException>(() => _glue.Notify("nightly", "e1"));

        Assert.Equal("InvalidInputException", error.Code);
        Assert.Contains("not EVENT", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConcurrentDelivery_EveryEventInExactlyOneBatch()
    {
        _glue.EventWorkflow("products", batchSize: 7, batchWindow: 900, maxConcurrentRuns: 100_000);
        var ids = Enumerable.Range(0, 5_000).Select(i => $"e{i}").ToList();

        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (id, ct) =>
            await _glue.Backend.NotifyEventAsync(GlueHarness.Account, GlueHarness.Region, "products", id, "{}", ct));

        var inRuns = _glue.Runs("products").SelectMany(r => EventIds(r.WorkflowRunProperties["aws:eventIds"])).ToList();
        var open = _glue.Backend.OpenBatch(GlueHarness.Account, GlueHarness.Region, "products");
        Assert.Equal(ids.Order(StringComparer.Ordinal), inRuns.Concat(open).Order(StringComparer.Ordinal));
        Assert.Equal(5_000 / 7, _glue.Runs("products").Count);
        Assert.Equal(5_000 % 7, open.Count);
    }

    private static string[] EventIds(string json) => JsonSerializer.Deserialize<string[]>(json) ?? throw new InvalidOperationException("aws:eventIds is JSON null.");
}
