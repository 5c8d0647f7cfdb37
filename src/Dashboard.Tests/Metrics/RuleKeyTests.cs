using Dashboard.Metrics;

namespace Dashboard.Tests.Metrics;

public sealed class RuleKeyTests
{
    [Fact]
    public void MetricDimensions_DefaultBus_RuleNameOnly()
    {
        var dimensions = new RuleKey("default", "products").MetricDimensions;

        var only = Assert.Single(dimensions);
        Assert.Equal(("RuleName", "products"), (only.Name, only.Value));
    }

    [Fact]
    public void MetricDimensions_CustomBus_EventBusNameAndRuleName() =>
        Assert.Equal(
            [("EventBusName", "analytics"), ("RuleName", "clicks")],
            new RuleKey("analytics", "clicks").MetricDimensions.Select(d => (d.Name, d.Value)));

    [Theory]
    [InlineData("default/products", "default", "products")]
    [InlineData("aws.partner/example.com/123/orders/rule-1", "aws.partner/example.com/123/orders", "rule-1")]
    public void TryParse_RuleFollowsTheLastSlash(string text, string bus, string rule)
    {
        Assert.True(RuleKey.TryParse(text, out var key));
        Assert.Equal(new RuleKey(bus, rule), key);
        Assert.Equal(text, key.ToString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("products")]
    [InlineData("/products")]
    [InlineData("default/")]
    public void TryParse_NotBusSlashRule_False(string? text) => Assert.False(RuleKey.TryParse(text, out _));

    [Theory]
    [InlineData("q0")]
    [InlineData("invocations_1")]
    public void QueryIds_Valid_Kept(string id) => Assert.Equal(id, MetricQueryIds.Validate(id));

    [Theory]
    [InlineData("0q")]
    [InlineData("Invocations")]
    [InlineData("q-1")]
    [InlineData("")]
    public void QueryIds_Invalid_ThrowBeforeTheCall(string id) =>
        Assert.Contains("must start with a lowercase letter", Assert.Throws<ArgumentException>(() => MetricQueryIds.Validate(id)).Message, StringComparison.Ordinal);
}
