using Dashboard.Diagnostics;
using Dashboard.Diagnostics.Checks;
using Dashboard.Tests.Shared;
using LocalCloud;
using LocalCloud.Hosting;
using LocalCloud.Scenarios;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Tests.Diagnostics;

/// <summary>
/// Checks 3, 4 and 5 against LocalCloud's seeded demo, over the wire: the seeded IAM breaks are diagnosed by the right
/// check with the right fix, the healthy pipelines pass, and after the fix's own AWS CLI command is run, a recheck passes.
/// </summary>
public sealed class IamChecksLocalCloudTests : IAsyncLifetime
{
    private const string Account = "000000000000";

    private static readonly IDiagnosticCheck[] IamChecks = [new TargetRoleCheck(), new TrustPolicyCheck(), new NotifyEventPermissionCheck()];

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));
    private LocalCloudHost _cloud = null!;
    private DiagnosticSources _sources = null!;

    public async ValueTask InitializeAsync()
    {
        _cloud = await LocalCloudHost.StartAsync(new LocalCloudSettings { Port = 0, SeedDemo = true, SyntheticTraffic = false }, _clock, TestContext.Current.CancellationToken);
        _sources = DiagnosticTestSources.ForLocalCloud(_cloud.Endpoint, _clock, Account, DemoSeed.Region);
    }

    public async ValueTask DisposeAsync()
    {
        await _cloud.DisposeAsync();
    }

    [Theory]
    [InlineData(DemoSeed.ProductsWorkflow)]
    [InlineData(DemoSeed.OrdersWorkflow)]
    [InlineData(DemoSeed.ClickstreamWorkflow)]
    public async Task HealthyPipeline_IamChecks_AllPass(string workflow)
    {
        var findings = await RunAsync(workflow);

        Assert.All(findings, f => Assert.True(f.Status == CheckStatus.Pass, $"{f.CheckId} for {f.Subject}: {f.Status}: {f.Explanation}"));
        Assert.Equal(IamChecks.Select(c => c.Id).Order(), findings.Select(f => f.CheckId).Distinct().Order());
    }

    [Fact]
    public async Task MissingPermission_FailsNotifyEventOnly_AndPassesAfterThePutRolePolicyFix()
    {
        var findings = await RunAsync(BrokenPipelines.MissingPermission);

        var failing = Assert.Single(findings, f => f.Status != CheckStatus.Pass);
        Assert.Equal("notify-event-permission", failing.CheckId);
        Assert.Equal(CheckStatus.Fail, failing.Status);
        Assert.StartsWith(NotifyEventPermissionCheck.Simulator, Assert.Single(failing.Evidence, e => e.Label == "Decided by").Text, StringComparison.Ordinal);
        Assert.Contains("glue:StartWorkflowRun, a common mix-up", failing.Explanation, StringComparison.Ordinal);
        var fix = Assert.Single(failing.Fixes, f => f.Kind == FixKind.Cli).Text;
        Assert.StartsWith($"aws iam put-role-policy --role-name {BrokenPipelines.RoleNameOf(BrokenPipelines.MissingPermission)} ", fix, StringComparison.Ordinal);

        await RunFixAsync(fix);

        var after = await RecheckAsync(BrokenPipelines.MissingPermission, new NotifyEventPermissionCheck());
        Assert.All(after, f => Assert.Equal(CheckStatus.Pass, f.Status));
        Assert.Contains("NotifyGlueWorkflow", Assert.Single(after).Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WrongTrust_FailsTrustOnly_AndPassesAfterTheUpdateAssumeRolePolicyFix()
    {
        var findings = await RunAsync(BrokenPipelines.WrongTrust);

        var failing = Assert.Single(findings, f => f.Status != CheckStatus.Pass);
        Assert.Equal("trust-policy", failing.CheckId);
        Assert.Equal(CheckStatus.Fail, failing.Status);
        Assert.Contains("it trusts glue.amazonaws.com", failing.Explanation, StringComparison.Ordinal);
        var fix = Assert.Single(failing.Fixes, f => f.Kind == FixKind.Cli).Text;
        Assert.StartsWith($"aws iam update-assume-role-policy --role-name {BrokenPipelines.RoleNameOf(BrokenPipelines.WrongTrust)} ", fix, StringComparison.Ordinal);

        await RunFixAsync(fix);

        var after = Assert.Single(await RecheckAsync(BrokenPipelines.WrongTrust, new TrustPolicyCheck()));
        Assert.Equal(CheckStatus.Pass, after.Status);
        Assert.Contains("EventBridgeAssumeRole", after.Explanation, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(BrokenPipelines.ConcurrencyLimited)]
    [InlineData(BrokenPipelines.LiteralWildcard)]
    [InlineData(BrokenPipelines.Untrailed)]
    [InlineData(BrokenPipelines.OnDemandStart)]
    public async Task BrokenOutsideIam_IamChecks_AllPass(string workflow)
    {
        var findings = await RunAsync(workflow);

        Assert.All(findings, f => Assert.True(f.Status == CheckStatus.Pass, $"{f.CheckId} for {f.Subject}: {f.Status}: {f.Explanation}"));
    }

    private async Task<List<Finding>> RunAsync(string workflow)
    {
        var facts = new WorkflowFacts(workflow, _sources);
        var results = await Task.WhenAll(IamChecks.Select(c => c.RunAsync(facts, TestContext.Current.CancellationToken)));
        return [.. results.SelectMany(r => r)];
    }

    private async Task<IReadOnlyList<Finding>> RecheckAsync(string workflow, IDiagnosticCheck check) =>
        await check.RunAsync(new WorkflowFacts(workflow, _sources) { Fresh = true }, TestContext.Current.CancellationToken);

    /// <summary>Runs the fix exactly as the finding shows it, split as a POSIX shell splits it.</summary>
    private async Task RunFixAsync(string command)
    {
        var words = CopiedCommand.Words(command);
        Assert.Equal("aws", words[0]);
        await new AwsCli(_cloud.Endpoint).RunAsync([.. words.Skip(1)]);
    }
}
