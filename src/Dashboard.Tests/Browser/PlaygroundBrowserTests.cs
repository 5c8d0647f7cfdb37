using Dashboard.Tests.Shared;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.Tests.Browser;

/// <summary>A newcomer fills a batch from the browser and sees the run start.</summary>
public sealed class PlaygroundBrowserTests
{
    [Fact]
    public async Task FullBatchOfSamples_StartsARunThatAppearsAsNew()
    {
        await using var dashboard = await DashboardProcess.StartAsync(new Dictionary<string, string>(), "--LocalCloud:Port=0");
        var (playwright, browser) = await Shared.Browser.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1440, Height = 900 } });

        await page.GotoAsync(new Uri(dashboard.BaseAddress, "/playground?workflow=products_raw_ingest").ToString());
        await Shared.Browser.WaitForCircuitAsync(page);
        await Expect(page.GetByTestId("playground-prefix")).ToHaveTextAsync("s3://glue-event-demo-000000000000/data/products_raw/");

        await page.GetByRole(AriaRole.Button, new() { Name = "Upload 5 samples (a full batch)" }).ClickAsync();

        var newRun = page.GetByTestId("playground-runs").Locator("li.new-run");
        await Expect(newRun.First).ToContainTextAsync("batch size reached · 5 events");
        await Expect(page.GetByText("Uploaded from this page: 5")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Shared.Browser.ScreenshotPath("playground.png"), FullPage = true });
    }
}
