using Dashboard.Tests.Shared;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.Tests.Browser;

/// <summary>
/// The content security policy in a real browser: the interactive pages still connect, render and respond, and the
/// console reports no violation. Also the access pages, as people see them.
/// </summary>
public sealed class SecurityBrowserTests : IAsyncLifetime
{
    private DashboardProcess? _dashboard;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public async ValueTask InitializeAsync()
    {
        _dashboard = await DashboardProcess.StartAsync(new Dictionary<string, string>(), "--LocalCloud:Port=0");
        (_playwright, _browser) = await Shared.Browser.LaunchAsync();
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/workflows/products_raw_ingest")]
    [InlineData("/workflows/products_raw_ingest/trigger")]
    [InlineData("/rules/default/s3_file_upload_trigger_rule-demo?range=24h")]
    public async Task Page_UnderTheContentSecurityPolicy_WorksWithoutViolations(string path)
    {
        var page = await _browser!.NewPageAsync(new() { ViewportSize = new() { Width = 1440, Height = 900 } });
        var console = new List<string>();
        page.Console += (_, message) => console.Add($"{message.Type}: {message.Text}");
        page.PageError += (_, error) => console.Add($"pageerror: {error}");

        var response = await page.GotoAsync(new Uri(_dashboard!.BaseAddress, path).ToString());
        Assert.Contains("default-src 'self'", (await response!.AllHeadersAsync())["content-security-policy"], StringComparison.Ordinal);
        await Shared.Browser.WaitForCircuitAsync(page);
        await Expect(page.Locator(".mud-skeleton")).ToHaveCountAsync(0, new() { Timeout = 30_000 });

        // The circuit answers: the theme toggle round-trips through the server.
        await page.GetByRole(AriaRole.Button, new() { Name = "Toggle dark mode" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Toggle dark mode" })).ToHaveAttributeAsync("data-tip", "Switch to light mode");

        Assert.DoesNotContain(console, m => m.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase) || m.StartsWith("pageerror", StringComparison.Ordinal));
        await Expect(page.GetByTestId("user-menu")).ToContainTextAsync("local user · Operator");
        await page.CloseAsync();
    }

    [Theory]
    [InlineData("access-denied", 1440)]
    [InlineData("access-denied", 390)]
    [InlineData("signed-out", 390)]
    public async Task AccessPages_RenderWithoutACircuit(string name, int width)
    {
        var page = await _browser!.NewPageAsync(new() { ViewportSize = new() { Width = width, Height = 700 } });
        var response = await page.GotoAsync(new Uri(_dashboard!.BaseAddress, "/" + name).ToString());

        Assert.Equal(name == "access-denied" ? 403 : 200, response!.Status);
        await Expect(page.GetByTestId(name)).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Shared.Browser.ScreenshotPath($"security-{name}-{width}.png"), FullPage = true });
        await page.CloseAsync();
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
