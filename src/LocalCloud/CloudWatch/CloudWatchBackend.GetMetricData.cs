using System.Text.RegularExpressions;
using LocalCloud.Protocol;
using static LocalCloud.CloudWatch.CloudWatchErrors;

namespace LocalCloud.CloudWatch;

public sealed partial class CloudWatchBackend
{
    public const int MaxMetricDataQueries = 500;
    public const int MaxDatapointsPerCall = 100_800;

    public GetMetricDataOutput GetMetricData(RequestContext context, GetMetricDataInput input)
    {
        var now = _time.GetUtcNow();
        var request = DataRequest.Validate(input, now);
        var resume = PageToken.Decode<DataPosition>(input.NextToken, request.Fingerprint, message => Error(InvalidNextToken, message));

        // Queries are answered in order; a page holds up to MaxDatapoints points. A query cut short is PartialData
        // and the token resumes it after its last point; the queries after it come on the next pages.
        var budget = request.MaxDatapoints;
        var results = new List<MetricDataResult>();
        string? nextToken = null;
        for (var index = resume?.Query ?? 0; index < request.Queries.Count && nextToken is null; index++)
        {
            var query = request.Queries[index];
            if (!query.ReturnData)
            {
                continue;
            }

            var points = Points(context, query, request.Ascending, now);
            if (resume is { After: { } after } && index == resume.Query)
            {
                points = points.Where(p => request.Ascending ? p.Seconds > after : p.Seconds < after).ToList();
            }

            var take = (int)Math.Min(budget, points.Count);
            if (take < points.Count)
            {
                nextToken = PageToken.Encode(new DataPosition(index, take > 0 ? points[take - 1].Seconds : resume?.After), request.Fingerprint);
                if (take == 0)
                {
                    break;
                }
            }

            budget -= take;
            results.Add(new MetricDataResult(
                query.Id,
                query.Label,
                points.Take(take).Select(p => MetricWindow.FromSeconds(p.Seconds)).ToList(),
                points.Take(take).Select(p => p.Value).ToList(),
                take < points.Count ? "PartialData" : "Complete"));
        }

        return new GetMetricDataOutput(results, nextToken, []);
    }

    /// <summary>A query's data points in scan order: one per period that has data, with the query's statistic.</summary>
    private List<(long Seconds, double Value)> Points(RequestContext context, StatQuery query, bool ascending, DateTimeOffset now)
    {
        var window = MetricWindow.Create(query.Start, query.End, query.Period, now);
        var series = _store.Find(query.AccountId ?? context.Account, context.Region, query.Key);
        if (series is null || !window.ResolutionAvailable)
        {
            return [];
        }

        var periods = new SortedDictionary<long, MinuteStats>();
        foreach (var bucket in series.Read(window.FirstMinute, window.EndMinute, query.Unit))
        {
            var start = window.PeriodStart(bucket.Minute);
            periods[start] = periods.TryGetValue(start, out var stats) ? stats.Merge(bucket.Stats) : bucket.Stats;
        }

        var points = periods.Select(p => (p.Key, p.Value.Value(query.Statistic))).ToList();
        if (!ascending)
        {
            points.Reverse();
        }

        return points;
    }

    /// <summary>Where the next page starts: a query, and the last time stamp already returned for it.</summary>
    private sealed record DataPosition(int Query, long? After);

    /// <summary>One checked MetricStat query.</summary>
    private sealed record StatQuery(
        string Id,
        string Label,
        bool ReturnData,
        MetricKey Key,
        int Period,
        MetricStatistic Statistic,
        string? Unit,
        string? AccountId,
        DateTimeOffset Start,
        DateTimeOffset End);

    /// <summary>A checked GetMetricData request.</summary>
    private sealed partial record DataRequest(IReadOnlyList<StatQuery> Queries, bool Ascending, int MaxDatapoints, string Fingerprint)
    {
        public static DataRequest Validate(GetMetricDataInput input, DateTimeOffset now)
        {
            var problems = new ValidationProblems();
            var queries = input.MetricDataQueries ?? [];
            if (queries.Count == 0)
            {
                problems.Add(ValidationError, "The parameter MetricDataQueries is required.");
            }
            else if (queries.Count > MaxMetricDataQueries)
            {
                problems.Add(ValidationError, $"The collection MetricDataQueries must not have a size greater than {MaxMetricDataQueries}.");
            }

            problems.Require(input.StartTime, "StartTime", ValidationError);
            problems.Require(input.EndTime, "EndTime", ValidationError);
            if (input is { StartTime: { } start, EndTime: { } end })
            {
                if (start == end)
                {
                    problems.Add(ValidationError, "The parameter StartTime must not equal parameter EndTime.");
                }
                else if (start > end)
                {
                    problems.Add(ValidationError, "The parameter StartTime must be less than the parameter EndTime.");
                }
            }

            if (input.ScanBy is not (null or "TimestampDescending" or "TimestampAscending"))
            {
                problems.Add(ValidationError, $"1 validation error detected: Value '{input.ScanBy}' at 'scanBy' failed to satisfy constraint: Member must satisfy enum value set: [TimestampDescending, TimestampAscending]");
            }

            if (input.MaxDatapoints is < 1)
            {
                problems.Add(ValidationError, $"The value {input.MaxDatapoints} for parameter MaxDatapoints is invalid: it must be at least 1.");
            }

            var ids = new HashSet<string>(StringComparer.Ordinal);
            var checkedQueries = new List<StatQuery>();
            foreach (var (query, i) in queries.Select((q, i) => (q, i)))
            {
                if (ValidateQuery(query, $"MetricDataQueries.member.{i + 1}", ids, input, problems) is { } valid)
                {
                    checkedQueries.Add(valid);
                }
            }

            problems.ThrowIfAny();
            return new DataRequest(
                checkedQueries,
                input.ScanBy == "TimestampAscending",
                Math.Min(input.MaxDatapoints ?? MaxDatapointsPerCall, MaxDatapointsPerCall),
                PageToken.Fingerprint(input with { NextToken = null, MaxDatapoints = null }));
        }

        private static StatQuery? ValidateQuery(MetricDataQuery? query, string path, HashSet<string> ids, GetMetricDataInput input, ValidationProblems problems)
        {
            if (query is null)
            {
                problems.Add(ValidationError, $"The parameter {path} is required.");
                return null;
            }

            if (string.IsNullOrEmpty(query.Id))
            {
                problems.Add(ValidationError, $"The parameter {path}.Id is required.");
            }
            else if (!IdPattern().IsMatch(query.Id))
            {
                problems.Add(ValidationError, $"The value {query.Id} for parameter {path}.Id is invalid: it must start with a lowercase letter and contain only letters, numbers and underscores (at most 255).");
            }
            else if (!ids.Add(query.Id))
            {
                problems.Add(ValidationError, $"The value {query.Id} for parameter {path}.Id is used by another query: Ids must be unique.");
            }

            switch (query)
            {
                case { MetricStat: not null, Expression: not null }:
                    problems.Add(ValidationError, $"The parameters {path}.MetricStat and {path}.Expression are mutually exclusive and you have specified both.");
                    return null;
                case { Expression: { } expression }:
                    problems.Add(ValidationError, $"Metric math is not supported by LocalCloud: {path}.Expression ({expression}) cannot be evaluated, and neither can Metrics Insights queries. Query each metric with a MetricStat and compute the result in the caller.");
                    return null;
                case { MetricStat: null }:
                    problems.Add(ValidationError, $"The parameter {path}.MetricStat is required (LocalCloud does not support {path}.Expression).");
                    return null;
                case { Period: not null }:
                    problems.Add(ValidationError, $"The parameter {path}.Period is only for an Expression; a MetricStat query takes its period from {path}.MetricStat.Period.");
                    return null;
            }

            var stat = query.MetricStat;
            var metric = stat.Metric;
            problems.Require(metric, $"{path}.MetricStat.Metric", ValidationError);
            problems.Require(metric?.Namespace, $"{path}.MetricStat.Metric.Namespace", ValidationError);
            problems.Require(metric?.MetricName, $"{path}.MetricStat.Metric.MetricName", ValidationError);
            problems.RequireDimensions(metric?.Dimensions, $"{path}.MetricStat.Metric.Dimensions", ValidationError, ValidationError);
            problems.Require(stat.Period, $"{path}.MetricStat.Period", ValidationError);
            problems.Require(stat.Stat, $"{path}.MetricStat.Stat", ValidationError);

            if (stat.Period is { } period && !MetricWindow.IsValidPeriod(period))
            {
                problems.Add(ValidationError, $"The parameter {path}.MetricStat.Period must be 1, 5, 10, 20, 30 or a multiple of 60 (it is {period}).");
            }

            var statistic = default(MetricStatistic);
            if (stat.Stat is { Length: > 0 } name && !MetricStatistics.TryParse(name, out statistic))
            {
                problems.Add(ValidationError, MetricStatistics.IsExtended(name)
                    ? MetricStatistics.ExtendedNotSupported(name)
                    : $"The value for parameter {path}.MetricStat.Stat is not a valid statistic.");
            }

            string? unit = null;
            if (stat.Unit is not null && !StandardUnits.TryCanonical(stat.Unit, out unit))
            {
                problems.Add(ValidationError, $"The value {stat.Unit} for parameter {path}.MetricStat.Unit is invalid.");
            }

            if (problems.Any
                || query is not { Id: { } id }
                || metric is not { Namespace: { } metricNamespace, MetricName: { } metricName }
                || stat.Period is not { } validPeriod
                || input is not { StartTime: { } start, EndTime: { } end })
            {
                return null;
            }

            return new StatQuery(
                id,
                query.Label ?? metricName,
                query.ReturnData ?? true,
                MetricKey.Create(metricNamespace, metricName, metric.Dimensions),
                validPeriod,
                statistic,
                unit,
                string.IsNullOrEmpty(query.AccountId) ? null : query.AccountId,
                start,
                end);
        }

        [GeneratedRegex("^[a-z][a-zA-Z0-9_]{0,254}$")]
        private static partial Regex IdPattern();
    }
}
