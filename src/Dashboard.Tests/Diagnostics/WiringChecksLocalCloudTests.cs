using Dashboard.Diagnostics;
using Dashboard.Diagnostics.Checks;
using Dashboard.Tests.Shared;
using LocalCloud;
using LocalCloud.Hosting;
using LocalCloud.Scenarios;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Tests.Diagnostics;

/// <summary>
/// Checks 2, 6 and 7 against LocalCloud's seeded demo: the broken pipelines in their area fail with the right fix, the
/// healthy ones show no fail and no warn, and after the finding's fix is applied with the AWS CLI the check passes.
/// </summary>
public sealed class WiringChecksLocalCloudTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.Zero));
    private LocalCloudHost _cloud = null!;
    private DiagnosticSources _sources = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _cloud = await LocalCloudHost.StartAsync(new LocalCloudSettings { Port = 0, SeedDemo = true, SyntheticTraffic = false }, _clock, Ct);
        _sources = DiagnosticTestSources.ForLocalCloud(_cloud.Endpoint, _clock, LocalCloudServer.Account, DemoSeed.Region);
    }

    private async Task<Finding> RunAsync(IDiagnosticCheck check, string workflow) =>
        Assert.Single(await check.RunAsync(new WorkflowFacts(workflow, _sources), Ct));

    public static TheoryData<string> Healthy => [DemoSeed.ProductsWorkflow, DemoSeed.OrdersWorkflow, DemoSeed.ClickstreamWorkflow];

    [Theory]
    [MemberData(nameof(Healthy))]
    public async Task WiringChecks_HealthyPipeline_NoFailNoWarn(string workflow)
    {
        foreach (var check in new IDiagnosticCheck[] { new RuleTargetingCheck(), new SourceWiringCheck(), new EventPatternCheck() })
        {
            var finding = await RunAsync(check, workflow);
            Assert.True(finding.Status == CheckStatus.Pass, $"{check.Id} for {workflow}: {finding.Status}: {finding.Explanation}");
        }
    }

    [Fact]
    public async Task RuleTargeting_OnDemandStartPipeline_PassesBecauseARuleTargetsIt() =>
        Assert.Equal(CheckStatus.Pass, (await RunAsync(new RuleTargetingCheck(), BrokenPipelines.OnDemandStart)).Status);

    [Fact]
    public async Task EventPattern_LiteralWildcardPipeline_FailsAndPassesAfterTheFix()
    {
        var check = new EventPatternCheck();
        var finding = await RunAsync(check, BrokenPipelines.LiteralWildcard);
        Assert.Equal(CheckStatus.Fail, finding.Status);
        Assert.Contains("literal '*'", finding.Explanation, StringComparison.Ordinal);
        var fix = Assert.Single(finding.Fixes, f => f.Kind == FixKind.Cli);
        Assert.Contains("{\"prefix\":\"invoices/\"}", fix.Text, StringComparison.Ordinal);

        await ApplyAsync(fix);

        Assert.Equal(CheckStatus.Pass, (await RunAsync(check, BrokenPipelines.LiteralWildcard)).Status);
    }

    [Fact]
    public async Task SourceWiring_UntrailedPipeline_FailsAndPassesAfterTheFix()
    {
        var check = new SourceWiringCheck();
        var finding = await RunAsync(check, BrokenPipelines.Untrailed);
        Assert.Equal(CheckStatus.Fail, finding.Status);
        var fix = Assert.Single(finding.Fixes, f => f.Kind == FixKind.Cli);
        Assert.StartsWith($"aws cloudtrail put-event-selectors --trail-name {BrokenPipelines.UntrailedTrail} ", fix.Text, StringComparison.Ordinal);

        await ApplyAsync(fix);

        Assert.Equal(CheckStatus.Pass, (await RunAsync(check, BrokenPipelines.Untrailed)).Status);
    }

    /// <summary>Runs a fix's CLI command as a user would paste it: words, with single-quoted JSON kept whole.</summary>
    private async Task ApplyAsync(Fix fix)
    {
        var cli = new AwsCli(_cloud.Endpoint);
        foreach (var line in fix.Text.Split(Environment.NewLine))
        {
            var words = CopiedCommand.Words(line);
            Assert.Equal("aws", words[0]);
            await cli.RunAsync([.. words.Skip(1)]);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _cloud.DisposeAsync();
    }
}
