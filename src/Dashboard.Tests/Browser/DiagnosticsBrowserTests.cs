using Dashboard.Tests.Shared;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.Tests.Browser;

/// <summary>
/// The diagnostics pages against LocalCloud's seeded demo, in a real browser: the broken workflows come before the
/// healthy ones, a fix lands on the clipboard, and both pages pass an axe-core scan in light and dark at desktop and
/// phone widths. Written for any number of checks: it asserts the order, not which checks exist.
/// </summary>
public sealed class DiagnosticsBrowserTests : IAsyncLifetime
{
    private static readonly string[] Healthy = ["products_raw_ingest", "orders_cdc_merge", "clickstream_sessionize"];

    private DashboardProcess? _dashboard;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public async ValueTask InitializeAsync()
    {
        _dashboard = await DashboardProcess.StartAsync(new Dictionary<string, string>(), "--LocalCloud:Port=0");
        (_playwright, _browser) = await Shared.Browser.LaunchAsync();
    }

    [Fact]
    public async Task Diagnostics_SeededDemo_ShowsBrokenWorkflowsFirstAndCopiesAFix()
    {
        var (context, page) = await OpenAsync("/diagnostics", "light", 1440);
        await using var _ = context;

        var groups = page.GetByTestId("workflow-diagnosis");
        var order = new List<(string Workflow, int Severity)>();
        foreach (var group in await groups.AllAsync())
        {
            order.Add((await group.GetAttributeAsync("data-workflow") ?? string.Empty, Severity(await group.GetAttributeAsync("data-worst"))));
        }

        // The most broken first: severity never rises down the page, and no healthy pipeline comes before a failing one.
        Assert.True(order.Count >= 9, $"Expected the nine seeded event-driven workflows at least; saw {string.Join(", ", order)}.");
        Assert.Equal(order.OrderByDescending(o => o.Severity).Select(o => o.Severity), order.Select(o => o.Severity));
        Assert.Contains(("returns_on_demand_start", 3), order);
        var lastFail = order.FindLastIndex(o => o.Severity == 3);
        foreach (var healthy in Healthy)
        {
            var at = order.FindIndex(o => o.Workflow == healthy);
            Assert.True(at > lastFail, $"{healthy} (at {at}) comes before a failing workflow (the last at {lastFail}): {string.Join(", ", order)}.");
            Assert.True(order[at].Severity < 2, $"{healthy} is healthy, but shows {order[at]}.");
        }

        // The start trigger's fix, copied through the page's button, is what the clipboard holds (other checks may fail
        // for this workflow too: the one asked for is check 1's).
        var finding = page.Locator("[data-workflow=returns_on_demand_start] [data-testid=finding][data-check=start-trigger][data-status=fail]");
        var fix = finding.GetByTestId("fix").First;
        var expected = (await fix.Locator("pre").TextContentAsync())?.Trim();
        Assert.StartsWith("aws glue create-trigger", expected, StringComparison.Ordinal);
        await fix.GetByRole(AriaRole.Button, new() { NameRegex = new("^Copy: ") }).ClickAsync();
        await Expect(page.GetByText("Copied to the clipboard.")).ToBeVisibleAsync();
        Assert.Equal(expected, (await page.EvaluateAsync<string>("() => navigator.clipboard.readText()")).Trim());

        // The status filter goes into the URL, and the workflow's own page is one link away.
        await page.GetByTestId("status-toggle").And(page.Locator("[data-status=fail]")).ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(@"\?status=fail$"));
        await Expect(groups.First).ToHaveAttributeAsync("data-worst", "fail");
        await page.Locator("[data-workflow=returns_on_demand_start]").GetByTestId("workflow-diagnosis-link").ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/diagnostics/returns_on_demand_start"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "returns_on_demand_start", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("finding").First).ToHaveAttributeAsync("data-status", "fail", new() { Timeout = 60_000 });
    }

    [Fact]
    public async Task WorkflowPage_DiagnoseButton_OpensThatWorkflowsChecks()
    {
        var (context, page) = await OpenAsync("/workflows/returns_on_demand_start", "light", 1440, waitForFindings: false);
        await using var _ = context;

        await page.GetByTestId("diagnose-workflow").ClickAsync();

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/diagnostics/returns_on_demand_start$"));
        await Expect(page.GetByTestId("finding").First).ToHaveAttributeAsync("data-status", "fail", new() { Timeout = 60_000 });
    }

    public static TheoryData<string, string> Pages => new()
    {
        { "diagnostics", "/diagnostics" },
        { "diagnostics-workflow", "/diagnostics/returns_on_demand_start" },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Page_LightAndDarkAtDesktopAndPhoneWidths_HasNoSeriousAccessibilityViolations(string name, string path)
    {
        foreach (var (theme, width) in new[] { ("light", 1440), ("dark", 1440), ("light", 390), ("dark", 390) })
        {
            var (context, page) = await OpenAsync(path, theme, width);
            await using var _ = context;
            await page.ScreenshotAsync(new() { Path = Shared.Browser.ScreenshotPath($"{name}-{theme}-{width}.png"), FullPage = true });

            await Shared.Browser.AssertNoSeriousViolationsAsync(page, $"{name} ({theme}, {width} px)");
        }
    }

    private static int Severity(string? word) => word switch
    {
        "fail" => 3,
        "warn" => 2,
        "unknown" => 1,
        _ => 0,
    };

    private async Task<(IBrowserContext Context, IPage Page)> OpenAsync(string path, string theme, int width, bool waitForFindings = true)
    {
        var dashboard = _dashboard ?? throw new InvalidOperationException("The dashboard did not start.");
        var browser = _browser ?? throw new InvalidOperationException("The browser did not start.");
        var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = width, Height = 900 } });
        await context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"], new() { Origin = dashboard.BaseAddress.GetLeftPart(UriPartial.Authority) });
        var page = await context.NewPageAsync();
        await page.AddInitScriptAsync($"window.localStorage.setItem('dashboard-theme', '{theme}');");
        await page.GotoAsync(new Uri(dashboard.BaseAddress, path).ToString());
        await Shared.Browser.WaitForCircuitAsync(page);
        if (waitForFindings)
        {
            // Every check for every seeded workflow runs once the circuit is up.
            await Expect(page.GetByTestId("finding").First).ToBeVisibleAsync(new() { Timeout = 60_000 });
        }

        return (context, page);
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_dashboard is not null)
        {
            await _dashboard.DisposeAsync();
        }
    }
}
