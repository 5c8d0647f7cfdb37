using System.Text.RegularExpressions;
using Dashboard.Tests.Shared;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.Tests.Browser;

/// <summary>The rule page against LocalCloud's seeded demo: the real app, the real CloudWatch wire protocol.</summary>
public sealed partial class RuleMetricsBrowserTests
{
    private const string RulePath = "/rules/default/s3_file_upload_trigger_rule-demo";

    [Fact]
    public async Task RulePage_SeededHistory_ShowsInvocationsAndRunStarts()
    {
        await using var dashboard = await DashboardProcess.StartAsync(new Dictionary<string, string>(), "--LocalCloud:Port=0");
        var (playwright, browser) = await Shared.Browser.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;

        foreach (var (scheme, width, height) in new[] { (ColorScheme.Light, 1440, 1000), (ColorScheme.Light, 390, 844), (ColorScheme.Dark, 1440, 1000), (ColorScheme.Dark, 390, 844) })
        {
            await using var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = width, Height = height }, ColorScheme = scheme, TimezoneId = "Europe/Paris" });
            var page = await context.NewPageAsync();
            await page.GotoAsync(new Uri(dashboard.BaseAddress, RulePath).ToString());
            await Shared.Browser.WaitForCircuitAsync(page);

            // The seeded six hours hold uploads every half hour or so: the default 3 h range has invocations and runs.
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "s3_file_upload_trigger_rule-demo" })).ToBeVisibleAsync();
            await Expect(page.GetByRole(AriaRole.Img, new() { NameRegex = NonZeroInvocations() })).ToBeVisibleAsync(new() { Timeout = 30_000 });
            await Expect(page.GetByTestId("chart-invocations").Locator(".ts-marker").First).ToBeAttachedAsync();
            await Expect(page.GetByRole(AriaRole.Link, new() { Name = "products_raw_ingest" })).ToBeVisibleAsync();

            var name = $"rule-{(scheme == ColorScheme.Dark ? "dark" : "light")}-{width}.png";
            await page.ScreenshotAsync(new() { Path = Shared.Browser.ScreenshotPath(name), FullPage = true });
            await page.GetByTestId("chart-invocations").ScreenshotAsync(new() { Path = Shared.Browser.ScreenshotPath($"rule-chart-{name}") });
            if (width == 1440 && scheme == ColorScheme.Light)
            {
                await UseWithTheKeyboardAsync(page);
            }
        }
    }

    [Fact]
    public async Task RulesIndex_ListsRulesPerBusAndLinksToTheirPages()
    {
        await using var dashboard = await DashboardProcess.StartAsync(new Dictionary<string, string>(), "--LocalCloud:Port=0");
        var (playwright, browser) = await Shared.Browser.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1440, Height = 900 } });

        await page.GotoAsync(dashboard.BaseAddress.ToString());
        await Shared.Browser.WaitForCircuitAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "Metrics" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "analytics" })).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Shared.Browser.ScreenshotPath("rules-light-1440.png"), FullPage = true });
        await page.GetByRole(AriaRole.Link, new() { Name = "s3_file_upload_trigger_rule-demo" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Uri(dashboard.BaseAddress, RulePath).ToString());

        // A range picked is kept in the URL, so the link can be pasted into an incident channel.
        await page.GetByRole(AriaRole.Link, new() { Name = "24 h" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"\?range=24h$"));
        await Expect(page.GetByRole(AriaRole.Img, new() { NameRegex = NonZeroInvocations() })).ToBeVisibleAsync(new() { Timeout = 30_000 });

        // A second rule overlaid, from the select; the comparison joins the range in the URL.
        await page.GetByTestId("compare-select").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "analytics / clickstream_batches" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"\?range=24h&compare=analytics%2Fclickstream_batches$"));
        await Expect(page.GetByTestId("chart-invocations").Locator(".ts-swatch.dashed").First).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await page.ScreenshotAsync(new() { Path = Shared.Browser.ScreenshotPath("rule-compare-light-1440.png"), FullPage = true });
    }

    /// <summary>The range picker is reachable with Tab, and a chart's data table opens with Enter.</summary>
    private static async Task UseWithTheKeyboardAsync(IPage page)
    {
        await page.GetByRole(AriaRole.Link, new() { Name = "3 h" }).FocusAsync();
        await page.Keyboard.PressAsync("Tab");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "12 h" })).ToBeFocusedAsync();

        var chart = page.GetByTestId("chart-invocations");
        await chart.GetByRole(AriaRole.Button, new() { Name = "Show data table" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(chart.GetByRole(AriaRole.Table)).ToBeVisibleAsync();
        await Expect(chart.GetByRole(AriaRole.Button, new() { Name = "Hide data table" })).ToHaveAttributeAsync("aria-expanded", "true");
    }

    [GeneratedRegex(@"^Invocations, .*: Invocations [1-9][0-9,]* in total")]
    private static partial Regex NonZeroInvocations();
}
