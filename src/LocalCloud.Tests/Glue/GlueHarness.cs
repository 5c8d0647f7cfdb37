using LocalCloud.Glue;
using LocalCloud.Protocol;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace LocalCloud.Tests.Glue;

/// <summary>The Glue backend on a fake clock, called through its operation table as the front ends call it.</summary>
public sealed class GlueHarness
{
    public const string Account = "111122223333";
    public const string Region = "eu-west-1";

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));

    public GlueBackend Backend { get; }

    public RequestContext Context { get; } = new(Account, Region, "glue", "req", Account);

    public GlueHarness() => Backend = new GlueBackend(Clock, NullLogger<GlueBackend>.Instance);

    public T Call<T>(string operation, object input) =>
        (T)Backend.Operations.Get(operation).Invoke(Context, input, CancellationToken.None).AsTask().GetAwaiter().GetResult();

    public void Call(string operation, object input) => Call<object>(operation, input);

    public AwsServiceException Fails(string operation, object input) =>
        Assert.Throws<AwsServiceException>(() => Call(operation, input));

    /// <summary>A workflow with an EVENT start trigger running one job, which a CONDITIONAL trigger follows with a crawler.</summary>
    public void EventWorkflow(string name, int batchSize, int? batchWindow, int? maxConcurrentRuns = null, Dictionary<string, string>? jobArguments = null, string crawlerOutcome = "SUCCEEDED")
    {
        Call("CreateWorkflow", new CreateWorkflowRequest(name, null, null, maxConcurrentRuns, null));
        Call("CreateJob", new CreateJobRequest($"{name}-job", null, "arn:aws:iam::111122223333:role/glue", null, new JobCommand("glueetl", "s3://scripts/job.py", "3"), jobArguments ?? new() { ["--localcloud-duration-seconds"] = "60" }, null, null, null, null, null, null, null));
        Call("CreateCrawler", new CreateCrawlerRequest($"{name}-crawler", "arn:aws:iam::111122223333:role/glue", "db", null, new CrawlerTargets([new S3Target("s3://bucket/data/products/", null)]), null,
            new() { ["localcloud:outcome"] = crawlerOutcome, ["localcloud:duration-seconds"] = "30" }));
        Call("CreateTrigger", new CreateTriggerRequest($"{name}-start", name, "EVENT", null, null, [new GlueAction($"{name}-job", null, null, null, null, null)], null, null, null, new EventBatchingCondition(batchSize, batchWindow)));
        Call("CreateTrigger", new CreateTriggerRequest($"{name}-after-job", name, "CONDITIONAL", null,
            new Predicate("AND", [new Condition("EQUALS", $"{name}-job", "SUCCEEDED", null, null)]),
            [new GlueAction(null, null, null, null, null, $"{name}-crawler")], null, true, null, null));
    }

    /// <summary>
    /// Moves the clock in small steps. FakeTimeProvider sets the final time before it fires due timers, so a timer
    /// created inside a callback (a job that starts a crawler) would otherwise be scheduled from the end time.
    /// </summary>
    public void Advance(TimeSpan total, TimeSpan? step = null)
    {
        var stride = step ?? TimeSpan.FromSeconds(1);
        for (var moved = TimeSpan.Zero; moved < total; moved += stride)
        {
            Clock.Advance(stride < total - moved ? stride : total - moved);
        }
    }

    public void Notify(string workflow, string eventId) =>
        Backend.NotifyEventAsync(Account, Region, workflow, eventId, "{}", CancellationToken.None).GetAwaiter().GetResult();

    public List<WorkflowRun> Runs(string workflow) =>
        Call<GetWorkflowRunsResponse>("GetWorkflowRuns", new GetWorkflowRunsRequest(workflow, true, null, 1000)).Runs;
}
