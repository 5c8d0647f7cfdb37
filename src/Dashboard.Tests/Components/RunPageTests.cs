using System.Net;
using Bunit;
using Dashboard.Audit;
using Dashboard.Aws.CloudTrail;
using Dashboard.Aws.Glue;
using Dashboard.Aws.Protocol;
using Dashboard.Components.Pages;
using Dashboard.Cloud;
using Dashboard.Live;
using Dashboard.Security;
using Dashboard.Tests.Shared;
using Dashboard.Workflows;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dashboard.Tests.Components;

public sealed class RunPageTests : DashboardComponentTest
{
    private const string Workflow = TestRuns.Workflow;

    private readonly FakeGlue _glue = new();
    private readonly FakeCloudTrail _cloudTrail = new();
    private readonly LiveData _live;
    private readonly MemoryAuditLog _audit = new();
    private Actor _actor = new("olga", DashboardRoles.Operator);

    public RunPageTests()
    {
        _live = new LiveData(Clock, new LiveDataOptions(TimeSpan.FromSeconds(5)), NullLogger<LiveData>.Instance);
        Services.AddSingleton<IGlueApi>(_glue);
        Services.AddSingleton<ICloudTrailApi>(_cloudTrail);
        Services.AddSingleton(_live);
        Services.AddHybridCache();
        Services.AddSingleton<RunDetails>();
        Services.AddSingleton<RunEventSources>();
        Services.AddSingleton<IAuditLog>(_audit);
        Services.AddSingleton(new CloudEnvironment("prod"));
        Services.AddSingleton<RunControl>();
        Services.AddScoped<ICurrentActor>(_ => new FixedActor(_actor));
        _glue.AddWorkflow(Workflow, FakeGlue.EventTrigger("products_start", 5, 900));

        // As in the app, after the prerender: the page subscribes and looks events up only when interactive.
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    private DateTimeOffset Started => Clock.GetUtcNow().AddHours(-1);

    private IRenderedComponent<IComponent> RenderPage(string runId, string workflow = Workflow) =>
        RenderInLayout<RunPage>((nameof(RunPage.Name), workflow), (nameof(RunPage.RunId), runId));

    private void AddUploads(params string[] eventIds)
    {
        for (var i = 0; i < eventIds.Length; i++)
        {
            _cloudTrail.AddNotifyEvent(eventIds[i], Started.AddSeconds(-60 + i), FakeCloudTrail.CloudTrailUpload("landing", $"data/products_raw/product_0000{i + 1}.json"));
        }
    }

    [Fact]
    public void Loading_ShowsSkeletonsUntilGlueAnswers()
    {
        _glue.AddRun(Workflow, TestRuns.Products("wr_1", Started, "COMPLETED", "SUCCEEDED", "SUCCEEDED"));
        _glue.Gate = new TaskCompletionSource();

        var page = RenderPage("wr_1");

        Assert.Contains("Reading the run from Glue", page.Find("[data-testid=run-loading]").TextContent, StringComparison.Ordinal);
        _glue.Gate.SetResult();
        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=run-loading]")));
    }

    [Fact]
    public void FinishedRun_ShowsHealthCauseStatisticsNodesAttemptsAndObjects()
    {
        _glue.AddRun(Workflow, TestRuns.Products("wr_1", Started, "COMPLETED", "SUCCEEDED", "SUCCEEDED", ["e1", "e2", "e3", "e4", "e5"]));
        AddUploads("e1", "e2", "e3", "e4", "e5");

        var page = RenderPage("wr_1");

        page.WaitForAssertion(() => Assert.Equal(5, page.FindAll("[data-testid=event-object]").Count));
        Assert.Equal("Succeeded", page.Find("[data-testid=run-health]").TextContent.Trim());
        Assert.Equal("batch size reached (5 events)", page.Find("[data-testid=run-cause]").TextContent);
        var facts = page.Find("[data-testid=run-facts]").TextContent;
        Assert.Contains("2 min 5 s", facts, StringComparison.Ordinal);
        Assert.Contains("5 events / 900 s", facts, StringComparison.Ordinal);
        var statistics = page.FindAll("[data-testid=stat]").Select(s => string.Concat(s.TextContent.Where(c => !char.IsWhiteSpace(c))));
        Assert.Equal(["2Total", "2Succeeded", "0Failed", "0Errored", "0Timedout", "0Stopped", "0Running", "0Waiting"], statistics);
        Assert.Equal(4, page.FindAll("[data-testid=graph-node]").Count);
        Assert.Equal(2, page.FindAll("[data-testid=attempt]").Count);
        Assert.Equal("s3://landing/data/products_raw/product_00001.json", page.FindAll("[data-testid=event-object]")[0].TextContent);
        Assert.Contains("All 5 events were found", page.Find("[data-testid=events-summary]").TextContent, StringComparison.Ordinal);
        Assert.Contains("Final state", page.Markup, StringComparison.Ordinal);
        Assert.Equal(0, _live.ActiveFeeds);

        // Nothing failed, so Resume is disabled, and says why.
        Assert.True(page.Find("[data-testid=resume-button]").HasAttribute("disabled"));
        Assert.Contains("nothing to resume", page.Find("[data-testid=resume-reason]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FailedNode_ResumeDialogNamesTheNodes_AndLinksTheNewRun()
    {
        _glue.AddRun(Workflow, TestRuns.Products("wr_1", Started, "COMPLETED", "SUCCEEDED", "FAILED", crawlError: "Insufficient Lake Formation permission(s) on products_db"));
        var page = RenderPage("wr_1");

        page.WaitForAssertion(() => Assert.Contains("Insufficient Lake Formation permission(s)", page.Find("[data-testid=run-failures]").TextContent, StringComparison.Ordinal));
        Assert.Equal("Partial failure", page.Find("[data-testid=run-health]").TextContent.Trim());
        Assert.Contains("failed-row", page.FindAll("[data-testid=attempt]")[1].ClassName, StringComparison.Ordinal);

        // The handler waits for the dialog's answer: click without awaiting it.
        await page.InvokeAsync(() => page.Find("[data-testid=resume-button]").Click());
        page.WaitForAssertion(() => Assert.Contains(TestRuns.Crawler, page.Find("[data-testid=resume-nodes]").TextContent, StringComparison.Ordinal));
        Assert.DoesNotContain(TestRuns.Job, page.Find("[data-testid=resume-nodes]").TextContent, StringComparison.Ordinal);
        Assert.Empty(_glue.Resumes);

        await page.InvokeAsync(() => page.FindAll("button").Single(b => b.TextContent.Contains("Resume 1 node", StringComparison.Ordinal)).Click());

        page.WaitForAssertion(() => Assert.Equal("/workflows/products/runs/wr_resumed_1", page.Find("[data-testid=resume-snackbar] a").GetAttribute("href")));
        Assert.Equal(["wnode_crawler_products_parquet_crawler"], Assert.Single(_glue.Resumes).NodeIds);
        Assert.Equal("/workflows/products/runs/wr_resumed_1", page.Find("[data-testid=run-resumed] a").GetAttribute("href"));
        Assert.Empty(page.FindAll("[data-testid=resume-nodes]"));
    }

    [Fact]
    public async Task ResumeRefused_TheDialogSaysWhyAndStaysOpen()
    {
        _glue.AddRun(Workflow, TestRuns.Products("wr_1", Started, "COMPLETED", "FAILED", null));
        _glue.ResumeFailure = AwsErrors.Create(new("Glue", "ResumeWorkflowRun", "ConcurrentRunsExceededException", "Concurrent runs exceeded for workflow: products.", null, HttpStatusCode.BadRequest, Amazon.Runtime.ErrorType.Sender));
        var page = RenderPage("wr_1");
        page.WaitForAssertion(() => Assert.False(page.Find("[data-testid=resume-button]").HasAttribute("disabled")));

        // The handler waits for the dialog's answer: click without awaiting it.
        await page.InvokeAsync(() => page.Find("[data-testid=resume-button]").Click());
        page.WaitForAssertion(() => Assert.Contains(TestRuns.Job, page.Find("[data-testid=resume-nodes]").TextContent, StringComparison.Ordinal));
        await page.InvokeAsync(() => page.FindAll("button").Single(b => b.TextContent.Contains("Resume 1 node", StringComparison.Ordinal)).Click());

        page.WaitForAssertion(() => Assert.Contains("Concurrent runs exceeded", page.Find("[data-testid=resume-error]").TextContent, StringComparison.Ordinal));
        Assert.Empty(page.FindAll("[data-testid=run-resumed]"));
    }

    [Fact]
    public void AsAViewer_ResumeIsDisabled_AndSaysWhy()
    {
        _actor = new("vic", DashboardRoles.Viewer);
        _glue.AddRun(Workflow, TestRuns.Products("wr_failed", Started, "COMPLETED", "FAILED", null));

        var page = RenderPage("wr_failed");

        page.WaitForAssertion(() => Assert.Contains("only an Operator may resume a workflow run", page.Find("[data-testid=resume-reason]").TextContent, StringComparison.Ordinal));
        Assert.True(page.Find("[data-testid=resume-button]").HasAttribute("disabled"));
        Assert.Empty(_audit.Records);
    }

    [Fact]
    public void AsAViewer_StopIsDisabled_AndSaysWhy()
    {
        _actor = new("vic", DashboardRoles.Viewer);
        _glue.AddRun(Workflow, TestRuns.Products("wr_running", Started, "RUNNING", "RUNNING", null));

        var page = RenderPage("wr_running");

        page.WaitForAssertion(() => Assert.Contains("only an Operator may stop a workflow run", page.Find("[data-testid=stop-reason]").TextContent, StringComparison.Ordinal));
        Assert.True(page.Find("[data-testid=stop-button]").HasAttribute("disabled"));
        Assert.Empty(_glue.Stops);
    }

    [Fact]
    public void FinishedRun_HasNoStopButton()
    {
        _glue.AddRun(Workflow, TestRuns.Products("wr_1", Started, "COMPLETED", "SUCCEEDED", "SUCCEEDED"));

        var page = RenderPage("wr_1");

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=resume-button]")));
        Assert.Empty(page.FindAll("[data-testid=stop-button]"));
    }

    [Fact]
    public async Task RunningRun_StopAsksFirst_ThenStopsAndAudits()
    {
        _glue.AddRun(Workflow, TestRuns.Products("wr_running", Started, "RUNNING", "RUNNING", null));
        var page = RenderPage("wr_running");
        page.WaitForAssertion(() => Assert.False(page.Find("[data-testid=stop-button]").HasAttribute("disabled")));

        // The handler waits for the dialog's answer: click without awaiting it.
        await page.InvokeAsync(() => page.Find("[data-testid=stop-button]").Click());
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=stop-dialog]")));
        Assert.Empty(_glue.Stops);
        await page.InvokeAsync(() => page.FindAll("button").Single(b => b.TextContent.Contains("Stop the run", StringComparison.Ordinal)).Click());

        page.WaitForAssertion(() => Assert.Contains("Stopping run wr_running", page.Find("[data-testid=run-stopped]").TextContent, StringComparison.Ordinal));
        Assert.Equal("wr_running", Assert.Single(_glue.Stops).RunId);
        Assert.Equal([AuditResult.Pending, AuditResult.Succeeded], _audit.Records.Select(r => r.Result));
        Assert.All(_audit.Records, r => Assert.Equal(("olga", AuditActions.StopWorkflowRun), (r.Actor, r.Action)));
    }

    [Fact]
    public void UnknownRun_SaysSoWithALinkBackToTheWorkflow()
    {
        var page = RenderPage("wr_missing");

        page.WaitForAssertion(() => Assert.Contains("Run not found", page.Find("[data-testid=run-not-found]").TextContent, StringComparison.Ordinal));
        Assert.Equal("/workflows/products", page.Find("[data-testid=run-not-found] a").GetAttribute("href"));
    }

    [Fact]
    public void UnknownWorkflow_SaysSoWithALinkBackToTheList()
    {
        var page = RenderPage("wr_1", workflow: "nope");

        page.WaitForAssertion(() => Assert.Contains("Workflow not found", page.Find("[data-testid=run-not-found]").TextContent, StringComparison.Ordinal));
        Assert.Equal("/", page.Find("[data-testid=run-not-found] a").GetAttribute("href"));
    }

    [Fact]
    public void CloudTrailDenied_PartialWithTheMissingPermission_TheRestStillWorks()
    {
        _glue.AddRun(Workflow, TestRuns.Products("wr_1", Started, "COMPLETED", "SUCCEEDED", "SUCCEEDED", ["e1", "e2"]));
        _cloudTrail.Failure = FakeCloudTrail.AccessDenied();

        var page = RenderPage("wr_1");

        page.WaitForAssertion(() => Assert.Contains("cloudtrail:LookupEvents", page.Find("[data-testid=events-summary]").TextContent, StringComparison.Ordinal));
        Assert.Equal(2, page.FindAll("[data-testid=event-row]").Count);
        Assert.Equal(8, page.FindAll("[data-testid=stat]").Count);
        Assert.Equal(4, page.FindAll("[data-testid=graph-node]").Count);
        Assert.Equal("Succeeded", page.Find("[data-testid=run-health]").TextContent.Trim());
    }

    [Fact]
    public void MissingEvents_AreListedAsNotInCloudTrail()
    {
        _glue.AddRun(Workflow, TestRuns.Products("wr_1", Started, "COMPLETED", "SUCCEEDED", "SUCCEEDED", ["e1", "e2"]));
        AddUploads("e1");

        var page = RenderPage("wr_1");

        page.WaitForAssertion(() => Assert.Contains("1 of 2 events found", page.Find("[data-testid=events-summary]").TextContent, StringComparison.Ordinal));
        Assert.Contains("Not in CloudTrail's event history.", page.FindAll("[data-testid=event-row]")[1].TextContent, StringComparison.Ordinal);
        Assert.Contains("No NotifyEvent record carries this id between", page.Find("[data-testid=events-missing-reason]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FullBatch_ShowsTwentyEventsThenAll()
    {
        var ids = Enumerable.Range(1, 100).Select(i => $"e{i}").ToList();
        _glue.AddRun(Workflow, TestRuns.Products("wr_1", Started, "COMPLETED", "SUCCEEDED", "SUCCEEDED", ids));
        var page = RenderPage("wr_1");
        page.WaitForAssertion(() => Assert.Contains("0 of 100 events found", page.Find("[data-testid=events-summary]").TextContent, StringComparison.Ordinal));
        Assert.Equal(20, page.FindAll("[data-testid=event-row]").Count);

        await page.InvokeAsync(() => page.FindAll("button").Single(b => b.TextContent.Contains("Show all 100 events", StringComparison.Ordinal)).Click());

        page.WaitForAssertion(() => Assert.Equal(100, page.FindAll("[data-testid=event-row]").Count));
    }

    [Fact]
    public void RunningRun_FollowsTheLiveFeedUntilItFinishes()
    {
        var started = Clock.GetUtcNow().AddMinutes(-1);
        _glue.AddRun(Workflow, TestRuns.Products("wr_1", started, "RUNNING", "RUNNING", null));
        var page = RenderPage("wr_1");
        page.WaitForAssertion(() => Assert.Contains("Updated", page.Find(".live-status").TextContent, StringComparison.Ordinal));
        Assert.Equal("Running", page.Find("[data-testid=run-health]").TextContent.Trim());
        Assert.Contains("The run is still running", page.Find("[data-testid=resume-reason]").TextContent, StringComparison.Ordinal);
        Assert.Equal(1, _live.ActiveFeeds);

        _glue.AddRun(Workflow, TestRuns.Products("wr_1", started, "COMPLETED", "SUCCEEDED", "SUCCEEDED"));
        Clock.Advance(TimeSpan.FromSeconds(5));

        page.WaitForAssertion(() => Assert.Equal("Succeeded", page.Find("[data-testid=run-health]").TextContent.Trim()));
        page.WaitForAssertion(() => Assert.Empty(page.FindAll(".live-status")));
        Assert.Contains("Final state", page.Markup, StringComparison.Ordinal);

        // The page has left the feed; the feed lingers one interval for a page that comes back, then stops.
        Clock.Advance(_live.Linger);
        page.WaitForAssertion(() => Assert.Equal(0, _live.ActiveFeeds));
    }

    [Fact]
    public void Prerender_ShowsTheRunWithoutSubscribingOrLookingUpEvents()
    {
        SetRendererInfo(new RendererInfo("Static", isInteractive: false));
        _glue.AddRun(Workflow, TestRuns.Products("wr_1", Clock.GetUtcNow().AddMinutes(-1), "RUNNING", "RUNNING", null));

        var page = RenderPage("wr_1");

        page.WaitForAssertion(() => Assert.Equal("Running", page.Find("[data-testid=run-health]").TextContent.Trim()));
        Assert.Equal(0, _live.ActiveFeeds);
        Assert.Empty(_cloudTrail.Lookups);
        Assert.Contains("Connecting for live updates", page.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void LivePollFails_KeepsTheRunWithAStaleBanner()
    {
        _glue.AddRun(Workflow, TestRuns.Products("wr_1", Clock.GetUtcNow().AddMinutes(-1), "RUNNING", "RUNNING", null));
        var page = RenderPage("wr_1");
        page.WaitForAssertion(() => Assert.Contains("Updated", page.Find(".live-status").TextContent, StringComparison.Ordinal));

        _glue.Failure = new HttpRequestException("Connection refused (127.0.0.1:4566)");
        Clock.Advance(TimeSpan.FromSeconds(5));

        page.WaitForAssertion(() => Assert.Contains("Stale since", page.Find("[role=alert]").TextContent, StringComparison.Ordinal));
        Assert.Contains("Connection refused", page.Find("[role=alert]").TextContent, StringComparison.Ordinal);
        Assert.Equal("Running", page.Find("[data-testid=run-health]").TextContent.Trim());
        Assert.Equal(4, page.FindAll("[data-testid=graph-node]").Count);
    }

    [Fact]
    public async Task FirstReadFails_ShowsTheErrorAndATryAgain()
    {
        _glue.AddRun(Workflow, TestRuns.Products("wr_1", Started, "COMPLETED", "SUCCEEDED", "SUCCEEDED"));
        _glue.Failure = AwsErrors.Create(new("Glue", "GetWorkflowRun", "AccessDeniedException", "not authorized", null, HttpStatusCode.BadRequest, Amazon.Runtime.ErrorType.Sender));

        var page = RenderPage("wr_1");

        page.WaitForAssertion(() => Assert.Contains("glue:GetWorkflowRun", page.Find("[data-testid=run-error]").TextContent, StringComparison.Ordinal));
        _glue.Failure = null;
        await page.InvokeAsync(() => page.FindAll("[data-testid=run-error] button").Single().Click());
        page.WaitForAssertion(() => Assert.Equal("Succeeded", page.Find("[data-testid=run-health]").TextContent.Trim()));
    }

    [Fact]
    public void ResumedRun_LinksItsPreviousRun()
    {
        _glue.AddRun(Workflow, TestRuns.Products("wr_1", Started, "COMPLETED", "SUCCEEDED", "FAILED"));
        _glue.AddRun(Workflow, TestRuns.Products("wr_2", Started.AddMinutes(30), "COMPLETED", null, "SUCCEEDED") with { PreviousRunId = "wr_1", StartingEventBatchCondition = null });

        var page = RenderPage("wr_2");

        page.WaitForAssertion(() => Assert.Equal("/workflows/products/runs/wr_1", page.Find("[data-testid=previous-run]").GetAttribute("href")));
        Assert.Equal("resumed", page.Find("[data-testid=run-cause]").TextContent);
    }
}
