using System.Text.Json;
using Dashboard.Aws.CloudWatch;
using Dashboard.Aws.Protocol;
using Dashboard.Tests.Shared;

namespace Dashboard.Tests.Aws.CloudWatch;

/// <summary>
/// Our CloudWatch client against moto_server, seeded with the AWS CLI. The seeded metrics are EventBridge's own
/// (AWS/Events, per rule and per bus and rule); real CloudWatch refuses PutMetricData into AWS/ namespaces, moto
/// accepts it, which lets these tests read them exactly as the dashboard will.
/// </summary>
public sealed class CloudWatchContractTests(MotoServer moto) : IClassFixture<MotoServer>
{
    private const string Events = "AWS/Events";

    private readonly string _prefix = "cw" + Guid.NewGuid().ToString("N")[..8];

    /// <summary>A whole minute, well inside the retention window and behind the clock.</summary>
    private readonly DateTimeOffset _base = FloorToMinute(DateTimeOffset.UtcNow).AddMinutes(-30);

    private string Rule => $"{_prefix}-rule";

    private string Bus => $"{_prefix}-bus";

    private CloudWatchClient Client() => new(TestClients.Credentials, TestClients.EndpointConfig(CloudWatchClient.Spec, moto.Endpoint));

    private static DateTimeOffset FloorToMinute(DateTimeOffset time) =>
        new(time.Year, time.Month, time.Day, time.Hour, time.Minute, 0, TimeSpan.Zero);

    private object Datum(string metric, double value, TimeSpan offset, bool withBus = false) => new
    {
        MetricName = metric,
        Dimensions = withBus
            ? new[] { new { Name = "EventBusName", Value = Bus }, new { Name = "RuleName", Value = Rule } }
            : [new { Name = "RuleName", Value = Rule }],
        Value = value,
        Unit = "Count",
        Timestamp = (_base + offset).ToUnixTimeSeconds(),
    };

    /// <remarks>
    /// botocore gzips PutMetricData bodies from 10 KiB on, and moto_server 5.2.1 fails such a request with HTTP 500
    /// (it gunzips a body its web server already inflated), so larger seeds go in calls below that size.
    /// </remarks>
    private async Task PutMetricDataAsync(IEnumerable<object> data)
    {
        const int MaxUncompressedBytes = 8 * 1024;
        var batch = new List<string>();
        var size = 0;
        foreach (var datum in data.Select(d => JsonSerializer.Serialize(d)))
        {
            if (batch.Count > 0 && size + datum.Length > MaxUncompressedBytes)
            {
                await PutBatchAsync(batch);
                batch.Clear();
                size = 0;
            }

            batch.Add(datum);
            size += datum.Length + 1;
        }

        if (batch.Count > 0)
        {
            await PutBatchAsync(batch);
        }
    }

    private async Task PutBatchAsync(List<string> data)
    {
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(file, $"[{string.Join(',', data)}]", TestContext.Current.CancellationToken);
            await new AwsCli(moto.Endpoint).RunAsync("cloudwatch", "put-metric-data", "--namespace", Events, "--metric-data", $"file://{file}");
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>Three rule metrics over five minutes, and the rule's invocations per bus and rule.</summary>
    private Task SeedRuleMetricsAsync() => PutMetricDataAsync(
    [
        Datum("TriggeredRules", 2, TimeSpan.FromSeconds(5)),
        Datum("Invocations", 1, TimeSpan.FromSeconds(5)),
        Datum("Invocations", 2, TimeSpan.FromSeconds(40)),
        Datum("TriggeredRules", 3, TimeSpan.FromSeconds(70)),
        Datum("Invocations", 3, TimeSpan.FromSeconds(70)),
        Datum("FailedInvocations", 1, TimeSpan.FromSeconds(75)),
        Datum("Invocations", 7, TimeSpan.FromSeconds(130), withBus: true),
        Datum("TriggeredRules", 4, TimeSpan.FromSeconds(190)),
        Datum("Invocations", 4, TimeSpan.FromSeconds(190)),
        Datum("FailedInvocations", 2, TimeSpan.FromSeconds(200)),
        Datum("FailedInvocations", 1, TimeSpan.FromSeconds(230)),
    ]);

    private MetricDataQuery SumPerMinute(string id, string metric, bool withBus = false, bool? returnData = null) => new()
    {
        Id = id,
        Label = $"{metric} of {Rule}",
        ReturnData = returnData,
        MetricStat = new()
        {
            Metric = new()
            {
                Namespace = Events,
                MetricName = metric,
                // moto 5.2.1 compares dimension sets after sorting them with a broken comparator, so the order sent
                // must be the order put; CloudWatch itself ignores the order.
                Dimensions = withBus
                    ? [new() { Name = "EventBusName", Value = Bus }, new() { Name = "RuleName", Value = Rule }]
                    : [new() { Name = "RuleName", Value = Rule }],
            },
            Period = 60,
            Stat = "Sum",
        },
    };

    [Fact]
    public async Task GetMetricData_SumsEachRuleMetricPerMinute()
    {
        moto.Require();
        await SeedRuleMetricsAsync();
        using var cloudWatch = Client();
        var request = new GetMetricDataRequest
        {
            MetricDataQueries =
            [
                SumPerMinute("invocations", "Invocations"),
                SumPerMinute("failed", "FailedInvocations"),
                SumPerMinute("triggered", "TriggeredRules"),
                SumPerMinute("bus_invocations", "Invocations", withBus: true),
                SumPerMinute("hidden", "TriggeredRules", returnData: false),
            ],
            StartTime = _base,
            EndTime = _base.AddMinutes(5),
            ScanBy = "TimestampAscending",
        };

        // moto 5.2.1 never pages GetMetricData (no NextToken, MaxDatapoints ignored): one page through the paginator.
        var results = new List<MetricDataResult>();
        await foreach (var page in cloudWatch.GetMetricDataPagesAsync(request, TestContext.Current.CancellationToken))
        {
            results.AddRange(page.MetricDataResults ?? []);
        }

        var byId = results.ToDictionary(r => r.Id ?? string.Empty);
        Assert.Equal(["bus_invocations", "failed", "invocations", "triggered"], byId.Keys.Order(StringComparer.Ordinal));
        Assert.All(results, r => Assert.Equal("Complete", r.StatusCode));

        var invocations = byId["invocations"];
        Assert.Equal($"Invocations of {Rule}", invocations.Label);
        Assert.Equal([_base, _base.AddMinutes(1), _base.AddMinutes(3)], invocations.Timestamps);
        Assert.Equal([3.0, 3.0, 4.0], invocations.Values);

        Assert.Equal([_base.AddMinutes(1), _base.AddMinutes(3)], byId["failed"].Timestamps);
        Assert.Equal([1.0, 3.0], byId["failed"].Values);

        Assert.Equal([_base, _base.AddMinutes(1), _base.AddMinutes(3)], byId["triggered"].Timestamps);
        Assert.Equal([2.0, 3.0, 4.0], byId["triggered"].Values);

        // A metric is its exact set of dimensions: the per-bus series is apart from the per-rule one.
        Assert.Equal([_base.AddMinutes(2)], byId["bus_invocations"].Timestamps);
        Assert.Equal([7.0], byId["bus_invocations"].Values);
    }

    [Fact]
    public async Task GetMetricData_DefaultScan_ReturnsNewestFirst()
    {
        moto.Require();
        await SeedRuleMetricsAsync();
        using var cloudWatch = Client();

        var response = await cloudWatch.GetMetricDataAsync(new()
        {
            MetricDataQueries = [SumPerMinute("failed", "FailedInvocations")],
            StartTime = _base,
            EndTime = _base.AddMinutes(5),
        });

        var failed = Assert.Single(response.MetricDataResults ?? []);
        Assert.Equal([_base.AddMinutes(3), _base.AddMinutes(1)], failed.Timestamps);
        Assert.Equal([3.0, 1.0], failed.Values);
        Assert.Null(response.NextToken);
    }

    [Fact]
    public async Task GetMetricData_EndBeforeStart_ThrowsTypedInvalidInputFromQueryErrorHeader()
    {
        moto.Require();
        using var cloudWatch = Client();

        var error = await Assert.ThrowsAsync<AwsInvalidInputException>(() => cloudWatch.GetMetricDataAsync(new()
        {
            MetricDataQueries = [SumPerMinute("invocations", "Invocations")],
            StartTime = _base.AddMinutes(5),
            EndTime = _base,
        }));

        Assert.Equal("ValidationError", error.ErrorCode);
        Assert.Contains("EndTime", error.AwsMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListMetrics_FiltersByNamespaceNameAndDimension()
    {
        moto.Require();
        await SeedRuleMetricsAsync();
        using var cloudWatch = Client();

        var byRule = await AllMetricsAsync(cloudWatch, new() { Namespace = Events, Dimensions = [new() { Name = "RuleName", Value = Rule }] });
        // Every metric that has the dimension matches, whatever other dimensions it has.
        Assert.Equal(
            ["FailedInvocations RuleName", "Invocations EventBusName,RuleName", "Invocations RuleName", "TriggeredRules RuleName"],
            byRule.Select(Describe).Order(StringComparer.Ordinal));
        Assert.All(byRule, m => Assert.Equal(Events, m.Namespace));

        var invocations = await AllMetricsAsync(cloudWatch, new()
        {
            Namespace = Events,
            MetricName = "Invocations",
            Dimensions = [new() { Name = "RuleName", Value = Rule }],
        });
        Assert.Equal(["Invocations EventBusName,RuleName", "Invocations RuleName"], invocations.Select(Describe).Order(StringComparer.Ordinal));

        var byBus = await AllMetricsAsync(cloudWatch, new() { Namespace = Events, Dimensions = [new() { Name = "EventBusName", Value = Bus }] });
        var busMetric = Assert.Single(byBus);
        Assert.Equal(Rule, busMetric.Dimensions?.Single(d => d.Name == "RuleName").Value);

        Assert.Empty(await AllMetricsAsync(cloudWatch, new() { Namespace = "AWS/Glue", Dimensions = [new() { Name = "RuleName", Value = Rule }] }));
    }

    /// <remarks>moto pages ListMetrics by 500, as CloudWatch does, so the test puts 501 metrics on one bus.</remarks>
    [Fact]
    public async Task ListMetrics_PagesAcrossNextToken()
    {
        moto.Require();
        const int Rules = 501;
        await PutMetricDataAsync(Enumerable.Range(0, Rules).Select(i => new
        {
            MetricName = "Invocations",
            Dimensions = new[] { new { Name = "EventBusName", Value = Bus }, new { Name = "RuleName", Value = $"{_prefix}-rule-{i:D3}" } },
            Value = 1.0,
            Timestamp = _base.ToUnixTimeSeconds(),
        }));
        using var cloudWatch = Client();

        var pages = new List<ListMetricsResponse>();
        await foreach (var page in cloudWatch.ListMetricsPagesAsync(
            new() { Namespace = Events, Dimensions = [new() { Name = "EventBusName", Value = Bus }] }, TestContext.Current.CancellationToken))
        {
            pages.Add(page);
        }

        Assert.Equal([500, 1], pages.Select(p => p.Metrics?.Count ?? 0));
        Assert.NotNull(pages[0].NextToken);
        var rules = pages.SelectMany(p => p.Metrics ?? []).Select(m => m.Dimensions?.Single(d => d.Name == "RuleName").Value).ToHashSet();
        Assert.Equal(Rules, rules.Count);
    }

    private static async Task<List<Metric>> AllMetricsAsync(ICloudWatchApi cloudWatch, ListMetricsRequest request)
    {
        var metrics = new List<Metric>();
        await foreach (var page in cloudWatch.ListMetricsPagesAsync(request, TestContext.Current.CancellationToken))
        {
            metrics.AddRange(page.Metrics ?? []);
        }

        return metrics;
    }

    private static string Describe(Metric metric) =>
        $"{metric.MetricName} {string.Join(',', (metric.Dimensions ?? []).Select(d => d.Name).Order(StringComparer.Ordinal))}";
}
