using System.Collections.Concurrent;
using System.Globalization;
using System.Text.RegularExpressions;
using Amazon.Runtime;
using Dashboard.Aws.CloudWatch;
using Dashboard.Aws.Protocol;

namespace Dashboard.Tests.Shared;

/// <summary>
/// An in-memory CloudWatch for GetMetricData: data points per metric (namespace, name and exact dimension set),
/// answered as Sum per period from the request's start. It checks what AWS checks (500 queries, 100,800 data
/// points, query ids, periods), pages answers larger than <see cref="PageSize"/> points, keeps every request, and
/// can hold calls (loading states) or fail them (error states).
/// </summary>
public sealed partial class FakeCloudWatch : ICloudWatchApi
{
    private readonly ConcurrentDictionary<string, List<(DateTimeOffset At, double Value)>> _points = new(StringComparer.Ordinal);

    public ConcurrentQueue<GetMetricDataRequest> Requests { get; } = new();

    /// <summary>The most data points one page holds, as GetMetricData's MaxDatapoints.</summary>
    public int PageSize { get; set; } = 100_800;

    public TaskCompletionSource? Gate { get; set; }

    public Exception? Failure { get; set; }

    public IClientConfig Config { get; } = new AwsClientConfig(CloudWatchClient.Spec);

    /// <summary>Records <paramref name="value"/> at <paramref name="at"/>, as EventBridge would.</summary>
    public FakeCloudWatch Add(string metricName, IReadOnlyList<Dimension> dimensions, DateTimeOffset at, double value = 1, string metricNamespace = "AWS/Events")
    {
        var points = _points.GetOrAdd(Key(metricNamespace, metricName, dimensions), _ => []);
        lock (points)
        {
            points.Add((at, value));
        }

        return this;
    }

    public async Task<GetMetricDataResponse> GetMetricDataAsync(GetMetricDataRequest request, CancellationToken cancellationToken = default)
    {
        Requests.Enqueue(request);
        if (Gate is { } gate)
        {
            await gate.Task.WaitAsync(cancellationToken);
        }

        if (Failure is { } failure)
        {
            throw failure;
        }

        Validate(request);

        // Each query's points in order; a page ends after PageSize points, and the token says where to go on.
        var (firstQuery, skip) = request.NextToken is { } token ? ParseToken(token) : (0, 0);
        var budget = PageSize;
        var results = new List<MetricDataResult>();
        for (var q = firstQuery; q < request.MetricDataQueries.Count; q++)
        {
            var query = request.MetricDataQueries[q];
            var points = Points(query, request).Skip(q == firstQuery ? skip : 0).ToList();
            var take = Math.Min(budget, points.Count);
            results.Add(new MetricDataResult
            {
                Id = query.Id,
                Label = query.Label,
                Timestamps = points.Take(take).Select(p => p.At).ToList(),
                Values = points.Take(take).Select(p => p.Value).ToList(),
                StatusCode = take < points.Count ? "PartialData" : "Complete",
            });
            budget -= take;
            if (take < points.Count)
            {
                return new GetMetricDataResponse { MetricDataResults = results, NextToken = $"{q}:{(q == firstQuery ? skip : 0) + take}" };
            }
        }

        return new GetMetricDataResponse { MetricDataResults = results };
    }

    public Task<ListMetricsResponse> ListMetricsAsync(ListMetricsRequest request, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("FakeCloudWatch does not implement ListMetrics.");

    public void Dispose()
    {
    }

    private IEnumerable<(DateTimeOffset At, double Value)> Points(MetricDataQuery query, GetMetricDataRequest request)
    {
        var stat = query.MetricStat ?? throw new ArgumentException("Only MetricStat queries are supported.");
        var metric = stat.Metric;
        if (!_points.TryGetValue(Key(metric.Namespace ?? string.Empty, metric.MetricName ?? string.Empty, metric.Dimensions ?? []), out var points))
        {
            return [];
        }

        lock (points)
        {
            // Sum per period; periods without data are absent, as in AWS's answers.
            return points
                .Where(p => p.At >= request.StartTime && p.At < request.EndTime)
                .GroupBy(p => request.StartTime.AddSeconds(Math.Floor((p.At - request.StartTime).TotalSeconds / stat.Period) * stat.Period))
                .Select(g => (g.Key, g.Sum(p => p.Value)))
                .OrderBy(p => p.Key)
                .ToList();
        }
    }

    private static void Validate(GetMetricDataRequest request)
    {
        var queries = request.MetricDataQueries;
        if (queries.Count is < 1 or > 500)
        {
            throw Invalid($"The collection MetricDataQueries must have 1 to 500 members, not {queries.Count}.");
        }

        if (request.EndTime <= request.StartTime)
        {
            throw Invalid("The parameter StartTime must be less than the parameter EndTime.");
        }

        if (queries.Select(q => q.Id).Distinct().Count() != queries.Count)
        {
            throw Invalid("Query ids must be unique.");
        }

        long points = 0;
        foreach (var query in queries)
        {
            if (!IdPattern().IsMatch(query.Id))
            {
                throw Invalid($"The value {query.Id} for parameter Id is invalid.");
            }

            var period = query.MetricStat?.Period ?? throw Invalid("MetricStat is required.");
            if (period is not (1 or 5 or 10 or 20 or 30) && (period < 60 || period % 60 != 0))
            {
                throw Invalid($"The period {period} must be 1, 5, 10, 20, 30 or a multiple of 60.");
            }

            points += (long)Math.Ceiling((request.EndTime - request.StartTime).TotalSeconds / period);
        }

        if (points > 100_800)
        {
            throw Invalid($"The request would return {points} data points; GetMetricData allows 100,800.");
        }
    }

    private static (int Query, int Skip) ParseToken(string token)
    {
        var parts = token.Split(':');
        return (int.Parse(parts[0], CultureInfo.InvariantCulture), int.Parse(parts[1], CultureInfo.InvariantCulture));
    }

    private static string Key(string metricNamespace, string metricName, IReadOnlyList<Dimension> dimensions) =>
        $"{metricNamespace}|{metricName}|{string.Join(",", dimensions.OrderBy(d => d.Name, StringComparer.Ordinal).Select(d => $"{d.Name}={d.Value}"))}";

    private static AwsInvalidInputException Invalid(string message) =>
        new(new AwsErrorDetails("CloudWatch", "GetMetricData", "ValidationError", message, null, System.Net.HttpStatusCode.BadRequest, ErrorType.Sender));

    [GeneratedRegex("^[a-z][a-zA-Z0-9_]{0,254}$")]
    private static partial Regex IdPattern();
}
