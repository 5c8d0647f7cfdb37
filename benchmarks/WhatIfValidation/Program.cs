using System.Globalization;
using System.Text;
using Dashboard.Tests.Batching.WhatIf.Validation;

// The simulator's prediction error against LocalCloud's real batcher: three settings × two arrival patterns, each a
// seeded day of arrivals replayed on a fake clock. Usage:
// dotnet run -c Release --project benchmarks/WhatIfValidation -- [--out /absolute/path/validation.md] [--hours 24] [--seed 7]
var output = ArgValue("--out");
var hours = int.Parse(ArgValue("--hours") ?? ValidationCases.Length.TotalHours.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
var seed = int.Parse(ArgValue("--seed") ?? ValidationCases.Seed.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

var length = TimeSpan.FromHours(hours);
var results = new List<ValidationResult>();
foreach (var name in ValidationCases.Patterns)
{
    var arrivals = ValidationCases.Arrivals(name, seed, length);
    for (var s = 0; s < ValidationCases.Settings.Count; s++)
    {
        var replay = ValidationCases.Case(name, s);
        var setting = replay.Setting;
        var result = await SimulatorValidation.RunAsync(name, replay, arrivals, CancellationToken.None);
        results.Add(result);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name} {setting}: {arrivals.Count} events, {result.Actual.AcceptedRuns} runs, {result.Actual.RefusedRuns} refused; exact differs on {result.EventsWhereExactDiffers} events"));
    }
}

var report = new StringBuilder();
report.AppendLine("# What-if simulator against LocalCloud's batcher");
report.AppendLine();
report.AppendLine(CultureInfo.InvariantCulture, $"Each row: {hours} h of seeded arrivals (seed {seed}) put through EventBridge to a workflow's EVENT trigger in LocalCloud, on a fake clock; each run's one job takes a fixed time.");
report.AppendLine("*Actual* is LocalCloud's runs (`GetWorkflowRuns`), and each event's wait is its run's `StartedOn` minus its arrival, matched through `aws:eventIds`.");
report.AppendLine("*Exact* replays the recorded arrivals through `BatchingSimulator`. *Even* and *start* are the tuning page's prediction from public data only (`WorkflowTuning.LoadAsync` → `TuningModel.Simulate`): Invocations by the minute, each event-started run's events placed where its start says they were, and each minute's other events spread evenly or bunched at its start.");
report.AppendLine("Errors are (predicted − actual) / actual. *In band*: the actual lies between the even and start readings.");
report.AppendLine();
report.AppendLine("| Pattern | Setting | Limit, run | Events | Actual runs (refused) | Actual mean / p95 wait | Exact: runs, mean, p95 error | Even: runs (refused) · mean · p95 | Start: runs (refused) · mean · p95 | Even error runs / mean / p95 | Start error runs / mean / p95 | In band runs / mean / p95 |");
report.AppendLine("|---|---|---|---:|---:|---:|---|---|---|---|---|---|");
foreach (var r in results)
{
    var even = r.PublicData.EvenlySpaced;
    var first = r.PublicData.MinuteStart;
    report.AppendLine(string.Create(CultureInfo.InvariantCulture,
        $"| {r.Pattern} | {r.Case.Setting.BatchSize} / {r.Case.Setting.BatchWindowSeconds} s | {(r.Case.MaxConcurrentRuns is { } l ? l.ToString(CultureInfo.InvariantCulture) : "none")}, {r.Case.RunDuration.TotalSeconds:F0} s "
        + $"| {r.Actual.Arrivals.Count} | {r.Actual.AcceptedRuns} ({r.Actual.RefusedRuns}) | {Seconds(r.Actual.MeanWait)} / {Seconds(r.Actual.P95Wait)} "
        + $"| {Pct(r.ExactError.Runs)}, {Pct(r.ExactError.MeanWaitSeconds)}, {Pct(r.ExactError.P95WaitSeconds)} ({r.EventsWhereExactDiffers} events differ) "
        + $"| {even.Runs} ({even.RefusedBatches}) · {Seconds(even.MeanWait)} · {Seconds(even.P95Wait)} | {first.Runs} ({first.RefusedBatches}) · {Seconds(first.MeanWait)} · {Seconds(first.P95Wait)} "
        + $"| {Pct(r.EvenlySpacedError.Runs)} / {Pct(r.EvenlySpacedError.MeanWaitSeconds)} / {Pct(r.EvenlySpacedError.P95WaitSeconds)} "
        + $"| {Pct(r.MinuteStartError.Runs)} / {Pct(r.MinuteStartError.MeanWaitSeconds)} / {Pct(r.MinuteStartError.P95WaitSeconds)} "
        + $"| {YesNo(r.RunsInBand)} / {YesNo(r.MeanWaitInBand)} / {YesNo(r.P95WaitInBand)} |"));
}

var publicErrors = results.SelectMany(r => new[] { r.EvenlySpacedError, r.MinuteStartError }).ToList();
report.AppendLine();
report.AppendLine(string.Create(CultureInfo.InvariantCulture,
    $"Worst absolute error of the public-data prediction (either reading): runs {publicErrors.Max(e => Math.Abs(e.Runs.ErrorPercent)):F1} %, p95 wait {publicErrors.Max(e => Math.Abs(e.P95WaitSeconds.ErrorPercent)):F1} %, mean wait {publicErrors.Max(e => Math.Abs(e.MeanWaitSeconds.ErrorPercent)):F1} %; "
    + $"evenly spaced alone: runs {results.Max(r => Math.Abs(r.EvenlySpacedError.Runs.ErrorPercent)):F1} %, p95 {results.Max(r => Math.Abs(r.EvenlySpacedError.P95WaitSeconds.ErrorPercent)):F1} %, mean {results.Max(r => Math.Abs(r.EvenlySpacedError.MeanWaitSeconds.ErrorPercent)):F1} %. "
    + $"Exact-arrival prediction: {results.Sum(r => r.EventsWhereExactDiffers)} events differ in all."));
report.AppendLine("The two readings differ only in the events no run placed, so where runs account for most events the band is narrow, and the actual can lie just outside it; the page recommends on the worse of the two.");
report.AppendLine("Where MaxConcurrentRuns refuses batches, a small shift in when a batch closes changes which later batch finds the slots full, so run counts there move more than the waits of the batches that ran.");

Console.WriteLine();
Console.Write(report);
if (output is not null)
{
    report.AppendLine();
    report.AppendLine("Reproduce (from the repo root): `dotnet run -c Release --project benchmarks/WhatIfValidation -- --out $PWD/benchmarks/WhatIfValidation/results/validation.md` (the tool runs in its project folder, so give an absolute path).");
    await File.WriteAllTextAsync(output, report.ToString());
    Console.WriteLine($"Wrote {output}");
}

static string Seconds(TimeSpan value) => value.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture) + " s";

static string Pct(Compared c) => double.IsInfinity(c.ErrorPercent) ? "∞" : c.ErrorPercent.ToString("+0.0;-0.0;0.0", CultureInfo.InvariantCulture) + " %";

static string YesNo(bool value) => value ? "yes" : "no";

string? ArgValue(string name)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
}
