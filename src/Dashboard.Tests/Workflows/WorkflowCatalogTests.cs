using System.Net;
using Dashboard.Aws.Glue;
using Dashboard.Aws.Protocol;
using Dashboard.Tests.Shared;
using Dashboard.Workflows;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Tests.Workflows;

public sealed class WorkflowCatalogTests
{
    private const string Account = "123456789012";
    private const string Region = "eu-west-1";

    private readonly FakeGlue _glue = new();
    private readonly FakeEventBridge _events = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));

    private WorkflowCatalog Catalog()
    {
        var services = new ServiceCollection().AddHybridCache().Services.BuildServiceProvider();
        return new WorkflowCatalog(_glue, _events, new FakeCloudIdentity(Account, Region), services.GetRequiredService<HybridCache>(), _clock, NullLogger<WorkflowCatalog>.Instance);
    }

    private static string Arn(string workflow) => $"arn:aws:glue:{Region}:{Account}:workflow/{workflow}";

    [Fact]
    public async Task Load_SummarizesTriggerLastRunAndRules()
    {
        _glue.AddWorkflow("products", FakeGlue.EventTrigger("products-start", 5, 300), new WorkflowRun
        {
            WorkflowRunId = "wr_1",
            Status = "COMPLETED",
            StartedOn = _clock.GetUtcNow().AddMinutes(-10),
            Statistics = new() { TotalActions = 2, SucceededActions = 1, FailedActions = 1 },
            StartingEventBatchCondition = new() { BatchWindow = 300 },
        });
        _glue.AddWorkflow("nightly", FakeGlue.ScheduledTrigger("nightly-start", "cron(0 2 * * ? *)"));
        _events.AddBus("uploads")
            .AddRule("products-upload", Arn("products"))
            .AddRule("products-replay", Arn("products"), bus: "uploads", state: "DISABLED");

        var snapshot = await Catalog().LoadAsync(null, TestContext.Current.CancellationToken);

        var products = Assert.Single(snapshot.Workflows, w => w.Name == "products");
        Assert.Equal(new EventBatching(5, 300), products.StartTrigger?.Batching);
        Assert.True(products.IsEventDriven);
        Assert.Equal(RunHealth.PartialFailure, products.LastRun?.Health);
        Assert.Equal(RunCause.BatchWindowExpired, products.LastRun?.Cause);
        Assert.Equal([new RuleReference("default", "products-upload", "ENABLED"), new RuleReference("uploads", "products-replay", "DISABLED")], products.Rules);

        var nightly = Assert.Single(snapshot.Workflows, w => w.Name == "nightly");
        Assert.False(nightly.IsEventDriven);
        Assert.Equal("cron(0 2 * * ? *)", nightly.StartTrigger?.Schedule);
        Assert.Empty(nightly.Rules);
        Assert.Null(nightly.LastRun);
        Assert.Equal(_clock.GetUtcNow(), snapshot.FetchedAt);
    }

    /// <summary>
    /// The request count for W workflows, B buses and R rules is the minimum the page sizes allow:
    /// ceil(W/25) ListWorkflows + ceil(W/25) BatchGetWorkflows + 1 ListEventBuses + one ListRules page per bus
    /// + min(R ListTargetsByRule, W·B ListRuleNamesByTarget). With graphs, no trigger calls at all.
    /// </summary>
    [Theory]
    [InlineData(1, 1, 1, 1 + 1 + 1 + 1 + 1)]
    [InlineData(25, 1, 1, 1 + 1 + 1 + 1 + 1)]
    [InlineData(26, 1, 1, 2 + 2 + 1 + 1 + 1)]
    [InlineData(60, 2, 2, 3 + 3 + 1 + 2 + 2)]
    [InlineData(1, 1, 3, 1 + 1 + 1 + 1 + 1)] // more rules than workflows × buses: ask per workflow instead
    [InlineData(100, 4, 40, 4 + 4 + 1 + 4 + 40)] // more workflows × buses than rules: ask per rule
    public async Task Load_WithGraphs_MakesTheMinimumNumberOfCalls(int workflows, int buses, int rules, int expected)
    {
        for (var i = 0; i < workflows; i++)
        {
            _glue.AddWorkflow($"wf-{i:D3}", FakeGlue.EventTrigger($"wf-{i:D3}-start", 10, 60));
        }

        for (var b = 1; b < buses; b++)
        {
            _events.AddBus($"bus-{b}");
        }

        for (var r = 0; r < rules; r++)
        {
            _events.AddRule($"rule-{r}", Arn($"wf-{r % workflows:D3}"), bus: r % buses == 0 ? "default" : $"bus-{r % buses}");
        }

        var snapshot = await Catalog().LoadAsync(null, TestContext.Current.CancellationToken);

        Assert.Equal(workflows, snapshot.Workflows.Count);
        Assert.Equal(expected, _glue.TotalCalls + _events.TotalCalls);
        Assert.Equal(expected, snapshot.AwsRequests);
        Assert.False(_glue.Calls.ContainsKey("ListTriggers"), "graphs were present, so the trigger API is not needed");
    }

    [Fact]
    public async Task Load_WithProgress_ReportsTheNamesBeforeTheDetailsAndTheRules()
    {
        _glue.AddWorkflow("products", FakeGlue.EventTrigger("products-start", 5, 300));
        _glue.AddWorkflow("orders", FakeGlue.EventTrigger("orders-start", 10, 60));
        _events.AddRule("products-upload", Arn("products"));
        var stages = new List<WorkflowCatalogSnapshot>();

        var final = await Catalog().LoadAsync(stages.Add, TestContext.Current.CancellationToken);

        var names = stages[0];
        Assert.Equal(CatalogStage.Names, names.Stage);
        Assert.Equal(["orders", "products"], names.Workflows.Select(w => w.Name));
        Assert.All(names.Workflows, w => Assert.Null(w.StartTrigger));
        Assert.All(stages.Skip(1), s => Assert.Equal(CatalogStage.Details, s.Stage));
        Assert.Equal(CatalogStage.Rules, final.Stage);
        Assert.True(final.HasRules);
        Assert.Equal("products-upload", Assert.Single(Assert.Single(final.Workflows, w => w.Name == "products").Rules).RuleName);
    }

    [Fact]
    public async Task Load_WithoutGraphs_FindsStartTriggersThroughTheTriggerApi()
    {
        _glue.ReturnsGraph = false;
        for (var i = 0; i < 3; i++)
        {
            _glue.AddWorkflow($"wf-{i}", FakeGlue.EventTrigger($"wf-{i}-start", i + 1, 60));
        }

        var snapshot = await Catalog().LoadAsync(null, TestContext.Current.CancellationToken);

        Assert.Equal([1, 2, 3], snapshot.Workflows.Select(w => w.StartTrigger?.Batching?.BatchSize ?? 0));
        Assert.Equal(1, _glue.Calls["ListTriggers"]);
        Assert.Equal(1, _glue.Calls["BatchGetTriggers"]);
    }

    [Fact]
    public async Task Load_RulesAccessDenied_KeepsTheWorkflowsAndNamesTheMissingPermission()
    {
        _glue.AddWorkflow("products", FakeGlue.EventTrigger("products-start", 5, 300));
        _events.Failure = AwsErrors.Create(new("EventBridge", "ListEventBuses", "AccessDeniedException", "User is not authorized to perform: events:ListEventBuses", null, HttpStatusCode.BadRequest, Amazon.Runtime.ErrorType.Sender));

        var snapshot = await Catalog().LoadAsync(null, TestContext.Current.CancellationToken);

        var products = Assert.Single(snapshot.Workflows);
        Assert.Empty(products.Rules);
        Assert.Contains("events:ListEventBuses", products.RulesProblem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Load_GlueAccessDenied_Throws()
    {
        _glue.Failure = AwsErrors.Create(new("Glue", "ListWorkflows", "AccessDeniedException", "not authorized", null, HttpStatusCode.BadRequest, Amazon.Runtime.ErrorType.Sender));

        await Assert.ThrowsAsync<AwsAccessDeniedException>(() => Catalog().LoadAsync(null, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Get_ManyConcurrentCallers_ShareOneLoad()
    {
        _glue.AddWorkflow("products", FakeGlue.EventTrigger("products-start", 5, 300));
        var catalog = Catalog();

        var snapshots = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => catalog.GetAsync(TestContext.Current.CancellationToken).AsTask()));

        Assert.All(snapshots, s => Assert.Equal("products", Assert.Single(s.Workflows).Name));
        Assert.Equal(1, _glue.Calls["ListWorkflows"]);
    }

    [Fact]
    public async Task Invalidate_NextGetReadsAwsAgain()
    {
        _glue.AddWorkflow("products", FakeGlue.EventTrigger("products-start", 5, 300));
        var catalog = Catalog();

        await catalog.GetAsync(TestContext.Current.CancellationToken);
        await catalog.InvalidateAsync(TestContext.Current.CancellationToken);
        await catalog.GetAsync(TestContext.Current.CancellationToken);

        Assert.Equal(2, _glue.Calls["ListWorkflows"]);
    }
}
