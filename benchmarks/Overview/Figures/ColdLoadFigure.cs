using System.Diagnostics;
using LocalCloud.Hosting;
using Overview.Reporting;
using Overview.Seeding;

namespace Overview.Figures;

/// <summary>
/// Figure 1, and the cold half of figure 4: the first visit to <c>/</c> after the dashboard starts. The AWS requests
/// are LocalCloud's count from the dashboard's start to the moment the page is loaded (no
/// <c>workflows-partial</c>, rows shown), compared with <see cref="RequestMinimum"/>.
/// </summary>
public static class ColdLoadFigure
{
    public static async Task<ColdLoadResult> RunAsync(BenchBrowser browser, Uri dashboard, RequestLog requests, SeededCloud seeded, CancellationToken cancellationToken)
    {
        var page = await browser.NewPageAsync();
        var names = RequestMinimum.For(seeded).Single(m => m.Operation == "ListWorkflows").Count;
        using var stopWatching = new CancellationTokenSource();
        var watch = Stopwatch.StartNew();
        var timeline = WatchAsync(requests, names, watch, stopWatching.Token);
        var firstRows = await BenchBrowser.NavigateToFirstRowsAsync(page, dashboard, TimeSpan.FromMinutes(2));
        await BenchBrowser.WaitForLoadedAsync(page, TimeSpan.FromMinutes(5));
        var loaded = watch.Elapsed;
        var counted = requests.Snapshot();
        await stopWatching.CancelAsync();
        var (firstRequest, namesRead) = await timeline;
        var footer = await page.GetByTestId("workflows-footer").InnerTextAsync();
        await page.CloseAsync();
        cancellationToken.ThrowIfCancellationRequested();

        var minimum = RequestMinimum.For(seeded);
        var operations = counted.Select(c => (c.Service, c.Operation)).Union(minimum.Select(m => (m.Service, m.Operation)))
            .Select(key => new OperationCount(
                key.Service,
                key.Operation,
                counted.Where(c => (c.Service, c.Operation) == key).Sum(c => c.Count),
                minimum.FirstOrDefault(m => (m.Service, m.Operation) == key)?.Count ?? 0))
            .OrderBy(o => o.Service, StringComparer.Ordinal)
            .ThenBy(o => o.Operation, StringComparer.Ordinal)
            .ToList();
        var measured = counted.Sum(c => c.Count);
        var least = minimum.Sum(m => m.Count);
        return new ColdLoadResult(
            measured, least, (double)measured / least, operations, footer.Trim(), firstRows.TotalMilliseconds, loaded.TotalSeconds, firstRequest, namesRead);
    }

    /// <summary>When LocalCloud saw the dashboard's first request, and when it had answered every ListWorkflows page (ms).</summary>
    private static async Task<(double? FirstRequestMs, double? NamesReadMs)> WatchAsync(RequestLog requests, int namePages, Stopwatch watch, CancellationToken stop)
    {
        double? first = null, names = null;
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(10));
        try
        {
            while (names is null && await timer.WaitForNextTickAsync(stop))
            {
                first ??= requests.Total > 0 ? watch.Elapsed.TotalMilliseconds : null;
                names ??= requests.Count("glue", "ListWorkflows") >= namePages ? watch.Elapsed.TotalMilliseconds : null;
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The page loaded first.
        }

        return (first, names);
    }
}
