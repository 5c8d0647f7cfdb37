using LocalCloud.CloudTrail;
using LocalCloud.CloudWatch;
using LocalCloud.EventBridge;
using LocalCloud.Events;
using LocalCloud.Faults;
using LocalCloud.Glue.DataPlane;
using LocalCloud.Glue;
using LocalCloud.Iam;
using LocalCloud.Persistence;
using LocalCloud.Protocol;
using LocalCloud.S3;
using LocalCloud.Scenarios;
using LocalCloud.Sqs;
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

        // State kept across restarts under LocalCloud:DataPath (a disabled store without one).
        services.TryAddSingleton(sp => DurableStore.Open(sp.GetRequiredService<LocalCloudSettings>().DataPath, sp.GetRequiredService<ILogger<DurableStore>>()));

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
        services.AddSqs();
        services.AddIam();

        // Fault injection, consulted by the router and by LocalCloud's own calls between services.
        services.AddFaults();

        // Work done once LocalCloud listens, in this order: the events a killed LocalCloud acknowledged but did not
        // deliver, the demo, the broken pipelines beside it, then the stream that feeds both.
        services.AddSingleton<ILocalCloudStartup, OutboxRedelivery>();
        services.AddSingleton<DemoSeed>();
        services.AddSingleton<ILocalCloudStartup>(sp => sp.GetRequiredService<DemoSeed>());
        services.AddSingleton<BrokenPipelines>();
        services.AddSingleton<ILocalCloudStartup>(sp => sp.GetRequiredService<BrokenPipelines>());
        services.AddSingleton<SyntheticTraffic>();
        services.AddSingleton<ILocalCloudStartup>(sp => sp.GetRequiredService<SyntheticTraffic>());

        return services;
    }
}
