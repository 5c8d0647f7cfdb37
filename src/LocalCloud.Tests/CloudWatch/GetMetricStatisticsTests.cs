using LocalCloud.CloudWatch;
using LocalCloud.Protocol;
using static LocalCloud.Tests.CloudWatch.CloudWatchHarness;

namespace LocalCloud.Tests.CloudWatch;

/// <summary>Aggregation into minutes and periods, the five statistics, units, alignment and limits.</summary>
public sealed class GetMetricStatisticsTests
{
    private static readonly string[] All = ["SampleCount", "Average", "Sum", "Minimum", "Maximum"];
    private readonly CloudWatchHarness _cw = new();

    [Fact]
    public void SameMinute_AggregatesIntoOneDatapoint_WithEveryStatistic()
    {
        _cw.Put("App", Datum("Latency", 10, Noon.AddMinutes(-5).AddSeconds(1)), Datum("Latency", 30, Noon.AddMinutes(-5).AddSeconds(59)));
        _cw.Put("App", Datum("Latency", 20, Noon.AddMinutes(-5).AddSeconds(30)));

        var point = Assert.Single(_cw.Statistics("App", "Latency", Noon.AddHours(-1), Noon, 60, All).Datapoints);

        Assert.Equal(Noon.AddMinutes(-5), point.Timestamp);
        Assert.Equal((3.0, 20.0, 60.0, 10.0, 30.0), (point.SampleCount, point.Average, point.Sum, point.Minimum, point.Maximum));
        Assert.Equal("None", point.Unit);
    }

    [Fact]
    public void OnlyRequestedStatistics_AreReturned_WithTheMetricNameAsLabel()
    {
        _cw.Put("App", Datum("Latency", 4, Noon.AddMinutes(-1), "Milliseconds"));

        var output = _cw.Statistics("App", "Latency", Noon.AddHours(-1), Noon, 60, ["Sum", "Maximum"]);

        var point = Assert.Single(output.Datapoints);
        Assert.Equal("Latency", output.Label);
        Assert.Equal((null, null, 4.0, null, 4.0), (point.SampleCount, point.Average, point.Sum, point.Minimum, point.Maximum));
        Assert.Equal("Milliseconds", point.Unit);
    }

    [Fact]
    public void ValuesWithCounts_AndStatisticSets_MergeIntoTheMinute()
    {
        var minute = Noon.AddMinutes(-3);
        _cw.Put("App", new MetricDatum("Size", null, minute, null, null, [1, 5], [3, 1], null, null));
        _cw.Put("App", new MetricDatum("Size", null, minute, null, new StatisticSet(2, 20, 0.5, 19.5), null, null, null, null));

        var point = Assert.Single(_cw.Statistics("App", "Size", Noon.AddHours(-1), Noon, 60, All).Datapoints);

        Assert.Equal((6.0, 28.0 / 6, 28.0, 0.5, 19.5), (point.SampleCount, point.Average, point.Sum, point.Minimum, point.Maximum));
    }

    [Theory]
    [InlineData(60, 6)]
    [InlineData(300, 2)]
    [InlineData(3600, 1)]
    public void Periods_GroupMinutes_FromTheRoundedStart(int period, int expectedDatapoints)
    {
        // One point a minute from 11:00 to 11:09: sums by period, on timestamps counted from the start (11:00).
        for (var minute = 0; minute < 10; minute++)
        {
            _cw.Put("App", Datum("Jobs", minute, Noon.AddHours(-1).AddMinutes(minute)));
        }

        var points = _cw.Statistics("App", "Jobs", Noon.AddHours(-1).AddSeconds(20), Noon.AddMinutes(-54), period, ["Sum"]).Datapoints;

        Assert.Equal(expectedDatapoints, points.Count);
        Assert.Equal(Noon.AddHours(-1), points[0].Timestamp);
        Assert.Equal(Enumerable.Range(0, 6).Sum(), points.Sum(p => p.Sum));
        Assert.All(points, p => Assert.Equal(0, (p.Timestamp - points[0].Timestamp).TotalSeconds % period));
    }

    [Fact]
    public void EndTime_IsExclusive_AndStartTime_Inclusive()
    {
        _cw.Put("App", Datum("Jobs", 1, Noon.AddMinutes(-10)), Datum("Jobs", 2, Noon.AddMinutes(-5)));

        var points = _cw.Statistics("App", "Jobs", Noon.AddMinutes(-10), Noon.AddMinutes(-5), 60, ["Sum"]).Datapoints;

        Assert.Equal(1.0, Assert.Single(points).Sum);
    }

    [Fact]
    public void DimensionsInAnyOrder_AreOneMetric_AndOtherCombinationsAreNot()
    {
        _cw.Put("App", Datum("Jobs", 1, Noon.AddMinutes(-1), null, ("Stage", "prod"), ("Job", "etl")));
        _cw.Put("App", Datum("Jobs", 2, Noon.AddMinutes(-1), null, ("Job", "etl"), ("Stage", "prod")));
        _cw.Put("App", Datum("Jobs", 100, Noon.AddMinutes(-1), null, ("Job", "etl")));

        var points = _cw.Statistics("App", "Jobs", Noon.AddHours(-1), Noon, 60, ["Sum"], null, ("Stage", "prod"), ("Job", "etl")).Datapoints;

        Assert.Equal(3.0, Assert.Single(points).Sum);
    }

    [Fact]
    public void Units_AreKeptApart_AndUnitFiltersData()
    {
        _cw.Put("App", Datum("Size", 1, Noon.AddMinutes(-1), "Bytes"), Datum("Size", 1000, Noon.AddMinutes(-1), "Kilobytes"));

        var all = _cw.Statistics("App", "Size", Noon.AddHours(-1), Noon, 60, ["Sum"]).Datapoints;
        var kilobytes = _cw.Statistics("App", "Size", Noon.AddHours(-1), Noon, 60, ["Sum"], "Kilobytes").Datapoints;
        var seconds = _cw.Statistics("App", "Size", Noon.AddHours(-1), Noon, 60, ["Sum"], "Seconds").Datapoints;

        Assert.Equal(["Bytes", "Kilobytes"], all.Select(p => p.Unit).Order());
        Assert.Equal(1000.0, Assert.Single(kilobytes).Sum);
        Assert.Empty(seconds);
    }

    [Fact]
    public void AccountsAndRegions_DoNotSeeEachOthersData()
    {
        _cw.Put("App", Datum("Jobs", 1, Noon.AddMinutes(-1)));
        var input = new GetMetricStatisticsInput("App", "Jobs", null, Noon.AddHours(-1), Noon, 60, ["Sum"], null, null);

        Assert.Single(_cw.Backend.GetMetricStatistics(_cw.Context, input).Datapoints);
        Assert.Empty(_cw.Backend.GetMetricStatistics(Caller("999988887777"), input).Datapoints);
        Assert.Empty(_cw.Backend.GetMetricStatistics(Caller("111122223333", "eu-west-1"), input).Datapoints);
    }

    [Fact]
    public void OldData_IsOnlyAvailableAtCoarserPeriods_AlignedToThem()
    {
        // 20 days ago, data is kept at 5-minute resolution: a 1-minute period returns nothing, 5 minutes does.
        var old = Noon.AddDays(-20);
        _cw.Backend.Record("111122223333", "us-east-1", "App", "Jobs", [], 7, "Count", old.AddMinutes(7));

        var byMinute = _cw.Statistics("App", "Jobs", old.AddMinutes(1), old.AddHours(1), 60, ["Sum"]).Datapoints;
        var byFive = _cw.Statistics("App", "Jobs", old.AddMinutes(1), old.AddHours(1), 300, ["Sum"]).Datapoints;

        Assert.Empty(byMinute);
        Assert.Equal(old.AddMinutes(5), Assert.Single(byFive).Timestamp);
    }

    [Fact]
    public void HighResolutionPeriod_ReturnsMinuteData_AtItsMinute()
    {
        _cw.Put("App", Datum("Jobs", 3, Noon.AddMinutes(-2).AddSeconds(45)));

        var point = Assert.Single(_cw.Statistics("App", "Jobs", Noon.AddMinutes(-10), Noon, 10, ["Sum"]).Datapoints);

        Assert.Equal(Noon.AddMinutes(-2), point.Timestamp);
    }

    [Fact]
    public void UnknownMetric_HasNoDatapoints()
    {
        var output = _cw.Statistics("App", "Nothing", Noon.AddHours(-1), Noon, 60, ["Sum"]);

        Assert.Equal("Nothing", output.Label);
        Assert.Empty(output.Datapoints);
    }

    [Theory]
    [InlineData(45, "InvalidParameterValue", "The parameter Period must be 1, 5, 10, 20, 30 or a multiple of 60 (it is 45).")]
    [InlineData(0, "InvalidParameterValue", "The parameter Period must be 1, 5, 10, 20, 30 or a multiple of 60 (it is 0).")]
    [InlineData(1, "InvalidParameterCombination", "You have requested up to 3,600 datapoints, which exceeds the limit of 1,440. You may reduce the datapoints requested by increasing Period, or decreasing the time range.")]
    public void BadPeriods_AreRefused(int period, string code, string message)
    {
        var error = Assert.Throws<AwsServiceException>(() => _cw.Statistics("App", "Jobs", Noon.AddHours(-1), Noon, period, ["Sum"]));

        Assert.Equal((code, message), (error.Code, error.Message));
    }

    [Fact]
    public void OneDayByMinute_IsTheLimit()
    {
        Assert.Empty(_cw.Statistics("App", "Jobs", Noon.AddDays(-1), Noon, 60, ["Sum"]).Datapoints);
        Assert.Equal("InvalidParameterCombination", Code(() => _cw.Statistics("App", "Jobs", Noon.AddDays(-1).AddMinutes(-1), Noon, 60, ["Sum"])));
    }

    [Fact]
    public void Statistics_MustBeValid_AndExtendedStatisticsAreNotSupported()
    {
        Assert.Equal("InvalidParameterValue", Code(() => _cw.Statistics("App", "Jobs", Noon.AddHours(-1), Noon, 60, ["Median"])));
        Assert.Equal("MissingParameter", Code(() => _cw.Statistics("App", "Jobs", Noon.AddHours(-1), Noon, 60, [])));

        var extended = Assert.Throws<AwsServiceException>(() => _cw.Backend.GetMetricStatistics(
            _cw.Context, new GetMetricStatisticsInput("App", "Jobs", null, Noon.AddHours(-1), Noon, 60, null, ["p99"], null)));
        Assert.Equal("InvalidParameterValue", extended.Code);
        Assert.Contains("p99 is not supported by LocalCloud", extended.Message, StringComparison.Ordinal);

        var both = Assert.Throws<AwsServiceException>(() => _cw.Backend.GetMetricStatistics(
            _cw.Context, new GetMetricStatisticsInput("App", "Jobs", null, Noon.AddHours(-1), Noon, 60, ["Sum"], ["p99"], null)));
        Assert.Equal("InvalidParameterCombination", both.Code);
    }

    [Fact]
    public void MissingMembers_AreEachNamed()
    {
        var error = Assert.Throws<AwsServiceException>(() => _cw.Backend.GetMetricStatistics(
            _cw.Context, new GetMetricStatisticsInput(null, null, null, null, null, null, ["Sum"], null, null)));

        Assert.Equal("MissingParameter", error.Code);
        Assert.Equal(
            ["Namespace", "MetricName", "StartTime", "EndTime", "Period"],
            error.Message.Split('\n').Select(line => line.Split(' ')[2]));
    }

    [Fact]
    public void StartAfterEnd_IsRefused() =>
        Assert.Equal("InvalidParameterValue", Code(() => _cw.Statistics("App", "Jobs", Noon, Noon.AddHours(-1), 60, ["Sum"])));
}
