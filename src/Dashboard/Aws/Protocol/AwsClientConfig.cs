using Amazon.Runtime;
using Amazon.Runtime.Endpoints;
using Endpoint = Amazon.Runtime.Endpoints.Endpoint;
using Amazon.Runtime.Internal;
using Amazon.Util.Internal;

namespace Dashboard.Aws.Protocol;

/// <summary>
/// The <see cref="ClientConfig"/> of one of our hand-written clients. AWSSDK.Core reads the region, endpoint,
/// retry and credential settings from it exactly as it does for the generated AWS packages.
/// </summary>
public sealed class AwsClientConfig : ClientConfig
{
    private static readonly DefaultConfigurationProvider DefaultModes = new(
    [
        new DefaultConfiguration { Name = DefaultConfigurationMode.Standard, RetryMode = RequestRetryMode.Standard },
        new DefaultConfiguration { Name = DefaultConfigurationMode.InRegion, RetryMode = RequestRetryMode.Standard },
        new DefaultConfiguration { Name = DefaultConfigurationMode.CrossRegion, RetryMode = RequestRetryMode.Standard },
        new DefaultConfiguration { Name = DefaultConfigurationMode.Mobile, RetryMode = RequestRetryMode.Standard },
    ]);

    public AwsClientConfig(AwsServiceSpec spec)
        : base(DefaultModes)
    {
        Spec = spec;
        AuthenticationServiceName = spec.SigningName;
        ServiceId = spec.ServiceId;
        EndpointProvider = new AwsEndpointProvider(spec);
        if (spec.GlobalRegion is not null)
        {
            AuthenticationRegion = spec.GlobalRegion;
        }
    }

    public AwsServiceSpec Spec { get; }

    /// <summary>The request rates this client keeps to; null sends as fast as callers ask.</summary>
    public RequestQuotas? Quotas { get; set; }

    public override string ServiceVersion => Spec.ApiVersion;

    public override string UserAgent { get; } = InternalSDKUtils.BuildUserAgentString("GlueEventDashboard", "1.0");

    public override string RegionEndpointServiceName => Spec.EndpointPrefix;

    public override Endpoint DetermineServiceOperationEndpoint(ServiceOperationEndpointParameters parameters)
    {
        var endpointParameters = new EndpointParameters
        {
            ["Region"] = (parameters.AlternateEndpoint ?? RegionEndpoint)?.SystemName,
            ["UseFIPS"] = UseFIPSEndpoint,
            ["UseDualStack"] = UseDualstackEndpoint,
            ["Endpoint"] = ServiceURL,
        };
        return EndpointProvider.ResolveEndpoint(endpointParameters);
    }
}
