using System.Diagnostics;
using System.Globalization;
using LocalCloud.EventBridge.Patterns;

namespace PatternBenchmarks;

/// <summary>
/// A fast measurement without BenchmarkDotNet: each case warms up, then matches the events in a loop on one
/// thread, in ten slices; it reports the median and the best slice in events per second. The median is the
/// figure to quote; the best shows what the code does when nothing else competes for the core.
/// </summary>
public static class QuickRun
{
    private const int Slices = 10;

    public static void Run(TimeSpan perCase)
    {
        var events = S3Events.Create(Workload.EventCount);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{events.Length:N0} S3 \"Object Created\" events, {events.Average(e => e.Length):N0} bytes on average; {perCase.TotalSeconds:N0} s per case on one thread, in {Slices} slices."));
        Console.WriteLine();
        Console.WriteLine($"{"Case",-30} {"Events/s (median)",18} {"Events/s (best)",16} {"Matches/event",14}");
        foreach (var kind in RuleSets.Kinds)
        {
            Measure($"5 rules: {kind}", Workload.Index(RuleSets.FiveOf(kind)), events, perCase);
        }

        Console.WriteLine();
        foreach (var count in new[] { 10, 1_000, 10_000 })
        {
            var build = Stopwatch.StartNew();
            var index = Workload.Index(RuleSets.Varied(count));
            build.Stop();
            Measure(string.Create(CultureInfo.InvariantCulture, $"{count:N0} varied rules"), index, events, perCase);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{string.Empty,-30} (compiled and indexed in {build.ElapsedMilliseconds:N0} ms; then one more rule, as PutRule does, in {AddOne(index):N1} ms)"));
        }
    }

    // The median time to add (and then remove) a single rule: each change rebuilds the index.
    private static double AddOne(RuleIndex<int> index)
    {
        var pattern = EventPatternCompiler.Compile("""{"source":["aws.s3"],"detail":{"bucket":{"name":["one-more"]}}}""");
        var times = new double[5];
        for (var i = 0; i < times.Length; i++)
        {
            var clock = Stopwatch.StartNew();
            index.Add(-1, pattern);
            times[i] = clock.Elapsed.TotalMilliseconds;
            index.Remove(-1);
        }

        Array.Sort(times);
        return times[times.Length / 2];
    }

    private static void Measure(string name, RuleIndex<int> index, byte[][] events, TimeSpan duration)
    {
        var matches = new List<int>();
        var warmUp = Stopwatch.StartNew();
        while (warmUp.Elapsed < TimeSpan.FromMilliseconds(500))
        {
            Workload.MatchAll(index, events, matches);
        }

        var rates = new double[Slices];
        long processed = 0;
        long matched = 0;
        for (var slice = 0; slice < Slices; slice++)
        {
            long sliceEvents = 0;
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed < duration / Slices)
            {
                matched += Workload.MatchAll(index, events, matches);
                sliceEvents += events.Length;
            }

            rates[slice] = sliceEvents / clock.Elapsed.TotalSeconds;
            processed += sliceEvents;
        }

        Array.Sort(rates);
        var median = (rates[(Slices / 2) - 1] + rates[Slices / 2]) / 2;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-30} {median,18:N0} {rates[^1],16:N0} {(double)matched / processed,14:N2}"));
    }
}
