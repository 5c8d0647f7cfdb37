using Dashboard.Metrics;
using Dashboard.Tests.Shared;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Tests.Metrics;

public sealed class RuleMetricsTests
{
    private static readonly RuleKey Products = new("default", "products-upload");
    private static readonly RuleKey Clicks = new("analytics", "clicks");

    private readonly FakeCloudWatch _cloudWatch = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 25, 12, 0, 30, TimeSpan.Zero));

    private RuleMetrics Metrics()
    {
        var services = new ServiceCollection().AddHybridCache().Services.BuildServiceProvider();
        return new RuleMetrics(_cloudWatch, services.GetRequiredService<HybridCache>(), _clock, NullLogger<RuleMetrics>.Instance);
    }

    private DateTimeOffset Now => _clock.GetUtcNow();

    [Fact]
    public async Task GetRuleMetrics_TwoRules_EverySeriesInOneCall()
    {
        var metrics = Metrics();

        var snapshot = await metrics.GetRuleMetricsAsync([Products, Clicks], TimeRange.Default, TestContext.Current.CancellationToken);

        var request = Assert.Single(_cloudWatch.Requests);
        Assert.Equal(20, request.MetricDataQueries.Count);
        Assert.All(request.MetricDataQueries, q => Assert.Equal(("AWS/Events", "Sum", 60), (q.MetricStat?.Metric.Namespace, q.MetricStat?.Stat, q.MetricStat?.Period)));
        Assert.Equal(EventsMetrics.RulePage.Count * 2, snapshot.Series.Count);
        Assert.Equal(1, snapshot.AwsRequests);
        Assert.Equal(1, metrics.Requests);
        Assert.Equal(181, snapshot.Window.Buckets);
        Assert.Equal(request.StartTime, snapshot.Window.Start);
        Assert.Equal(request.EndTime, snapshot.Window.End);
    }

    [Fact]
    public async Task GetRuleMetrics_SparseAnswer_ZeroFilledOnTheWindow()
    {
        _cloudWatch.Add(EventsMetrics.Invocations, Products.MetricDimensions, Now.AddMinutes(-10), 3)
            .Add(EventsMetrics.Invocations, Products.MetricDimensions, Now.AddMinutes(-2), 2);

        var snapshot = await Metrics().GetRuleMetricsAsync([Products], TimeRange.Presets[0], TestContext.Current.CancellationToken);

        var invocations = snapshot.Get(Products, EventsMetrics.Invocations);
        Assert.True(invocations.HasData);
        Assert.Equal(snapshot.Window.Buckets, invocations.Values.Count);
        Assert.Equal(5, invocations.Total);
        Assert.Equal(3, invocations.Values[snapshot.Window.BucketOf(Now.AddMinutes(-10)) ?? -1]);
        Assert.Equal(invocations.Values.Count - 2, invocations.Values.Count(v => v == 0));
        var failed = snapshot.Get(Products, EventsMetrics.FailedInvocations);
        Assert.False(failed.HasData);
        Assert.All(failed.Values, v => Assert.Equal(0, v));
        Assert.True(snapshot.HasData(Products));
    }

    [Fact]
    public async Task GetRuleMetrics_CustomBus_AsksWithEventBusNameAndRuleName()
    {
        _cloudWatch.Add(EventsMetrics.Invocations, Clicks.MetricDimensions, Now.AddMinutes(-5), 100)
            .Add(EventsMetrics.Invocations, [new() { Name = "RuleName", Value = "clicks" }], Now.AddMinutes(-5), 7);

        var snapshot = await Metrics().GetRuleMetricsAsync([Clicks], TimeRange.Presets[0], TestContext.Current.CancellationToken);

        Assert.Equal(100, snapshot.Get(Clicks, EventsMetrics.Invocations).Total);
        var dimensions = _cloudWatch.Requests.Single().MetricDataQueries[0].MetricStat?.Metric.Dimensions ?? [];
        Assert.Equal(["EventBusName", "RuleName"], dimensions.Select(d => d.Name));
    }

    [Fact]
    public async Task GetRuleMetrics_PagedAnswer_FollowsNextToken()
    {
        _cloudWatch.PageSize = 2;
        for (var minute = 1; minute <= 5; minute++)
        {
            _cloudWatch.Add(EventsMetrics.Invocations, Products.MetricDimensions, Now.AddMinutes(-minute * 7), 1);
        }

        var snapshot = await Metrics().GetRuleMetricsAsync([Products], TimeRange.Presets[0], TestContext.Current.CancellationToken);

        Assert.Equal(5, snapshot.Get(Products, EventsMetrics.Invocations).Total);
        Assert.Equal(3, _cloudWatch.Requests.Count);
        Assert.Equal(3, snapshot.AwsRequests);
        Assert.Null(_cloudWatch.Requests.First().NextToken);
        Assert.All(_cloudWatch.Requests.Skip(1), r => Assert.NotNull(r.NextToken));
    }

    [Fact]
    public async Task GetRuleMetrics_SameQueryTwice_OneCall()
    {
        var metrics = Metrics();

        await metrics.GetRuleMetricsAsync([Products], TimeRange.Default, TestContext.Current.CancellationToken);
        await metrics.GetRuleMetricsAsync([Products], TimeRange.Default, TestContext.Current.CancellationToken);

        Assert.Single(_cloudWatch.Requests);
    }

    [Fact]
    public async Task GetRuleMetrics_SevenDays_LongerPeriodWithinLimits()
    {
        await Metrics().GetRuleMetricsAsync([Products, Clicks], TimeRange.Presets[4], TestContext.Current.CancellationToken);

        Assert.Equal(1800, _cloudWatch.Requests.Single().MetricDataQueries[0].MetricStat?.Period);
    }

    [Fact]
    public async Task GetRuleMetrics_NoRules_Throws() =>
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Metrics().GetRuleMetricsAsync([], TimeRange.Default, TestContext.Current.CancellationToken));

    [Fact]
    public async Task GetOverview_ThousandRules_PackedFiveHundredQueriesToACall()
    {
        var rules = Enumerable.Range(0, 1000).Select(i => new RuleKey(i % 2 == 0 ? "default" : "analytics", $"rule-{i}")).ToList();
        _cloudWatch.Add(EventsMetrics.Invocations, rules[999].MetricDimensions, Now.AddHours(-5), 4)
            .Add(EventsMetrics.FailedInvocations, rules[999].MetricDimensions, Now.AddHours(-5), 1)
            .Add(EventsMetrics.Invocations, rules[999].MetricDimensions, Now.AddMinutes(-3), 2);

        var overview = await Metrics().GetOverviewAsync(rules, TestContext.Current.CancellationToken);

        // 2,000 queries over 24 hours and 1,000 over 16 minutes: 4 + 2 calls, the fewest GetMetricData allows.
        Assert.Equal(6, _cloudWatch.Requests.Count);
        Assert.All(_cloudWatch.Requests, r => Assert.Equal(500, r.MetricDataQueries.Count));
        Assert.Equal(4, _cloudWatch.Requests.Count(r => r.MetricDataQueries[0].MetricStat?.Period == RuleMetrics.DayPeriodSeconds));
        Assert.Equal(2, _cloudWatch.Requests.Count(r => r.MetricDataQueries[0].MetricStat?.Period == 60));
        Assert.Equal(6, overview.AwsRequests);
        Assert.Equal(1000, overview.Rules.Count);

        var busy = overview.For(rules[999]) ?? throw new InvalidOperationException("No activity for the last rule.");
        Assert.Equal(6, busy.InvocationsTotal);
        Assert.Equal(1, busy.FailedInvocationsTotal);
        Assert.InRange(busy.Invocations.Count, 96, 97);
        Assert.Equal(2, busy.RecentInvocations.Sum());
        Assert.InRange(overview.Recent.Buckets, 16, 17);
        Assert.Equal(0, overview.For(rules[0])?.InvocationsTotal);
    }

    [Fact]
    public async Task GetOverview_NoRules_NoCall()
    {
        var overview = await Metrics().GetOverviewAsync([], TestContext.Current.CancellationToken);

        Assert.Empty(overview.Rules);
        Assert.Empty(_cloudWatch.Requests);
    }

    [Fact]
    public async Task GetOverview_SecondLoadWithinAMinute_OnlyTheRecentMinutesAgain()
    {
        var metrics = Metrics();
        await metrics.GetOverviewAsync([Products], TestContext.Current.CancellationToken);

        _clock.Advance(TimeSpan.FromSeconds(10));
        await metrics.GetOverviewAsync([Products], TestContext.Current.CancellationToken);

        Assert.Equal(3, _cloudWatch.Requests.Count);
    }
}
