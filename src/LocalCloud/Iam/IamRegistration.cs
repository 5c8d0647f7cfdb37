using LocalCloud.Hosting;
using LocalCloud.Protocol;

namespace LocalCloud.Iam;

public static class IamRegistration
{
    /// <summary>
    /// IAM: one singleton backend, serving the API (as an <see cref="IAwsService"/> over Query) and LocalCloud's own
    /// services (as the <see cref="IRoleAuthority"/> EventBridge asks before it delivers), and the demo's roles when the
    /// demo is seeded. Calling it again changes nothing.
    /// </summary>
    public static IServiceCollection AddIam(this IServiceCollection services)
    {
        if (services.Any(d => d.ServiceType == typeof(IamBackend)))
        {
            return services;
        }

        services.AddSingleton<IamBackend>();
        services.AddSingleton<IAwsService>(sp => sp.GetRequiredService<IamBackend>());
        services.AddSingleton<IRoleAuthority>(sp => sp.GetRequiredService<IamBackend>());
        services.AddSingleton<ILocalCloudStartup, IamDemoRoles>();
        return services;
    }
}
