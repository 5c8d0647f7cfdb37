using Dashboard.Cloud;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Dashboard.Playground;

public static class PlaygroundFaultsRegistration
{
    /// <summary>
    /// The panel's client of <c>/_localcloud/faults</c>, aimed at the embedded LocalCloud once it listens. Transient
    /// over a factory-made <see cref="HttpClient"/>; in Aws mode no LocalCloud runs, and every call is refused.
    /// </summary>
    public static IServiceCollection AddPlaygroundFaults(this IServiceCollection services)
    {
        services.AddHttpClient(LocalCloudFaults.HttpClientName);
        services.TryAddTransient<ILocalCloudFaults>(sp => new LocalCloudFaults(
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(LocalCloudFaults.HttpClientName),
            () => sp.GetRequiredService<EmbeddedLocalCloud>().RunningEndpoint));
        return services;
    }
}
