using LocalCloud.Events;
using LocalCloud.Protocol;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace LocalCloud.CloudTrail;

public static class CloudTrailRegistration
{
    /// <summary>
    /// CloudTrail: the JSON 1.1 service and the recorder every LocalCloud service reports its calls to. One singleton
    /// plays both parts, so the calls LookupEvents finds are the ones the trails see.
    /// </summary>
    public static IServiceCollection AddCloudTrail(this IServiceCollection services)
    {
        services.TryAddSingleton<CloudTrailBackend>();
        services.AddSingleton<IAwsService>(sp => sp.GetRequiredService<CloudTrailBackend>());
        services.TryAddSingleton<ICloudTrailRecorder>(sp => sp.GetRequiredService<CloudTrailBackend>());
        return services;
    }
}
