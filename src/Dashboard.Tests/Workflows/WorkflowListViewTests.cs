using Dashboard.Workflows;

namespace Dashboard.Tests.Workflows;

public sealed class WorkflowListViewTests
{
    private static readonly WorkflowSummary Products = new("products", new("products-start", "EVENT", "CREATED", new(5, 300), null), null, [new("default", "s3-products-upload", "ENABLED")], null);
    private static readonly WorkflowSummary Orders = new("orders", new("orders-start", "EVENT", "CREATED", new(10, null), null), null, [], null);
    private static readonly WorkflowSummary Nightly = new("nightly", new("nightly-start", "SCHEDULED", "ACTIVATED", null, "cron(0 2 * * ? *)"), null, [], null);

    [Fact]
    public void Apply_ByDefault_ShowsOnlyEventDrivenWorkflows() =>
        Assert.Equal(["orders", "products"], new WorkflowListView(null, IncludeAll: false).Apply([Products, Orders, Nightly]).Select(w => w.Name));

    [Fact]
    public void Apply_IncludeAll_ShowsEveryWorkflow() =>
        Assert.Equal(3, new WorkflowListView(null, IncludeAll: true).Apply([Products, Orders, Nightly]).Count);

    [Theory]
    [InlineData("PROD", "products")]
    [InlineData("orders-start", "orders")]
    [InlineData("s3-products", "products")]
    public void Apply_Search_MatchesNameTriggerOrRule(string term, string expected) =>
        Assert.Equal([expected], new WorkflowListView(term, IncludeAll: true).Apply([Products, Orders, Nightly]).Select(w => w.Name));

    [Fact]
    public void HiddenByEventFilter_CountsNonEventWorkflows() =>
        Assert.Equal(1, WorkflowListView.HiddenByEventFilter([Products, Orders, Nightly]));

    private static readonly WorkflowSummary Failing = new(
        "failing",
        new("failing-start", "EVENT", "CREATED", new(2, 60), null),
        new("wr_9", "COMPLETED", RunHealth.Failed, RunCause.BatchSizeReached, DateTimeOffset.UnixEpoch.AddDays(2), null, null, null),
        [new("default", "failing-upload", "ENABLED")],
        null);

    private static readonly WorkflowSummary Paused = new(
        "paused", new("paused-start", "EVENT", "CREATED", new(50, 900), null), null, [new("default", "paused-upload", "DISABLED")], null);

    [Fact]
    public void Apply_UnhealthyOnly_KeepsWarningsAndCriticals() =>
        Assert.Equal(["failing", "orders", "paused"], new WorkflowListView(UnhealthyOnly: true).Apply([Products, Orders, Failing, Paused]).Select(r => r.Name));

    [Theory]
    [InlineData(RuleStateFilter.Enabled, new[] { "failing", "products" })]
    [InlineData(RuleStateFilter.Disabled, new[] { "paused" })]
    [InlineData(RuleStateFilter.None, new[] { "orders" })]
    [InlineData(RuleStateFilter.Any, new[] { "failing", "orders", "paused", "products" })]
    public void Apply_RuleStateFilter_KeepsMatchingRows(RuleStateFilter filter, string[] expected) =>
        Assert.Equal(expected, new WorkflowListView(Rules: filter).Apply([Products, Orders, Failing, Paused]).Select(r => r.Name));

    [Fact]
    public void Apply_SortByHealthDescending_PutsTheWorstFirstAndBreaksTiesByName() =>
        Assert.Equal(
            ["failing", "orders", "paused", "products"],
            new WorkflowListView(Sort: WorkflowSort.Health, Descending: true).Apply([Products, Paused, Orders, Failing]).Select(r => r.Name));

    [Fact]
    public void Apply_SortByBatching_OrdersBySizeThenWindow() =>
        Assert.Equal(
            ["failing", "products", "orders", "paused"],
            new WorkflowListView(Sort: WorkflowSort.Batching).Apply([Paused, Orders, Products, Failing]).Select(r => r.Name));

    [Fact]
    public void Apply_TwoViewsOfOneSnapshot_ShareTheRowsAndTheirHealth()
    {
        var workflows = new[] { Products, Orders, Failing, Paused };

        var circuitA = new WorkflowListView().Apply(workflows);
        var circuitB = new WorkflowListView(Sort: WorkflowSort.Health, Descending: true).Apply(workflows);

        Assert.Equal(circuitA.Count, circuitB.Count);
        Assert.All(circuitA, row => Assert.Same(row, circuitB.Single(other => other.Name == row.Name)));
        Assert.Same(WorkflowListView.RowOf(Products), circuitA.Single(r => r.Name == "products"));
    }

    [Fact]
    public void Query_RoundTrips()
    {
        var view = new WorkflowListView("prod", IncludeAll: true, UnhealthyOnly: true, RuleStateFilter.Disabled, WorkflowSort.LastRun, Descending: true);

        var query = view.ToQuery();

        Assert.Equal("-lastrun", query["sort"]);
        Assert.Equal("disabled", query["rules"]);
        Assert.Equal(view, WorkflowListView.FromQuery((string?)query["q"], true, true, (string?)query["rules"], (string?)query["sort"]));
    }

    [Fact]
    public void Query_Defaults_AreLeftOut() =>
        Assert.All(new WorkflowListView().ToQuery().Values, Assert.Null);

    [Theory]
    [InlineData("bogus", "sideways")]
    [InlineData("1", "7")]
    [InlineData("", "-")]
    public void FromQuery_UnknownValues_FallBackToDefaults(string rules, string sort) =>
        Assert.Equal(new WorkflowListView(), WorkflowListView.FromQuery(null, null, null, rules, sort));
}
