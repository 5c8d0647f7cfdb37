using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Dashboard.Diagnostics;
using DiagnosticsBenchmark.Measuring;
using DiagnosticsBenchmark.Seeding;

namespace DiagnosticsBenchmark.Reporting;

/// <summary>Writes the runs as markdown: the command, the machine, each run's figures, and every non-pass finding.</summary>
public static class ReportWriter
{
    public const string Command = "dotnet run -c Release --project benchmarks/Diagnostics";

    /// <summary>The non-pass findings listed one by one; the rest are counted by check and status.</summary>
    private const int ListedNonPass = 20;

    public static async Task<string> WriteAsync(string directory, DateTimeOffset at, SeededPipelines seeded, int checks, IReadOnlyList<DiagnosticsRun> runs, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, $"diagnostics-{at.ToString("yyyyMMdd-HHmm", CultureInfo.InvariantCulture)}.md");
        await File.WriteAllTextAsync(path, Markdown(at, seeded, checks, runs), cancellationToken);
        return path;
    }

    public static string Markdown(DateTimeOffset at, SeededPipelines seeded, int checks, IReadOnlyList<DiagnosticsRun> runs)
    {
        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"# /diagnostics over {seeded.Workflows} event-driven workflows, cold and warm");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"Run {at:yyyy-MM-dd HH:mm} UTC with `{Command}`.");
        md.AppendLine(CultureInfo.InvariantCulture, $"Machine: {RuntimeInformation.OSDescription}, {Environment.ProcessorCount} cores (shared with other work), .NET {Environment.Version}.");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"Seeded in LocalCloud (in-process) through its public APIs: {seeded.Workflows} workflows, each with a job, an EVENT start trigger (batch 5, window 900 s) and a rule on the default bus for S3 \"Object Created\" under its own prefix of `{seeded.Bucket}` (EventBridge on); each target has one of {seeded.Roles} shared roles (trust events.amazonaws.com, allow glue:notifyEvent on the account's workflows), a retry policy and the DLQ `{seeded.DeadLetterQueueArn}`.");
        md.AppendLine(CultureInfo.InvariantCulture, $"The dashboard runs in-process in Aws mode, built by its own composition root; `DiagnosticsRunner.DiagnoseAllAsync` runs its {checks} checks over every workflow, {DiagnosticsRunner.WorkflowsInParallel} workflows at a time. The typed clients draw on `RequestQuotas` (Glue 10/s, EventBridge 40/s, CloudWatch 40/s, IAM 10/s, CloudTrail 10/s): the client-side rate limiter is in the path. S3 and SQS are the AWS SDK's clients, without quotas.");
        md.AppendLine();
        md.AppendLine("| run | wall time | requests | per workflow | rate-limit floor | Pass | Unknown | Warn | Fail |");
        md.AppendLine("|---|---:|---:|---:|---|---:|---:|---:|---:|");
        foreach (var run in runs)
        {
            var floor = run.RateLimitFloor;
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| {run.Name} | {run.Elapsed.TotalSeconds:F1} s | {run.Total:N0} | {run.PerWorkflow:F1} | {floor.Seconds:F1} s ({floor.Service}) | {run.FindingsByStatus[CheckStatus.Pass]:N0} | {run.FindingsByStatus[CheckStatus.Unknown]:N0} | {run.FindingsByStatus[CheckStatus.Warn]:N0} | {run.FindingsByStatus[CheckStatus.Fail]:N0} |");
        }

        md.AppendLine();
        md.AppendLine("The rate-limit floor is the least time `RequestQuotas` allows for the run's requests: per service, the requests beyond the burst divided by the rate; the slowest service bounds the run.");
        md.AppendLine();
        md.AppendLine("## Requests by operation");
        md.AppendLine();
        var operations = runs.SelectMany(r => r.Requests.Select(o => (o.Service, o.Operation))).Distinct()
            .OrderByDescending(o => runs[0].Requests.FirstOrDefault(r => r.Service == o.Service && r.Operation == o.Operation)?.Count ?? 0)
            .ThenBy(o => o.Service, StringComparer.Ordinal).ThenBy(o => o.Operation, StringComparer.Ordinal).ToList();
        md.AppendLine("| service | operation | " + string.Join(" | ", runs.Select(r => r.Name)) + " | " + string.Join(" | ", runs.Select(r => $"{r.Name} per workflow")) + " |");
        md.AppendLine("|---|---|" + string.Concat(Enumerable.Repeat("---:|", runs.Count * 2)));
        foreach (var (service, operation) in operations)
        {
            var counts = runs.Select(r => r.Requests.FirstOrDefault(o => o.Service == service && o.Operation == operation)?.Count ?? 0).ToList();
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| {service} | {operation} | {string.Join(" | ", counts.Select(c => c.ToString("N0", CultureInfo.InvariantCulture)))} | {string.Join(" | ", counts.Zip(runs, (c, r) => (r.Workflows == 0 ? 0 : (double)c / r.Workflows).ToString("F2", CultureInfo.InvariantCulture)))} |");
        }

        md.AppendLine();
        md.AppendLine("## Findings that are not Pass");
        md.AppendLine();
        foreach (var run in runs)
        {
            if (run.NonPass.Count == 0)
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"- {run.Name}: none; every finding on every workflow is Pass.");
                continue;
            }

            md.AppendLine(CultureInfo.InvariantCulture, $"- {run.Name}: {run.NonPass.Count:N0}, by check and status:");
            foreach (var group in run.NonPass.GroupBy(f => (f.CheckId, f.Status)).OrderByDescending(g => g.Count()))
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"  - {group.Key.CheckId} {group.Key.Status}: {group.Count():N0} workflows; e.g. {group.First().Workflow}: {OneLine(group.First().Explanation)}");
            }

            foreach (var finding in run.NonPass.Take(ListedNonPass))
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"  - {finding.Workflow} {finding.CheckId} {finding.Subject} {finding.Status}: {OneLine(finding.Explanation)}");
            }
        }

        return md.ToString();
    }

    public static string ConsoleSummary(DiagnosticsRun run)
    {
        var floor = run.RateLimitFloor;
        var top = string.Join(", ", run.Requests.Take(6).Select(o => $"{o.Service}:{o.Operation} {o.Count:N0}"));
        return $"{run.Name}: {run.Elapsed.TotalSeconds:F1} s, {run.Total:N0} requests ({run.PerWorkflow:F1} per workflow), floor {floor.Seconds:F1} s ({floor.Service}); "
            + $"findings {string.Join(", ", run.FindingsByStatus.Select(s => $"{s.Key} {s.Value}"))}; most: {top}";
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");
}
