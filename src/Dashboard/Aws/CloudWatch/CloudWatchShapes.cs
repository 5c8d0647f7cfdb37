namespace Dashboard.Aws.CloudWatch;

// CloudWatch request and response shapes, named and spelled as in the service model (monitoring 2010-08-01).
// Only the members the dashboard reads or sends are declared; unknown members are ignored on read.

public sealed record GetMetricDataRequest
{
    /// <summary>1–500 queries; each needs a MetricStat or an Expression.</summary>
    public required IReadOnlyList<MetricDataQuery> MetricDataQueries { get; init; }

    /// <summary>Inclusive. Align it to the period for results whose timestamps fall on period boundaries.</summary>
    public required DateTimeOffset StartTime { get; init; }

    /// <summary>Exclusive.</summary>
    public required DateTimeOffset EndTime { get; init; }

    public string? NextToken { get; init; }

    /// <summary>TimestampDescending (the default) | TimestampAscending.</summary>
    public string? ScanBy { get; init; }

    /// <summary>The most data points to return across all queries of this call (default 100,800).</summary>
    public int? MaxDatapoints { get; init; }

    public LabelOptions? LabelOptions { get; init; }
}

public sealed record GetMetricDataResponse
{
    public IReadOnlyList<MetricDataResult>? MetricDataResults { get; init; }

    public string? NextToken { get; init; }

    public IReadOnlyList<MessageData>? Messages { get; init; }
}

public sealed record ListMetricsRequest
{
    public string? Namespace { get; init; }

    public string? MetricName { get; init; }

    /// <summary>Up to 10 filters; a metric matches when it has every named dimension (with the value, if given).</summary>
    public IReadOnlyList<DimensionFilter>? Dimensions { get; init; }

    public string? NextToken { get; init; }

    /// <summary>PT3H: only metrics that received data in the past three hours.</summary>
    public string? RecentlyActive { get; init; }

    public bool? IncludeLinkedAccounts { get; init; }

    public string? OwningAccount { get; init; }
}

public sealed record ListMetricsResponse
{
    public IReadOnlyList<Metric>? Metrics { get; init; }

    public string? NextToken { get; init; }

    public IReadOnlyList<string>? OwningAccounts { get; init; }
}

// Structures

public sealed record MetricDataQuery
{
    /// <summary>Starts with a lowercase letter; letters, digits and underscores. Expressions refer to queries by it.</summary>
    public required string Id { get; init; }

    public MetricStat? MetricStat { get; init; }

    /// <summary>Metric math or a Metrics Insights query; excludes <see cref="MetricStat"/>.</summary>
    public string? Expression { get; init; }

    public string? Label { get; init; }

    /// <summary>False for intermediate queries that only feed an expression.</summary>
    public bool? ReturnData { get; init; }

    /// <summary>Seconds, for an <see cref="Expression"/> that is a Metrics Insights query.</summary>
    public int? Period { get; init; }

    public string? AccountId { get; init; }
}

public sealed record MetricStat
{
    public required Metric Metric { get; init; }

    /// <summary>Seconds: 1, 5, 10, 20, 30, or a multiple of 60.</summary>
    public required int Period { get; init; }

    /// <summary>Sum | Average | Minimum | Maximum | SampleCount | p99 | …</summary>
    public required string Stat { get; init; }

    /// <summary>Count, Seconds, … (StandardUnit); only data put with this unit is returned.</summary>
    public string? Unit { get; init; }
}

public sealed record Metric
{
    public string? Namespace { get; init; }

    public string? MetricName { get; init; }

    /// <summary>A metric is identified by its exact set of dimensions.</summary>
    public IReadOnlyList<Dimension>? Dimensions { get; init; }
}

public sealed record Dimension
{
    public required string Name { get; init; }

    public required string Value { get; init; }
}

public sealed record DimensionFilter
{
    public required string Name { get; init; }

    /// <summary>Absent: any value.</summary>
    public string? Value { get; init; }
}

public sealed record LabelOptions
{
    /// <summary>A UTC offset such as +0130 for the timestamps in dynamic labels.</summary>
    public string? Timezone { get; init; }
}

public sealed record MetricDataResult
{
    public string? Id { get; init; }

    public string? Label { get; init; }

    /// <summary>Each the start of a period, paired by index with <see cref="Values"/>; periods without data are absent.</summary>
    public IReadOnlyList<DateTimeOffset>? Timestamps { get; init; }

    public IReadOnlyList<double>? Values { get; init; }

    /// <summary>Complete | InternalError | PartialData (more pages follow) | Forbidden.</summary>
    public string? StatusCode { get; init; }

    public IReadOnlyList<MessageData>? Messages { get; init; }
}

public sealed record MessageData
{
    public string? Code { get; init; }

    public string? Value { get; init; }
}
