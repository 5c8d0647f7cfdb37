using System.Text.Json;
using LocalCloud.Tests.Shared;

namespace LocalCloud.Tests.Iam;

/// <summary>
/// Both AWS CLIs (v1 from pip, v2 from Debian) against LocalCloud's IAM, as a user would run them: the CLIs sign for
/// us-east-1 and service <c>iam</c>, decode IAM's URL-encoded policy documents, and follow Marker paging.
/// </summary>
public sealed class IamCliTests(LocalCloudFixture cloud) : IClassFixture<LocalCloudFixture>
{
    private const string Trust = """{"Version":"2012-10-17","Statement":[{"Sid":"EventBridge","Effect":"Allow","Principal":{"Service":"events.amazonaws.com"},"Action":"sts:AssumeRole"}]}""";

    private static string Notify(string account) =>
        """{"Version":"2012-10-17","Statement":[{"Sid":"Notify","Effect":"Allow","Action":"glue:notifyEvent","Resource":"arn:aws:glue:us-east-1:ACCOUNT:workflow/*","Condition":{"StringEquals":{"aws:SourceAccount":"ACCOUNT"}}}]}""".Replace("ACCOUNT", account, StringComparison.Ordinal);

    [Theory]
    [MemberData(nameof(AwsCliVersion.Both), MemberType = typeof(AwsCliVersion))]
    public async Task Role_CreateGetPutPolicy_DocumentsComeBackDecoded(string cli)
    {
        var account = LocalCloudFixture.NewAccount();
        var aws = cloud.Cli(AwsCliVersion.Named(cli), account);

        var created = await aws.RunAsync("iam", "create-role", "--role-name", "delivery", "--path", "/service-role/", "--assume-role-policy-document", Trust);
        await aws.RunAsync("iam", "put-role-policy", "--role-name", "delivery", "--policy-name", "notify", "--policy-document", Notify(account));
        var role = await aws.RunAsync("iam", "get-role", "--role-name", "delivery");
        var names = await aws.RunAsync("iam", "list-role-policies", "--role-name", "delivery");
        var policy = await aws.RunAsync("iam", "get-role-policy", "--role-name", "delivery", "--policy-name", "notify");

        Assert.Equal($"arn:aws:iam::{account}:role/service-role/delivery", created?.GetProperty("Role").GetProperty("Arn").GetString());
        Assert.StartsWith("AROA", created?.GetProperty("Role").GetProperty("RoleId").GetString(), StringComparison.Ordinal);
        Assert.Equal("events.amazonaws.com", role?.GetProperty("Role").GetProperty("AssumeRolePolicyDocument").GetProperty("Statement")[0].GetProperty("Principal").GetProperty("Service").GetString());
        Assert.Equal(["notify"], names?.GetProperty("PolicyNames").EnumerateArray().Select(n => n.GetString()));
        Assert.Equal("Notify", policy?.GetProperty("PolicyDocument").GetProperty("Statement")[0].GetProperty("Sid").GetString());
    }

    [Theory]
    [MemberData(nameof(AwsCliVersion.Both), MemberType = typeof(AwsCliVersion))]
    public async Task SimulatePrincipalPolicy_DecisionsPerActionWithMatchedStatementsAndMissingKeys(string cli)
    {
        var account = LocalCloudFixture.NewAccount();
        var aws = cloud.Cli(AwsCliVersion.Named(cli), account);
        await aws.RunAsync("iam", "create-role", "--role-name", "delivery", "--assume-role-policy-document", Trust);
        await aws.RunAsync("iam", "put-role-policy", "--role-name", "delivery", "--policy-name", "notify", "--policy-document", Notify(account));
        await aws.RunAsync("iam", "put-role-policy", "--role-name", "delivery", "--policy-name", "deny-delete", "--policy-document",
            """{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"glue:Delete*","Resource":"*"}]}""");
        var workflow = $"arn:aws:glue:us-east-1:{account}:workflow/products_raw";
        var roleArn = $"arn:aws:iam::{account}:role/delivery";

        var withContext = await aws.RunAsync(
            "iam", "simulate-principal-policy", "--policy-source-arn", roleArn,
            "--action-names", "glue:notifyEvent", "glue:DeleteWorkflow", "s3:GetObject", "--resource-arns", workflow,
            "--context-entries", $"ContextKeyName=aws:SourceAccount,ContextKeyValues={account},ContextKeyType=string");
        var withoutContext = await aws.RunAsync(
            "iam", "simulate-principal-policy", "--policy-source-arn", roleArn, "--action-names", "glue:notifyEvent", "--resource-arns", workflow);

        var results = withContext?.GetProperty("EvaluationResults").EnumerateArray().ToList() ?? [];
        Assert.Equal(["allowed", "explicitDeny", "implicitDeny"], results.Select(r => r.GetProperty("EvalDecision").GetString()));
        Assert.Equal(workflow, results[0].GetProperty("EvalResourceName").GetString());
        Assert.Equal("notify", results[0].GetProperty("MatchedStatements")[0].GetProperty("SourcePolicyId").GetString());
        Assert.Equal("deny-delete", results[1].GetProperty("MatchedStatements")[0].GetProperty("SourcePolicyId").GetString());
        var missing = withoutContext?.GetProperty("EvaluationResults")[0];
        Assert.Equal("implicitDeny", missing?.GetProperty("EvalDecision").GetString());
        Assert.Equal(["aws:SourceAccount"], missing?.GetProperty("MissingContextValues").EnumerateArray().Select(k => k.GetString()));
    }

    [Theory]
    [MemberData(nameof(AwsCliVersion.Both), MemberType = typeof(AwsCliVersion))]
    public async Task ManagedPolicy_VersionsAttachAndBoundary(string cli)
    {
        var account = LocalCloudFixture.NewAccount();
        var aws = cloud.Cli(AwsCliVersion.Named(cli), account);
        await aws.RunAsync("iam", "create-role", "--role-name", "delivery", "--assume-role-policy-document", Trust);

        var created = await aws.RunAsync("iam", "create-policy", "--policy-name", "notify", "--policy-document", Notify(account));
        var arn = created?.GetProperty("Policy").GetProperty("Arn").GetString() ?? string.Empty;
        for (var i = 0; i < 4; i++)
        {
            await aws.RunAsync("iam", "create-policy-version", "--policy-arn", arn, "--policy-document", Notify(account), "--set-as-default");
        }

        var sixth = await aws.TryRunAsync("iam", "create-policy-version", "--policy-arn", arn, "--policy-document", Notify(account));
        var versions = await aws.RunAsync("iam", "list-policy-versions", "--policy-arn", arn);
        await aws.RunAsync("iam", "attach-role-policy", "--role-name", "delivery", "--policy-arn", arn);
        await aws.RunAsync("iam", "attach-role-policy", "--role-name", "delivery", "--policy-arn", "arn:aws:iam::aws:policy/service-role/AWSGlueServiceRole");
        await aws.RunAsync("iam", "put-role-permissions-boundary", "--role-name", "delivery", "--permissions-boundary", "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess");
        var attached = await aws.RunAsync("iam", "list-attached-role-policies", "--role-name", "delivery");
        var role = await aws.RunAsync("iam", "get-role", "--role-name", "delivery");
        var document = await aws.RunAsync("iam", "get-policy-version", "--policy-arn", arn, "--version-id", "v5");

        Assert.Equal("arn:aws:iam::" + account + ":policy/notify", arn);
        Assert.StartsWith("ANPA", created?.GetProperty("Policy").GetProperty("PolicyId").GetString(), StringComparison.Ordinal);
        Assert.NotEqual(0, sixth.ExitCode);
        Assert.Contains("An error occurred (LimitExceeded) when calling the CreatePolicyVersion operation: A managed policy can have up to 5 versions.", sixth.Stderr, StringComparison.Ordinal);
        Assert.Equal(["v5", "v4", "v3", "v2", "v1"], versions?.GetProperty("Versions").EnumerateArray().Select(v => v.GetProperty("VersionId").GetString()));
        Assert.Equal(["AWSGlueServiceRole", "notify"], attached?.GetProperty("AttachedPolicies").EnumerateArray().Select(p => p.GetProperty("PolicyName").GetString()));
        Assert.Equal("arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess", role?.GetProperty("Role").GetProperty("PermissionsBoundary").GetProperty("PermissionsBoundaryArn").GetString());
        Assert.True(document?.GetProperty("PolicyVersion").GetProperty("IsDefaultVersion").GetBoolean());
        Assert.Equal(JsonValueKind.Object, document?.GetProperty("PolicyVersion").GetProperty("Document").ValueKind);
    }

    [Theory]
    [MemberData(nameof(AwsCliVersion.Both), MemberType = typeof(AwsCliVersion))]
    public async Task ListRoles_SmallPages_CliFollowsMarkers(string cli)
    {
        var aws = cloud.Cli(AwsCliVersion.Named(cli), LocalCloudFixture.NewAccount());
        foreach (var name in new[] { "c-role", "a-role", "b-role" })
        {
            await aws.RunAsync("iam", "create-role", "--role-name", name, "--assume-role-policy-document", Trust);
        }

        var roles = await aws.RunAsync("iam", "list-roles", "--page-size", "1");

        Assert.Equal(["a-role", "b-role", "c-role"], roles?.GetProperty("Roles").EnumerateArray().Select(r => r.GetProperty("RoleName").GetString()));
    }

    [Theory]
    [MemberData(nameof(AwsCliVersion.Both), MemberType = typeof(AwsCliVersion))]
    public async Task BadInput_GetsIamsErrorCodes(string cli)
    {
        var aws = cloud.Cli(AwsCliVersion.Named(cli), LocalCloudFixture.NewAccount());
        await aws.RunAsync("iam", "create-role", "--role-name", "delivery", "--assume-role-policy-document", Trust);
        await aws.RunAsync("iam", "put-role-policy", "--role-name", "delivery", "--policy-name", "p", "--policy-document",
            """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}""");

        var json = await aws.TryRunAsync("iam", "put-role-policy", "--role-name", "delivery", "--policy-name", "q", "--policy-document", """{"Version":"2012-10-17","Statement":[""");
        var duplicate = await aws.TryRunAsync("iam", "create-role", "--role-name", "delivery", "--assume-role-policy-document", Trust);
        var conflict = await aws.TryRunAsync("iam", "delete-role", "--role-name", "delivery");
        var missing = await aws.TryRunAsync("iam", "get-role-policy", "--role-name", "delivery", "--policy-name", "nope");

        Assert.Contains("An error occurred (MalformedPolicyDocument) when calling the PutRolePolicy operation: This policy contains invalid Json", json.Stderr, StringComparison.Ordinal);
        Assert.Contains("An error occurred (EntityAlreadyExists) when calling the CreateRole operation: Role with name delivery already exists.", duplicate.Stderr, StringComparison.Ordinal);
        Assert.Contains("An error occurred (DeleteConflict) when calling the DeleteRole operation: Cannot delete entity, must delete policies first.", conflict.Stderr, StringComparison.Ordinal);
        Assert.Contains("An error occurred (NoSuchEntity) when calling the GetRolePolicy operation: The role policy with name nope cannot be found.", missing.Stderr, StringComparison.Ordinal);
    }
}
