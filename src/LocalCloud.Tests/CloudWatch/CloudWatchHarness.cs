using LocalCloud.CloudWatch;
using LocalCloud.Protocol;
using Microsoft.Extensions.Time.Testing;

namespace LocalCloud.Tests.CloudWatch;

/// <summary>A CloudWatch backend on a fake clock, with helpers that build the AWS shapes tersely.</summary>
internal sealed class CloudWatchHarness
{
    public static readonly DateTimeOffset Noon = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    public CloudWatchHarness() => Backend = new CloudWatchBackend(Clock);

    public FakeTimeProvider Clock { get; } = new(Noon);

    public CloudWatchBackend Backend { get; }

    public RequestContext Context { get; } = Caller("111122223333");

    public static RequestContext Caller(string account, string region = "us-east-1") =>
        new(account, region, "monitoring", Guid.NewGuid().ToString(), account);

    public static IReadOnlyList<Dimension> Dims(params (string Name, string Value)[] dimensions) =>
        dimensions.Select(d => new Dimension(d.Name, d.Value)).ToList();

    public static MetricDatum Datum(string name, double value, DateTimeOffset timestamp, string? unit = null, params (string Name, string Value)[] dimensions) =>
        new(name, Dims(dimensions), timestamp, value, null, null, null, unit, null);

    public void Put(string metricNamespace, params MetricDatum[] data) =>
        Backend.PutMetricData(Context, new PutMetricDataInput(metricNamespace, data, null, null));

    public GetMetricStatisticsOutput Statistics(
        string metricNamespace,
        string metricName,
        DateTimeOffset start,
        DateTimeOffset end,
        int period,
        string[] statistics,
        string? unit = null,
        params (string Name, string Value)[] dimensions) =>
        Backend.GetMetricStatistics(Context, new GetMetricStatisticsInput(metricNamespace, metricName, Dims(dimensions), start, end, period, statistics, null, unit));

    public static MetricDataQuery Query(string id, string metricNamespace, string metricName, int period, string stat, params (string Name, string Value)[] dimensions) =>
        new(id, new MetricStat(new Metric(metricNamespace, metricName, Dims(dimensions)), period, stat, null), null, null, null, null, null);

    public GetMetricDataOutput Data(DateTimeOffset start, DateTimeOffset end, string? scanBy = null, int? maxDatapoints = null, string? nextToken = null, params MetricDataQuery[] queries) =>
        Backend.GetMetricData(Context, new GetMetricDataInput(queries, start, end, nextToken, scanBy, maxDatapoints, null));

    public static string Code(Action action) => Assert.Throws<AwsServiceException>(action).Code;
}
