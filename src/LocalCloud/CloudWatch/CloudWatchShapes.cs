namespace LocalCloud.CloudWatch;

// The CloudWatch shapes LocalCloud speaks, named and ordered as in botocore's cloudwatch 2010-08-01 model. Inputs
// accept absent members (null) so that validation, not deserialization, reports what is missing; the same records
// serve AWS JSON 1.0, Query and Smithy RPC v2 CBOR.

public sealed record Dimension(string? Name, string? Value);

public sealed record DimensionFilter(string? Name, string? Value);

public sealed record Metric(string? Namespace, string? MetricName, IReadOnlyList<Dimension>? Dimensions);

public sealed record StatisticSet(double? SampleCount, double? Sum, double? Minimum, double? Maximum);

public sealed record MetricDatum(
    string? MetricName,
    IReadOnlyList<Dimension>? Dimensions,
    DateTimeOffset? Timestamp,
    double? Value,
    StatisticSet? StatisticValues,
    IReadOnlyList<double>? Values,
    IReadOnlyList<double>? Counts,
    string? Unit,
    int? StorageResolution);

public sealed record Entity(Dictionary<string, string>? KeyAttributes, Dictionary<string, string>? Attributes);

public sealed record EntityMetricData(Entity? Entity, IReadOnlyList<MetricDatum>? MetricData);

public sealed record PutMetricDataInput(
    string? Namespace,
    IReadOnlyList<MetricDatum>? MetricData,
    IReadOnlyList<EntityMetricData>? EntityMetricData,
    bool? StrictEntityValidation);

public sealed record MetricStat(Metric? Metric, int? Period, string? Stat, string? Unit);

public sealed record MetricDataQuery(
    string? Id,
    MetricStat? MetricStat,
    string? Expression,
    string? Label,
    bool? ReturnData,
    int? Period,
    string? AccountId);

public sealed record LabelOptions(string? Timezone);

public sealed record GetMetricDataInput(
    IReadOnlyList<MetricDataQuery>? MetricDataQueries,
    DateTimeOffset? StartTime,
    DateTimeOffset? EndTime,
    string? NextToken,
    string? ScanBy,
    int? MaxDatapoints,
    LabelOptions? LabelOptions);

public sealed record MessageData(string? Code, string? Value);

public sealed record MetricDataResult(
    string Id,
    string Label,
    IReadOnlyList<DateTimeOffset> Timestamps,
    IReadOnlyList<double> Values,
    string StatusCode,
    IReadOnlyList<MessageData>? Messages = null);

public sealed record GetMetricDataOutput(IReadOnlyList<MetricDataResult> MetricDataResults, string? NextToken, IReadOnlyList<MessageData> Messages);

public sealed record GetMetricStatisticsInput(
    string? Namespace,
    string? MetricName,
    IReadOnlyList<Dimension>? Dimensions,
    DateTimeOffset? StartTime,
    DateTimeOffset? EndTime,
    int? Period,
    IReadOnlyList<string>? Statistics,
    IReadOnlyList<string>? ExtendedStatistics,
    string? Unit);

public sealed record Datapoint(
    DateTimeOffset Timestamp,
    double? SampleCount,
    double? Average,
    double? Sum,
    double? Minimum,
    double? Maximum,
    string Unit,
    Dictionary<string, double>? ExtendedStatistics = null);

public sealed record GetMetricStatisticsOutput(string Label, IReadOnlyList<Datapoint> Datapoints);

public sealed record ListMetricsInput(
    string? Namespace,
    string? MetricName,
    IReadOnlyList<DimensionFilter>? Dimensions,
    string? NextToken,
    string? RecentlyActive,
    bool? IncludeLinkedAccounts,
    string? OwningAccount);

public sealed record ListMetricsOutput(IReadOnlyList<Metric> Metrics, string? NextToken, IReadOnlyList<string>? OwningAccounts);
