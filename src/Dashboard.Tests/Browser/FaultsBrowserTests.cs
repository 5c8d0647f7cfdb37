using Dashboard.Tests.Shared;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.Tests.Browser;

/// <summary>A newcomer makes LocalCloud fail from the playground and watches the dashboard cope, then heal.</summary>
public sealed class FaultsBrowserTests
{
    private static readonly string[] Arguments = ["--LocalCloud:Port=0", "--LocalCloud:SyntheticTraffic=false", "--Cloud:RefreshSeconds=1"];

    [Fact]
    public async Task GlueServerErrorFromThePanel_OverviewTurnsStale_ClearingItHeals()
    {
        await using var dashboard = await DashboardProcess.StartAsync(new Dictionary<string, string>(), Arguments);
        var (playwright, browser) = await Shared.Browser.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var playground = await OpenPlaygroundAsync(browser, dashboard, "light", 1440);

        await playground.GetByTestId("fault-kind").SelectOptionAsync(new SelectOptionValue { Label = "ServerError (5xx)" });
        await Expect(playground.GetByTestId("fault-rate").Locator("input")).ToHaveValueAsync("100");
        await playground.GetByRole(AriaRole.Button, new() { Name = "Add fault" }).ClickAsync();
        await Expect(playground.GetByTestId("fault-rule")).ToHaveTextAsync([new System.Text.RegularExpressions.Regex(@"glue\s+\*\s+ServerError\s+100 %")]);

        var overview = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1440, Height = 900 } });
        await overview.GotoAsync(dashboard.BaseAddress.ToString());
        await Shared.Browser.WaitForCircuitAsync(overview);
        var banner = overview.GetByRole(AriaRole.Alert).Filter(new() { HasText = "Stale since" });
        await Expect(banner).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Expect(overview.GetByTestId("workflow-name")).ToHaveCountAsync(SeededDemo.EventDrivenWorkflows);
        await overview.ScreenshotAsync(new() { Path = Shared.Browser.ScreenshotPath("faults-overview-stale.png") });

        await playground.GetByRole(AriaRole.Button, new() { Name = "Clear all" }).ClickAsync();
        await Expect(playground.GetByTestId("faults-none")).ToBeVisibleAsync();

        await Expect(banner).ToHaveCountAsync(0, new() { Timeout = 60_000 });
        await Expect(overview.GetByTestId("workflow-name")).ToHaveCountAsync(SeededDemo.EventDrivenWorkflows);
    }

    [Fact]
    public async Task Panel_LightAndDarkAtDesktopAndPhoneWidths_HasNoSeriousAccessibilityViolations()
    {
        await using var dashboard = await DashboardProcess.StartAsync(new Dictionary<string, string>(), Arguments);
        var (playwright, browser) = await Shared.Browser.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;

        var first = true;
        foreach (var (theme, width) in new[] { ("light", 1440), ("dark", 1440), ("light", 390), ("dark", 390) })
        {
            var page = await OpenPlaygroundAsync(browser, dashboard, theme, width);
            if (first)
            {
                // Latency on EventBridge only: the rules show in the panel without making the page's own reads fail.
                await page.GetByRole(AriaRole.Button, new() { Name = "Slow EventBridge (+800 ms)" }).ClickAsync();
                await Expect(page.GetByTestId("fault-rule")).ToHaveCountAsync(1);
                first = false;
            }

            await Expect(page.GetByTestId("fault-rule")).ToHaveCountAsync(1);
            await page.GetByTestId("fault-kind").SelectOptionAsync(new SelectOptionValue { Label = "Latency" });
            await page.GetByTestId("fault-operation").Locator("input").FillAsync("Put Rule");
            await page.GetByRole(AriaRole.Button, new() { Name = "Add fault" }).ClickAsync();
            await Expect(page.GetByText("'Put Rule' is not an operation name")).ToBeVisibleAsync();
            await Expect(page.GetByText("Latency needs the delay to add")).ToBeVisibleAsync();

            var panel = page.GetByTestId("faults-panel");
            await panel.ScrollIntoViewIfNeededAsync();
            await page.ScreenshotAsync(new() { Path = Shared.Browser.ScreenshotPath($"faults-panel-{theme}-{width}.png"), FullPage = true });
            await Shared.Browser.AssertNoSeriousViolationsAsync(page, $"playground with faults ({theme}, {width} px)");
            await page.CloseAsync();
        }
    }

    private static async Task<IPage> OpenPlaygroundAsync(IBrowser browser, DashboardProcess dashboard, string theme, int width)
    {
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = width, Height = 900 } });
        await page.AddInitScriptAsync($"window.localStorage.setItem('dashboard-theme', '{theme}');");
        await page.GotoAsync(new Uri(dashboard.BaseAddress, "/playground?workflow=products_raw_ingest").ToString());
        await Shared.Browser.WaitForCircuitAsync(page);
        await Expect(page.GetByTestId("playground-prefix")).ToHaveTextAsync("s3://glue-event-demo-000000000000/data/products_raw/");

        // The overview's data has arrived, so a later failure shows as stale rather than as no data.
        await Expect(page.GetByTestId("playground-fill")).Not.ToHaveTextAsync("The rule's metrics are not read yet.", new() { Timeout = 30_000 });
        await Expect(page.GetByTestId("faults-panel")).ToBeVisibleAsync();
        return page;
    }
}
