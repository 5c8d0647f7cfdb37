using System.Diagnostics;
using System.Globalization;
using System.Text;
using Dashboard.Batching.WhatIf;
using WhatIf;

// The what-if grid figure: 100 sizes × 30 windows over 7 days of per-minute data, for a steady and a bursty stream,
// under both spread assumptions. Usage: dotnet run -c Release --project benchmarks/WhatIf -- [--out /absolute/path/grid.md] [--repeat 7]
var output = ArgValue("--out");
var repeat = int.Parse(ArgValue("--repeat") ?? "7", CultureInfo.InvariantCulture);

var start = new DateTimeOffset(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);
int[] sizes = [.. Enumerable.Range(1, 100)];
int[] windows = [.. Enumerable.Range(1, 30).Select(i => i * 30)];
var capacity = new RunCapacity(2, TimeSpan.FromMinutes(5));
var cost = new CostModel(DpuHoursPerRun: 2 * 5 / 60.0);

var report = new StringBuilder();
report.AppendLine("# What-if grid evaluation");
report.AppendLine();
report.AppendLine(CultureInfo.InvariantCulture, $"Grid: {sizes.Length} sizes (1–100) × {windows.Length} windows (30–900 s, step 30) = {sizes.Length * windows.Length} settings; 7 days of per-minute counts ({MinuteCounts.Minutes:N0} minutes); MaxConcurrentRuns {capacity.MaxConcurrentRuns}, runs of {capacity.RunDuration.TotalMinutes} min.");
report.AppendLine(CultureInfo.InvariantCulture, $"Machine: {Environment.ProcessorCount} logical cores (shared), .NET {Environment.Version}, {repeat} timed repeats after one warm-up; times are wall-clock for `WhatIfGrid.Evaluate`, arrivals already reconstructed.");
report.AppendLine();
report.AppendLine("| Stream | Spread | Events | Median ms | Min ms | Max ms | Allocated per evaluation (KB) | Settings without refusals | Recommended for p95 ≤ 10 min |");
report.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---|");

foreach (var (name, counts) in new[] { ("steady ~3/min", MinuteCounts.Steady(8)), ("bursty", MinuteCounts.Bursty(8)) })
{
    foreach (var spread in new[] { MinuteSpread.EvenlySpaced, MinuteSpread.MinuteStart })
    {
        var arrivals = ArrivalReconstruction.FromMinuteCounts(start, counts, spread);
        var grid = WhatIfGrid.Evaluate(arrivals, sizes, windows, capacity, cost); // warm-up
        var times = new double[repeat];
        long allocated = 0;
        for (var r = 0; r < repeat; r++)
        {
            var before = GC.GetTotalAllocatedBytes(precise: true);
            var watch = Stopwatch.StartNew();
            grid = WhatIfGrid.Evaluate(arrivals, sizes, windows, capacity, cost);
            times[r] = watch.Elapsed.TotalMilliseconds;
            allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        }

        Array.Sort(times);
        var pick = grid.Recommend(TimeSpan.FromMinutes(10));
        var line = string.Create(
            CultureInfo.InvariantCulture,
            $"| {name} | {spread} | {arrivals.Count:N0} | {times[repeat / 2]:F1} | {times[0]:F1} | {times[^1]:F1} | {allocated / 1024:N0} | {grid.Results.Count(r => r.RefusedBatches == 0)} | "
            + $"{(pick is null ? "none" : $"{pick.Setting}: {pick.RunsPerDay:F0} runs/day, p95 {pick.P95Wait.TotalSeconds:F0} s, ${pick.EstimatedCostPerDay:F2}/day, {grid.Frontier().Count} on frontier")} |");
        report.AppendLine(line);
        Console.WriteLine(line);
    }
}

// What the page waits for: both readings rebuilt from the minute counts, both grids, the bands and the pessimistic grid.
report.AppendLine();
report.AppendLine("## The page's whole replay");
report.AppendLine();
report.AppendLine("`new TuningModel(inputs, price).Evaluate()`: arrivals rebuilt from the 10,080 minute counts under both readings, both grids replayed, folded into bands and the pessimistic grid.");
report.AppendLine();
report.AppendLine("| Stream | Events | Median ms | Min ms | Max ms | Frontier (pessimistic) |");
report.AppendLine("|---|---:|---:|---:|---:|---:|");
foreach (var (name, counts) in new[] { ("steady ~3/min", MinuteCounts.Steady(8)), ("bursty", MinuteCounts.Bursty(8)) })
{
    var inputs = new TuningInputs(
        "workflow", "trigger", new BatchingSetting(10, 300), capacity.MaxConcurrentRuns, [], start, counts, [], 0, false, 0, 0,
        new RunDurations(1, capacity.RunDuration, capacity.RunDuration), new DpuObservation(1, 1, cost.DpuHoursPerRun), [], 0, start);
    var model = new TuningModel(inputs, CostModel.DefaultPricePerDpuHour);
    var tuned = model.Evaluate(); // warm-up
    var times = new double[repeat];
    for (var r = 0; r < repeat; r++)
    {
        var watch = Stopwatch.StartNew();
        tuned = new TuningModel(inputs, CostModel.DefaultPricePerDpuHour).Evaluate();
        times[r] = watch.Elapsed.TotalMilliseconds;
    }

    Array.Sort(times);
    var line = string.Create(CultureInfo.InvariantCulture, $"| {name} | {inputs.Arrivals:N0} | {times[repeat / 2]:F1} | {times[0]:F1} | {times[^1]:F1} | {tuned.Pessimistic.Frontier().Count} |");
    report.AppendLine(line);
    Console.WriteLine(line);
}

report.AppendLine();
report.AppendLine("\"none\": every setting refuses batches (MaxConcurrentRuns reached), which the grid treats as a constraint; the tuning page says so and lists the settings that refuse the fewest.");

if (output is not null)
{
    report.AppendLine();
    report.AppendLine("Reproduce (from the repo root): `dotnet run -c Release --project benchmarks/WhatIf -- --out $PWD/benchmarks/WhatIf/results/grid.md` (the tool runs in its project folder, so give an absolute path).");
    await File.WriteAllTextAsync(output, report.ToString());
    Console.WriteLine($"Wrote {output}");
}

string? ArgValue(string name)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
}
