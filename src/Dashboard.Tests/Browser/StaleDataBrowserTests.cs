using Dashboard.Tests.Shared;
using LocalCloud;
using LocalCloud.Hosting;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.Tests.Browser;

/// <summary>When AWS fails, the pages keep their last data, say since when it is stale, and stay usable.</summary>
public sealed class StaleDataBrowserTests
{
    [Fact]
    public async Task AwsFails_OverviewKeepsItsRowsShowsTheStaleBannerAndStillFilters()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var cloud = await LocalCloudHost.StartAsync(new LocalCloudSettings { Port = 0, SeedDemo = true, SyntheticTraffic = false }, TimeProvider.System, ct);
        await using var proxy = await FaultProxy.StartAsync(cloud.Endpoint, ct);
        await using var dashboard = await DashboardProcess.StartAsync(
            new Dictionary<string, string>
            {
                ["AWS_ENDPOINT_URL"] = proxy.Endpoint.ToString(),
                ["AWS_ACCESS_KEY_ID"] = "test",
                ["AWS_SECRET_ACCESS_KEY"] = "test",
                ["AWS_REGION"] = "us-east-1",
            },
            "--Cloud:Mode=Aws",
            "--SignIn:Anonymous=Viewer",
            "--Cloud:RefreshSeconds=1");
        var (playwright, browser) = await Shared.Browser.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1440, Height = 900 } });
        await page.GotoAsync(dashboard.BaseAddress.ToString());
        await Shared.Browser.WaitForCircuitAsync(page);
        await Expect(page.GetByTestId("workflow-name")).ToHaveCountAsync(SeededDemo.EventDrivenWorkflows);

        proxy.Failing = true;

        var banner = page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "Stale since" });
        await Expect(banner).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Expect(page.GetByTestId("workflow-name")).ToHaveCountAsync(SeededDemo.EventDrivenWorkflows);
        await page.ScreenshotAsync(new() { Path = Shared.Browser.ScreenshotPath("overview-stale.png") });
        await page.GetByLabel("Search workflows").FillAsync("orders");
        await Expect(page.GetByTestId("workflow-name")).ToHaveTextAsync(["orders_cdc_merge"]);
        Assert.True(proxy.FailedRequests > 0);

        proxy.Failing = false;

        await Expect(banner).ToHaveCountAsync(0, new() { Timeout = 60_000 });
        await Expect(page.GetByTestId("workflow-name")).ToHaveTextAsync(["orders_cdc_merge"]);
    }
}
