using System.Text.RegularExpressions;
using Dashboard.Tests.Shared;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.Tests.Browser;

/// <summary>The Run page in Chromium, against the embedded LocalCloud and its seeded demo.</summary>
public sealed class RunPageBrowserTests
{
    private const string Workflow = "products_raw_ingest";

    [Fact]
    public async Task SeededRunWithAFailedCrawler_ShowsStatisticsAndObjects_AndResumesThroughTheDialog()
    {
        await using var dashboard = await DashboardProcess.StartAsync(new Dictionary<string, string>(), "--LocalCloud:Port=0");
        var (playwright, browser) = await Shared.Browser.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        // One context: the theme chosen on one page holds for the others, as in one browser.
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.SetViewportSizeAsync(1440, 900);

        // From the workflow's run history to a run whose crawler failed: Glue says COMPLETED, the page says otherwise.
        await page.GotoAsync(new Uri(dashboard.BaseAddress, $"/workflows/{Workflow}").ToString());
        await Shared.Browser.WaitForCircuitAsync(page);
        var failedRun = page.GetByTestId("run-row").Filter(new() { HasText = "Partial failure" }).Filter(new() { HasText = "batch size reached" }).First;
        var runLink = failedRun.GetByRole(AriaRole.Link).Filter(new() { HasTextRegex = new Regex("^wr_") }).First;
        var runId = (await runLink.TextContentAsync())?.Trim() ?? throw new InvalidOperationException("The run has no id.");
        await runLink.ClickAsync();
        await Expect(page).ToHaveURLAsync(new Uri(dashboard.BaseAddress, $"/workflows/{Workflow}/runs/{runId}").ToString());
        await Shared.Browser.WaitForCircuitAsync(page);

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(runId);
        await Expect(page.GetByTestId("run-health")).ToHaveTextAsync("Partial failure");
        await Expect(page.GetByTestId("run-cause")).ToHaveTextAsync("batch size reached (5 events)");
        var statistics = page.GetByRole(AriaRole.Region, new() { Name = "Statistics", Exact = true });
        await Expect(statistics.GetByTestId("stat")).ToHaveTextAsync([new Regex("3\\s*Total"), new Regex("2\\s*Succeeded"), new Regex("1\\s*Failed"),
            new Regex("0\\s*Errored"), new Regex("0\\s*Timed out"), new Regex("0\\s*Stopped"), new Regex("0\\s*Running"), new Regex("0\\s*Waiting")]);
        await Expect(page.GetByTestId("run-failures")).ToContainTextAsync("products_parquet_crawler");

        // The batch: five uploads, each traced through CloudTrail's NotifyEvent record to its S3 object.
        var events = page.GetByRole(AriaRole.Region, new() { Name = "Events that started this run", Exact = true });
        await Expect(events.GetByTestId("events-summary")).ToContainTextAsync("All 5 events were found in CloudTrail's event history.");
        await Expect(events.GetByTestId("event-object")).ToHaveCountAsync(5);
        await Expect(events.GetByTestId("event-object").First).ToContainTextAsync(new Regex("^s3://glue-event-demo-000000000000/data/products_raw/product_\\d{5}\\.json$"));

        await ScreenshotsAsync(context, page, "run");

        // Resume: the dialog names the crawler that will run again; the new run opens from the snackbar's link.
        await page.GetByRole(AriaRole.Button, new() { Name = "Resume", Exact = true }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Expect(dialog.GetByTestId("resume-nodes")).ToContainTextAsync("products_parquet_crawler");
        await Expect(dialog.GetByTestId("resume-nodes")).Not.ToContainTextAsync("products_json_to_parquet");
        await page.ScreenshotAsync(new() { Path = Shared.Browser.ScreenshotPath("run-resume-dialog.png") });
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Resume 1 node" }).ClickAsync();

        var newRun = page.GetByTestId("resume-snackbar").GetByRole(AriaRole.Link);
        await Expect(newRun).ToHaveAttributeAsync("href", new Regex($"^/workflows/{Workflow}/runs/wr_"));
        await newRun.ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/workflows/{Workflow}/runs/wr_(?!{runId[3..]})"));
        await Expect(page.GetByTestId("previous-run")).ToHaveTextAsync(runId);
        await Expect(page.GetByTestId("run-cause")).ToHaveTextAsync("batch size reached (5 events)");
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Graph", Exact = true }).GetByTestId("graph-node").Filter(new() { HasText = "products_parquet_crawler" }))
            .ToContainTextAsync(new Regex("Running|Succeeded"));
        await page.ScreenshotAsync(new() { Path = Shared.Browser.ScreenshotPath("run-resumed.png"), FullPage = true });
    }

    /// <summary>
    /// Light and dark, 1440 and 390 px wide, whole pages, for people to look at. The narrow page is opened at its width,
    /// as a phone would, so the layout is the one a phone gets.
    /// </summary>
    private static async Task ScreenshotsAsync(IBrowserContext context, IPage wide, string name)
    {
        var narrow = await context.NewPageAsync();
        await narrow.SetViewportSizeAsync(390, 844);
        await narrow.GotoAsync(wide.Url);
        await Shared.Browser.WaitForCircuitAsync(narrow);
        await Expect(narrow.GetByTestId("events-summary")).ToBeVisibleAsync();

        Task ShootAsync(IPage page, string theme, int width) =>
            page.ScreenshotAsync(new() { Path = Shared.Browser.ScreenshotPath($"{name}-{theme}-{width}.png"), FullPage = true });

        await ShootAsync(wide, "light", 1440);
        await ShootAsync(narrow, "light", 390);
        await narrow.GetByRole(AriaRole.Button, new() { Name = "Toggle dark mode" }).ClickAsync();
        await Expect(narrow.Locator("body")).ToHaveCSSAsync("background-color", "rgb(11, 18, 28)");

        // Off the toggle, so its tooltip does not cover the page.
        await narrow.Mouse.MoveAsync(195, 600);
        await ShootAsync(narrow, "dark", 390);
        await narrow.CloseAsync();

        await wide.ReloadAsync();
        await Shared.Browser.WaitForCircuitAsync(wide);
        await Expect(wide.Locator("body")).ToHaveCSSAsync("background-color", "rgb(11, 18, 28)");
        await Expect(wide.GetByTestId("events-summary")).ToBeVisibleAsync();
        await ShootAsync(wide, "dark", 1440);
        await wide.GetByRole(AriaRole.Button, new() { Name = "Toggle dark mode" }).ClickAsync();
        await Expect(wide.Locator("body")).Not.ToHaveCSSAsync("background-color", "rgb(11, 18, 28)");
    }
}
