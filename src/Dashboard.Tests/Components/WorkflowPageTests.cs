using System.Net;
using Bunit;
using Dashboard.Aws.EventBridge;
using Dashboard.Aws.Glue;
using Dashboard.Aws.Protocol;
using Dashboard.Cloud;
using Dashboard.Components.Pages;
using Dashboard.Tests.Shared;
using Dashboard.Workflows;

namespace Dashboard.Tests.Components;

public sealed class WorkflowPageTests : DashboardComponentTest
{
    private readonly FakeGlue _glue = new();

    public WorkflowPageTests()
    {
        Services.AddSingleton<IGlueApi>(_glue);
        Services.AddSingleton<IEventBridgeApi>(new FakeEventBridge());
        Services.AddSingleton<ICloudIdentity>(new FakeCloudIdentity("123456789012", "eu-west-1"));
        Services.AddHybridCache();
        Services.AddSingleton<WorkflowDetails>();
        Services.AddSingleton<WorkflowRuns>();
        _glue.AddWorkflow("products", FakeGlue.EventTrigger("products-start", 5, 300));
    }

    private IRenderedComponent<WorkflowPage> RenderPage(string name) =>
        Render<WorkflowPage>(parameters => parameters.Add(p => p.Name, name));

    [Fact]
    public void Runs_ShowRealHealthCauseEventsAndResume()
    {
        var started = Clock.GetUtcNow().AddMinutes(-30);
        _glue.AddRun("products", new WorkflowRun
        {
            WorkflowRunId = "wr_1",
            Status = "COMPLETED",
            StartedOn = started,
            CompletedOn = started.AddSeconds(150),
            Statistics = new() { TotalActions = 3, SucceededActions = 2, FailedActions = 1 },
            StartingEventBatchCondition = new() { BatchSize = 5 },
            WorkflowRunProperties = new Dictionary<string, string> { ["aws:eventIds"] = """["a","b","c","d","e"]""" },
        });
        _glue.AddRun("products", new WorkflowRun
        {
            WorkflowRunId = "wr_2",
            PreviousRunId = "wr_1",
            Status = "RUNNING",
            StartedOn = Clock.GetUtcNow().AddMinutes(-2),
            Statistics = new() { TotalActions = 1, RunningActions = 1 },
        });

        var page = RenderPage("products");

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=run-row]").Count));
        page.WaitForAssertion(() => Assert.Contains("No rule targets this workflow", page.Find("[data-testid=workflow-no-rules]").TextContent, StringComparison.Ordinal));
        var rows = page.FindAll("[data-testid=run-row]").Select(r => r.TextContent).ToList();
        Assert.Contains("Running", rows[0], StringComparison.Ordinal);
        Assert.Contains("resumed from wr_1", rows[0], StringComparison.Ordinal);
        Assert.Contains("so far", rows[0], StringComparison.Ordinal);
        Assert.Contains("Partial failure", rows[1], StringComparison.Ordinal);
        Assert.Contains("batch size reached", rows[1], StringComparison.Ordinal);
        Assert.Contains("2 min 30 s", rows[1], StringComparison.Ordinal);
        Assert.Contains("2/3 succeeded, 1 failed", rows[1], StringComparison.Ordinal);
        Assert.Equal("/workflows/products/runs/wr_1", page.FindAll("[data-testid=run-row]")[1].QuerySelector("a")?.GetAttribute("href"));
    }

    [Fact]
    public void NoRuns_SaysSo()
    {
        var page = RenderPage("products");

        page.WaitForAssertion(() => Assert.Contains("has not run yet", page.Find("[data-testid=runs-empty]").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public void GlueRefuses_ShowsTheMissingPermission()
    {
        _glue.Failure = AwsErrors.Create(new("Glue", "GetWorkflowRuns", "AccessDeniedException", "not authorized", null, HttpStatusCode.BadRequest, Amazon.Runtime.ErrorType.Sender));

        var page = RenderPage("products");

        page.WaitForAssertion(() => Assert.Contains("glue:", page.Find("[data-testid=runs-error]").TextContent, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("""["a","b"]""", 2)]
    [InlineData("[a, b, c]", 3)]
    [InlineData("", 0)]
    public void EventCount_ReadsBothSpellingsOfTheList(string value, int expected) =>
        Assert.Equal(expected, WorkflowRuns.EventCount(new Dictionary<string, string> { ["aws:eventIds"] = value }));

    [Fact]
    public void Loaded_ShowsTriggerBatchingRulesHealthAndTheEditEntryPoint()
    {
        var events = (FakeEventBridge)Services.GetRequiredService<IEventBridgeApi>();
        events.AddRule("products-upload", "arn:aws:glue:eu-west-1:123456789012:workflow/products");

        var page = RenderPage("products");

        page.WaitForAssertion(() => Assert.Contains("products-upload · ENABLED", page.Find("[data-testid=workflow-rules]").TextContent, StringComparison.Ordinal));
        Assert.Equal("5 events / 300 s", page.Find("[data-testid=workflow-batching]").TextContent);
        Assert.Contains("Healthy", page.Find("[data-testid=workflow-health]").TextContent, StringComparison.Ordinal);
        Assert.Contains("Edit batching", page.Find("[data-testid=edit-batching]").TextContent, StringComparison.Ordinal);
        Assert.Equal("/workflows/products/trigger", page.Find("a[aria-label='Open the batching editor as a page']").GetAttribute("href"));
        Assert.Equal("/rules/default/products-upload", page.Find("[data-testid=workflow-rules] a").GetAttribute("href"));
    }

    [Fact]
    public void UnknownWorkflow_ShowsNotFoundWithAWayBack()
    {
        var page = RenderPage("no-such-workflow");

        page.WaitForAssertion(() => Assert.Contains("No workflow named no-such-workflow", page.Find("[data-testid=workflow-not-found]").TextContent, StringComparison.Ordinal));
        Assert.Empty(page.FindAll("[data-testid=runs-empty]"));
    }

    [Fact]
    public void NewRun_AppearsAtTheNextPollWithoutAReload()
    {
        var page = RenderPage("products");
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=runs-empty]")));

        _glue.AddRun("products", new WorkflowRun { WorkflowRunId = "wr_new", Status = "RUNNING", StartedOn = Clock.GetUtcNow() });
        Clock.Advance(LiveInterval);

        page.WaitForAssertion(() => Assert.Contains("wr_new", page.Find("[data-testid=run-row]").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public void Charts_CountRunsByHealthAndTheirEvents()
    {
        var started = Clock.GetUtcNow().AddMinutes(-30);
        _glue.AddRun("products", new WorkflowRun
        {
            WorkflowRunId = "wr_1",
            Status = "COMPLETED",
            StartedOn = started,
            Statistics = new() { TotalActions = 1, SucceededActions = 1 },
            WorkflowRunProperties = new Dictionary<string, string> { ["aws:eventIds"] = """["a","b","c","d","e"]""" },
        });

        var page = RenderPage("products");

        page.WaitForAssertion(() => Assert.Contains("Succeeded: 1", page.Find("[data-testid=runs-chart]").TextContent, StringComparison.Ordinal));
        Assert.Contains("5", page.Find("[data-testid=events-chart]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void BadRangeInTheUrl_SaysWhatWasWrongAndUsesTheDefault()
    {
        Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>().NavigateTo("/workflows/products?range=2weeks");

        var page = RenderPage("products");

        page.WaitForAssertion(() => Assert.Contains("Unknown range '2weeks'", page.Markup, StringComparison.Ordinal));
    }

    [Fact]
    public void WhileLoading_ShowsSkeletonsThenTheWorkflow()
    {
        _glue.Gate = new TaskCompletionSource();

        var page = RenderPage("products");

        Assert.NotNull(page.Find("[data-testid=workflow-loading]"));
        _glue.Gate.SetResult();
        page.WaitForAssertion(() => Assert.Equal("5 events / 300 s", page.Find("[data-testid=workflow-batching]").TextContent));
    }

    [Fact]
    public void NextPollFails_KeepsTheWorkflowAndShowsTheStaleBanner()
    {
        var page = RenderPage("products");
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=runs-empty]")));
        Assert.DoesNotContain("Stale since", page.Markup, StringComparison.Ordinal);

        _glue.Failure = AwsErrors.Create(new("Glue", "GetWorkflow", "ThrottlingException", "Rate exceeded", null, HttpStatusCode.BadRequest, Amazon.Runtime.ErrorType.Sender));
        Clock.Advance(LiveInterval);

        page.WaitForAssertion(() => Assert.Contains("Stale since", page.Find("[role=alert]").TextContent, StringComparison.Ordinal));
        Assert.Equal("5 events / 300 s", page.Find("[data-testid=workflow-batching]").TextContent);
    }
}
