using System.Text.Json;
using System.Text.Json.Nodes;
using Dashboard.Aws.Iam;
using Dashboard.Aws.Protocol;
using Dashboard.Tests.Shared;

namespace Dashboard.Tests.Aws.Iam;

/// <summary>
/// Our IAM client against moto_server, seeded with the AWS CLI: the role an EventBridge rule uses to notify a Glue
/// workflow. moto 5.2.1 does not implement SimulatePrincipalPolicy; IamWireTests cover it.
/// </summary>
public sealed class IamContractTests(MotoServer moto) : IClassFixture<MotoServer>
{
    private readonly string _prefix = "ic" + Guid.NewGuid().ToString("N")[..8];

    private string RoleName => $"{_prefix}-events-to-glue";

    private string WorkflowArn => $"arn:aws:glue:{MotoServer.Region}:{MotoServer.Account}:workflow/{_prefix}-wf";

    private string ReadPolicyArn => $"arn:aws:iam::{MotoServer.Account}:policy/{_prefix}-glue-read";

    private string LogsPolicyArn => $"arn:aws:iam::{MotoServer.Account}:policy/{_prefix}-logs";

    private const string TrustPolicy =
        """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"events.amazonaws.com"},"Action":"sts:AssumeRole"}]}""";

    private string NotifyPolicy =>
        $$"""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"glue:notifyEvent","Resource":"{{WorkflowArn}}"}]}""";

    private const string ReadPolicyV1 =
        """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"glue:GetWorkflow","Resource":"*"}]}""";

    private const string ReadPolicyV2 =
        """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["glue:GetWorkflow","glue:GetWorkflowRun"],"Resource":"*"}]}""";

    private const string LogsPolicy =
        """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"logs:PutLogEvents","Resource":"*"}]}""";

    private IamClient Client() => new(TestClients.Credentials, TestClients.EndpointConfig(IamClient.Spec, moto.Endpoint));

    private AwsCli Cli() => new(moto.Endpoint);

    private Task SeedRoleAsync() => Cli().RunAsync("iam", "create-role", "--role-name", RoleName, "--path", "/service-role/",
        "--assume-role-policy-document", TrustPolicy, "--description", "EventBridge notifies a Glue workflow");

    private async Task SeedInlinePoliciesAsync()
    {
        await Cli().RunAsync("iam", "put-role-policy", "--role-name", RoleName, "--policy-name", "notify-workflow", "--policy-document", NotifyPolicy);
        await Cli().RunAsync("iam", "put-role-policy", "--role-name", RoleName, "--policy-name", "write-logs", "--policy-document", LogsPolicy);
    }

    /// <summary>The glue-read managed policy at v2 (the default), attached to the role.</summary>
    private async Task SeedReadPolicyAsync()
    {
        await Cli().RunAsync("iam", "create-policy", "--policy-name", $"{_prefix}-glue-read", "--policy-document", ReadPolicyV1, "--description", "Read Glue workflows");
        await Cli().RunAsync("iam", "create-policy-version", "--policy-arn", ReadPolicyArn, "--policy-document", ReadPolicyV2, "--set-as-default");
        await Cli().RunAsync("iam", "attach-role-policy", "--role-name", RoleName, "--policy-arn", ReadPolicyArn);
    }

    private async Task SeedLogsPolicyAsync()
    {
        await Cli().RunAsync("iam", "create-policy", "--policy-name", $"{_prefix}-logs", "--policy-document", LogsPolicy);
        await Cli().RunAsync("iam", "attach-role-policy", "--role-name", RoleName, "--policy-arn", LogsPolicyArn);
    }

    private static void AssertSameJson(string expected, string? actual)
    {
        Assert.NotNull(actual);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), JsonNode.Parse(actual)), $"Expected {expected}, got {actual}");
    }

    [Fact]
    public async Task GetRole_ReturnsTheRoleWithItsDecodedTrustPolicy()
    {
        moto.Require();
        await SeedRoleAsync();
        using var iam = Client();

        var role = (await iam.GetRoleAsync(new() { RoleName = RoleName })).Role;

        Assert.NotNull(role);
        Assert.Equal(RoleName, role.RoleName);
        Assert.Equal("/service-role/", role.Path);
        Assert.Equal($"arn:aws:iam::{MotoServer.Account}:role/service-role/{RoleName}", role.Arn);
        Assert.Equal("EventBridge notifies a Glue workflow", role.Description);
        Assert.False(string.IsNullOrEmpty(role.RoleId));
        Assert.InRange(role.CreateDate ?? default, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(5));
        // IAM sends the trust policy URL-encoded; moto does too.
        Assert.StartsWith("%7B", role.AssumeRolePolicyDocument, StringComparison.Ordinal);
        AssertSameJson(TrustPolicy, role.AssumeRolePolicyDocumentJson);
        var principal = JsonDocument.Parse(role.AssumeRolePolicyDocumentJson!).RootElement.GetProperty("Statement")[0].GetProperty("Principal");
        Assert.Equal("events.amazonaws.com", principal.GetProperty("Service").GetString());
    }

    [Fact]
    public async Task GetRole_MissingRole_ThrowsTypedNotFound()
    {
        moto.Require();
        using var iam = Client();

        var error = await Assert.ThrowsAsync<AwsNotFoundException>(() => iam.GetRoleAsync(new() { RoleName = $"{_prefix}-absent" }));

        Assert.Equal("NoSuchEntity", error.ErrorCode);
        Assert.Contains($"{_prefix}-absent", error.AwsMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InlinePolicies_AreListedAndReadBackDecoded()
    {
        moto.Require();
        await SeedRoleAsync();
        await SeedInlinePoliciesAsync();
        using var iam = Client();

        // moto 5.2.1 ignores Marker and MaxItems on ListRolePolicies (one page, IsTruncated=false); the paginator's
        // Marker handling is covered by IamWireTests.
        var names = new List<string>();
        await foreach (var page in iam.ListRolePoliciesPagesAsync(new() { RoleName = RoleName, MaxItems = 1 }, TestContext.Current.CancellationToken))
        {
            names.AddRange(page.PolicyNames ?? []);
        }

        Assert.Equal(["notify-workflow", "write-logs"], names.Order(StringComparer.Ordinal));

        var notify = await iam.GetRolePolicyAsync(new() { RoleName = RoleName, PolicyName = "notify-workflow" });
        Assert.Equal(RoleName, notify.RoleName);
        Assert.Equal("notify-workflow", notify.PolicyName);
        Assert.StartsWith("%7B", notify.PolicyDocument, StringComparison.Ordinal);
        AssertSameJson(NotifyPolicy, notify.PolicyDocumentJson);
        var statement = JsonDocument.Parse(notify.PolicyDocumentJson!).RootElement.GetProperty("Statement")[0];
        Assert.Equal("glue:notifyEvent", statement.GetProperty("Action").GetString());
        Assert.Equal(WorkflowArn, statement.GetProperty("Resource").GetString());

        await Assert.ThrowsAsync<AwsNotFoundException>(() => iam.GetRolePolicyAsync(new() { RoleName = RoleName, PolicyName = "absent" }));
    }

    [Fact]
    public async Task AttachedPolicies_ArePagedByMarker()
    {
        moto.Require();
        await SeedRoleAsync();
        await SeedReadPolicyAsync();
        await SeedLogsPolicyAsync();
        using var iam = Client();

        var pages = new List<ListAttachedRolePoliciesResponse>();
        await foreach (var page in iam.ListAttachedRolePoliciesPagesAsync(new() { RoleName = RoleName, MaxItems = 1 }, TestContext.Current.CancellationToken))
        {
            pages.Add(page);
        }

        var attached = pages.SelectMany(p => p.AttachedPolicies ?? []).ToList();
        Assert.Equal(
            [new AttachedPolicy { PolicyName = $"{_prefix}-glue-read", PolicyArn = ReadPolicyArn }, new AttachedPolicy { PolicyName = $"{_prefix}-logs", PolicyArn = LogsPolicyArn }],
            attached.OrderBy(p => p.PolicyName, StringComparer.Ordinal));
        Assert.All(pages, p => Assert.True((p.AttachedPolicies?.Count ?? 0) <= 1));
        Assert.All(pages[..^1], p => Assert.True(p.IsTruncated == true && !string.IsNullOrEmpty(p.Marker)));
        Assert.NotEqual(true, pages[^1].IsTruncated);
        // IAM's last page holds the last policy; moto 5.2.1 marks a full page as truncated even when nothing follows,
        // so it answers one more, empty page. Either way the paginator stops where IsTruncated is false.
        Assert.InRange(pages.Count, 2, 3);
    }

    [Fact]
    public async Task ManagedPolicy_GetPolicyAndItsVersions()
    {
        moto.Require();
        await SeedRoleAsync();
        await SeedReadPolicyAsync();
        using var iam = Client();

        var policy = (await iam.GetPolicyAsync(new() { PolicyArn = ReadPolicyArn })).Policy;
        Assert.NotNull(policy);
        Assert.Equal($"{_prefix}-glue-read", policy.PolicyName);
        Assert.Equal(ReadPolicyArn, policy.Arn);
        Assert.Equal("/", policy.Path);
        Assert.NotNull(policy.DefaultVersionId);
        Assert.Equal("v2", policy.DefaultVersionId);
        Assert.Equal(1, policy.AttachmentCount);
        Assert.True(policy.IsAttachable);
        Assert.Equal("Read Glue workflows", policy.Description);
        Assert.NotNull(policy.CreateDate);

        var current = (await iam.GetPolicyVersionAsync(new() { PolicyArn = ReadPolicyArn, VersionId = policy.DefaultVersionId })).PolicyVersion;
        Assert.NotNull(current);
        Assert.Equal("v2", current.VersionId);
        Assert.True(current.IsDefaultVersion);
        // IAM URL-encodes Document; moto 5.2.1 sends it as plain JSON. Decoding plain JSON leaves it as it is.
        AssertSameJson(ReadPolicyV2, current.DocumentJson);

        var first = (await iam.GetPolicyVersionAsync(new() { PolicyArn = ReadPolicyArn, VersionId = "v1" })).PolicyVersion;
        Assert.False(first?.IsDefaultVersion);
        AssertSameJson(ReadPolicyV1, first?.DocumentJson);

        await Assert.ThrowsAsync<AwsNotFoundException>(() => iam.GetPolicyAsync(new() { PolicyArn = $"arn:aws:iam::{MotoServer.Account}:policy/{_prefix}-absent" }));
    }
}
