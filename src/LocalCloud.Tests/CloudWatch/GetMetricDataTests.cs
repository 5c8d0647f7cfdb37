using LocalCloud.CloudWatch;
using LocalCloud.Protocol;
using static LocalCloud.Tests.CloudWatch.CloudWatchHarness;

namespace LocalCloud.Tests.CloudWatch;

/// <summary>MetricStat queries, scan order, labels, pagination and the requests GetMetricData refuses.</summary>
public sealed class GetMetricDataTests
{
    private static readonly DateTimeOffset Start = Noon.AddHours(-1);
    private readonly CloudWatchHarness _cw = new();

    public GetMetricDataTests()
    {
        // Invocations of rule "upload": 1 at 11:00, 2 at 11:01, … 5 at 11:04, and a second point of 10 at 11:04.
        for (var minute = 0; minute < 5; minute++)
        {
            _cw.Backend.Record(_cw.Context.Account, "us-east-1", "AWS/Events", "Invocations", [KeyValuePair.Create("RuleName", "upload")], minute + 1, "Count", Start.AddMinutes(minute));
        }

        _cw.Backend.Record(_cw.Context.Account, "us-east-1", "AWS/Events", "Invocations", [KeyValuePair.Create("RuleName", "upload")], 10, "Count", Start.AddMinutes(4).AddSeconds(30));
    }

    private static MetricDataQuery Invocations(string id = "m1", string stat = "Sum", int period = 60) =>
        Query(id, "AWS/Events", "Invocations", period, stat, ("RuleName", "upload"));

    [Fact]
    public void Sum_DescendingByDefault_CompleteWithTheMetricNameAsLabel()
    {
        var output = _cw.Data(Start, Noon, queries: Invocations());

        var result = Assert.Single(output.MetricDataResults);
        Assert.Equal(("m1", "Invocations", "Complete"), (result.Id, result.Label, result.StatusCode));
        Assert.Equal([15.0, 4, 3, 2, 1], result.Values);
        Assert.Equal(Enumerable.Range(0, 5).Reverse().Select(m => Start.AddMinutes(m)), result.Timestamps);
        Assert.Null(output.NextToken);
        Assert.Empty(output.Messages);
    }

    [Theory]
    [InlineData("Average", new[] { 1.0, 2, 3, 4, 7.5 })]
    [InlineData("Minimum", new[] { 1.0, 2, 3, 4, 5 })]
    [InlineData("Maximum", new[] { 1.0, 2, 3, 4, 10 })]
    [InlineData("SampleCount", new[] { 1.0, 1, 1, 1, 2 })]
    public void Statistics_PerMinute_Ascending(string stat, double[] expected)
    {
        var result = Assert.Single(_cw.Data(Start, Noon, "TimestampAscending", queries: Invocations(stat: stat)).MetricDataResults);

        Assert.Equal(expected, result.Values);
        Assert.Equal(Start, result.Timestamps[0]);
    }

    [Fact]
    public void FiveMinutePeriod_SumsThemAll_AndLabelIsKept()
    {
        var query = Invocations(period: 300) with { Label = "Upload invocations" };

        var result = Assert.Single(_cw.Data(Start, Noon, queries: query).MetricDataResults);

        Assert.Equal("Upload invocations", result.Label);
        Assert.Equal([25.0], result.Values);
        Assert.Equal([Start], result.Timestamps);
    }

    [Fact]
    public void ReturnDataFalse_LeavesTheQueryOut_AndAMetricWithoutDataIsCompleteAndEmpty()
    {
        var output = _cw.Data(
            Start,
            Noon,
            queries: [Invocations("hidden") with { ReturnData = false }, Query("other", "AWS/Events", "FailedInvocations", 60, "Sum", ("RuleName", "upload"))]);

        var result = Assert.Single(output.MetricDataResults);
        Assert.Equal(("other", "Complete"), (result.Id, result.StatusCode));
        Assert.Empty(result.Values);
        Assert.Empty(result.Timestamps);
    }

    [Fact]
    public void MaxDatapoints_Paginates_WithPartialDataUntilTheLastPage()
    {
        var queries = new[] { Invocations("a"), Invocations("b", "SampleCount") };
        var pages = new List<GetMetricDataOutput>();
        string? token = null;
        do
        {
            pages.Add(_cw.Data(Start, Noon, "TimestampAscending", 3, token, queries));
            token = pages[^1].NextToken;
        }
        while (token is not null && pages.Count < 10);

        Assert.Equal(4, pages.Count);
        Assert.Equal(
            ["a:PartialData:3", "a:Complete:2 b:PartialData:1", "b:PartialData:3", "b:Complete:1"],
            pages.Select(p => string.Join(' ', p.MetricDataResults.Select(r => $"{r.Id}:{r.StatusCode}:{r.Values.Count}"))));
        var a = pages.SelectMany(p => p.MetricDataResults).Where(r => r.Id == "a").ToList();
        Assert.Equal([1.0, 2, 3, 4, 15], a.SelectMany(r => r.Values));
        Assert.Equal(Enumerable.Range(0, 5).Select(m => Start.AddMinutes(m)), a.SelectMany(r => r.Timestamps));
    }

    [Fact]
    public void Pagination_Descending_ResumesAfterTheLastTimestamp()
    {
        var first = _cw.Data(Start, Noon, maxDatapoints: 2, queries: Invocations());
        var second = _cw.Data(Start, Noon, maxDatapoints: 2, nextToken: first.NextToken, queries: Invocations());

        Assert.Equal([15.0, 4], first.MetricDataResults[0].Values);
        Assert.Equal([3.0, 2], second.MetricDataResults[0].Values);
        Assert.NotNull(second.NextToken);
    }

    [Fact]
    public void NextToken_FromAnotherRequest_OrNotOurs_IsInvalid()
    {
        var token = _cw.Data(Start, Noon, maxDatapoints: 2, queries: Invocations()).NextToken;

        Assert.Equal("InvalidNextToken", Code(() => _cw.Data(Start.AddMinutes(1), Noon, maxDatapoints: 2, nextToken: token, queries: Invocations())));
        Assert.Equal("InvalidNextToken", Code(() => _cw.Data(Start, Noon, nextToken: "not-a-token", queries: Invocations())));
        Assert.Equal("InvalidNextToken", Code(() => _cw.Data(Start, Noon, nextToken: "e30", queries: Invocations())));
    }

    [Fact]
    public void MetricMath_IsRefused_WithAClearValidationError()
    {
        var math = new MetricDataQuery("total", null, "SUM(METRICS())", null, null, 60, null);

        var error = Assert.Throws<AwsServiceException>(() => _cw.Data(Start, Noon, queries: [Invocations(), math]));

        Assert.Equal("ValidationError", error.Code);
        Assert.StartsWith("Metric math is not supported by LocalCloud: MetricDataQueries.member.2.Expression (SUM(METRICS()))", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("p99", "The statistic p99 is not supported by LocalCloud")]
    [InlineData("tm90", "The statistic tm90 is not supported by LocalCloud")]
    [InlineData("Median", "The value for parameter MetricDataQueries.member.1.MetricStat.Stat is not a valid statistic.")]
    public void UnsupportedOrInvalidStat_IsAValidationError(string stat, string message)
    {
        var error = Assert.Throws<AwsServiceException>(() => _cw.Data(Start, Noon, queries: Invocations(stat: stat)));

        Assert.Equal("ValidationError", error.Code);
        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(45)]
    [InlineData(90)]
    [InlineData(0)]
    public void PeriodNotOneFiveTenTwentyThirtyOrAMultipleOf60_IsRefused(int period) =>
        Assert.Equal("ValidationError", Code(() => _cw.Data(Start, Noon, queries: Invocations(period: period))));

    [Fact]
    public void StartEqualToEnd_IsRefused_WithAwsMessage()
    {
        var error = Assert.Throws<AwsServiceException>(() => _cw.Data(Noon, Noon, queries: Invocations()));

        Assert.Equal(("ValidationError", "The parameter StartTime must not equal parameter EndTime."), (error.Code, error.Message));
    }

    [Fact]
    public void QueryRules_AreChecked_AndEveryProblemIsListed()
    {
        var queries = new[]
        {
            Invocations("Upper"),
            Invocations("m1"),
            Invocations("m1"),
            new MetricDataQuery("m3", null, null, null, null, null, null),
            Invocations("m4") with { Period = 60 },
        };

        var error = Assert.Throws<AwsServiceException>(() => _cw.Data(Start, Noon, "Sideways", 0, null, queries));

        Assert.Equal("ValidationError", error.Code);
        var lines = error.Message.Split('\n');
        Assert.Equal(6, lines.Length);
        Assert.Contains(lines, l => l.Contains("'Sideways' at 'scanBy'", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("MaxDatapoints", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("member.1.Id is invalid", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("member.3.Id is used by another query", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("member.4.MetricStat is required", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("member.5.Period is only for an Expression", StringComparison.Ordinal));
    }

    [Fact]
    public void TooManyQueries_IsRefused() =>
        Assert.Equal("ValidationError", Code(() => _cw.Data(Start, Noon, queries: Enumerable.Range(0, 501).Select(i => Invocations($"m{i}")).ToArray())));

    [Fact]
    public void ManyQueries_UpToTheLimit_AreAnswered()
    {
        var output = _cw.Data(Start, Noon, queries: Enumerable.Range(0, CloudWatchBackend.MaxMetricDataQueries).Select(i => Invocations($"m{i}")).ToArray());

        Assert.Equal(500, output.MetricDataResults.Count);
        Assert.All(output.MetricDataResults, r => Assert.Equal(5, r.Values.Count));
    }
}
