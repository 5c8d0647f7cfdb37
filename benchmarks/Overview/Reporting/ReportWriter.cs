using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Overview.Reporting;

/// <summary>The results as a table for the console and Markdown, and as JSON.</summary>
public static class ReportWriter
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter() },
    };

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>Writes <c>overview-{mode}-{date}.json</c> and <c>.md</c> into <paramref name="directory"/>; returns their paths.</summary>
    public static async Task<(string Json, string Markdown)> WriteAsync(BenchmarkReport report, string directory, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        var stem = Path.Combine(directory, $"overview-{report.Settings.Name}-{report.At.UtcDateTime.ToString("yyyyMMdd-HHmm", Invariant)}");
        await File.WriteAllTextAsync(stem + ".json", JsonSerializer.Serialize(report, JsonOptions) + "\n", cancellationToken);
        await File.WriteAllTextAsync(stem + ".md", Markdown(report), cancellationToken);
        return (stem + ".json", stem + ".md");
    }

    /// <summary>The four figures against their goals.</summary>
    public static IReadOnlyList<(string Figure, string Measured, string Goal, bool Met)> Figures(BenchmarkReport report)
    {
        var cold = report.ColdLoad;
        var coalescing = report.Coalescing;
        var memory = report.Memory;
        var speed = report.Speed;
        return
        [
            ("AWS requests, one cold load of /", F($"{cold.Requests:N0} / minimum {cold.Minimum:N0} = {cold.Ratio:F3}"), F($"≤ {ColdLoadResult.Goal:F1}"), cold.Met),
            (F($"Coalescing, {coalescing.Many.Tabs} tabs vs 1, per {coalescing.IntervalSeconds:F0} s poll"),
                F($"{coalescing.Many.RequestsPerInterval:N1} vs {coalescing.One.RequestsPerInterval:N1} = {coalescing.Ratio:F3}"), "within 10%", coalescing.Met),
            (F($"Server memory per circuit ({memory.Circuits} circuits)"), F($"{memory.PerCircuitBytes / 1_000_000:F3} MB heap, {memory.RssPerCircuitBytes / 1_000_000:F2} MB RSS"), "≤ 1 MB", memory.Met),
            ("Navigation to first rows, warm", F($"p50 {speed.WarmP50Ms:F0} ms, p95 {speed.WarmP95Ms:F0} ms ({speed.WarmMs.Count} navigations)"), "p95 < 1 s", speed.Met),
            ("Navigation to first rows, cold", F($"{speed.ColdMs:F0} ms"), "(shown)", true),
        ];
    }

    public static string ConsoleTable(BenchmarkReport report)
    {
        var rows = Figures(report);
        var widths = new[] { rows.Max(r => r.Figure.Length), rows.Max(r => r.Measured.Length), rows.Max(r => r.Goal.Length) };
        var text = new StringBuilder();
        void Line(string a, string b, string c, string d) =>
            text.Append(Invariant, $"{a.PadRight(widths[0])} | {b.PadRight(widths[1])} | {c.PadRight(widths[2])} | {d}\n");
        Line("figure", "measured", "goal", "met");
        text.Append(new string('-', widths.Sum() + 16)).Append('\n');
        foreach (var (figure, measured, goal, met) in rows)
        {
            Line(figure, measured, goal, Verdict(report, figure, met));
        }

        text.Append('\n').Append(OperationsTable(report, markdown: false));
        return text.ToString();
    }

    public static string Markdown(BenchmarkReport report)
    {
        var s = report.Settings;
        var text = new StringBuilder();
        text.Append(Invariant, $"# Overview benchmark, {s.Name} run, {report.At:yyyy-MM-dd HH:mm} UTC\n\n");
        text.Append(Invariant, $"{report.Seeded.Workflows:N0} event-driven workflows and {report.Seeded.Rules:N0} rules on {report.Seeded.Buses.Count} buses ");
        text.Append(Invariant, $"({string.Join(", ", report.Seeded.Buses.Select(b => $"{b.Name}: {b.Rules}"))}), seeded in LocalCloud; ");
        text.Append(Invariant, $"the dashboard in Aws mode against it, polling every {s.RefreshSeconds} s. ");
        text.Append(Invariant, $"{report.Machine.Os}, {report.Machine.Cores} cores, .NET {report.Machine.Runtime}, {report.Machine.Gc} GC; headless Chromium.\n\n");
        text.Append("| figure | measured | goal | met |\n|---|---|---|---|\n");
        foreach (var (figure, measured, goal, met) in Figures(report))
        {
            text.Append(Invariant, $"| {figure} | {measured} | {goal} | {Verdict(report, figure, met)} |\n");
        }

        text.Append("\n## AWS requests of the cold load, by operation\n\n").Append(OperationsTable(report, markdown: true));
        var cold = report.ColdLoad;
        text.Append(Invariant, $"\nThe page's footer said: \"{cold.Footer}\". From the navigation: the dashboard's first AWS request at {cold.FirstRequestMs:F0} ms, ");
        text.Append(Invariant, $"the last ListWorkflows page at {cold.NamesReadMs:F0} ms, the first row visible at {cold.FirstRowsMs:F0} ms, every stage loaded at {cold.LoadedSeconds:F1} s.\n");

        var c = report.Coalescing;
        text.Append("\n## Coalescing\n\n| tabs | window | AWS requests | polls (ListEventBuses) | requests per poll interval | every tab loaded after |\n|---|---|---|---|---|---|\n");
        foreach (var run in new[] { c.One, c.Many })
        {
            text.Append(Invariant, $"| {run.Tabs} | {run.WindowSeconds:F0} s | {run.Requests:N0} | {run.Polls} | {run.RequestsPerInterval:N1} | {run.AllLoadedSeconds:F1} s |\n");
        }

        var m = report.Memory;
        text.Append("\n## Memory\n\n| | 1 reference tab | + ").Append(m.Circuits.ToString(Invariant)).Append(" tabs | per added circuit |\n|---|---|---|---|\n");
        text.Append(Invariant, $"| managed heap after a full GC | {m.Before.HeapBytes / 1e6:F1} MB | {m.After.HeapBytes / 1e6:F1} MB | {m.PerCircuitBytes / 1e3:F0} KB |\n");
        text.Append(Invariant, $"| process RSS | {m.Before.RssBytes / 1e6:F1} MB | {m.After.RssBytes / 1e6:F1} MB | {m.RssPerCircuitBytes / 1e3:F0} KB |\n");
        text.Append(Invariant, $"| open circuits / polling feeds | {m.Before.Circuits} / {m.Before.ActiveFeeds} | {m.After.Circuits} / {m.After.ActiveFeeds} | |\n");
        text.Append(Invariant, $"| live components | {m.Before.Components:N0} | {m.After.Components:N0} | {m.ComponentsPerCircuit:F1} |\n");
        text.Append("\nComponents per added circuit, by type: ")
            .Append(string.Join(", ", m.ComponentsByType.Take(15).Select(c => string.Create(Invariant, $"{c.Type} {c.PerCircuit:F1}"))))
            .Append(m.ComponentsByType.Count > 15 ? ", …" : string.Empty).Append(".\n");

        var sp = report.Speed;
        text.Append(Invariant, $"\n## Speed\n\nCold (first visit after the dashboard started): {sp.ColdMs:F0} ms. ");
        text.Append(Invariant, $"Warm, {sp.WarmMs.Count} navigations of one tab: p50 {sp.WarmP50Ms:F0} ms, p95 {sp.WarmP95Ms:F0} ms, max {sp.WarmMaxMs:F0} ms; ");
        text.Append(Invariant, $"they cost AWS {sp.WarmAwsRequests:N0} requests in all.\n\n");
        text.Append("Each navigation, in ms: ").Append(string.Join(", ", sp.WarmMs.Select(ms => ms.ToString("F0", Invariant)))).Append('\n');
        return text.ToString();
    }

    private static string OperationsTable(BenchmarkReport report, bool markdown)
    {
        var text = new StringBuilder();
        var formulas = report.Minimum.ToDictionary(m => (m.Service, m.Operation), m => m.Formula);
        List<(string Operation, string Measured, string Minimum, string Formula)> rows =
        [
            .. report.ColdLoad.ByOperation.Select(o => (
                $"{o.Service} {o.Operation}",
                o.Measured.ToString("N0", Invariant),
                o.Minimum.ToString("N0", Invariant),
                formulas.GetValueOrDefault((o.Service, o.Operation), "not needed"))),
            ("total", report.ColdLoad.Requests.ToString("N0", Invariant), report.ColdLoad.Minimum.ToString("N0", Invariant), string.Empty),
        ];
        if (markdown)
        {
            text.Append("| operation | measured | minimum | formula |\n|---|---|---|---|\n");
            foreach (var row in rows)
            {
                text.Append(Invariant, $"| {row.Operation} | {row.Measured} | {row.Minimum} | {row.Formula} |\n");
            }

            return text.ToString();
        }

        var width = rows.Max(r => r.Operation.Length);
        text.Append(Invariant, $"{"cold load, by operation".PadRight(width)} | measured | minimum | formula\n");
        foreach (var row in rows)
        {
            text.Append(Invariant, $"{row.Operation.PadRight(width)} | {row.Measured,8} | {row.Minimum,7} | {row.Formula}\n");
        }

        return text.ToString();
    }

    private static string Verdict(BenchmarkReport report, string figure, bool met) =>
        figure.StartsWith("Navigation to first rows, cold", StringComparison.Ordinal) ? "—" : met ? "yes" : "NO";

    private static string F(FormattableString text) => text.ToString(Invariant);
}
