using System.Diagnostics;
using System.Runtime;
using System.Runtime.InteropServices;
using LocalCloud;
using LocalCloud.Hosting;
using Overview.Figures;
using Overview.Hosting;
using Overview.Reporting;
using Overview.Seeding;

namespace Overview;

/// <summary>
/// The overview page's figures, measured side by side in one run: LocalCloud in this process, seeded through its
/// public APIs and counting every request; the dashboard in a child process, in Aws mode against it; headless
/// Chromium on <c>/</c>. <c>dotnet run -c Release --project benchmarks/Overview -- [--quick] [--out DIR]</c>.
/// </summary>
public static class OverviewBenchmark
{
    /// <summary>A 12-digit access key id: LocalCloud takes it as the account.</summary>
    private const string Account = "424242424242";
    private const string Region = "us-east-1";

    public static async Task<int> Main(string[] args)
    {
        if (args is [DashboardServer.Role, ..])
        {
            return await DashboardServer.RunAsync();
        }

        var settings = BenchmarkSettings.FromArguments(args);
        var output = OptionValue(args, "--out") ?? DefaultResultsDirectory();
        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        var cancellationToken = stop.Token;
        var total = Stopwatch.StartNew();

        await using var cloud = await LocalCloudHost.StartAsync(new LocalCloudSettings { Port = 0, SeedDemo = false }, TimeProvider.System, cancellationToken);
        var requests = cloud.Services.GetRequiredService<RequestLog>();
        Step(total, $"{settings.Name} run: LocalCloud on {cloud.Endpoint}; seeding {settings.Workflows:N0} workflows and {settings.Rules:N0} rules…");
        SeededCloud seeded;
        using (var http = new HttpClient { BaseAddress = cloud.Endpoint })
        {
            seeded = await new Seeder(http, Account, Region).SeedAsync(settings, cancellationToken);
        }

        // From here on, every request LocalCloud answers is the dashboard's.
        requests.Clear();
        await using var dashboard = await DashboardChild.StartAsync(cloud.Endpoint, Account, Region, settings.RefreshSeconds, cancellationToken);
        await using var browser = await BenchBrowser.LaunchAsync();
        Step(total, $"dashboard (pid {dashboard.ProcessId}) on {dashboard.BaseAddress}, polling every {settings.RefreshSeconds} s; cold load of /…");

        var cold = await ColdLoadFigure.RunAsync(browser, dashboard.BaseAddress, requests, seeded, cancellationToken);
        Step(total, $"cold load: {cold.Requests:N0} requests (minimum {cold.Minimum:N0}), first rows {cold.FirstRowsMs:F0} ms, loaded {cold.LoadedSeconds:F1} s; {settings.WarmNavigations} warm navigations…");

        var speed = await SpeedFigure.RunAsync(browser, dashboard.BaseAddress, requests, settings.WarmNavigations, cold.FirstRowsMs, cancellationToken);
        Step(total, $"warm: p50 {speed.WarmP50Ms:F0} ms, p95 {speed.WarmP95Ms:F0} ms; coalescing, 1 tab then {settings.CoalescingTabs}, {settings.CoalescingWindow.TotalSeconds:F0} s each…");

        var coalescing = await CoalescingFigure.RunAsync(browser, dashboard, requests, settings.CoalescingWindow, settings.RefreshInterval, settings.CoalescingTabs, cancellationToken);
        Step(total, $"coalescing: {coalescing.One.RequestsPerInterval:N1} vs {coalescing.Many.RequestsPerInterval:N1} requests per interval; memory with {settings.MemoryCircuits} circuits…");

        var memory = await MemoryFigure.RunAsync(browser, dashboard, requests, settings.MemoryCircuits, settings.RefreshInterval, cancellationToken);
        Step(total, $"memory: {memory.PerCircuitBytes / 1e3:F0} KB and {memory.ComponentsPerCircuit:F0} components per circuit; most: "
            + string.Join(", ", memory.ComponentsByType.Take(8).Select(c => $"{c.Type} {c.PerCircuit:F0}")));

        var report = new BenchmarkReport(
            DateTimeOffset.UtcNow,
            settings,
            new MachineInfo(RuntimeInformation.OSDescription, Environment.ProcessorCount, Environment.Version.ToString(), GCSettings.IsServerGC ? "server" : "workstation"),
            seeded,
            RequestMinimum.For(seeded),
            cold,
            speed,
            coalescing,
            memory);
        var (json, markdown) = await ReportWriter.WriteAsync(report, output, cancellationToken);
        Console.WriteLine();
        Console.WriteLine(ReportWriter.ConsoleTable(report));
        Console.WriteLine($"Written to {json} and {markdown} in {total.Elapsed.TotalSeconds:F0} s.");
        if (dashboard.Problems() is { Count: > 0 } problems)
        {
            Console.WriteLine($"The dashboard logged {problems.Count} warnings or errors; the first:");
            problems.Take(5).ToList().ForEach(Console.WriteLine);
        }

        return 0;
    }

    private static void Step(Stopwatch total, string message) => Console.WriteLine($"[{total.Elapsed.TotalSeconds,5:F0} s] {message}");

    private static string? OptionValue(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }

    /// <summary>benchmarks/Overview/results, found from the build output.</summary>
    private static string DefaultResultsDirectory()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Overview.csproj")))
            {
                return Path.Combine(directory.FullName, "results");
            }
        }

        return Path.Combine(Environment.CurrentDirectory, "results");
    }
}
