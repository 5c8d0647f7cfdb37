using Microsoft.Extensions.DependencyInjection.Extensions;

namespace LocalCloud.Faults;

public static class FaultsRegistration
{
    /// <summary>
    /// The fault injector, with a <see cref="Random"/> of its own unless one is registered (a test registers a seeded
    /// one first). It holds the rules for the life of the LocalCloud.
    /// </summary>
    public static IServiceCollection AddFaults(this IServiceCollection services)
    {
        services.TryAddSingleton<IFaultInjector>(sp => new FaultInjector(
            sp.GetRequiredService<LocalCloudSettings>(),
            sp.GetService<Random>() ?? new Random(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<Hosting.RequestLog>()));
        return services;
    }
}
