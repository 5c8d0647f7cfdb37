using Dashboard.Aws.Glue;
using Dashboard.Aws.Protocol;
using Dashboard.Tests.Shared;

namespace Dashboard.Tests.Aws.Glue;

/// <summary>Our Glue client against moto_server, seeded with the AWS CLI.</summary>
public sealed class GlueContractTests(MotoServer moto) : IClassFixture<MotoServer>
{
    private readonly string _prefix = "gc" + Guid.NewGuid().ToString("N")[..8];

    private GlueClient Client() => new(TestClients.Credentials, TestClients.EndpointConfig(GlueClient.Spec, moto.Endpoint));

    private async Task SeedAsync(int eventWorkflows)
    {
        var cli = new AwsCli(moto.Endpoint);
        await cli.RunAsync("glue", "create-job", "--name", $"{_prefix}-job", "--role", $"arn:aws:iam::{MotoServer.Account}:role/glue",
            "--command", "Name=glueetl,ScriptLocation=s3://scripts/job.py", "--execution-property", "MaxConcurrentRuns=2");
        for (var i = 0; i < eventWorkflows; i++)
        {
            await cli.RunAsync("glue", "create-workflow", "--name", $"{_prefix}-event-{i}", "--max-concurrent-runs", "1");
            await cli.RunAsync("glue", "create-trigger", "--name", $"{_prefix}-event-{i}-start", "--workflow-name", $"{_prefix}-event-{i}",
                "--type", "EVENT", "--event-batching-condition", $"BatchSize={i + 1},BatchWindow={(i + 1) * 60}", "--actions", $"JobName={_prefix}-job");
        }

        await cli.RunAsync("glue", "create-workflow", "--name", $"{_prefix}-nightly");
        await cli.RunAsync("glue", "create-trigger", "--name", $"{_prefix}-nightly-start", "--workflow-name", $"{_prefix}-nightly",
            "--type", "SCHEDULED", "--schedule", "cron(0 2 * * ? *)", "--actions", $"JobName={_prefix}-job");
    }

    /// <remarks>
    /// moto 5.2.1 fails with HTTP 500 (an AttributeError in its paginator) when ListWorkflows has more results than
    /// MaxResults, so paging across ListWorkflows pages is covered by the wire tests; here it is one page through the
    /// paginator. Paging across pages against moto is covered by ListTriggers and GetJobRuns.
    /// </remarks>
    [Fact]
    public async Task ListWorkflows_ReturnsEverySeededWorkflow()
    {
        moto.Require();
        await SeedAsync(eventWorkflows: 5);
        using var glue = Client();

        var names = new List<string>();
        await foreach (var page in glue.ListWorkflowsPagesAsync(new()))
        {
            names.AddRange(page.Workflows ?? []);
        }

        var seeded = names.Where(n => n.StartsWith(_prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
        Assert.Equal([$"{_prefix}-event-0", $"{_prefix}-event-1", $"{_prefix}-event-2", $"{_prefix}-event-3", $"{_prefix}-event-4", $"{_prefix}-nightly"], seeded);
    }

    [Fact]
    public async Task BatchGetWorkflows_ReturnsFoundAndMissing()
    {
        moto.Require();
        await SeedAsync(eventWorkflows: 1);
        using var glue = Client();

        var response = await glue.BatchGetWorkflowsAsync(new() { Names = [$"{_prefix}-event-0", $"{_prefix}-absent"], IncludeGraph = true });

        var workflow = Assert.Single(response.Workflows ?? []);
        Assert.Equal($"{_prefix}-event-0", workflow.Name);
        Assert.Equal(1, workflow.MaxConcurrentRuns);
        Assert.NotNull(workflow.CreatedOn);
        Assert.Equal([$"{_prefix}-absent"], response.MissingWorkflows);
    }

    [Fact]
    public async Task GetWorkflow_MissingName_ThrowsTypedNotFound()
    {
        moto.Require();
        using var glue = Client();

        var error = await Assert.ThrowsAsync<AwsNotFoundException>(() => glue.GetWorkflowAsync(new() { Name = $"{_prefix}-absent" }));

        Assert.Equal("EntityNotFoundException", error.ErrorCode);
    }

    [Fact]
    public async Task Triggers_ListedAcrossPagesAndBatchGot_WithTypeAndBatching()
    {
        moto.Require();
        await SeedAsync(eventWorkflows: 3);
        using var glue = Client();

        var names = new List<string>();
        await foreach (var page in glue.ListTriggersPagesAsync(new() { MaxResults = 2 }))
        {
            names.AddRange(page.TriggerNames ?? []);
        }

        var ours = names.Where(n => n.StartsWith(_prefix, StringComparison.Ordinal)).ToList();
        Assert.Equal(4, ours.Count);

        var batch = await glue.BatchGetTriggersAsync(new() { TriggerNames = [.. ours, $"{_prefix}-absent"] });
        var byName = (batch.Triggers ?? []).ToDictionary(t => t.Name ?? string.Empty);
        Assert.Equal("EVENT", byName[$"{_prefix}-event-2-start"].Type);
        Assert.Equal(3, byName[$"{_prefix}-event-2-start"].EventBatchingCondition?.BatchSize);
        Assert.Equal(180, byName[$"{_prefix}-event-2-start"].EventBatchingCondition?.BatchWindow);
        Assert.Equal($"{_prefix}-event-2", byName[$"{_prefix}-event-2-start"].WorkflowName);
        Assert.Equal("SCHEDULED", byName[$"{_prefix}-nightly-start"].Type);
        Assert.Equal("cron(0 2 * * ? *)", byName[$"{_prefix}-nightly-start"].Schedule);
        Assert.Equal([$"{_prefix}-absent"], batch.TriggersNotFound);

        var single = await glue.GetTriggerAsync(new() { Name = $"{_prefix}-event-0-start" });
        Assert.Equal($"{_prefix}-job", single.Trigger?.Actions?[0].JobName);
    }

    [Fact]
    public async Task WorkflowRuns_StartGetPropertiesAndStop()
    {
        moto.Require();
        await SeedAsync(eventWorkflows: 1);
        using var glue = Client();
        var workflow = $"{_prefix}-event-0";

        var first = await glue.StartWorkflowRunAsync(new() { Name = workflow, RunProperties = new Dictionary<string, string> { ["source"] = "test" } });
        Assert.False(string.IsNullOrEmpty(first.RunId));

        var run = await glue.GetWorkflowRunAsync(new() { Name = workflow, RunId = first.RunId, IncludeGraph = false });
        Assert.Equal(first.RunId, run.Run?.WorkflowRunId);
        Assert.NotNull(run.Run?.StartedOn);

        var properties = await glue.GetWorkflowRunPropertiesAsync(new() { Name = workflow, RunId = first.RunId });
        Assert.Equal("test", properties.RunProperties?["source"]);

        // moto accepts the stop but keeps the run RUNNING; the status change is LocalCloud's to prove.
        await glue.StopWorkflowRunAsync(new() { Name = workflow, RunId = first.RunId });
        await Assert.ThrowsAsync<AwsNotFoundException>(() => glue.StopWorkflowRunAsync(new() { Name = workflow, RunId = "wr_absent" }));

        var second = await glue.StartWorkflowRunAsync(new() { Name = workflow });

        var runs = new List<WorkflowRun>();
        // moto 5.2.1's GetWorkflowRuns paginator fails like its ListWorkflows one, so this stays on one page.
        await foreach (var page in glue.GetWorkflowRunsPagesAsync(new() { Name = workflow }))
        {
            runs.AddRange(page.Runs ?? []);
        }

        Assert.Equal(new[] { first.RunId, second.RunId }.Order(StringComparer.Ordinal), runs.Select(r => r.WorkflowRunId).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Jobs_BatchGetAndRuns()
    {
        moto.Require();
        await SeedAsync(eventWorkflows: 0);
        using var glue = Client();

        var jobs = await glue.BatchGetJobsAsync(new() { JobNames = [$"{_prefix}-job", $"{_prefix}-absent"] });
        var job = Assert.Single(jobs.Jobs ?? []);
        Assert.Equal(2, job.ExecutionProperty?.MaxConcurrentRuns);
        Assert.Equal("s3://scripts/job.py", job.Command?.ScriptLocation);
        Assert.Equal([$"{_prefix}-absent"], jobs.JobsNotFound);

        var cli = new AwsCli(moto.Endpoint);
        await cli.RunAsync("glue", "start-job-run", "--job-name", $"{_prefix}-job");
        await cli.RunAsync("glue", "start-job-run", "--job-name", $"{_prefix}-job");
        var runs = new List<JobRun>();
        await foreach (var page in glue.GetJobRunsPagesAsync(new() { JobName = $"{_prefix}-job", MaxResults = 1 }))
        {
            runs.AddRange(page.JobRuns ?? []);
        }

        Assert.Equal(2, runs.Count);
        Assert.All(runs, r => Assert.Equal($"{_prefix}-job", r.JobName));
    }

    [Fact]
    public async Task Crawlers_BatchGet()
    {
        moto.Require();
        var cli = new AwsCli(moto.Endpoint);
        await cli.RunAsync("glue", "create-crawler", "--name", $"{_prefix}-crawler", "--role", $"arn:aws:iam::{MotoServer.Account}:role/glue",
            "--database-name", "products", "--targets", """{"S3Targets":[{"Path":"s3://data/products_raw/"}]}""");
        using var glue = Client();

        var response = await glue.BatchGetCrawlersAsync(new() { CrawlerNames = [$"{_prefix}-crawler", $"{_prefix}-absent"] });

        var crawler = Assert.Single(response.Crawlers ?? []);
        Assert.Equal("products", crawler.DatabaseName);
        Assert.Equal("s3://data/products_raw/", crawler.Targets?.S3Targets?[0].Path);
        Assert.Equal("READY", crawler.State);
        Assert.Equal([$"{_prefix}-absent"], response.CrawlersNotFound);
    }
}
