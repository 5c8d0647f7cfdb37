using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using Dashboard.Cloud;
using Dashboard.Configuration;
using Dashboard.Tests.Shared;

namespace Dashboard.Tests.Cloud;

/// <summary>An environment with a role ARN assumes it through STS, against moto_server, and acts as the role.</summary>
public sealed class AssumeRoleCredentialsTests(MotoServer moto) : IClassFixture<MotoServer>, IDisposable
{
    private const string RoleArn = $"arn:aws:iam::{MotoServer.Account}:role/dashboard-read";
    private readonly string _folder = Directory.CreateTempSubdirectory("dashboard-role-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task RoleEnvironment_AssumesTheRoleWithItsSessionNameAndExternalId()
    {
        moto.Require();
        var profiles = Path.Combine(_folder, "credentials");
        await File.WriteAllTextAsync(profiles, "[source]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = source-secret\n", TestContext.Current.CancellationToken);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Aws:Region"] = "us-east-1",
            ["Aws:ServiceURL"] = moto.Endpoint.ToString(),
            ["Aws:Profile"] = "source",
            ["Aws:ProfilesLocation"] = profiles,
        }).Build();
        var environment = CloudEnvironment.From(new EnvironmentEntry
        {
            Name = "audit",
            Region = "us-east-1",
            RoleArn = RoleArn,
            ExternalId = "glue-dash-42",
            SessionName = "dashboard-test",
        });

        var options = CloudClients.BuildAwsOptions(configuration, new CloudOptions { Mode = CloudMode.Aws }, new Uri("http://127.0.0.1:1"), new AwsConnectionOptions(), environment);

        var credentials = Assert.IsType<AssumeRoleCredentials>(options.Credentials);
        var request = credentials.Request();
        Assert.Equal((RoleArn, "dashboard-test", "glue-dash-42"), (request.RoleArn, request.RoleSessionName, request.ExternalId));

        using var sts = options.CreateServiceClient<IAmazonSecurityTokenService>();
        var who = await sts.GetCallerIdentityAsync(new GetCallerIdentityRequest(), TestContext.Current.CancellationToken);
        Assert.Equal($"arn:aws:sts::{MotoServer.Account}:assumed-role/dashboard-read/dashboard-test", who.Arn);
    }

    [Fact]
    public async Task ProfileWithoutCredentials_SaysWhichProfile()
    {
        moto.Require();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Aws:Region"] = "us-east-1",
            ["Aws:ServiceURL"] = moto.Endpoint.ToString(),
            ["Aws:Profile"] = "missing",
            ["Aws:ProfilesLocation"] = Path.Combine(_folder, "none"),
        }).Build();
        var environment = new CloudEnvironment("audit") { Region = "us-east-1", RoleArn = RoleArn };

        var options = CloudClients.BuildAwsOptions(configuration, new CloudOptions { Mode = CloudMode.Aws }, new Uri("http://127.0.0.1:1"), new AwsConnectionOptions(), environment);
        using var sts = options.CreateServiceClient<IAmazonSecurityTokenService>();

        var error = await Assert.ThrowsAnyAsync<Amazon.Runtime.AmazonClientException>(() => sts.GetCallerIdentityAsync(new GetCallerIdentityRequest(), TestContext.Current.CancellationToken));
        Assert.Contains("The AWS profile 'missing' (Aws:Profile) has no credentials to assume a role with.", error.ToString(), StringComparison.Ordinal);
    }
}
