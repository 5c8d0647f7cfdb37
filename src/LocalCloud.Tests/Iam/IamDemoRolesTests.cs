using LocalCloud.Hosting;
using LocalCloud.Iam;
using LocalCloud.Scenarios;
using LocalCloud.Tests.Scenarios;
using Microsoft.Extensions.DependencyInjection;

namespace LocalCloud.Tests.Iam;

/// <summary>
/// The seeded demo's rules name IAM roles; IAM holds them, so EventBridge delivery can be judged: events may
/// assume the notify role from this account, and the role may notify the demo's workflows.
/// </summary>
public sealed class IamDemoRolesTests(SeededDemoFixture seeded) : IClassFixture<SeededDemoFixture>
{
    private const string Account = "000000000000";

    [Fact]
    public void DemoNotifyRole_TrustsEventsFromTheAccount_AndMayNotifyTheDemoWorkflows()
    {
        var authority = seeded.Cloud.Services.GetRequiredService<IRoleAuthority>();
        var demo = seeded.Cloud.Services.GetServices<ILocalCloudStartup>().OfType<DemoSeed>().Single();
        Dictionary<string, string> context = new()
        {
            ["aws:SourceArn"] = $"arn:aws:events:us-east-1:{Account}:rule/{DemoSeed.ProductsRule}",
            ["aws:SourceAccount"] = Account,
        };

        var assume = authority.CanAssume(Account, demo.NotifyRoleArn, "events.amazonaws.com", context);
        var notify = authority.IsAllowed(Account, demo.NotifyRoleArn, "glue:notifyEvent", $"arn:aws:glue:us-east-1:{Account}:workflow/{DemoSeed.ProductsWorkflow}", context);
        var otherAccount = authority.CanAssume(Account, demo.NotifyRoleArn, "events.amazonaws.com", new Dictionary<string, string>(context) { ["aws:SourceAccount"] = "111122223333" });

        Assert.Equal((AccessOutcome.Allowed, "EventBridgeFromThisAccount"), (assume.Outcome, assume.DecidingStatement));
        Assert.Equal((AccessOutcome.Allowed, "NotifyWorkflows"), (notify.Outcome, notify.DecidingStatement));
        Assert.Equal(AccessOutcome.ImplicitDeny, otherAccount.Outcome);
    }

    [Fact]
    public void DemoGlueRole_HasTheAwsManagedGlueServiceRole()
    {
        var authority = seeded.Cloud.Services.GetRequiredService<IRoleAuthority>();
        var role = $"arn:aws:iam::{Account}:role/{IamDemoRoles.GlueRoleName}";

        Assert.True(authority.CanAssume(Account, role, "glue.amazonaws.com", new Dictionary<string, string>()).IsAllowed);
        Assert.True(authority.IsAllowed(Account, role, "glue:GetWorkflow", "*", new Dictionary<string, string>()).IsAllowed);
    }
}
