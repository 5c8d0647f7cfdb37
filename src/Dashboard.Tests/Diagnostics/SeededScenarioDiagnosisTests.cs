using Amazon.S3;
using Amazon.S3.Model;
using Dashboard.Diagnostics;
using Dashboard.Tests.Shared;
using LocalCloud;
using LocalCloud.Hosting;
using LocalCloud.Scenarios;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Tests.Diagnostics;

/// <summary>
/// All ten checks over every seeded pipeline, after a few uploads to each: each break is found by the check that names
/// its cause (no false negative), and no healthy pipeline gets a warning or a failure (no false positive). A broken
/// pipeline may also show the consequences of its break, such as failed invocations and a DLQ with messages; any other
/// warning or failure on it counts as a false positive.
/// </summary>
public sealed class SeededScenarioDiagnosisTests : IAsyncLifetime
{
    private const string Account = "000000000000";

    /// <summary>The check that must fail for each break: its cause.</summary>
    private static readonly Dictionary<string, string> Causes = new(StringComparer.Ordinal)
    {
        [BrokenPipelines.MissingPermission] = "notify-event-permission",
        [BrokenPipelines.WrongTrust] = "trust-policy",
        [BrokenPipelines.OnDemandStart] = "start-trigger",
        [BrokenPipelines.ConcurrencyLimited] = "concurrency-risk",
        [BrokenPipelines.LiteralWildcard] = "event-pattern",
        [BrokenPipelines.Untrailed] = "source-wiring",
    };

    /// <summary>Checks that report a break's consequences: failed deliveries, a DLQ filling up, uploads that trigger nothing.</summary>
    private static readonly HashSet<string> Consequences = new(StringComparer.Ordinal) { "delivery-health", "retry-dlq" };

    private static readonly string[] Healthy = [DemoSeed.ProductsWorkflow, DemoSeed.OrdersWorkflow, DemoSeed.ClickstreamWorkflow];

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));
    private LocalCloudHost _cloud = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() =>
        _cloud = await LocalCloudHost.StartAsync(new LocalCloudSettings { Port = 0, SeedDemo = true, SyntheticTraffic = false }, _clock, Ct);

    public async ValueTask DisposeAsync() => await _cloud.DisposeAsync();

    [Fact]
    public async Task EverySeededScenario_IsDiagnosedWithNoFalsePositiveAndNoFalseNegative()
    {
        await UploadToEveryBrokenPipelineAsync();
        var sources = DiagnosticTestSources.ForLocalCloud(_cloud.Endpoint, _clock, Account, DemoSeed.Region);
        var checks = new ServiceCollection().AddDiagnosticChecks().BuildServiceProvider().GetServices<IDiagnosticCheck>().ToList();
        Assert.Equal(10, checks.Count);

        var falsePositives = new List<string>();
        var falseNegatives = new List<string>();
        foreach (var workflow in Healthy.Concat(Causes.Keys))
        {
            var facts = new WorkflowFacts(workflow, sources);
            var findings = (await Task.WhenAll(checks.Select(c => c.RunAsync(facts, Ct)))).SelectMany(f => f).ToList();
            var cause = Causes.GetValueOrDefault(workflow);
            if (cause is not null && !findings.Any(f => f.CheckId == cause && f.Status == CheckStatus.Fail))
            {
                falseNegatives.Add($"{workflow}: {cause} did not fail");
            }

            falsePositives.AddRange(findings
                .Where(f => f.Status is CheckStatus.Warn or CheckStatus.Fail)
                .Where(f => cause is null || (f.CheckId != cause && !Consequences.Contains(f.CheckId)))
                .Select(f => $"{workflow}: {f.CheckId} {f.Subject} {f.Status}: {f.Explanation}"));
            Assert.DoesNotContain(findings, f => f.Status == CheckStatus.Unknown);
        }

        TestContext.Current.TestOutputHelper?.WriteLine($"Seeded scenarios: {Causes.Count} broken, {Healthy.Length} healthy; false positives {falsePositives.Count}, false negatives {falseNegatives.Count}.");
        Assert.True(falsePositives.Count == 0, "False positives:" + Environment.NewLine + string.Join(Environment.NewLine, falsePositives));
        Assert.True(falseNegatives.Count == 0, "False negatives:" + Environment.NewLine + string.Join(Environment.NewLine, falseNegatives));
    }

    /// <summary>A few files under each broken pipeline's prefix, 30 s apart, as the synthetic stream would send them.</summary>
    private async Task UploadToEveryBrokenPipelineAsync()
    {
        using var s3 = new AmazonS3Client(LocalCloudServer.Credentials, new AmazonS3Config { ServiceURL = _cloud.Endpoint.ToString(), ForcePathStyle = true, AuthenticationRegion = DemoSeed.Region });
        foreach (var workflow in Causes.Keys)
        {
            var bucket = workflow == BrokenPipelines.Untrailed ? $"glue-event-untrailed-{Account}" : $"glue-event-scenarios-{Account}";
            for (var i = 0; i < 6; i++)
            {
                await s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = $"{BrokenPipelines.PrefixOf(workflow)}{Guid.NewGuid():N}.json", ContentBody = """{"id": 1}""" }, Ct);
                _clock.Advance(TimeSpan.FromSeconds(30));
            }
        }
    }
}
