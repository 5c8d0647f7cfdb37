using BenchmarkDotNet.Running;
using PolicyEvaluation;

// --quick [seconds]: a Stopwatch measurement of each case; anything else goes to BenchmarkDotNet
// (for example: --filter '*').
if (args.Length > 0 && args[0] == "--quick")
{
    var seconds = args.Length > 1 && int.TryParse(args[1], out var s) ? s : 3;
    QuickRun.Run(TimeSpan.FromSeconds(seconds));
    return 0;
}

BenchmarkSwitcher.FromAssembly(typeof(PolicyEvaluationBenchmarks).Assembly).Run(args);
return 0;
