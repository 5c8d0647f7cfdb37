using Dashboard.Aws.Glue;

namespace Dashboard.Tests.Shared;

/// <summary>Workflow runs with graphs, shaped like GetWorkflowRun's with IncludeGraph, for service and page tests.</summary>
public static class TestRuns
{
    public const string Workflow = "products";
    public const string Job = "products_json_to_parquet";
    public const string Crawler = "products_parquet_crawler";

    /// <summary>
    /// The walkthrough's graph: an EVENT start trigger (5 events / 900 s) starts the job; a conditional trigger starts
    /// the crawler after it. Pass null for a node that did not run.
    /// </summary>
    public static WorkflowGraph ProductsGraph(DateTimeOffset started, string? jobState, string? crawlState, string? jobError = null, string? crawlError = null)
    {
        var job = new Node
        {
            Type = "JOB",
            Name = Job,
            UniqueId = "wnode_job_" + Job,
            JobDetails = new()
            {
                JobRuns = jobState is null ? [] :
                [
                    new JobRun
                    {
                        Id = "jr_1",
                        Attempt = 0,
                        JobName = Job,
                        JobRunState = jobState,
                        StartedOn = started,
                        CompletedOn = jobState is "RUNNING" ? null : started.AddSeconds(75),
                        ExecutionTime = jobState is "RUNNING" ? 0 : 75,
                        ErrorMessage = jobError,
                    },
                ],
            },
        };
        var crawler = new Node
        {
            Type = "CRAWLER",
            Name = Crawler,
            UniqueId = "wnode_crawler_" + Crawler,
            CrawlerDetails = new()
            {
                Crawls = crawlState is null ? [] :
                [
                    new Crawl { State = crawlState, StartedOn = started.AddSeconds(80), CompletedOn = crawlState is "RUNNING" ? null : started.AddSeconds(125), ErrorMessage = crawlError },
                ],
            },
        };
        var start = new Node
        {
            Type = "TRIGGER",
            Name = "products_start",
            UniqueId = "wnode_trigger_products_start",
            TriggerDetails = new() { Trigger = FakeGlue.EventTrigger("products_start", 5, 900) },
        };
        var after = new Node
        {
            Type = "TRIGGER",
            Name = "products_after_job",
            UniqueId = "wnode_trigger_products_after_job",
            TriggerDetails = new() { Trigger = new Trigger { Name = "products_after_job", Type = "CONDITIONAL" } },
        };
        return new WorkflowGraph
        {
            // Glue lists nodes in no particular order.
            Nodes = [crawler, after, job, start],
            Edges =
            [
                new() { SourceId = start.UniqueId, DestinationId = job.UniqueId },
                new() { SourceId = job.UniqueId, DestinationId = after.UniqueId },
                new() { SourceId = after.UniqueId, DestinationId = crawler.UniqueId },
            ],
        };
    }

    /// <summary>A run of the products workflow started by five events.</summary>
    public static WorkflowRun Products(
        string runId, DateTimeOffset started, string status, string? jobState, string? crawlState,
        IReadOnlyList<string>? eventIds = null, string? jobError = null, string? crawlError = null)
    {
        var states = new[] { jobState, crawlState }.OfType<string>().ToList();
        return new WorkflowRun
        {
            Name = Workflow,
            WorkflowRunId = runId,
            Status = status,
            StartedOn = started,
            CompletedOn = status == "RUNNING" ? null : started.AddSeconds(125),
            StartingEventBatchCondition = new() { BatchSize = 5 },
            WorkflowRunProperties = new Dictionary<string, string>
            {
                ["aws:eventIds"] = System.Text.Json.JsonSerializer.Serialize(eventIds ?? ["e1", "e2", "e3", "e4", "e5"]),
            },
            Statistics = new()
            {
                TotalActions = states.Count,
                SucceededActions = states.Count(s => s == "SUCCEEDED"),
                FailedActions = states.Count(s => s == "FAILED"),
                RunningActions = states.Count(s => s == "RUNNING"),
            },
            Graph = ProductsGraph(started, jobState, crawlState, jobError, crawlError),
        };
    }
}
