using System.Net;
using Amazon.Runtime;
using Bunit;
using Dashboard.Aws.CloudWatch;
using Dashboard.Aws.EventBridge;
using Dashboard.Aws.Glue;
using Dashboard.Aws.Protocol;
using Dashboard.Batching.WhatIf;
using Dashboard.Cloud;
using Dashboard.Components.Pages;
using Dashboard.Metrics;
using Dashboard.Tests.Shared;
using Dashboard.Workflows;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Tests.Components;

/// <summary>
/// The what-if page over fake AWS: one event a minute for the last day, replayed through the grid. Hand-computed:
/// events 60 s apart, so BatchSize 3 fills in 120 s if its window is longer than that (an event arriving exactly at the
/// window's end is too late): for p95 ≤ 2 min the cheapest is BatchSize 3, BatchWindow 150 s, 480 runs a day.
/// </summary>
public sealed class TuningPageTests : DashboardComponentTest
{
    private const string WorkflowArn = "arn:aws:glue:eu-west-1:123456789012:workflow/orders";

    private readonly FakeGlue _glue = new();
    private readonly FakeEventBridge _events = new();
    private readonly FakeCloudWatch _cloudWatch = new();

    public TuningPageTests()
    {
        Services.AddSingleton<IGlueApi>(_glue);
        Services.AddSingleton<IEventBridgeApi>(_events);
        Services.AddSingleton<ICloudWatchApi>(_cloudWatch);
        Services.AddSingleton<ICloudIdentity>(new FakeCloudIdentity("123456789012", "eu-west-1"));
        Services.AddHybridCache();
        Services.AddSingleton<WorkflowDetails>();
        Services.AddSingleton<WorkflowRuns>();
        Services.AddSingleton<RuleMetrics>();
        Services.AddSingleton<WorkflowTuning>();
        _glue.AddWorkflow("orders", FakeGlue.EventTrigger("orders_start", 10, 300));
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        _cloudWatch.Dispose();
        await base.DisposeAsyncCore();
    }

    private void OneEventAMinuteForADay(string rule = "orders_rule")
    {
        _events.AddRule(rule, WorkflowArn);
        var now = Clock.GetUtcNow();
        for (var minute = 1; minute <= 1440; minute++)
        {
            _cloudWatch.Add(EventsMetrics.Invocations, new RuleKey("default", rule).MetricDimensions, now.AddMinutes(-minute));
        }
    }

    /// <summary>Opens the page at its address, the query holding the target and the price as a link would.</summary>
    private IRenderedComponent<TuningPage> RenderPage(string name = "orders", string? target = null, string? price = null)
    {
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo(navigation.GetUriWithQueryParameters(
            $"/workflows/{name}/tuning", new Dictionary<string, object?> { ["p95"] = target, ["price"] = price }));
        return Render<TuningPage>(parameters => parameters.Add(p => p.Name, name));
    }

    private static string Text(string text) => System.Text.RegularExpressions.Regex.Replace(text, @"\s+", " ").Trim();

    [Fact]
    public void NoTarget_ShowsTheChartWithNowMarked_AndAsksForATarget()
    {
        OneEventAMinuteForADay();

        var page = RenderPage();

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=frontier-chart]")), TimeSpan.FromSeconds(60));
        Assert.StartsWith("Now: BatchSize 10, BatchWindow 5 min · p95 5 min", page.Find("[data-testid=frontier-current]").GetAttribute("title"), StringComparison.Ordinal);
        Assert.Empty(page.FindAll("[data-testid=frontier-recommended]"));
        Assert.Contains("Set a freshness target", page.Find("[data-testid=tuning-recommendation]").TextContent, StringComparison.Ordinal);
        Assert.StartsWith("1,440 events in 7 days (1,440 active minutes)", Text(page.Find("[data-testid=tuning-arrivals]").TextContent), StringComparison.Ordinal);
        Assert.Equal("orders_rule: 1,440 − 0 failed ÷ 1 target = 1,440", Text(page.Find("[data-testid=tuning-source]").TextContent));
        Assert.Contains("cost is counted in runs", page.Find("[data-testid=tuning-dpu]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Target_RecommendsTheHandComputedSetting_AndUseThisLinksTheEditor()
    {
        OneEventAMinuteForADay();

        var page = RenderPage(target: "120s");

        page.WaitForAssertion(() => Assert.Equal("BatchSize 3, BatchWindow 2 min 30 s", page.Find("[data-testid=recommended-setting]").TextContent), TimeSpan.FromSeconds(60));
        Assert.Single(page.FindAll("[data-testid=frontier-recommended]"));
        Assert.Single(page.FindAll("[data-testid=frontier-target]"));
        Assert.Equal("/workflows/orders/trigger?size=3&window=150", page.Find("[data-testid=use-recommended]").GetAttribute("href"));
        var rows = page.FindAll("[data-testid=tuning-recommendation] tbody tr")
            .Select(r => string.Join(" | ", r.Children.Select(c => Text(c.TextContent))))
            .ToList();

        // 1,440 events in the last day of the 7-day period. Now (10 / 300 s): the window closes on 5 events, waits
        // 300, 240 … 60 s, so mean 3 min and p95 5 min, 288 runs ≈ 41 a day. Recommended: 480 runs ≈ 69 a day, waits
        // 120, 60 and 0 s.
        Assert.Equal(
            [
                "Runs per day | 41 | 69",
                "Mean wait | 3 min | 1 min",
                "p95 wait | 5 min | 2 min",
                "Refused batches (7 days) | 0 | 0",
                "Runs per day (cost unknown) | 41 runs | 69 runs",
            ],
            rows);
        Assert.Single(page.FindAll("[data-testid=frontier-row].recommended"));
    }

    [Fact]
    public void BadTarget_SaysWhatIsWrong_AndRecommendsNothing()
    {
        OneEventAMinuteForADay();

        var page = RenderPage(target: "soon");

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=frontier-chart]")), TimeSpan.FromSeconds(60));
        Assert.Contains("\"soon\" is not a wait", page.Find("[data-testid=target-field]").TextContent, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("[data-testid=frontier-recommended]"));
    }

    [Fact]
    public void Price_ScalesTheCost()
    {
        _glue.AddWorkflow(new Workflow
        {
            Name = "priced",
            Graph = new WorkflowGraph
            {
                Nodes =
                [
                    new Node { Type = "TRIGGER", Name = "priced_start", UniqueId = "t", TriggerDetails = new() { Trigger = FakeGlue.EventTrigger("priced_start", 1, 60) with { WorkflowName = "priced" } } },
                    new Node { Type = "JOB", Name = "priced_job", UniqueId = "j" },
                ],
                Edges = [new Edge { SourceId = "t", DestinationId = "j" }],
            },
        });
        _events.AddRule("priced_rule", "arn:aws:glue:eu-west-1:123456789012:workflow/priced");
        _cloudWatch.Add(EventsMetrics.Invocations, new RuleKey("default", "priced_rule").MetricDimensions, Clock.GetUtcNow().AddMinutes(-10));
        _glue.JobRuns["priced_job"] = [new JobRun { JobName = "priced_job", TriggerName = "priced_start", StartedOn = Clock.GetUtcNow().AddMinutes(-9), ExecutionTime = 3600, MaxCapacity = 7 }];

        var page = RenderPage("priced", price: "1");

        page.WaitForAssertion(() => Assert.Equal("7 DPU-hours (1 job runs of 1 jobs) × $1.00 = $7.00", Text(page.Find("[data-testid=tuning-dpu]").TextContent)), TimeSpan.FromSeconds(60));
    }

    [Fact]
    public void ScheduledWorkflow_SaysOnlyEventTriggersBatch()
    {
        _glue.AddWorkflow("nightly", FakeGlue.ScheduledTrigger("nightly_start", "cron(0 2 * * ? *)"));

        var page = RenderPage("nightly");

        page.WaitForAssertion(() => Assert.Contains("not EVENT: only an EVENT trigger batches events", page.Find("[data-testid=tuning-blocked]").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public void NoRule_SaysNoEventsArrive()
    {
        var page = RenderPage();

        page.WaitForAssertion(() => Assert.Contains("No EventBridge rule targets it", page.Find("[data-testid=tuning-blocked]").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public void MissingWorkflow_SaysSo()
    {
        var page = RenderPage("nope");

        page.WaitForAssertion(() => Assert.Contains("No workflow named nope exists", page.Find("[data-testid=tuning-blocked]").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public void RuleNeverInvoked_SaysThereIsNothingToReplay()
    {
        _events.AddRule("orders_rule", WorkflowArn);

        var page = RenderPage();

        page.WaitForAssertion(() => Assert.Contains("not invoked in the last 7 days", page.Find("[data-testid=tuning-no-events]").TextContent, StringComparison.Ordinal), TimeSpan.FromSeconds(60));
    }

    [Fact]
    public void EveryInvocationFailed_SaysNothingReachedTheWorkflow_AndLinksDiagnose()
    {
        _events.AddRule("orders_rule", WorkflowArn);
        var rule = new RuleKey("default", "orders_rule").MetricDimensions;
        _cloudWatch.Add(EventsMetrics.Invocations, rule, Clock.GetUtcNow().AddMinutes(-30), 3)
            .Add(EventsMetrics.FailedInvocations, rule, Clock.GetUtcNow().AddMinutes(-30), 3);

        var page = RenderPage();

        page.WaitForAssertion(() => Assert.Contains("its rules' 3 invocations all failed", page.Find("[data-testid=tuning-no-events]").TextContent, StringComparison.Ordinal), TimeSpan.FromSeconds(60));
        Assert.Equal("/diagnostics/orders", page.Find("[data-testid=tuning-no-events] a").GetAttribute("href"));
    }

    [Fact]
    public void MetricsDenied_ShowsTheError_AndTryAgainReloads()
    {
        OneEventAMinuteForADay();
        _cloudWatch.Failure = AwsErrors.Create(new("CloudWatch", "GetMetricData", "AccessDenied", "not authorized to perform cloudwatch:GetMetricData", null, HttpStatusCode.Forbidden, ErrorType.Sender));

        var page = RenderPage();

        page.WaitForAssertion(() => Assert.Contains("cloudwatch:GetMetricData", page.Find("[data-testid=tuning-error]").TextContent, StringComparison.Ordinal));
        _cloudWatch.Failure = null;
        page.Find("[data-testid=tuning-error] button").Click();
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=frontier-chart]")), TimeSpan.FromSeconds(60));
    }
}
