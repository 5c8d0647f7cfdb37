using Dashboard.Components;
using Dashboard.Metrics;

namespace Dashboard.Tests.Metrics;

public sealed class TimeRangeTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("1h", 1)]
    [InlineData("3h", 3)]
    [InlineData("12h", 12)]
    [InlineData("24h", 24)]
    [InlineData("7d", 168)]
    [InlineData("3H", 3)]
    public void Parse_Preset_EndsNow(string value, int hours)
    {
        var (range, error) = TimeRange.Parse(value, null, null, Now);

        Assert.Null(error);
        Assert.Equal((Now.AddHours(-hours), Now), range.Resolve(Now));
        Assert.Equal(value.ToLowerInvariant(), range.ToQuery()["range"]);
        Assert.Null(range.ToQuery()["from"]);
    }

    [Fact]
    public void Parse_Nothing_DefaultsToThreeHours()
    {
        var (range, error) = TimeRange.Parse(null, "", " ", Now);

        Assert.Null(error);
        Assert.Same(TimeRange.Default, range);
        Assert.Equal("3h", range.Preset);
    }

    [Fact]
    public void Parse_Custom_IsoTimesRoundTripThroughTheQuery()
    {
        var (range, error) = TimeRange.Parse(null, "2026-11-25T09:00:00Z", "2026-11-25T11:30:00+01:00", Now);

        Assert.Null(error);
        Assert.True(range.IsCustom);
        Assert.Equal(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero), range.From);
        Assert.Equal(new DateTimeOffset(2026, 11, 25, 10, 30, 0, TimeSpan.Zero), range.To);
        var query = range.ToQuery();
        Assert.Null(query["range"]);
        Assert.Equal("2026-11-25T09:00:00Z", query["from"]);
        Assert.Equal("2026-11-25T10:30:00Z", query["to"]);
        Assert.Equal(range, TimeRange.Parse(null, query["from"], query["to"], Now).Range);
        Assert.Equal("Nov 25, 09:00 to Nov 25, 10:30 UTC", range.Description);
    }

    [Fact]
    public void Resolve_CustomEndingInTheFuture_StopsAtNow()
    {
        var range = TimeRange.Custom(Now.AddHours(-1), Now.AddHours(1));

        Assert.Equal((Now.AddHours(-1), Now), range.Resolve(Now));
    }

    [Theory]
    [InlineData("5h", null, null, "Unknown range '5h'. Use one of 1h, 3h, 12h, 24h, 7d, or from and to.")]
    [InlineData("3h", "2026-11-25T09:00:00Z", null, "Give either range or from and to, not both (range=3h, from=2026-11-25T09:00:00Z, to=).")]
    [InlineData(null, "2026-11-25T09:00:00Z", null, "A custom range needs both from and to; to is missing.")]
    [InlineData(null, null, "2026-11-25T09:00:00Z", "A custom range needs both from and to; from is missing.")]
    [InlineData(null, "yesterday", "2026-11-25T09:00:00Z", "from 'yesterday' is not a time. Write ISO 8601 with a zone, such as 2026-11-25T09:00:00Z.")]
    [InlineData(null, "2026-11-25T09:00:00Z", "later", "to 'later' is not a time. Write ISO 8601 with a zone, such as 2026-11-25T12:00:00Z.")]
    [InlineData(null, "2026-11-25T10:00:00Z", "2026-11-25T09:00:00Z", "from (2026-11-25T10:00:00Z) must be before to (2026-11-25T09:00:00Z).")]
    [InlineData(null, "2026-11-25T09:00:00Z", "2026-11-25T09:00:30Z", "A custom range must be at least a minute long.")]
    [InlineData(null, "2026-11-26T09:00:00Z", "2026-11-26T10:00:00Z", "from (2026-11-26T09:00:00Z) is in the future.")]
    [InlineData(null, "2025-01-01T00:00:00Z", "2025-01-02T00:00:00Z", "from (2025-01-01T00:00:00Z) is older than CloudWatch's 15 months of retention, so there is no data to show.")]
    public void Parse_BadInput_DefaultRangeAndAnErrorThatSaysWhy(string? range, string? from, string? to, string expected)
    {
        var result = TimeRange.Parse(range, from, to, Now);

        Assert.Equal(expected, result.Error);
        Assert.Same(TimeRange.Default, result.Range);
    }

    [Fact]
    public void Custom_Backwards_Throws() =>
        Assert.Throws<ArgumentException>(() => TimeRange.Custom(Now, Now.AddSeconds(-5)));

    [Fact]
    public void RuleUrl_KeepsRangeAndComparisonInTheQuery()
    {
        var rule = new RuleKey("default", "s3_file_upload_trigger_rule-demo");

        Assert.Equal("/rules/default/s3_file_upload_trigger_rule-demo", DashboardUrls.Rule(rule));
        Assert.Equal("/rules/default/s3_file_upload_trigger_rule-demo?range=24h", DashboardUrls.Rule(rule, TimeRange.Presets[3]));
        Assert.Equal(
            "/rules/default/r?from=2026-11-25T09%3A00%3A00Z&to=2026-11-25T10%3A00%3A00Z&compare=analytics%2Fclicks",
            DashboardUrls.Rule(new RuleKey("default", "r"), TimeRange.Custom(Now.AddHours(-3), Now.AddHours(-2)), new RuleKey("analytics", "clicks")));
    }
}
