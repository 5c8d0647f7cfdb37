using Dashboard.Workflows;

namespace Dashboard.Tests.Workflows;

public sealed class WorkflowListViewTests
{
    private static readonly WorkflowSummary Products = new("products", new("products-start", "EVENT", "CREATED", new(5, 300), null), null, [new("default", "s3-products-upload", "ENABLED")], null);
    private static readonly WorkflowSummary Orders = new("orders", new("orders-start", "EVENT", "CREATED", new(10, null), null), null, [], null);
    private static readonly WorkflowSummary Nightly = new("nightly", new("nightly-start", "SCHEDULED", "ACTIVATED", null, "cron(0 2 * * ? *)"), null, [], null);

    [Fact]
    public void Apply_ByDefault_ShowsOnlyEventDrivenWorkflows() =>
        Assert.Equal(["products", "orders"], new WorkflowListView(null, IncludeAll: false).Apply([Products, Orders, Nightly]).Select(w => w.Name));

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
}
