using Dashboard.Tests.Shared;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.Tests.Browser;

/// <summary>The audit trail as a person meets it: edit a trigger's batching, find the edit on /audit, download it.</summary>
public sealed class AuditBrowserTests : IAsyncDisposable
{
    private readonly TempAuditLog _audit = new();

    [Fact]
    public async Task SavedEdit_ShowsOnTheAuditPage_WithItsDiff_AndDownloadsAsCsv()
    {
        await using var dashboard = await DashboardProcess.StartAsync(new Dictionary<string, string>(), "--LocalCloud:Port=0", $"--Audit:Path={_audit.Path}");
        var (playwright, browser) = await Shared.Browser.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1440, Height = 900 }, AcceptDownloads = true });

        // An edit through the trigger page.
        await page.GotoAsync(new Uri(dashboard.BaseAddress, "/workflows/products_raw_ingest/trigger").ToString());
        await Shared.Browser.WaitForCircuitAsync(page);
        await page.GetByTestId("batch-size").Locator("input").FillAsync("7");
        await page.GetByLabel("Reason (optional, kept in the audit log)").FillAsync("Smaller batches for the demo");
        await page.GetByTestId("trigger-save").ClickAsync();
        await Expect(page.GetByTestId("trigger-result")).ToContainTextAsync("Saved");

        // The nav menu leads to it: one row, pending then succeeded, with the reason.
        await page.GetByRole(AriaRole.Link, new() { Name = "Audit" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Uri(dashboard.BaseAddress, "/audit").ToString());
        var write = page.GetByTestId("audit-write");
        await Expect(write).ToHaveCountAsync(1);
        await Expect(write).ToHaveAttributeAsync("data-state", "Completed");
        await Expect(write).ToContainTextAsync("Pending →");
        await Expect(write.GetByTestId("audit-result")).ToContainTextAsync("Succeeded");
        await Expect(write).ToContainTextAsync("Smaller batches for the demo");

        await write.GetByTestId("audit-expand").ClickAsync();
        var diff = page.GetByTestId("audit-diff");
        await Expect(diff).ToContainTextAsync("EventBatchingCondition.BatchSize");
        await Expect(diff.Locator("tbody tr")).ToHaveCountAsync(1);
        await Expect(diff.Locator("td.before")).ToHaveTextAsync("5");
        await Expect(diff.Locator("td.after")).ToHaveTextAsync("7");
        await page.ScreenshotAsync(new() { Path = Shared.Browser.ScreenshotPath("audit-expanded.png"), FullPage = true });

        // The filter form puts the filter in the URL; the download takes the same filter.
        await page.GetByTestId("filter-result").SelectOptionAsync(new SelectOptionValue { Label = "Succeeded" });
        await page.GetByTestId("filter-apply").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Uri(dashboard.BaseAddress, "/audit?result=Succeeded").ToString());
        await Expect(page.GetByTestId("audit-write")).ToHaveCountAsync(1);

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("audit-download").ClickAsync());
        Assert.Matches(@"^audit-\d{8}-\d{6}\.csv$", download.SuggestedFilename);
        var csv = await File.ReadAllLinesAsync(await download.PathAsync(), TestContext.Current.CancellationToken);
        Assert.Equal(2, csv.Length);
        Assert.Contains(",Succeeded,", csv[1], StringComparison.Ordinal);
        Assert.Contains("Smaller batches for the demo", csv[1], StringComparison.Ordinal);

        // The page is still the live app after the download, not a page that navigated away.
        await Expect(page).ToHaveURLAsync(new Uri(dashboard.BaseAddress, "/audit?result=Succeeded").ToString());
    }

    public ValueTask DisposeAsync() => _audit.DisposeAsync();
}
