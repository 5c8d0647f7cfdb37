using System.Net;
using Bunit;
using Dashboard.Aws.CloudWatch;
using Dashboard.Aws.EventBridge;
using Dashboard.Aws.Glue;
using Dashboard.Aws.Protocol;
using Dashboard.Cloud;
using Dashboard.Components.Pages;
using Dashboard.Metrics;
using Dashboard.Tests.Shared;
using Dashboard.Workflows;

namespace Dashboard.Tests.Components;

public sealed class WorkflowsPageTests : DashboardComponentTest
{
    private readonly FakeGlue _glue = new();
    private readonly FakeEventBridge _events = new();
    private readonly FakeCloudWatch _cloudWatch = new();

    public WorkflowsPageTests()
    {
        Services.AddSingleton<IGlueApi>(_glue);
        Services.AddSingleton<IEventBridgeApi>(_events);
        Services.AddSingleton<ICloudWatchApi>(_cloudWatch);
        Services.AddSingleton<ICloudIdentity>(new FakeCloudIdentity("123456789012", "eu-west-1"));
        Services.AddHybridCache();
        Services.AddSingleton<WorkflowCatalog>();
        Services.AddSingleton<RuleMetrics>();
        Services.AddSingleton<WorkflowOverview>();
    }

    [Fact]
    public void WhileLoading_ShowsTheLoadingState()
    {
        _glue.Gate = new TaskCompletionSource();

        var page = RenderWithProviders<WorkflowsPage>();

        Assert.NotNull(page.Find("[data-testid=workflows-loading]"));
        Assert.Empty(page.FindAll("[data-testid=workflow-name]"));
        _glue.Gate.SetResult();
    }

    [Fact]
    public void NoWorkflows_ShowsTheEmptyStateNamingTheAccount()
    {
        var page = RenderWithProviders<WorkflowsPage>();

        page.WaitForAssertion(() => Assert.Contains("No Glue workflows in 123456789012 · eu-west-1", page.Find("[data-testid=workflows-empty]").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public void GlueRefuses_ShowsAReadableErrorAndStaysUp()
    {
        _glue.Failure = AwsErrors.Create(new("Glue", "ListWorkflows", "AccessDeniedException", "User is not authorized to perform: glue:ListWorkflows", null, HttpStatusCode.BadRequest, Amazon.Runtime.ErrorType.Sender));

        var page = RenderWithProviders<WorkflowsPage>();

        page.WaitForAssertion(() =>
        {
            var error = page.Find("[data-testid=workflows-error]").TextContent;
            Assert.Contains("Could not load the workflows.", error, StringComparison.Ordinal);
            Assert.Contains("may not call glue:ListWorkflows", error, StringComparison.Ordinal);
        });

        // Retry works once the permission is fixed.
        _glue.Failure = null;
        _glue.AddWorkflow("products", FakeGlue.EventTrigger("products-start", 5, 300));
        page.Find("[data-testid=workflows-error] button").Click();
        page.WaitForAssertion(() => Assert.Equal(["products"], page.FindAll("[data-testid=workflow-name]").Select(e => e.TextContent)));
    }

    [Fact]
    public void Loaded_ShowsRowsWithBatchingHealthAndRules()
    {
        _glue.AddWorkflow("products", FakeGlue.EventTrigger("products-start", 5, 300), new WorkflowRun
        {
            WorkflowRunId = "wr_1",
            Status = "COMPLETED",
            StartedOn = Clock.GetUtcNow().AddMinutes(-3),
            Statistics = new() { TotalActions = 3, SucceededActions = 2, FailedActions = 1 },
            StartingEventBatchCondition = new() { BatchSize = 5 },
        });
        _glue.AddWorkflow("orders", FakeGlue.EventTrigger("orders-start", 10, null));
        _glue.AddWorkflow("nightly", FakeGlue.ScheduledTrigger("nightly-start", "cron(0 2 * * ? *)"));
        _events.AddRule("products-upload", "arn:aws:glue:eu-west-1:123456789012:workflow/products");

        var page = RenderWithProviders<WorkflowsPage>();

        page.WaitForAssertion(() => Assert.Contains("products-upload", page.Markup, StringComparison.Ordinal));
        Assert.Equal(["orders", "products"], page.FindAll("[data-testid=workflow-name]").Select(e => e.TextContent));
        var products = page.FindAll("tr.workflow-row").Single(r => r.TextContent.Contains("products", StringComparison.Ordinal)).TextContent;
        Assert.Contains("5 events / 300 s", products, StringComparison.Ordinal);
        Assert.Contains("Partial failure", products, StringComparison.Ordinal);
        Assert.Contains("11:57:00", products, StringComparison.Ordinal);
        Assert.Contains("batch size reached", products, StringComparison.Ordinal);
        Assert.Contains("products-upload", products, StringComparison.Ordinal);
        var orders = page.FindAll("tr.workflow-row").Single(r => r.TextContent.Contains("orders", StringComparison.Ordinal)).TextContent;
        Assert.Contains("10 events / 900 s (default)", orders, StringComparison.Ordinal);
        Assert.Contains("No rule targets this workflow", orders, StringComparison.Ordinal);
        Assert.Contains("never run", orders, StringComparison.Ordinal);
        Assert.Contains("2 of 3 workflows", page.Find("[data-testid=workflows-footer]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void OnlyScheduledWorkflows_ExplainsTheEventFilter()
    {
        _glue.AddWorkflow("nightly", FakeGlue.ScheduledTrigger("nightly-start", "cron(0 2 * * ? *)"));

        var page = RenderWithProviders<WorkflowsPage>();

        page.WaitForAssertion(() => Assert.Contains("None of the 1 workflows has an EVENT start trigger", page.Find("[data-testid=workflows-filtered-empty]").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public void UrlQuery_SetsSearchAndIncludeAll()
    {
        _glue.AddWorkflow("orders", FakeGlue.EventTrigger("orders-start", 10, null));
        _glue.AddWorkflow("nightly-orders", FakeGlue.ScheduledTrigger("nightly-start", "cron(0 2 * * ? *)"));
        _glue.AddWorkflow("products", FakeGlue.EventTrigger("products-start", 5, 300));
        Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>().NavigateTo("/?q=orders&all=true");

        var page = RenderWithProviders<WorkflowsPage>();

        page.WaitForAssertion(() => Assert.Equal(["nightly-orders", "orders"], page.FindAll("[data-testid=workflow-name]").Select(e => e.TextContent)));
    }

    [Fact]
    public void UrlQuery_UnhealthyOnlyAndSort_FilterAndOrderTheRows()
    {
        _glue.AddWorkflow("aaa-healthy", FakeGlue.EventTrigger("a-start", 10, 60));
        _glue.AddWorkflow("bbb-no-rule", FakeGlue.EventTrigger("b-start", 10, 60));
        _glue.AddWorkflow("ccc-paused", FakeGlue.EventTrigger("c-start", 10, 60));
        _events.AddRule("a-upload", "arn:aws:glue:eu-west-1:123456789012:workflow/aaa-healthy");
        _events.AddRule("c-upload", "arn:aws:glue:eu-west-1:123456789012:workflow/ccc-paused", state: "DISABLED");
        Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>().NavigateTo("/?unhealthy=true&sort=-name");

        var page = RenderWithProviders<WorkflowsPage>();

        page.WaitForAssertion(() => Assert.Equal(["ccc-paused", "bbb-no-rule"], page.FindAll("[data-testid=workflow-name]").Select(e => e.TextContent)));
        Assert.Equal(["Critical", "Critical"], page.FindAll("[data-testid=health-badge]").Select(b => b.GetAttribute("data-level")));
    }

    [Fact]
    public void UrlQuery_RulesDisabled_KeepsWorkflowsWithADisabledRule()
    {
        _glue.AddWorkflow("aaa-healthy", FakeGlue.EventTrigger("a-start", 10, 60));
        _glue.AddWorkflow("ccc-paused", FakeGlue.EventTrigger("c-start", 10, 60));
        _events.AddRule("a-upload", "arn:aws:glue:eu-west-1:123456789012:workflow/aaa-healthy");
        _events.AddRule("c-upload", "arn:aws:glue:eu-west-1:123456789012:workflow/ccc-paused", state: "DISABLED");
        Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>().NavigateTo("/?rules=disabled");

        var page = RenderWithProviders<WorkflowsPage>();

        page.WaitForAssertion(() => Assert.Equal(["ccc-paused"], page.FindAll("[data-testid=workflow-name]").Select(e => e.TextContent)));
    }

    [Fact]
    public void NextPoll_NewWorkflow_AppearsWithoutAReload()
    {
        _glue.AddWorkflow("products", FakeGlue.EventTrigger("products-start", 5, 300));
        var page = RenderWithProviders<WorkflowsPage>();
        page.WaitForAssertion(() => Assert.Contains("No rule targets this workflow", page.Markup, StringComparison.Ordinal));

        _glue.AddWorkflow("orders", FakeGlue.EventTrigger("orders-start", 10, 60));
        Clock.Advance(LiveInterval);

        page.WaitForAssertion(() => Assert.Equal(["orders", "products"], page.FindAll("[data-testid=workflow-name]").Select(e => e.TextContent)));
    }

    [Fact]
    public void NextPollFails_KeepsTheRowsAndShowsTheStaleBanner()
    {
        _glue.AddWorkflow("products", FakeGlue.EventTrigger("products-start", 5, 300));
        var page = RenderWithProviders<WorkflowsPage>();
        page.WaitForAssertion(() => Assert.Contains("No rule targets this workflow", page.Markup, StringComparison.Ordinal));
        Assert.DoesNotContain("Stale since", page.Markup, StringComparison.Ordinal);

        _glue.Failure = AwsErrors.Create(new("Glue", "ListWorkflows", "ThrottlingException", "Rate exceeded", null, HttpStatusCode.BadRequest, Amazon.Runtime.ErrorType.Sender));
        Clock.Advance(LiveInterval);

        page.WaitForAssertion(() => Assert.Contains("Stale since", page.Find("[role=alert]").TextContent, StringComparison.Ordinal));
        Assert.Contains("AWS throttled", page.Find("[role=alert]").TextContent, StringComparison.Ordinal);
        Assert.Equal(["products"], page.FindAll("[data-testid=workflow-name]").Select(e => e.TextContent));
    }

    [Fact]
    public void RulesStillLoading_ShowsTheRowsWithTheRulesPending()
    {
        _glue.AddWorkflow("products", FakeGlue.EventTrigger("products-start", 5, 300));
        _events.Gate = new TaskCompletionSource();

        var page = RenderWithProviders<WorkflowsPage>();

        page.WaitForAssertion(() => Assert.Contains("5 events / 300 s", page.Find("tr.workflow-row").TextContent, StringComparison.Ordinal));
        Assert.Contains("Reading the EventBridge rules", page.Find("[data-testid=workflows-partial]").TextContent, StringComparison.Ordinal);
        Assert.Contains("Health: not judged yet", page.Markup, StringComparison.Ordinal);
        _events.Gate.SetResult();
        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=workflows-partial]")));
    }

    [Fact]
    public void RuleActivity_ShowsSparklinesTheFillingBatchAndFailuresInTheBadge()
    {
        var lastRun = Clock.GetUtcNow().AddMinutes(-20);
        _glue.AddWorkflow("products", FakeGlue.EventTrigger("products-start", 5, 900), new WorkflowRun
        {
            WorkflowRunId = "wr_1",
            Status = "COMPLETED",
            StartedOn = lastRun,
            Statistics = new() { TotalActions = 1, SucceededActions = 1 },
            StartingEventBatchCondition = new() { BatchSize = 5 },
        });
        _events.AddRule("products-upload", "arn:aws:glue:eu-west-1:123456789012:workflow/products");
        var rule = new RuleKey("default", "products-upload");
        _cloudWatch.Add("Invocations", rule.MetricDimensions, Clock.GetUtcNow().AddMinutes(-3), 2);
        _cloudWatch.Add("Invocations", rule.MetricDimensions, Clock.GetUtcNow().AddMinutes(-2), 1);
        _cloudWatch.Add("FailedInvocations", rule.MetricDimensions, Clock.GetUtcNow().AddHours(-2), 4);

        var page = RenderWithProviders<WorkflowsPage>();

        page.WaitForAssertion(() => Assert.StartsWith("≈ 3 of 5, window closes in ≤", page.Find("[data-testid=workflow-fill]").TextContent, StringComparison.Ordinal));
        Assert.Contains("Invocations, last 24 h: 3 in total; failed invocations: 4 in total", page.Find("[data-testid=sparkline]").GetAttribute("aria-label"), StringComparison.Ordinal);
        Assert.Equal("Critical", page.Find("[data-testid=health-badge]").GetAttribute("data-level"));
    }

    [Fact]
    public void MetricsRefused_KeepsTheRowsAndSaysWhy()
    {
        _glue.AddWorkflow("products", FakeGlue.EventTrigger("products-start", 5, 900));
        _events.AddRule("products-upload", "arn:aws:glue:eu-west-1:123456789012:workflow/products");
        _cloudWatch.Failure = AwsErrors.Create(new("CloudWatch", "GetMetricData", "AccessDenied", "User is not authorized to perform: cloudwatch:GetMetricData", null, HttpStatusCode.Forbidden, Amazon.Runtime.ErrorType.Sender));

        var page = RenderWithProviders<WorkflowsPage>();

        page.WaitForAssertion(() => Assert.Contains("cloudwatch:GetMetricData", page.Find("[data-testid=workflows-metrics-problem]").TextContent, StringComparison.Ordinal));
        Assert.Equal("metrics unavailable", page.Find("[data-testid=workflow-fill]").TextContent);
        Assert.Equal(["products"], page.FindAll("[data-testid=workflow-name]").Select(e => e.TextContent));
    }
}
