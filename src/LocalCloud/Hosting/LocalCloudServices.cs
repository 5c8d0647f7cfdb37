using LocalCloud.CloudTrail;
using LocalCloud.CloudWatch;
using LocalCloud.EventBridge;
using LocalCloud.Events;
using LocalCloud.Glue;
using LocalCloud.Glue.DataPlane;
using LocalCloud.Protocol;
using LocalCloud.S3;
using LocalCloud.Scenarios;
using LocalCloud.Sts;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace LocalCloud.Hosting;

/// <summary>The composition root of LocalCloud: front ends, backends and the event path between them.</summary>
public static class LocalCloudServices
{
    public static IServiceCollection AddLocalCloudServices(this IServiceCollection services)
    {
        // Front ends.
        services.TryAddSingleton<JsonFrontEnd>();
        services.TryAddSingleton<QueryFrontEnd>();
        services.TryAddSingleton<AwsRouter>();
        services.TryAddSingleton<RequestLog>();

        // Backends: singletons holding state per (account, region).
        services.AddSingleton<StsBackend>();
        services.AddSingleton<IAwsService>(sp => sp.GetRequiredService<StsBackend>());
        services.AddSingleton<IObjectStore, S3ObjectStore>();
        services.AddSingleton<GlueBackend>();
        services.AddSingleton<IAwsService>(sp => sp.GetRequiredService<GlueBackend>());
        services.AddSingleton<IGlueEventTarget>(sp => sp.GetRequiredService<GlueBackend>());
        services.AddSingleton<EventBridgeBackend>();
        services.AddSingleton<IAwsService>(sp => sp.GetRequiredService<EventBridgeBackend>());
        services.AddSingleton<IEventIngress>(sp => sp.GetRequiredService<EventBridgeBackend>());
        services.AddCloudWatch();
        services.AddS3();
        services.AddCloudTrail();

        // Work done once LocalCloud listens.
        services.AddSingleton<ILocalCloudStartup, DemoSeed>();

        return services;
    }
}
