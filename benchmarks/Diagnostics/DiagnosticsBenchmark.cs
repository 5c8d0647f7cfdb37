using System.Diagnostics;
using DiagnosticsBenchmark.Hosting;
using DiagnosticsBenchmark.Measuring;
using DiagnosticsBenchmark.Reporting;
using DiagnosticsBenchmark.Seeding;
using LocalCloud;
using LocalCloud.Hosting;

namespace DiagnosticsBenchmark;

/// <summary>
/// What /diagnostics costs over many healthy event-driven workflows: LocalCloud in this process, seeded through its
/// public APIs; the dashboard's real <c>DiagnosticsRunner</c>, built by the dashboard's own composition root in Aws mode
/// against it; <c>DiagnoseAllAsync</c> run cold (empty caches) and then warm (the IAM documents cached), each timed and
/// counted by LocalCloud's request log. <c>dotnet run -c Release --project benchmarks/Diagnostics -- [--workflows N]
/// [--roles N] [--out DIR]</c>.
/// </summary>
public static class Benchmark
{
    /// <summary>A 12-digit access key id: LocalCloud takes it as the account.</summary>
    private const string Account = "424242424242";
    private const string Region = "us-east-1";

    public static async Task<int> Main(string[] args)
    {
        var workflows = IntOption(args, "--workflows", 200);
        var roles = IntOption(args, "--roles", 10);
        var output = OptionValue(args, "--out") ?? DefaultResultsDirectory();
        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        var cancellationToken = stop.Token;
        var total = Stopwatch.StartNew();

        var settings = new LocalCloudSettings { Port = 0, SeedDemo = false, SyntheticTraffic = false, MaxRulesPerBus = 2000 };
        await using var cloud = await LocalCloudHost.StartAsync(settings, TimeProvider.System, cancellationToken);
        using var http = new HttpClient { BaseAddress = cloud.Endpoint };
        Step(total, $"LocalCloud on {cloud.Endpoint}; seeding {workflows} workflows sharing {roles} roles…");
        var seeded = await new PipelineSeeder(new AwsWire(http, Account, Region), cloud.Endpoint, Account, Region).SeedAsync(workflows, roles, cancellationToken);

        await using var dashboard = InProcessDashboard.Start(cloud.Endpoint, Account, Region);
        var runner = dashboard.Runner;
        var counter = new RequestCounter(http);
        Step(total, $"dashboard built in-process, {runner.Checks.Count} checks; cold run…");

        var runs = new List<DiagnosticsRun>();
        foreach (var name in new[] { "cold", "warm" })
        {
            await counter.ResetAsync(cancellationToken);
            var clock = Stopwatch.StartNew();
            var report = await runner.DiagnoseAllAsync(cancellationToken);
            clock.Stop();
            var run = DiagnosticsRun.From(name, clock.Elapsed, report, await counter.ReadAsync(cancellationToken));
            runs.Add(run);
            Step(total, ReportWriter.ConsoleSummary(run));
        }

        var path = await ReportWriter.WriteAsync(output, DateTimeOffset.UtcNow, seeded, runner.Checks.Count, runs, cancellationToken);
        Step(total, $"written to {path}");
        foreach (var finding in runs.SelectMany(r => r.NonPass.Select(f => (r.Name, f))).Take(10))
        {
            Console.WriteLine($"  non-pass ({finding.Name}): {finding.f.Workflow} {finding.f.CheckId} {finding.f.Status}: {finding.f.Explanation}");
        }

        return runs.All(r => r.Workflows == workflows) ? 0 : 1;
    }

    private static void Step(Stopwatch total, string message) => Console.WriteLine($"[{total.Elapsed.TotalSeconds,5:F0} s] {message}");

    private static string? OptionValue(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }

    private static int IntOption(string[] args, string name, int fallback)
    {
        var value = OptionValue(args, name);
        if (value is null)
        {
            return fallback;
        }

        return int.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out var parsed) && parsed > 0
            ? parsed
            : throw new ArgumentException($"{name} is '{value}', but it must be a positive integer.", name);
    }

    /// <summary>benchmarks/Diagnostics/results, found from the build output.</summary>
    private static string DefaultResultsDirectory()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Diagnostics.csproj")))
            {
                return Path.Combine(directory.FullName, "results");
            }
        }

        return Path.Combine(Environment.CurrentDirectory, "results");
    }
}
