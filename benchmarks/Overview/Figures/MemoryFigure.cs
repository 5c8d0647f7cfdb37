using System.Diagnostics;
using LocalCloud.Hosting;
using Microsoft.Playwright;
using Overview.Hosting;
using Overview.Reporting;

namespace Overview.Figures;

/// <summary>
/// Figure 3: the dashboard's managed heap after a full collection, with one reference tab open on <c>/</c> and then
/// with <c>circuits</c> more, all loaded; the difference per added circuit. The reference tab keeps the shared feed
/// and caches in both samples, so only what each circuit adds is counted. Each sample is taken between polls (no AWS
/// request for a moment), so that no half-read list is counted, and is the smallest of three.
/// </summary>
public static class MemoryFigure
{
    private const int Samples = 3;
    private const int OpenAtOnce = 5;

    public static async Task<MemoryResult> RunAsync(
        BenchBrowser browser, DashboardChild dashboard, RequestLog requests, int circuits, TimeSpan interval, CancellationToken cancellationToken)
    {
        await dashboard.WaitForIdleAsync(cancellationToken);
        var loadTimeout = TimeSpan.FromMinutes(3);
        var reference = await browser.NewPageAsync();
        await BenchBrowser.NavigateToFirstRowsAsync(reference, dashboard.BaseAddress, loadTimeout);
        await BenchBrowser.WaitForLoadedAsync(reference, loadTimeout);
        var before = await SampleAsync(dashboard, requests, interval, cancellationToken);

        var pages = new List<IPage>();
        for (var opened = 0; opened < circuits; opened += OpenAtOnce)
        {
            var batch = await Task.WhenAll(Enumerable.Range(0, Math.Min(OpenAtOnce, circuits - opened)).Select(async _ =>
            {
                var page = await browser.NewPageAsync();
                await BenchBrowser.NavigateToFirstRowsAsync(page, dashboard.BaseAddress, loadTimeout);
                await BenchBrowser.WaitForLoadedAsync(page, loadTimeout);
                return page;
            }));
            pages.AddRange(batch);
        }

        var after = await SampleAsync(dashboard, requests, interval, cancellationToken);
        if (after.Circuits != circuits + 1)
        {
            throw new InvalidOperationException($"Expected {circuits + 1} open circuits, but the dashboard has {after.Circuits}.");
        }

        foreach (var page in pages.Append(reference))
        {
            await page.CloseAsync();
        }

        return new MemoryResult(circuits, before, after, (after.HeapBytes - before.HeapBytes) / (double)circuits, (after.RssBytes - before.RssBytes) / (double)circuits);
    }

    private static async Task<ServerMemory> SampleAsync(DashboardChild dashboard, RequestLog requests, TimeSpan interval, CancellationToken cancellationToken)
    {
        await WaitForQuietAsync(requests, interval, cancellationToken);
        var samples = new List<ServerMemory>();
        for (var i = 0; i < Samples; i++)
        {
            samples.Add(await dashboard.MemoryAsync(cancellationToken));
        }

        return samples.MinBy(s => s.HeapBytes) ?? throw new InvalidOperationException("No memory sample.");
    }

    /// <summary>
    /// Waits until LocalCloud has seen no request for two seconds (a quarter of the poll, if shorter): the feed is between
    /// polls. Gives up after two polls: a poll longer than the interval leaves no gap.
    /// </summary>
    private static async Task WaitForQuietAsync(RequestLog requests, TimeSpan interval, CancellationToken cancellationToken)
    {
        var wanted = TimeSpan.FromTicks(Math.Min(TimeSpan.FromSeconds(2).Ticks, interval.Ticks / 4));
        var deadline = Stopwatch.StartNew();
        var quiet = Stopwatch.StartNew();
        var seen = requests.Total;
        while (quiet.Elapsed < wanted && deadline.Elapsed < 2 * interval)
        {
            await Task.Delay(50, cancellationToken);
            if (requests.Total != seen)
            {
                seen = requests.Total;
                quiet.Restart();
            }
        }
    }
}
