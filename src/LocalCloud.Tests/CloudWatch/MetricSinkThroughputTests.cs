using System.Diagnostics;
using LocalCloud.CloudWatch;
using LocalCloud.Events;

namespace LocalCloud.Tests.CloudWatch;

/// <summary>
/// The EventBridge delivery path records metrics through <see cref="IMetricSink"/> at ≥10,000 events/s. These tests
/// drive that path as EventBridge would (several metrics per rule, one data point per event, time moving forward)
/// and check that every call is counted, from one thread and from two. The rate is reported, not asserted: time on
/// a shared machine is no pass/fail criterion.
/// </summary>
public sealed class MetricSinkThroughputTests
{
    private const int EventsPerThread = 1_000_000;
    private const string Account = "123456789012";
    private static readonly string[] Metrics = ["MatchedEvents", "TriggeredRules", "Invocations"];
    private static readonly KeyValuePair<string, string>[][] Rules = Enumerable.Range(0, 50)
        .Select(i => new[] { KeyValuePair.Create("RuleName", $"rule-{i}") })
        .ToArray();

    // Whole hours, so that one 1-hour period holds everything a test records.
    private readonly DateTimeOffset _start = new(TimeProvider.System.GetUtcNow().AddHours(-2).Ticks / TimeSpan.TicksPerHour * TimeSpan.TicksPerHour, TimeSpan.Zero);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Record_CountsEveryCall_AndReportsTheRate(int threads)
    {
        var backend = new CloudWatchBackend(TimeProvider.System);
        Drive(backend, 1, 300_000); // JIT and first allocations out of the measurement.
        var fresh = new CloudWatchBackend(TimeProvider.System);

        var clock = Stopwatch.StartNew();
        Drive(fresh, threads, EventsPerThread);
        clock.Stop();

        var calls = (long)threads * EventsPerThread;
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"IMetricSink.Record: {calls:N0} calls on {threads} thread(s) in {clock.Elapsed.TotalMilliseconds:N0} ms = {calls / clock.Elapsed.TotalSeconds:N0} calls/s");
        Assert.Equal(calls, CountedSamples(fresh));
    }

    /// <summary>Each thread sends its events, one millisecond apart, round-robin over rules and metrics.</summary>
    private void Drive(IMetricSink sink, int threads, int eventsPerThread)
    {
        var workers = Enumerable.Range(0, threads).Select(_ => new Thread(() =>
        {
            for (var i = 0; i < eventsPerThread; i++)
            {
                sink.Record(Account, "us-east-1", "AWS/Events", Metrics[i % Metrics.Length], Rules[i % Rules.Length], 1, "Count", _start.AddMilliseconds(i));
            }
        })).ToList();
        workers.ForEach(w => w.Start());
        workers.ForEach(w => w.Join());
    }

    private long CountedSamples(CloudWatchBackend backend)
    {
        var context = CloudWatchHarness.Caller(Account);
        var metrics = backend.ListMetrics(context, new ListMetricsInput("AWS/Events", null, null, null, null, null, null)).Metrics;
        Assert.Equal(Metrics.Length * Rules.Length, metrics.Count);
        return metrics.Sum(metric => (long)backend.GetMetricStatistics(
                context,
                new GetMetricStatisticsInput(metric.Namespace, metric.MetricName, metric.Dimensions, _start, _start.AddHours(1), 3600, ["SampleCount"], null, null))
            .Datapoints.Sum(p => p.SampleCount ?? 0));
    }
}
