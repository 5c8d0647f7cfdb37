using LocalCloud.Hosting;
using Overview.Reporting;

namespace Overview.Figures;

/// <summary>
/// Figure 4, warm: the same tab navigates to <c>/</c> again and again, as a user who reloads it does; each time from
/// the navigation's start to the first visible row. The next navigation starts once the page is interactive.
/// </summary>
public static class SpeedFigure
{
    public static async Task<SpeedResult> RunAsync(BenchBrowser browser, Uri dashboard, RequestLog requests, int navigations, double coldMs, CancellationToken cancellationToken)
    {
        var page = await browser.NewPageAsync();
        await BenchBrowser.NavigateToFirstRowsAsync(page, dashboard, TimeSpan.FromMinutes(2));
        await BenchBrowser.WaitForLoadedAsync(page, TimeSpan.FromMinutes(5));

        var before = requests.Total;
        var timings = new List<double>(navigations);
        for (var i = 0; i < navigations; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            timings.Add((await BenchBrowser.NavigateToFirstRowsAsync(page, dashboard, TimeSpan.FromMinutes(2))).TotalMilliseconds);
            await BenchBrowser.WaitForCircuitAsync(page, TimeSpan.FromMinutes(1));
        }

        var spent = requests.Total - before;
        await page.CloseAsync();
        return new SpeedResult(coldMs, timings, Statistics.Percentile(timings, 0.50), Statistics.Percentile(timings, 0.95), timings.Max(), spent);
    }
}
