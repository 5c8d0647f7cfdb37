using LocalCloud.Events;
using LocalCloud.Persistence;
using LocalCloud.Protocol;

namespace LocalCloud.CloudWatch;

/// <summary>
/// Amazon CloudWatch metrics: PutMetricData, GetMetricData, GetMetricStatistics and ListMetrics over AWS JSON 1.0
/// (query-compatible), Query and Smithy RPC v2 CBOR, plus <see cref="IMetricSink"/> for LocalCloud's own services.
/// Data is kept per (account, region) in 1-minute buckets of SampleCount, Sum, Minimum and Maximum.
/// </summary>
public sealed partial class CloudWatchBackend : IAwsService, IMetricSink
{
    private readonly MetricStore _store;
    private readonly TimeProvider _time;

    public CloudWatchBackend(TimeProvider time, DurableStore? durable = null)
    {
        _store = new MetricStore { Durable = durable ?? DurableStore.Disabled };
        _time = time;
        Operations = new OperationTable()
            .Add<PutMetricDataInput, Empty>("PutMetricData", PutMetricData)
            .Add<GetMetricDataInput, GetMetricDataOutput>("GetMetricData", GetMetricData)
            .Add<GetMetricStatisticsInput, GetMetricStatisticsOutput>("GetMetricStatistics", GetMetricStatistics)
            .Add<ListMetricsInput, ListMetricsOutput>("ListMetrics", ListMetrics);
    }

    public string SigningName => "monitoring";

    public string? TargetPrefix => "GraniteServiceVersion20100801";

    public string? QueryNamespace => "http://monitoring.amazonaws.com/doc/2010-08-01/";

    public OperationTable Operations { get; }

    public Empty PutMetricData(RequestContext context, PutMetricDataInput input)
    {
        var now = _time.GetUtcNow();
        foreach (var write in MetricDataValidation.Validate(input, now))
        {
            _store.Add(context.Account, context.Region, write.Key, write.Minute, write.Unit, write.Stats, now);
        }

        return new Empty();
    }

    /// <summary>
    /// One data point from a LocalCloud service (EventBridge's <c>AWS/Events</c> metrics, …). The caller is trusted:
    /// no validation, no reserved-namespace check, and zeros are stored if sent (AWS services simply do not send them).
    /// </summary>
    public void Record(
        string account,
        string region,
        string metricNamespace,
        string metricName,
        IReadOnlyList<KeyValuePair<string, string>> dimensions,
        double value,
        string unit,
        DateTimeOffset timestamp)
    {
        if (!StandardUnits.TryCanonical(unit, out var canonicalUnit) && !string.IsNullOrEmpty(unit))
        {
            canonicalUnit = unit;
        }

        _store.Add(
            account,
            region,
            MetricKey.Create(metricNamespace, metricName, dimensions),
            MetricWindow.MinuteOf(timestamp),
            canonicalUnit,
            MinuteStats.Of(value),
            _time.GetUtcNow());
    }
}
