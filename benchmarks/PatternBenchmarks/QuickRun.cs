using System.Diagnostics;
using System.Globalization;

namespace PatternBenchmarks;

/// <summary>
/// A fast measurement without BenchmarkDotNet: each case warms up, then matches the events in a loop for a few
/// seconds on one thread and reports events per second.
/// </summary>
public static class QuickRun
{
    public static void Run(TimeSpan perCase)
    {
        var events = S3Events.Create(Workload.EventCount);
        Console.WriteLine($"{events.Length:N0} S3 \"Object Created\" events, {events.Average(e => e.Length):N0} bytes on average; {perCase.TotalSeconds:N0} s per case, one thread.");
        Console.WriteLine();
        Console.WriteLine($"{"Case",-36} {"Events/s",12} {"Matches/event",14}");
        foreach (var kind in RuleSets.Kinds)
        {
            Measure($"5 rules: {kind}", Workload.Index(RuleSets.FiveOf(kind)), events, perCase);
        }

        foreach (var count in new[] { 10, 1_000, 10_000 })
        {
            var build = Stopwatch.StartNew();
            var index = Workload.Index(RuleSets.Varied(count));
            build.Stop();
            Measure($"{count:N0} varied rules (built in {build.ElapsedMilliseconds:N0} ms)", index, events, perCase);
        }
    }

    private static void Measure(string name, LocalCloud.EventBridge.Patterns.RuleIndex<int> index, byte[][] events, TimeSpan duration)
    {
        var matches = new List<int>();
        var warmUp = Stopwatch.StartNew();
        while (warmUp.Elapsed < TimeSpan.FromMilliseconds(500))
        {
            Workload.MatchAll(index, events, matches);
        }

        long processed = 0;
        long matched = 0;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < duration)
        {
            matched += Workload.MatchAll(index, events, matches);
            processed += events.Length;
        }

        clock.Stop();
        var rate = processed / clock.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-36} {rate,12:N0} {(double)matched / processed,14:N2}"));
    }
}
