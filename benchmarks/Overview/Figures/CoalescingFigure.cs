using System.Diagnostics;
using LocalCloud.Hosting;
using Microsoft.Playwright;
using Overview.Hosting;
using Overview.Reporting;

namespace Overview.Figures;

/// <summary>
/// Figure 2: one tab on <c>/</c> for the window, then many tabs for the same window, each from an idle dashboard
/// whose cached list has aged past reuse, so both start as a first visitor does. LocalCloud counts the requests over
/// exactly the window, tabs opening included; every load of the list calls ListEventBuses once, so its count is the
/// number of polls.
/// </summary>
public static class CoalescingFigure
{
    public static async Task<CoalescingResult> RunAsync(
        BenchBrowser browser, DashboardChild dashboard, RequestLog requests, TimeSpan window, TimeSpan interval, int tabs, CancellationToken cancellationToken)
    {
        var one = await RunOnceAsync(browser, dashboard, requests, window, interval, 1, cancellationToken);
        var many = await RunOnceAsync(browser, dashboard, requests, window, interval, tabs, cancellationToken);
        return new CoalescingResult(interval.TotalSeconds, one, many, many.RequestsPerInterval / one.RequestsPerInterval);
    }

    private static async Task<CoalescingRun> RunOnceAsync(
        BenchBrowser browser, DashboardChild dashboard, RequestLog requests, TimeSpan window, TimeSpan interval, int tabs, CancellationToken cancellationToken)
    {
        await dashboard.WaitForIdleAsync(cancellationToken);

        // A list younger than half a poll is reused by a new feed; let it age, so the run starts cold.
        await Task.Delay(interval / 2 + TimeSpan.FromSeconds(1), cancellationToken);

        requests.Clear();
        var watch = Stopwatch.StartNew();
        var loaded = Enumerable.Range(0, tabs).Select(async _ =>
        {
            var page = await browser.NewPageAsync();
            await page.GotoAsync(dashboard.BaseAddress.ToString(), new() { WaitUntil = WaitUntilState.Commit });
            await BenchBrowser.WaitForLoadedAsync(page, window + TimeSpan.FromMinutes(3));
            return (Page: page, LoadedAfter: watch.Elapsed);
        }).ToList();

        await Task.Delay(window, cancellationToken);
        var elapsed = watch.Elapsed;
        var total = requests.Total;
        var polls = requests.Count("events", "ListEventBuses");

        var pages = await Task.WhenAll(loaded);
        foreach (var (page, _) in pages)
        {
            await page.CloseAsync();
        }

        return new CoalescingRun(tabs, elapsed.TotalSeconds, total, polls, total / (elapsed / interval), pages.Max(p => p.LoadedAfter).TotalSeconds);
    }
}
