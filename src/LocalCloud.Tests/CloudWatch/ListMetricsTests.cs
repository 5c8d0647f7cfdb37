using LocalCloud.CloudWatch;
using static LocalCloud.Tests.CloudWatch.CloudWatchHarness;

namespace LocalCloud.Tests.CloudWatch;

/// <summary>ListMetrics' filters, activity windows and pages.</summary>
public sealed class ListMetricsTests
{
    private readonly CloudWatchHarness _cw = new();

    public ListMetricsTests()
    {
        _cw.Put("App", Datum("Jobs", 1, Noon, null, ("Stage", "prod"), ("Job", "etl")));
        _cw.Put("App", Datum("Jobs", 1, Noon, null, ("Stage", "dev"), ("Job", "etl")));
        _cw.Put("App", Datum("Latency", 1, Noon, null, ("Stage", "prod")));
        _cw.Put("Other", Datum("Jobs", 1, Noon));
    }

    private List<string> List(string? metricNamespace = null, string? metricName = null, string? recentlyActive = null, params DimensionFilter[] filters) =>
        _cw.Backend.ListMetrics(_cw.Context, new ListMetricsInput(metricNamespace, metricName, filters, null, recentlyActive, null, null))
            .Metrics.Select(m => $"{m.Namespace}/{m.MetricName}[{string.Join(',', (m.Dimensions ?? []).Select(d => $"{d.Name}={d.Value}"))}]")
            .ToList();

    [Fact]
    public void NoFilter_ListsEveryMetric_InOrder_WithSortedDimensions() =>
        Assert.Equal(
            ["App/Jobs[Job=etl,Stage=dev]", "App/Jobs[Job=etl,Stage=prod]", "App/Latency[Stage=prod]", "Other/Jobs[]"],
            List());

    [Fact]
    public void NamespaceAndName_FilterExactly()
    {
        Assert.Equal(["App/Latency[Stage=prod]"], List("App", "Latency"));
        Assert.Equal(["Other/Jobs[]"], List("Other"));
        Assert.Empty(List("Ap"));
    }

    [Fact]
    public void DimensionFilter_ByNameOnly_OrNameAndValue_MatchesMetricsThatHaveIt()
    {
        Assert.Equal(3, List(filters: new DimensionFilter("Stage", null)).Count);
        Assert.Equal(["App/Jobs[Job=etl,Stage=prod]", "App/Latency[Stage=prod]"], List(filters: new DimensionFilter("Stage", "prod")));
        Assert.Equal(["App/Jobs[Job=etl,Stage=dev]"], List(filters: [new DimensionFilter("Job", null), new DimensionFilter("Stage", "dev")]));
        Assert.Empty(List(filters: new DimensionFilter("Region", null)));
    }

    [Fact]
    public void RecentlyActive_OnlyListsMetricsWithDataInThePastThreeHours()
    {
        _cw.Clock.Advance(TimeSpan.FromHours(4));
        _cw.Put("App", Datum("Fresh", 1, _cw.Clock.GetUtcNow()));

        Assert.Equal(["App/Fresh[]"], List(recentlyActive: "PT3H"));
        Assert.Equal(5, List().Count);
    }

    [Fact]
    public void MetricsWithoutDataForTwoWeeks_AreNotListed()
    {
        _cw.Clock.Advance(TimeSpan.FromDays(14) + TimeSpan.FromMinutes(1));

        Assert.Empty(List());
    }

    [Fact]
    public void Pages_Hold500Metrics_WithAnOpaqueToken()
    {
        var data = Enumerable.Range(0, 1000).Select(i => Datum("Page", i, Noon, null, ("N", i.ToString("D4")))).ToArray();
        _cw.Put("Paged", data);
        _cw.Put("Paged", Datum("Page", 0, Noon, null, ("N", "9999")));

        var first = _cw.Backend.ListMetrics(_cw.Context, new ListMetricsInput("Paged", null, null, null, null, null, null));
        var second = _cw.Backend.ListMetrics(_cw.Context, new ListMetricsInput("Paged", null, null, first.NextToken, null, null, null));
        var third = _cw.Backend.ListMetrics(_cw.Context, new ListMetricsInput("Paged", null, null, second.NextToken, null, null, null));

        Assert.Equal((500, 500, 1), (first.Metrics.Count, second.Metrics.Count, third.Metrics.Count));
        Assert.Null(third.NextToken);
        Assert.Equal(1001, first.Metrics.Concat(second.Metrics).Concat(third.Metrics).Select(m => m.Dimensions?[0].Value).Distinct().Count());
        Assert.DoesNotContain("Paged", first.NextToken, StringComparison.Ordinal);
    }

    [Fact]
    public void Token_WithOtherFilters_IsInvalid()
    {
        _cw.Put("Paged", Enumerable.Range(0, 501).Select(i => Datum("Page", i, Noon, null, ("N", i.ToString("D4")))).ToArray());
        var token = _cw.Backend.ListMetrics(_cw.Context, new ListMetricsInput("Paged", null, null, null, null, null, null)).NextToken;

        Assert.Equal("InvalidParameterValue", Code(() => _cw.Backend.ListMetrics(_cw.Context, new ListMetricsInput("App", null, null, token, null, null, null))));
    }

    [Fact]
    public void BadFilters_AreRefused()
    {
        Assert.Equal("InvalidParameterValue", Code(() => List(recentlyActive: "PT1H")));
        Assert.Equal("MissingParameter", Code(() => List(filters: new DimensionFilter(null, "x"))));
        Assert.Equal("InvalidParameterValue", Code(() => List(filters: Enumerable.Range(0, 11).Select(i => new DimensionFilter($"D{i}", null)).ToArray())));
    }

    [Fact]
    public void IncludeLinkedAccounts_NamesTheOwningAccountOfEachMetric()
    {
        var output = _cw.Backend.ListMetrics(_cw.Context, new ListMetricsInput("Other", null, null, null, null, true, null));

        Assert.Equal(["111122223333"], output.OwningAccounts);
    }
}
