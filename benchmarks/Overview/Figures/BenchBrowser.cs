using System.Diagnostics;
using Microsoft.Playwright;

namespace Overview.Figures;

/// <summary>Debian's Chromium, headless, driven by Playwright (no downloaded browsers); each page is a tab of one window.</summary>
public sealed class BenchBrowser : IAsyncDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private const string RowSelector = "[data-testid=workflow-name]";

    /// <summary>Loaded: the circuit is interactive, rows are shown, and no stage is still loading.</summary>
    private const string LoadedScript = """
        () => document.querySelector("#circuit-state[data-circuit-ready='true']") !== null
            && document.querySelector("[data-testid=workflow-name]") !== null
            && document.querySelector("[data-testid=workflows-partial]") === null
        """;

    private const string NoAnimationsScript = """
        document.addEventListener("DOMContentLoaded", () => {
            const style = document.createElement("style");
            style.textContent = "*, *::before, *::after { animation: none !important; transition: none !important; }";
            document.head.appendChild(style);
        });
        """;

    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;
    private readonly IBrowserContext _context;

    private BenchBrowser(IPlaywright playwright, IBrowser browser, IBrowserContext context)
    {
        _playwright = playwright;
        _browser = browser;
        _context = context;
    }

    public static async Task<BenchBrowser> LaunchAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"{ChromiumPath} is missing: apt-get install -y chromium.");
        }

        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1440, Height = 900 }, ReducedMotion = ReducedMotion.Reduce });

        // Headless tabs all count as visible, and without a GPU every skeleton's and progress bar's animation is painted
        // in software: fifty of them starve a small machine, and the server being measured with it.
        await context.AddInitScriptAsync(NoAnimationsScript);
        return new BenchBrowser(playwright, browser, context);
    }

    public Task<IPage> NewPageAsync() => _context.NewPageAsync();

    /// <summary>Navigates and waits for the first row; the time from the navigation's start to a visible row.</summary>
    public static async Task<TimeSpan> NavigateToFirstRowsAsync(IPage page, Uri url, TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        await page.GotoAsync(url.ToString(), new() { WaitUntil = WaitUntilState.Commit, Timeout = (float)timeout.TotalMilliseconds });
        await page.Locator(RowSelector).First.WaitForAsync(new() { State = WaitForSelectorState.Visible, Timeout = (float)timeout.TotalMilliseconds });
        return watch.Elapsed;
    }

    /// <summary>Waits until the page is interactive with every stage loaded.</summary>
    public static Task WaitForLoadedAsync(IPage page, TimeSpan timeout) =>
        page.WaitForFunctionAsync(LoadedScript, null, new() { Timeout = (float)timeout.TotalMilliseconds, PollingInterval = 50 });

    /// <summary>Waits until the page's circuit is interactive.</summary>
    public static Task WaitForCircuitAsync(IPage page, TimeSpan timeout) =>
        page.Locator("#circuit-state[data-circuit-ready='true']").WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = (float)timeout.TotalMilliseconds });

    public async ValueTask DisposeAsync()
    {
        await _context.DisposeAsync();
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }
}
