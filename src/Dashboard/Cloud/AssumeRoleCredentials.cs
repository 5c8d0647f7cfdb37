using Amazon.Runtime;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;

namespace Dashboard.Cloud;

/// <summary>
/// Credentials of an environment that assumes a role: STS <c>AssumeRole</c> with the role ARN, session name and
/// external id, called with the source credentials and refreshed before they expire. The STS client is built from
/// the environment's own client settings, so the region and any endpoint override apply to it as to the others.
/// </summary>
public sealed class AssumeRoleCredentials(
    Func<AWSCredentials> sourceCredentials, string roleArn, string sessionName, string? externalId, AmazonSecurityTokenServiceConfig stsConfig)
    : RefreshingAWSCredentials
{
    public string RoleArn { get; } = roleArn;

    public string SessionName { get; } = sessionName;

    public string? ExternalId { get; } = externalId;

    /// <summary>The request this environment sends to STS.</summary>
    public AssumeRoleRequest Request() => new() { RoleArn = RoleArn, RoleSessionName = SessionName, ExternalId = ExternalId };

    protected override CredentialsRefreshState GenerateNewCredentials() =>
        GenerateNewCredentialsAsync().GetAwaiter().GetResult();

    protected override async Task<CredentialsRefreshState> GenerateNewCredentialsAsync()
    {
        using var sts = new AmazonSecurityTokenServiceClient(sourceCredentials(), stsConfig);
        var response = await sts.AssumeRoleAsync(Request());
        var credentials = response.Credentials
            ?? throw new AmazonClientException($"STS AssumeRole for {RoleArn} answered without credentials.");
        return new CredentialsRefreshState(
            new ImmutableCredentials(credentials.AccessKeyId, credentials.SecretAccessKey, credentials.SessionToken),
            credentials.Expiration?.ToUniversalTime() ?? DateTime.UtcNow.AddMinutes(15));
    }
}
