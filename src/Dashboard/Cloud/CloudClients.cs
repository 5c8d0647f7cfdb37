using Amazon;
using Amazon.Extensions.NETCore.Setup;
using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;
using Amazon.Runtime.Credentials;
using Amazon.SecurityToken;
using Dashboard.Aws.Protocol;
using Dashboard.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Dashboard.Cloud;

/// <summary>
/// Registers the AWS clients. Both modes use the same typed clients; only the endpoint and credentials differ.
/// </summary>
public static class CloudClients
{
    /// <summary>The credentials LocalCloud accepts; it takes the account from its own configuration.</summary>
    public static readonly BasicAWSCredentials LocalCredentials = new("localcloud", "localcloud");

    public const string DefaultLocalRegion = "us-east-1";

    /// <summary>LocalCloud, started before the first request in Local mode; the clients are per environment (<see cref="CloudEnvironmentRegistration"/>).</summary>
    public static IServiceCollection AddCloudClients(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton<EmbeddedLocalCloud>();
        services.AddHostedService(sp => sp.GetRequiredService<EmbeddedLocalCloud>());
        return services.AddCloudEnvironments(configuration);
    }

    /// <summary>One of our clients for the environment of <paramref name="services"/>, on its quotas.</summary>
    public static T CreateClient<T>(IServiceProvider services)
        where T : class, IAmazonService
    {
        var client = services.GetRequiredService<AWSOptions>().CreateServiceClient<T>();
        ((AwsClientConfig)client.Config).Quotas = services.GetRequiredService<RequestQuotas>();
        return client;
    }

    public static AWSOptions BuildAwsOptions(
        IConfiguration configuration, CloudOptions cloud, Uri localEndpoint, AwsConnectionOptions aws, CloudEnvironment? environment = null)
    {
        if (cloud.Mode == CloudMode.Local)
        {
            var region = aws.Region ?? DefaultLocalRegion;
            return new AWSOptions
            {
                Credentials = LocalCredentials,
                Region = RegionEndpoint.GetBySystemName(region),
                DefaultClientConfig =
                {
                    ServiceURL = localEndpoint.ToString(),
                    AuthenticationRegion = region,
                    // LocalCloud is ours: AWS_ENDPOINT_URL* must not send its traffic elsewhere.
                    IgnoreConfiguredEndpointUrls = true,
                    MaxErrorRetry = 1,
                    // LocalCloud's S3 answers path-style requests: bucket names need no DNS.
                    ServiceSpecificSettings = { ["ForcePathStyle"] = "true" },
                },
            };
        }

        // Aws:Region, Aws:Profile and friends; absent keys fall back on the SDK's standard chain. An environment of
        // Cloud:Environments sets its own region, and a profile or a role to assume.
        var options = configuration.GetAWSOptions(AwsConnectionOptions.SectionName);
        if (environment?.Region is { Length: > 0 } ownRegion)
        {
            options.Region = RegionEndpoint.GetBySystemName(ownRegion);
        }

        if (environment?.Profile is { Length: > 0 } profile)
        {
            options.Profile = profile;
            options.Credentials = null;
        }

        if (environment?.RoleArn is { Length: > 0 } roleArn)
        {
            var source = new AWSOptions { Profile = options.Profile, ProfilesLocation = options.ProfilesLocation, Credentials = options.Credentials };
            var sts = new AmazonSecurityTokenServiceConfig { RegionEndpoint = options.Region ?? FallbackRegionFactory.GetRegionEndpoint() };
            if (options.DefaultClientConfig.ServiceURL is { Length: > 0 } serviceUrl)
            {
                sts.ServiceURL = serviceUrl;
                sts.AuthenticationRegion = sts.RegionEndpoint?.SystemName;
            }

            options.Profile = null;
            options.Credentials = new AssumeRoleCredentials(() => SourceCredentials(source), roleArn, environment.SessionName, environment.ExternalId, sts);
        }

        return options;
    }

    /// <summary>The credentials a role is assumed with: <c>Aws:Profile</c>'s, or the standard chain's.</summary>
    private static AWSCredentials SourceCredentials(AWSOptions source)
    {
        if (source.Credentials is { } explicitCredentials)
        {
            return explicitCredentials;
        }

        if (source.Profile is { Length: > 0 } profile)
        {
            return new CredentialProfileStoreChain(source.ProfilesLocation).TryGetAWSCredentials(profile, out var fromProfile)
                ? fromProfile
                : throw new AmazonClientException($"The AWS profile '{profile}' ({AwsConnectionOptions.ProfileKey}) has no credentials to assume a role with.");
        }

        return DefaultAWSCredentialsIdentityResolver.GetCredentials();
    }
}
