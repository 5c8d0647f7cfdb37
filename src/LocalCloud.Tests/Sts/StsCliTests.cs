using LocalCloud.Tests.Shared;

namespace LocalCloud.Tests.Sts;

/// <summary>Both AWS CLIs see one account per access key.</summary>
public sealed class StsCliTests(LocalCloudFixture cloud) : IClassFixture<LocalCloudFixture>
{
    [Theory]
    [MemberData(nameof(AwsCliVersion.Both), MemberType = typeof(AwsCliVersion))]
    public async Task GetCallerIdentity_AccountFromTheAccessKey(string cli)
    {
        var account = LocalCloudFixture.NewAccount();

        var identity = await cloud.Cli(AwsCliVersion.Named(cli), account).RunAsync("sts", "get-caller-identity");

        Assert.Equal(account, identity?.GetProperty("Account").GetString());
        Assert.Equal($"arn:aws:iam::{account}:root", identity?.GetProperty("Arn").GetString());
    }

    [Theory]
    [MemberData(nameof(AwsCliVersion.Both), MemberType = typeof(AwsCliVersion))]
    public async Task GetCallerIdentity_OtherKey_DefaultAccount(string cli)
    {
        var identity = await cloud.Cli(AwsCliVersion.Named(cli), "AKIDEXAMPLE").RunAsync("sts", "get-caller-identity");

        Assert.Equal("000000000000", identity?.GetProperty("Account").GetString());
    }

    [Theory]
    [MemberData(nameof(AwsCliVersion.Both), MemberType = typeof(AwsCliVersion))]
    public async Task AssumeRole_ReturnsCredentialsForTheRolesAccount(string cli)
    {
        var result = await cloud.Cli(AwsCliVersion.Named(cli), "test").RunAsync(
            "sts", "assume-role", "--role-arn", "arn:aws:iam::222233334444:role/deployer", "--role-session-name", "ci");

        Assert.Equal("222233334444", result?.GetProperty("Credentials").GetProperty("AccessKeyId").GetString());
        Assert.Equal("arn:aws:sts::222233334444:assumed-role/deployer/ci", result?.GetProperty("AssumedRoleUser").GetProperty("Arn").GetString());
    }
}
