using System.Net;
using Amazon.Runtime;
using Bunit;
using Dashboard.Aws.CloudWatch;
using Dashboard.Aws.EventBridge;
using Dashboard.Aws.Glue;
using Dashboard.Aws.Protocol;
using Dashboard.Components;
using Dashboard.Components.Pages;
using Dashboard.Live;
using Dashboard.Metrics;
using Dashboard.Tests.Shared;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Tests.Components;

public sealed class RulePageTests : DashboardComponentTest
{
    private const string Pattern = """{"source":["aws.s3"],"detail":{"object":{"key":[{"prefix":"data/products_raw/"}]}}}""";
    private static readonly RuleKey Rule = new("default", "products-upload");

    private readonly FakeCloudWatch _cloudWatch = new();
    private readonly FakeEventBridge _events = new();
    private readonly FakeGlue _glue = new();

    public RulePageTests()
    {
        Services.AddSingleton<ICloudWatchApi>(_cloudWatch);
        Services.AddSingleton<IEventBridgeApi>(_events);
        Services.AddSingleton<IGlueApi>(_glue);
        Services.AddHybridCache();
        Services.AddSingleton<RuleMetrics>();
        Services.AddSingleton<RuleCatalog>();
        Services.AddSingleton<RulePageLoader>();
        Services.AddSingleton(new LiveDataOptions(TimeSpan.FromSeconds(5)));
        Services.AddSingleton<LiveData>();

        _events.AddBus("analytics")
            .AddRule(Rule.RuleName, "arn:aws:glue:eu-west-1:123456789012:workflow/products", eventPattern: Pattern, description: "Starts products for each upload.")
            .AddRule("clicks", "arn:aws:glue:eu-west-1:123456789012:workflow/clickstream", bus: "analytics");
        _glue.AddWorkflow("products", FakeGlue.EventTrigger("products-start", 5, 300));
    }

    private DateTimeOffset Now => Clock.GetUtcNow();

    private IRenderedComponent<RulePage> RenderPage(string bus = "default", string rule = "products-upload", string? compare = null)
    {
        // Query parameters come from the address, as in the browser.
        Services.GetRequiredService<NavigationManager>().NavigateTo(DashboardUrls.Rule(bus, rule, compare: RuleKey.TryParse(compare, out var other) ? other : null));
        return Render<RulePage>(p => p
            .Add(c => c.EventBus, bus)
            .Add(c => c.RuleName, rule));
    }

    [Fact]
    public void Loading_ShowsSkeletonsUntilTheMetricsArrive()
    {
        _cloudWatch.Gate = new TaskCompletionSource();

        var page = RenderPage();

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=rule-loading]")));
        _cloudWatch.Gate.SetResult();
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=chart-invocations]")));
    }

    [Fact]
    public void Data_ChartsEverySeriesFromOneCallWithRunStartsAndTargets()
    {
        _cloudWatch.Add(EventsMetrics.Invocations, Rule.MetricDimensions, Now.AddMinutes(-40), 3)
            .Add(EventsMetrics.FailedInvocations, Rule.MetricDimensions, Now.AddMinutes(-20), 1);
        _glue.AddRun("products", new WorkflowRun { WorkflowRunId = "wr_1", Status = "COMPLETED", StartedOn = Now.AddMinutes(-35), Statistics = new() { TotalActions = 1, SucceededActions = 1 }, StartingEventBatchCondition = new() { BatchSize = 5 } });
        _glue.AddRun("products", new WorkflowRun { WorkflowRunId = "wr_old", Status = "COMPLETED", StartedOn = Now.AddHours(-5) });

        var page = RenderPage();

        page.WaitForAssertion(() => Assert.Contains(
            "Invocations 3 in total",
            page.Find("[data-testid=chart-invocations] svg").GetAttribute("aria-label"),
            StringComparison.Ordinal));
        Assert.Contains("FailedInvocations 1 in total", page.Find("[data-testid=chart-invocations] svg").GetAttribute("aria-label"), StringComparison.Ordinal);
        var request = Assert.Single(_cloudWatch.Requests);
        Assert.Equal(EventsMetrics.RulePage.Count, request.MetricDataQueries.Count);
        Assert.Equal(5, page.FindAll("[data-testid^=chart-] figure, figure[data-testid^=chart-]").Count);

        // The one run inside the 3 h range is marked, with what the engineer needs to know about it.
        var marker = Assert.Single(page.FindAll("[data-testid=chart-invocations] .ts-marker title"));
        Assert.Contains("products run wr_1", marker.TextContent, StringComparison.Ordinal);
        Assert.Contains("batch size reached", marker.TextContent, StringComparison.Ordinal);

        Assert.Equal("/workflows/products", page.Find("[data-testid=rule-target] a").GetAttribute("href"));
        Assert.Contains("prefix \"data/products_raw/\"", page.Find("[data-testid=rule-summary]").TextContent, StringComparison.Ordinal);
        Assert.Equal("ENABLED", page.Find("[data-testid=rule-state]").TextContent.Trim());
    }

    [Fact]
    public void Compare_OverlaysTheSecondRuleFromTheSameCall()
    {
        var clicks = new RuleKey("analytics", "clicks");
        _cloudWatch.Add(EventsMetrics.Invocations, clicks.MetricDimensions, Now.AddMinutes(-10), 7);

        var page = RenderPage(compare: "analytics/clicks");

        page.WaitForAssertion(() => Assert.Contains(
            "Invocations · analytics / clicks 7 in total",
            page.Find("[data-testid=chart-invocations] svg").GetAttribute("aria-label"),
            StringComparison.Ordinal));
        Assert.Equal(2 * EventsMetrics.RulePage.Count, Assert.Single(_cloudWatch.Requests).MetricDataQueries.Count);
        Assert.NotEmpty(page.FindAll("[data-testid=chart-invocations] .ts-swatch.dashed"));
    }

    [Fact]
    public void Empty_ExplainsThatAwsSendsTheseMetricsOnlyWhenNonZero()
    {
        var page = RenderPage();

        page.WaitForAssertion(() => Assert.Contains("only when they are", page.Find("[data-testid=rule-empty]").TextContent, StringComparison.Ordinal));
        Assert.Equal("No data in this range", page.Find("[data-testid=chart-invocations] [data-testid=chart-empty]").TextContent);
        Assert.NotEmpty(page.FindAll("[data-testid=chart-invocations] .ts-x span"));
    }

    [Fact]
    public void NotFound_DesignedMessageWithAWayBack()
    {
        var page = RenderPage(rule: "no-such-rule");

        page.WaitForAssertion(() => Assert.Contains("No rule named", page.Find("[data-testid=rule-not-found]").TextContent, StringComparison.Ordinal));
        Assert.Equal("/rules", page.Find("[data-testid=rule-not-found] a").GetAttribute("href"));
        Assert.Empty(_cloudWatch.Requests);
    }

    [Fact]
    public void AccessDenied_SaysWhichPermissionIsMissing()
    {
        _events.Failure = Denied("EventBridge", "DescribeRule");

        var page = RenderPage();

        page.WaitForAssertion(() => Assert.Contains("events:DescribeRule", page.Find("[data-testid=rule-error]").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public void Partial_MetricsDeniedButTheRuleAndItsRunsShow()
    {
        _cloudWatch.Failure = Denied("CloudWatch", "GetMetricData");
        _glue.AddRun("products", new WorkflowRun { WorkflowRunId = "wr_1", Status = "RUNNING", StartedOn = Now.AddMinutes(-5) });

        var page = RenderPage();

        page.WaitForAssertion(() => Assert.Contains("cloudwatch:GetMetricData", page.Find("[data-testid=metrics-error]").TextContent, StringComparison.Ordinal));
        Assert.NotNull(page.Find("[data-testid=rule-summary]"));
        Assert.Single(page.FindAll("[data-testid=chart-invocations] .ts-marker"));
        Assert.Equal("Metrics unavailable", page.Find("[data-testid=chart-invocations] [data-testid=chart-empty]").TextContent);
    }

    [Fact]
    public void Stale_FailedRefreshKeepsTheChartsUnderABanner()
    {
        _cloudWatch.Add(EventsMetrics.Invocations, Rule.MetricDimensions, Now.AddMinutes(-10), 2);
        var page = RenderPage();
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=chart-invocations]")));

        _events.Failure = AwsErrors.Create(new("EventBridge", "DescribeRule", "ThrottlingException", "Rate exceeded", null, HttpStatusCode.BadRequest, ErrorType.Sender));
        page.Find("button[aria-label='Refresh now']").Click();

        page.WaitForAssertion(() => Assert.Contains("Stale since", page.Find("[role=alert]").TextContent, StringComparison.Ordinal));
        Assert.Contains("Invocations 2 in total", page.Find("[data-testid=chart-invocations] svg").GetAttribute("aria-label"), StringComparison.Ordinal);
    }

    [Fact]
    public void BadRangeInTheLink_SaysWhyAndShowsTheDefault()
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo("/rules/default/products-upload?range=5h");

        var page = Render<RulePage>(p => p.Add(c => c.EventBus, "default").Add(c => c.RuleName, "products-upload"));

        Assert.Contains("Unknown range '5h'", page.Find("[data-testid=range-error]").TextContent, StringComparison.Ordinal);
        Assert.Equal("true", page.Find("a[aria-current=true]").GetAttribute("aria-current"));
        Assert.Contains("3 h", page.Find("a[aria-current=true]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CustomRange_BrowserTimesGoToTheUrlInUtc()
    {
        var navigation = Services.GetRequiredService<NavigationManager>();
        var page = RenderPage();

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=rule-empty]")));

        // Each step finds and acts in one dispatch: a live update may re-render the page in between.
        await page.InvokeAsync(() => page.FindAll("button").First(b => b.TextContent.Contains("Custom", StringComparison.Ordinal)).Click());
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("input[type=datetime-local]").Count));
        await page.InvokeAsync(() => page.FindAll("input[type=datetime-local]")[0].Change("2026-11-25T09:00"));
        await page.InvokeAsync(() => page.FindAll("input[type=datetime-local]")[1].Change("2026-11-25T10:30"));
        await page.InvokeAsync(() => page.Find("form#custom-range").Submit());

        Assert.EndsWith("/rules/default/products-upload?from=2026-11-25T09%3A00%3A00Z&to=2026-11-25T10%3A30%3A00Z", navigation.Uri, StringComparison.Ordinal);
    }

    private static AwsApiException Denied(string service, string operation) =>
        AwsErrors.Create(new(service, operation, "AccessDeniedException", "not authorized", null, HttpStatusCode.BadRequest, ErrorType.Sender));
}
