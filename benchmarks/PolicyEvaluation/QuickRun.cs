using System.Diagnostics;
using System.Globalization;

namespace PolicyEvaluation;

/// <summary>
/// A fast measurement without BenchmarkDotNet: each case warms up, then runs in a loop on one thread in ten
/// slices, and reports the median and the best slice in evaluations per second.
/// </summary>
public static class QuickRun
{
    private const int Slices = 10;

    public static void Run(TimeSpan perCase)
    {
        var policies = Workload.Compiled();
        var contexts = Workload.Contexts();
        Workload.Check(policies, contexts);
        var iam = Workload.Backend();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"10-statement policy, {Workload.Requests.Length} requests in turn; {perCase.TotalSeconds:N0} s per case on one thread, in {Slices} slices."));
        Console.WriteLine($"{"Case",-34} {"Evaluations/s (median)",24} {"Evaluations/s (best)",22}");
        Measure("PolicyEvaluator.Evaluate", () => Workload.EvaluateAll(policies, contexts), perCase);
        Measure("IRoleAuthority.IsAllowed", () => Workload.AuthorizeAll(iam), perCase);
    }

    private static void Measure(string name, Func<int> round, TimeSpan duration)
    {
        var warmUp = Stopwatch.StartNew();
        while (warmUp.Elapsed < TimeSpan.FromSeconds(1))
        {
            round();
        }

        var rates = new double[Slices];
        var slice = duration / Slices;
        var sink = 0;
        for (var s = 0; s < Slices; s++)
        {
            var evaluations = 0L;
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed < slice)
            {
                for (var i = 0; i < 100; i++)
                {
                    sink += round();
                    evaluations += Workload.Requests.Length;
                }
            }

            rates[s] = evaluations / clock.Elapsed.TotalSeconds;
        }

        Array.Sort(rates);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-34} {rates[Slices / 2],24:N0} {rates[^1],22:N0}") + (sink == int.MinValue ? " " : string.Empty));
    }
}
