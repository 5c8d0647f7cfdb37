using Amazon;
using Amazon.Extensions.NETCore.Setup;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.SecurityToken;
using Dashboard.Aws.CloudTrail;
using Dashboard.Aws.CloudWatch;
using Dashboard.Aws.EventBridge;
using Dashboard.Aws.Glue;
using Dashboard.Aws.Iam;
using Dashboard.Aws.Protocol;
using Dashboard.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Dashboard.Cloud;

/// <summary>
/// Registers the AWS clients. Both modes use the same typed clients; only the endpoint and credentials differ.
/// </summary>
public static class CloudClients
{
    /// <summary>The credentials LocalCloud accepts; it takes the account from its own configuration.</summary>
    public static readonly BasicAWSCredentials LocalCredentials = new("localcloud", "localcloud");

    public const string DefaultLocalRegion = "us-east-1";

    public static IServiceCollection AddCloudClients(this IServiceCollection services, IConfiguration configuration)
    {
        // LocalCloud starts before the first request; the clients are built after it, on first use.
        services.TryAddSingleton<EmbeddedLocalCloud>();
        services.AddHostedService(sp => sp.GetRequiredService<EmbeddedLocalCloud>());
        services.TryAddSingleton(sp => BuildAwsOptions(
            configuration,
            sp.GetRequiredService<IOptions<CloudOptions>>().Value,
            sp.GetRequiredService<EmbeddedLocalCloud>().Endpoint,
            sp.GetRequiredService<IOptions<AwsConnectionOptions>>().Value));

        // Clients are thread-safe and hold connection pools: one of each for the whole app, all drawing on one set of
        // request quotas.
        services.TryAddSingleton(sp => new RequestQuotas(sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(CreateClient<IGlueApi>);
        services.TryAddSingleton(CreateClient<IEventBridgeApi>);
        services.TryAddSingleton(CreateClient<ICloudWatchApi>);
        services.TryAddSingleton(CreateClient<IIamApi>);
        services.TryAddSingleton(CreateClient<ICloudTrailApi>);
        services.TryAddAWSService<IAmazonSecurityTokenService>();
        services.TryAddAWSService<IAmazonS3>();
        return services;
    }

    private static T CreateClient<T>(IServiceProvider services)
        where T : class, IAmazonService
    {
        var client = services.GetRequiredService<AWSOptions>().CreateServiceClient<T>();
        ((AwsClientConfig)client.Config).Quotas = services.GetRequiredService<RequestQuotas>();
        return client;
    }

    public static AWSOptions BuildAwsOptions(
        IConfiguration configuration, CloudOptions cloud, Uri localEndpoint, AwsConnectionOptions aws)
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

        // Aws:Region, Aws:Profile and friends; absent keys fall back on the SDK's standard chain.
        return configuration.GetAWSOptions(AwsConnectionOptions.SectionName);
    }
}
