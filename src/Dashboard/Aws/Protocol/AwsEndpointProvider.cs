using Amazon.Runtime;
using Amazon.Runtime.Endpoints;
using Endpoint = Amazon.Runtime.Endpoints.Endpoint;

namespace Dashboard.Aws.Protocol;

/// <summary>
/// Resolves a service's endpoint: an explicit endpoint (ServiceURL, <c>AWS_ENDPOINT_URL[_&lt;SERVICE&gt;]</c>) wins;
/// otherwise the regional, FIPS or dual-stack host of the region's partition.
/// </summary>
public sealed class AwsEndpointProvider(AwsServiceSpec spec) : IEndpointProvider
{
    public Endpoint ResolveEndpoint(EndpointParameters parameters)
    {
        if (parameters["Endpoint"] is string explicitEndpoint && explicitEndpoint.Length > 0)
        {
            return new Endpoint(explicitEndpoint);
        }

        var region = parameters["Region"] as string;
        if (string.IsNullOrEmpty(region))
        {
            throw new AmazonClientException(
                $"No AWS region is configured for {spec.ServiceId}. Set Aws:Region, AWS_REGION or a profile region.");
        }

        var useFips = parameters["UseFIPS"] is true;
        var useDualStack = parameters["UseDualStack"] is true;
        var (dnsSuffix, dualStackSuffix) = PartitionOf(region);

        if (spec.GlobalRegion is not null && !useFips && dnsSuffix == "amazonaws.com")
        {
            return new Endpoint($"https://{spec.EndpointPrefix}.{dnsSuffix}");
        }

        var host = useFips ? $"{spec.EndpointPrefix}-fips" : spec.EndpointPrefix;
        var suffix = useDualStack ? dualStackSuffix : dnsSuffix;
        return new Endpoint($"https://{host}.{region}.{suffix}");
    }

    private static (string DnsSuffix, string DualStackSuffix) PartitionOf(string region) => region switch
    {
        _ when region.StartsWith("cn-", StringComparison.Ordinal) => ("amazonaws.com.cn", "api.amazonwebservices.com.cn"),
        _ when region.StartsWith("us-iso-", StringComparison.Ordinal) => ("c2s.ic.gov", "c2s.ic.gov"),
        _ when region.StartsWith("us-isob-", StringComparison.Ordinal) => ("sc2s.sgov.gov", "sc2s.sgov.gov"),
        _ => ("amazonaws.com", "api.aws"),
    };
}
