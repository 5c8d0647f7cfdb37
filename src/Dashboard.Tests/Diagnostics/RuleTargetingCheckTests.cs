using Dashboard.Diagnostics;
using Dashboard.Diagnostics.Checks;

namespace Dashboard.Tests.Diagnostics;

public sealed class RuleTargetingCheckTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RuleTargeting_EnabledRuleOnCustomBus_PassesNamingBusAndState()
    {
        using var bed = new WiringTestBed();
        bed.Events.AddBus("analytics").AddRule("clicks", WiringTestBed.WorkflowArn, bus: "analytics");

        var finding = Assert.Single(await new RuleTargetingCheck().RunAsync(bed.Facts(), Ct));

        Assert.Equal(CheckStatus.Pass, finding.Status);
        Assert.Equal("analytics/clicks", finding.Subject);
        Assert.Contains(finding.Evidence, e => e.Label == "Event bus" && e.Text == "analytics");
        Assert.Contains(finding.Evidence, e => e.Label == "State" && e.Text == "ENABLED");
    }

    [Fact]
    public async Task RuleTargeting_DisabledRule_FailsWithEnableRuleCommand()
    {
        using var bed = new WiringTestBed();
        bed.Events.AddRule("uploads", WiringTestBed.WorkflowArn, state: "DISABLED").AddBus("ops").AddRule("ops-uploads", WiringTestBed.WorkflowArn, bus: "ops");

        var findings = await new RuleTargetingCheck().RunAsync(bed.Facts(), Ct);

        var disabled = Assert.Single(findings, f => f.Subject == "uploads");
        Assert.Equal(CheckStatus.Fail, disabled.Status);
        Assert.Contains("DISABLED", disabled.Explanation, StringComparison.Ordinal);
        Assert.Contains(disabled.Fixes, f => f.Kind == FixKind.Cli && f.Text == "aws events enable-rule --name uploads");
        Assert.Equal(CheckStatus.Pass, Assert.Single(findings, f => f.Subject == "ops/ops-uploads").Status);
    }

    [Fact]
    public async Task RuleTargeting_NoRule_FailsWithPutRuleAndPutTargets()
    {
        using var bed = new WiringTestBed();
        bed.Events.AddRule("other", "arn:aws:glue:eu-west-1:123456789012:workflow/other");

        var finding = Assert.Single(await new RuleTargetingCheck().RunAsync(bed.Facts(), Ct));

        Assert.Equal(CheckStatus.Fail, finding.Status);
        var cli = Assert.Single(finding.Fixes, f => f.Kind == FixKind.Cli);
        Assert.Contains("aws events put-rule --name products_rule", cli.Text, StringComparison.Ordinal);
        Assert.Contains($"aws events put-targets --rule products_rule --targets 'Id=workflow,Arn={WiringTestBed.WorkflowArn},RoleArn=", cli.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RuleTargeting_ListRuleNamesByTargetDenied_UnknownNamingTheAction()
    {
        using var bed = new WiringTestBed();
        bed.Events.Failure = WiringTestBed.Denied("EventBridge", "ListEventBuses", "events:ListEventBuses");

        var finding = Assert.Single(await new RuleTargetingCheck().RunAsync(bed.Facts(), Ct));

        Assert.Equal(CheckStatus.Unknown, finding.Status);
        Assert.Equal("events:ListRuleNamesByTarget", finding.MissingPermission);
    }
}
