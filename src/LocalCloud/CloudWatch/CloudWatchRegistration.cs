using LocalCloud.Events;
using LocalCloud.Protocol;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace LocalCloud.CloudWatch;

public static class CloudWatchRegistration
{
    /// <summary>
    /// CloudWatch: one singleton backend, serving the API (as an <see cref="IAwsService"/>) and LocalCloud's own
    /// services (as the <see cref="IMetricSink"/>, unless one is already registered), plus the Smithy RPC v2 CBOR
    /// front end that CloudWatch speaks. Calling it again changes nothing.
    /// </summary>
    public static IServiceCollection AddCloudWatch(this IServiceCollection services)
    {
        if (services.Any(d => d.ServiceType == typeof(CloudWatchBackend)))
        {
            return services;
        }

        services.AddSingleton<CloudWatchBackend>();
        services.AddSingleton<IAwsService>(sp => sp.GetRequiredService<CloudWatchBackend>());
        services.TryAddSingleton<IMetricSink>(sp => sp.GetRequiredService<CloudWatchBackend>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IRpcFrontEnd, CborFrontEnd>());
        return services;
    }
}
