using Dashboard.Tests.Shared;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.Tests.Browser;

/// <summary>
/// The table page against the seeded demo, as people see it: light and dark, 1440 and 390 px, with its preview grid,
/// no serious accessibility violation, and the workflow page's link to it.
/// </summary>
public sealed class TablePageBrowserTests : IAsyncLifetime
{
    private DashboardProcess? _dashboard;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public async ValueTask InitializeAsync()
    {
        _dashboard = await DashboardProcess.StartAsync(new Dictionary<string, string>(), "--LocalCloud:Port=0");
        (_playwright, _browser) = await Shared.Browser.LaunchAsync();
    }

    [Fact]
    public async Task TablePage_LightAndDarkAtDesktopAndPhoneWidths_ShowsThePreviewWithoutSeriousViolations()
    {
        foreach (var (theme, width) in new[] { ("light", 1440), ("dark", 1440), ("light", 390), ("dark", 390) })
        {
            var page = await OpenAsync("/tables/products_db/products", theme, width);
            await Expect(page.GetByTestId("preview-row").First).ToBeVisibleAsync(new() { Timeout = 30_000 });
            await Expect(page.GetByTestId("preview-limits")).ToContainTextAsync("at most 50 rows");
            await page.ScreenshotAsync(new() { Path = Shared.Browser.ScreenshotPath($"table-{theme}-{width}.png"), FullPage = true });

            await Shared.Browser.AssertNoSeriousViolationsAsync(page, $"table ({theme}, {width} px)");
            await page.CloseAsync();
        }
    }

    [Fact]
    public async Task WorkflowPage_LinksToTheTableItsCrawlerWrites()
    {
        var page = await OpenAsync("/workflows/products_raw_ingest", "light", 1440);

        var link = page.GetByTestId("crawler-table").GetByRole(AriaRole.Link);
        await Expect(link).ToHaveTextAsync("products_db.products", new() { Timeout = 30_000 });
        await link.ClickAsync();

        await Expect(page.GetByTestId("table-location")).ToContainTextAsync("/data/products/", new() { Timeout = 30_000 });
    }

    private async Task<IPage> OpenAsync(string path, string theme, int width)
    {
        var dashboard = _dashboard ?? throw new InvalidOperationException("The dashboard did not start.");
        var browser = _browser ?? throw new InvalidOperationException("The browser did not start.");
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = width, Height = 900 } });
        await page.AddInitScriptAsync($"window.localStorage.setItem('dashboard-theme', '{theme}');");
        await page.GotoAsync(new Uri(dashboard.BaseAddress, path).ToString());
        await Shared.Browser.WaitForCircuitAsync(page);
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
    }
}
