using Dashboard.Tests.Shared;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.Tests.Browser;

/// <summary>The editor opened with a setting the what-if simulator proposes, against the app and its LocalCloud demo.</summary>
public sealed class TriggerEffectBrowserTests
{
    [Fact]
    public async Task ProposedSetting_FillsTheEditor_AndItsDiffShowsTheExpectedEffect()
    {
        await using var dashboard = await DashboardProcess.StartAsync(new Dictionary<string, string>(), "--LocalCloud:Port=0");
        var (playwright, browser) = await Shared.Browser.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1440, Height = 900 } });

        await page.GotoAsync(new Uri(dashboard.BaseAddress, "/workflows/products_raw_ingest/trigger?size=36&window=630").ToString());
        await Shared.Browser.WaitForCircuitAsync(page);

        await Expect(page.GetByTestId("batch-size").Locator("input")).ToHaveValueAsync("36");
        await Expect(page.GetByTestId("batch-window").Locator("input")).ToHaveValueAsync("630");
        await Expect(page.GetByTestId("trigger-proposed")).ToContainTextAsync("Proposed by the what-if simulator");
        await Expect(page.GetByTestId("effect-table").Locator("tbody tr")).ToHaveCountAsync(3);
        await Expect(page.GetByTestId("effect-tuning-link")).ToHaveAttributeAsync("href", "/workflows/products_raw_ingest/tuning");
        await page.ScreenshotAsync(new() { Path = Shared.Browser.ScreenshotPath("trigger-proposed-effect.png"), FullPage = true });
    }
}
