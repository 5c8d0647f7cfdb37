using System.Diagnostics;
using System.Globalization;
using LocalCloud.Protocol;
using static LocalCloud.CloudWatch.CloudWatchErrors;

namespace LocalCloud.CloudWatch;

public sealed partial class CloudWatchBackend
{
    public const int MaxStatisticsDatapoints = 1440;

    public GetMetricStatisticsOutput GetMetricStatistics(RequestContext context, GetMetricStatisticsInput input)
    {
        var request = StatisticsRequest.Validate(input, _time.GetUtcNow());
        var series = _store.Find(context.Account, context.Region, request.Key);
        if (series is null || !request.Window.ResolutionAvailable)
        {
            return new GetMetricStatisticsOutput(request.Key.MetricName, []);
        }

        // Without a Unit, data sent with different units is not mixed: each unit has its own data points.
        var periods = new SortedDictionary<(long Start, string Unit), MinuteStats>();
        foreach (var bucket in series.Read(request.Window.FirstMinute, request.Window.EndMinute, request.Unit))
        {
            var slot = (request.Window.PeriodStart(bucket.Minute), bucket.Unit);
            periods[slot] = periods.TryGetValue(slot, out var stats) ? stats.Merge(bucket.Stats) : bucket.Stats;
        }

        var datapoints = periods.Select(p => new Datapoint(
            MetricWindow.FromSeconds(p.Key.Start),
            SampleCount: Pick(request.Statistics, MetricStatistic.SampleCount, p.Value),
            Average: Pick(request.Statistics, MetricStatistic.Average, p.Value),
            Sum: Pick(request.Statistics, MetricStatistic.Sum, p.Value),
            Minimum: Pick(request.Statistics, MetricStatistic.Minimum, p.Value),
            Maximum: Pick(request.Statistics, MetricStatistic.Maximum, p.Value),
            Unit: p.Key.Unit)).ToList();
        return new GetMetricStatisticsOutput(request.Key.MetricName, datapoints);

        static double? Pick(IReadOnlySet<MetricStatistic> wanted, MetricStatistic statistic, in MinuteStats stats) =>
            wanted.Contains(statistic) ? stats.Value(statistic) : null;
    }

    /// <summary>A checked GetMetricStatistics request.</summary>
    private sealed record StatisticsRequest(MetricKey Key, MetricWindow Window, IReadOnlySet<MetricStatistic> Statistics, string? Unit)
    {
        public static StatisticsRequest Validate(GetMetricStatisticsInput input, DateTimeOffset now)
        {
            var problems = new ValidationProblems();
            problems.Require(input.Namespace, "Namespace");
            problems.Require(input.MetricName, "MetricName");
            problems.Require(input.StartTime, "StartTime");
            problems.Require(input.EndTime, "EndTime");
            problems.Require(input.Period, "Period");
            problems.RequireDimensions(input.Dimensions, "Dimensions", InvalidParameterValue, MissingParameter);

            var statistics = new HashSet<MetricStatistic>();
            var extended = input.ExtendedStatistics ?? [];
            switch (input.Statistics ?? [], extended)
            {
                case ({ Count: 0 }, { Count: 0 }):
                    problems.Add(MissingParameter, "The parameter Statistics or the parameter ExtendedStatistics is required.");
                    break;
                case ({ Count: > 0 }, { Count: > 0 }):
                    problems.Add(InvalidParameterCombination, "The parameters Statistics and ExtendedStatistics are mutually exclusive and you have specified both.");
                    break;
                case ({ Count: > 5 } many, _):
                    problems.Add(InvalidParameterValue, $"The collection Statistics must not have a size greater than 5 (it has {many.Count}).");
                    break;
                case (var names, { Count: 0 }):
                    foreach (var (name, i) in names.Select((n, i) => (n, i)))
                    {
                        if (MetricStatistics.TryParse(name, out var statistic))
                        {
                            statistics.Add(statistic);
                        }
                        else
                        {
                            problems.Add(InvalidParameterValue, $"The value {name} for parameter Statistics.member.{i + 1} is invalid: it must be one of {MetricStatistics.Supported}.");
                        }
                    }

                    break;
                default:
                    foreach (var (name, i) in extended.Select((n, i) => (n, i)))
                    {
                        problems.Add(InvalidParameterValue, MetricStatistics.IsExtended(name)
                            ? MetricStatistics.ExtendedNotSupported(name)
                            : $"The value {name} for parameter ExtendedStatistics.member.{i + 1} is invalid.");
                    }

                    break;
            }

            string? unit = null;
            if (input.Unit is not null && !StandardUnits.TryCanonical(input.Unit, out unit))
            {
                problems.Add(InvalidParameterValue, $"The value {input.Unit} for parameter Unit is invalid.");
            }

            if (input.Period is { } period && !MetricWindow.IsValidPeriod(period))
            {
                problems.Add(InvalidParameterValue, $"The parameter Period must be 1, 5, 10, 20, 30 or a multiple of 60 (it is {period}).");
            }

            if (input is { StartTime: { } from, EndTime: { } to } && from >= to)
            {
                problems.Add(InvalidParameterValue, "The parameter StartTime must be less than the parameter EndTime.");
            }

            problems.ThrowIfAny();
            if (input is not { Namespace: { } metricNamespace, MetricName: { } metricName, StartTime: { } start, EndTime: { } end, Period: { } validPeriod })
            {
                throw new UnreachableException("Required members were checked above.");
            }

            var window = MetricWindow.Create(start, end, validPeriod, now);
            if (window.PeriodCount > MaxStatisticsDatapoints)
            {
                throw Error(InvalidParameterCombination, string.Create(
                    CultureInfo.InvariantCulture,
                    $"You have requested up to {window.PeriodCount:N0} datapoints, which exceeds the limit of {MaxStatisticsDatapoints:N0}. You may reduce the datapoints requested by increasing Period, or decreasing the time range."));
            }

            return new StatisticsRequest(MetricKey.Create(metricNamespace, metricName, input.Dimensions), window, statistics, unit);
        }
    }
}
