using Dashboard.Tests.Shared;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.Tests.Browser;

/// <summary>
/// The what-if page against the seeded demo's order pipeline (six hours of history: Invocations by the minute, runs
/// and job runs): the frontier chart with the current setting marked, a freshness target that highlights a
/// recommendation, and "Use this" that opens the editor with the recommended setting in its fields.
/// </summary>
public sealed class TuningBrowserTests : IAsyncLifetime
{
    private const string Workflow = "orders_cdc_merge";

    private DashboardProcess? _dashboard;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public async ValueTask InitializeAsync()
    {
        _dashboard = await DashboardProcess.StartAsync(new Dictionary<string, string>(), "--LocalCloud:Port=0");
        (_playwright, _browser) = await Shared.Browser.LaunchAsync();
    }

    [Fact]
    public async Task TuningPage_TargetHighlightsARecommendation_AndUseThisPrefillsTheEditor()
    {
        var page = await OpenAsync($"/workflows/{Workflow}/tuning", "light", 1440);

        await Expect(page.GetByTestId("frontier-chart")).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Expect(page.GetByTestId("frontier-current")).ToHaveCountAsync(1);
        Assert.StartsWith("Now: BatchSize 10, BatchWindow 5 min", await page.GetByTestId("frontier-current").GetAttributeAsync("title"), StringComparison.Ordinal);
        Assert.True(await page.GetByTestId("frontier-point").CountAsync() > 1, "The frontier has more than one point.");
        await Expect(page.GetByTestId("frontier-recommended")).ToHaveCountAsync(0);

        var field = page.GetByTestId("target-field").GetByRole(AriaRole.Textbox);
        await field.FillAsync("3");
        await field.PressAsync("Enter");

        await Expect(page.GetByTestId("frontier-recommended")).ToHaveCountAsync(1, new() { Timeout = 30_000 });
        await Expect(page.GetByTestId("frontier-target")).ToHaveCountAsync(1);
        Assert.Contains("p95=180s", page.Url, StringComparison.Ordinal);
        var recommended = (await page.GetByTestId("recommended-setting").TextContentAsync())?.Trim();
        var match = System.Text.RegularExpressions.Regex.Match(recommended ?? string.Empty, @"^BatchSize (\d+), BatchWindow (.+)$");
        Assert.True(match.Success, $"Recommended setting reads \"{recommended}\".");
        await Expect(page.Locator("[data-testid=frontier-row].recommended")).ToHaveCountAsync(1);
        await page.ScreenshotAsync(new() { Path = Shared.Browser.ScreenshotPath("tuning-recommended.png"), FullPage = true });

        await page.GetByTestId("use-recommended").ClickAsync();

        await Expect(page.GetByTestId("trigger-editor-form")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        Assert.Contains($"/workflows/{Workflow}/trigger?size={match.Groups[1].Value}", page.Url, StringComparison.Ordinal);
        await Expect(page.GetByTestId("batch-size").GetByRole(AriaRole.Textbox)).ToHaveValueAsync(match.Groups[1].Value, new() { Timeout = 30_000 });
        await Expect(page.GetByTestId("trigger-diff")).ToContainTextAsync("BatchSize");
    }

    [Fact]
    public async Task TuningPage_LightAndDarkAtDesktopAndPhoneWidths_HasNoSeriousViolations()
    {
        foreach (var (theme, width) in new[] { ("light", 1440), ("dark", 1440), ("light", 390), ("dark", 390) })
        {
            var page = await OpenAsync($"/workflows/{Workflow}/tuning?p95=300s", theme, width);
            await Expect(page.GetByTestId("frontier-recommended")).ToHaveCountAsync(1, new() { Timeout = 60_000 });
            await page.ScreenshotAsync(new() { Path = Shared.Browser.ScreenshotPath($"tuning-{theme}-{width}.png"), FullPage = true });

            await Shared.Browser.AssertNoSeriousViolationsAsync(page, $"tuning ({theme}, {width} px)");
            await page.CloseAsync();
        }
    }

    private async Task<IPage> OpenAsync(string path, string theme, int width)
    {
        var dashboard = _dashboard ?? throw new InvalidOperationException("The dashboard did not start.");
        var browser = _browser ?? throw new InvalidOperationException("The browser did not start.");
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = width, Height = 900 } });
        await page.AddInitScriptAsync($"window.localStorage.setItem('dashboard-theme', '{theme}');");
        await page.GotoAsync(new Uri(dashboard.BaseAddress, path).ToString());
        await Shared.Browser.WaitForCircuitAsync(page);
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
