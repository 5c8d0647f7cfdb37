using System.Text.Json;
using LocalCloud.Hosting;
using LocalCloud.Iam;
using LocalCloud.Protocol;
using LocalCloud.Scenarios;
using Microsoft.Extensions.DependencyInjection;

namespace LocalCloud.Tests.Persistence;

/// <summary>With a data path, IAM's roles, policies, versions, attachments and boundaries answer the same after a restart.</summary>
public sealed class IamRestartTests : IAsyncLifetime
{
    private const string Trust = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"events.amazonaws.com"},"Action":"sts:AssumeRole"}]}""";
    private const string Notify = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"glue:notifyEvent","Resource":"arn:aws:glue:us-east-1:123456789012:workflow/*"}]}""";
    private const string Start = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"glue:StartWorkflowRun","Resource":"*"}]}""";
    private const string Boundary = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["glue:*","s3:GetObject"],"Resource":"*"}]}""";
    private const string Read = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}""";
    private const string RoleName = "delivery";
    private const string GlueServiceRole = "arn:aws:iam::aws:policy/service-role/AWSGlueServiceRole";

    private readonly DurableCloud _cloud = new();
    private readonly RequestContext _context = new(DurableCloud.Account, "us-east-1", "iam", "test", DurableCloud.Account);

    public async ValueTask InitializeAsync() => await _cloud.StartAsync();

    public async ValueTask DisposeAsync() => await _cloud.DisposeAsync();

    [Fact]
    public async Task Restart_RolesPoliciesVersionsAttachmentsBoundary_AnswerTheSame()
    {
        var iam = Iam();
        var notifyArn = iam.CreatePolicy(_context, new CreatePolicyRequest("notify", "/pipelines/", Notify, "Lets rules notify workflows.", [new Tag("team", "data")])).Policy.Arn;
        iam.CreatePolicyVersion(_context, new CreatePolicyVersionRequest(notifyArn, Start, SetAsDefault: true));
        iam.CreatePolicyVersion(_context, new CreatePolicyVersionRequest(notifyArn, Notify, SetAsDefault: false));
        iam.DeletePolicyVersion(_context, new PolicyVersionRequest(notifyArn, "v3"));
        var boundaryArn = iam.CreatePolicy(_context, new CreatePolicyRequest("boundary", null, Boundary, null, null)).Policy.Arn;
        iam.CreateRole(_context, new CreateRoleRequest("/service-role/", RoleName, Trust, "Delivers events.", 7200, boundaryArn, [new Tag("env", "dev")]));
        iam.PutRolePolicy(_context, new PutRolePolicyRequest(RoleName, "read", Read));
        iam.AttachRolePolicy(_context, new RolePolicyArnRequest(RoleName, notifyArn));
        iam.AttachRolePolicy(_context, new RolePolicyArnRequest(RoleName, GlueServiceRole));
        iam.CreateRole(_context, new CreateRoleRequest(null, "gone", Trust, null, null, null, null));
        iam.DeleteRole(_context, new RoleNameRequest("gone"));
        var before = Answers(iam, notifyArn, boundaryArn);
        _cloud.Clock.Advance(TimeSpan.FromHours(1));

        await _cloud.RestartAsync();

        iam = Iam();
        Assert.Equal(before, Answers(iam, notifyArn, boundaryArn));
        Assert.Equal("NoSuchEntity", Assert.Throws<AwsServiceException>(() => iam.GetRole(_context, new RoleNameRequest("gone"))).Code);

        // Version ids are never reused: v3 was deleted before the restart, so the next is v4.
        Assert.Equal("v4", iam.CreatePolicyVersion(_context, new CreatePolicyVersionRequest(notifyArn, Notify, false)).PolicyVersion.VersionId);

        // The compiled policies are rebuilt: a change after the restart moves the decision.
        iam.SetDefaultPolicyVersion(_context, new PolicyVersionRequest(notifyArn, "v1"));
        Assert.Equal("allowed", Simulate(iam, "glue:notifyEvent")[0].EvalDecision);
    }

    [Fact]
    public async Task Restart_DemoSeed_KeepsRolesAndTheirIds()
    {
        await _cloud.StopAsync();
        var settings = new LocalCloudSettings { Port = 0, SeedDemo = true, DataPath = _cloud.DataPath };
        var seeded = new RequestContext(settings.AccountId, "us-east-1", "iam", "test", settings.AccountId);
        string roleId;
        await using (var first = await LocalCloudHost.StartAsync(settings, _cloud.Clock, CancellationToken.None))
        {
            roleId = first.Services.GetRequiredService<IamBackend>().GetRole(seeded, new RoleNameRequest(IamDemoRoles.NotifyRoleName)).Role.RoleId;
        }

        await using var second = await LocalCloudHost.StartAsync(settings, _cloud.Clock, CancellationToken.None);
        var iam = second.Services.GetRequiredService<IamBackend>();
        Assert.Equal(roleId, iam.GetRole(seeded, new RoleNameRequest(IamDemoRoles.NotifyRoleName)).Role.RoleId);
        Assert.Equal(["glue-notify-event"], iam.ListRolePolicies(seeded, new ListRolePoliciesRequest(IamDemoRoles.NotifyRoleName, null, null)).PolicyNames);
        Assert.Equal(["start-workflows"], iam.ListRolePolicies(seeded, new ListRolePoliciesRequest(BrokenPipelines.RoleNameOf(BrokenPipelines.MissingPermission), null, null)).PolicyNames);
        Assert.Equal(GlueServiceRole, Assert.Single(iam.ListAttachedRolePolicies(seeded, new ListAttachedRolePoliciesRequest(IamDemoRoles.GlueRoleName, null, null, null)).AttachedPolicies).PolicyArn);
    }

    private IamBackend Iam() => (_cloud.Cloud ?? throw new InvalidOperationException("Not started.")).Services.GetRequiredService<IamBackend>();

    private List<EvaluationResult> Simulate(IamBackend iam, params string[] actions) =>
        iam.SimulatePrincipalPolicy(_context, new SimulatePrincipalPolicyRequest(
            $"arn:aws:iam::{DurableCloud.Account}:role/service-role/{RoleName}", null, null, [.. actions], null, null, null, null, null, null, null, null)).EvaluationResults;

    /// <summary>What the read operations answer, as JSON so records holding lists compare by content.</summary>
    private string Answers(IamBackend iam, string notifyArn, string boundaryArn) => JsonSerializer.Serialize(new object[]
    {
        iam.GetRole(_context, new RoleNameRequest(RoleName)),
        iam.ListRoles(_context, new ListRolesRequest(null, null, null)),
        iam.ListRolePolicies(_context, new ListRolePoliciesRequest(RoleName, null, null)),
        iam.GetRolePolicy(_context, new RolePolicyRequest(RoleName, "read")),
        iam.ListAttachedRolePolicies(_context, new ListAttachedRolePoliciesRequest(RoleName, null, null, null)),
        iam.GetPolicy(_context, new PolicyArnRequest(notifyArn)),
        iam.GetPolicy(_context, new PolicyArnRequest(boundaryArn)),
        iam.ListPolicyVersions(_context, new ListPolicyVersionsRequest(notifyArn, null, null)),
        iam.GetPolicyVersion(_context, new PolicyVersionRequest(notifyArn, "v1")),
        iam.GetPolicyVersion(_context, new PolicyVersionRequest(notifyArn, "v2")),
        Simulate(iam, "glue:notifyEvent", "glue:StartWorkflowRun", "s3:GetObject", "s3:PutObject"),
    });
}
