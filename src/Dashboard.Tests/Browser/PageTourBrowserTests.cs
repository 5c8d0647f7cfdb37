using Dashboard.Tests.Shared;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.Tests.Browser;

/// <summary>
/// Every page of the demo, as people see it: screenshots in light and dark mode at desktop and phone widths, an
/// axe-core scan with no serious or critical violation, and a keyboard that reaches the page's controls.
/// </summary>
public sealed class PageTourBrowserTests : IAsyncLifetime
{
    private readonly TempAuditLog _audit = new();
    private DashboardProcess? _dashboard;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public async ValueTask InitializeAsync()
    {
        // The audit page shows a real table: one write in every state, in an audit log of the tour's own.
        await AuditSamples.SeedAsync(_audit.Log, DateTimeOffset.UtcNow, TestContext.Current.CancellationToken);
        await _audit.Log.DisposeAsync();
        _dashboard = await DashboardProcess.StartAsync(new Dictionary<string, string>(), "--LocalCloud:Port=0", $"--Audit:Path={_audit.Path}");
        (_playwright, _browser) = await Shared.Browser.LaunchAsync();
    }

    public static TheoryData<string, string> Pages => new()
    {
        { "overview", "/" },
        { "overview-filtered", "/?unhealthy=true&sort=-health" },
        { "workflow", "/workflows/products_raw_ingest" },
        { "workflow-not-found", "/workflows/no_such_workflow" },
        { "trigger", "/workflows/products_raw_ingest/trigger" },
        { "playground", "/playground?workflow=products_raw_ingest" },
        { "rules", "/rules" },
        { "rule", "/rules/default/s3_file_upload_trigger_rule-demo?range=24h" },
        { "rule-compare", "/rules/analytics/clickstream_batches?compare=default/orders_landing_object_created" },
        { "rule-not-found", "/rules/default/no_such_rule" },
        { "run-not-found", "/workflows/products_raw_ingest/runs/wr_no_such_run" },
        { "audit", "/audit" },
        { "audit-filtered-empty", "/audit?actor=nobody" },
        { "audit-bad-filter", "/audit?from=yesterday&result=done" },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public Task Page_LightAndDarkAtDesktopAndPhoneWidths_HasNoSeriousAccessibilityViolations(string name, string path) =>
        AssertAccessibleAsync(name, path);

    [Fact]
    public async Task RunPage_LightAndDarkAtDesktopAndPhoneWidths_HasNoSeriousAccessibilityViolations()
    {
        // Run ids are new on every start: take a run whose crawler failed from the workflow's history.
        var workflow = await OpenAsync("/workflows/products_raw_ingest", "light", 1440);
        var runId = await workflow.GetByTestId("run-row").Filter(new() { HasText = "Partial failure" }).First
            .GetByRole(AriaRole.Link).Filter(new() { HasTextRegex = new System.Text.RegularExpressions.Regex("^wr_") }).First.TextContentAsync();
        await workflow.CloseAsync();

        await AssertAccessibleAsync("run", $"/workflows/products_raw_ingest/runs/{runId?.Trim()}");
    }

    private async Task AssertAccessibleAsync(string name, string path)
    {
        foreach (var (theme, width) in new[] { ("light", 1440), ("dark", 1440), ("light", 390), ("dark", 390) })
        {
            var page = await OpenAsync(path, theme, width);
            await page.ScreenshotAsync(new() { Path = Shared.Browser.ScreenshotPath($"tour-{name}-{theme}-{width}.png"), FullPage = true });

            await Shared.Browser.AssertNoSeriousViolationsAsync(page, $"{name} ({theme}, {width} px)");
            await page.CloseAsync();
        }
    }

    [Fact]
    public async Task Overview_Keyboard_ReachesSearchFiltersAndTheFirstWorkflow()
    {
        var page = await OpenAsync("/", "light", 1440);
        await Expect(page.GetByTestId("workflow-name").First).ToBeVisibleAsync();

        var reached = new List<string>();
        for (var i = 0; i < 40 && !reached.Any(r => r.StartsWith("A:clickstream_sessionize", StringComparison.Ordinal)); i++)
        {
            await page.Keyboard.PressAsync("Tab");
            reached.Add(await page.EvaluateAsync<string>("() => { const e = document.activeElement; return `${e.tagName}:${(e.getAttribute('aria-label') || e.textContent || '').trim()}`; }"));
        }

        Assert.Contains(reached, r => r == "INPUT:Search workflows");
        Assert.Contains(reached, r => r.Contains("Pause live updates", StringComparison.Ordinal));
        Assert.Contains(reached, r => r.StartsWith("A:clickstream_sessionize", StringComparison.Ordinal));
    }

    private async Task<IPage> OpenAsync(string path, string theme, int width)
    {
        var dashboard = _dashboard ?? throw new InvalidOperationException("The dashboard did not start.");
        var browser = _browser ?? throw new InvalidOperationException("The browser did not start.");
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = width, Height = 900 } });
        await page.AddInitScriptAsync($"window.localStorage.setItem('dashboard-theme', '{theme}');");
        await page.GotoAsync(new Uri(dashboard.BaseAddress, path).ToString());
        await Shared.Browser.WaitForCircuitAsync(page);

        // Wait until the live data has arrived: no skeleton left in the page.
        await Expect(page.Locator(".mud-skeleton")).ToHaveCountAsync(0, new() { Timeout = 30_000 });
        return page;
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

        await _audit.DisposeAsync();
    }
}
