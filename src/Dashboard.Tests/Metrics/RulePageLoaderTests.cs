using System.Net;
using Amazon.Runtime;
using Dashboard.Aws.Glue;
using Dashboard.Aws.Protocol;
using Dashboard.Metrics;
using Dashboard.Tests.Shared;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Tests.Metrics;

public sealed class RulePageLoaderTests
{
    private static readonly RuleKey Rule = new("default", "products-upload");

    private readonly FakeCloudWatch _cloudWatch = new();
    private readonly FakeEventBridge _events = new();
    private readonly FakeGlue _glue = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));

    public RulePageLoaderTests() =>
        _events.AddRule(Rule.RuleName, "arn:aws:glue:eu-west-1:123456789012:workflow/products");

    private RulePageLoader Loader()
    {
        var cache = new ServiceCollection().AddHybridCache().Services.BuildServiceProvider().GetRequiredService<HybridCache>();
        var metrics = new RuleMetrics(_cloudWatch, cache, _clock, NullLogger<RuleMetrics>.Instance);
        var rules = new RuleCatalog(_events, cache, _clock, NullLogger<RuleCatalog>.Instance);
        return new RulePageLoader(rules, metrics, _glue, _clock, NullLogger<RulePageLoader>.Instance);
    }

    private void AddRuns(int count, TimeSpan spacing)
    {
        // FakeGlue lists the last added first, as Glue lists the newest first.
        for (var i = count - 1; i >= 0; i--)
        {
            _glue.AddRun("products", new WorkflowRun { WorkflowRunId = $"wr_{i}", Status = "COMPLETED", StartedOn = _clock.GetUtcNow() - (spacing * i) });
        }
    }

    [Fact]
    public async Task Load_RunStarts_StopsPagingOnceARunIsOlderThanTheRange()
    {
        AddRuns(300, TimeSpan.FromMinutes(1));

        var data = await Loader().LoadAsync(Rule, null, TimeRange.Presets[0], TestContext.Current.CancellationToken);

        Assert.Equal(61, data.RunStarts.Count);
        Assert.False(data.RunsTruncated);
        Assert.Equal(1, _glue.Calls["GetWorkflowRuns"]);
        Assert.True(data.RunStarts.SequenceEqual(data.RunStarts.OrderBy(r => r.StartedOn)));
    }

    [Fact]
    public async Task Load_MoreRunsThanThePageLimit_Truncated()
    {
        AddRuns(1200, TimeSpan.FromSeconds(5));

        var data = await Loader().LoadAsync(Rule, null, TimeRange.Presets[1], TestContext.Current.CancellationToken);

        Assert.True(data.RunsTruncated);
        Assert.Equal(RulePageLoader.RunPageSize * RulePageLoader.MaxRunPages, data.RunStarts.Count);
        Assert.Equal(RulePageLoader.MaxRunPages, _glue.Calls["GetWorkflowRuns"]);
    }

    [Fact]
    public async Task Load_GlueDenied_MetricsStillLoad()
    {
        _glue.Failure = AwsErrors.Create(new("Glue", "GetWorkflowRuns", "AccessDeniedException", "no", null, HttpStatusCode.BadRequest, ErrorType.Sender));

        var data = await Loader().LoadAsync(Rule, null, TimeRange.Default, TestContext.Current.CancellationToken);

        Assert.True(data.IsPartial);
        Assert.NotNull(data.Metrics);
        Assert.Contains("glue:GetWorkflowRuns", data.RunsError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Load_MissingRule_NotFoundWithoutCallingCloudWatch()
    {
        var data = await Loader().LoadAsync(new RuleKey("default", "gone"), null, TimeRange.Default, TestContext.Current.CancellationToken);

        Assert.NotNull(data.NotFound);
        Assert.Null(data.Definition);
        Assert.Empty(_cloudWatch.Requests);
    }
}
