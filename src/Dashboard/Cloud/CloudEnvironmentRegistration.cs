using Amazon.Extensions.NETCore.Setup;
using Amazon.S3;
using Amazon.SecurityToken;
using Amazon.SQS;
using Dashboard.Aws.CloudTrail;
using Dashboard.Aws.CloudWatch;
using Dashboard.Aws.EventBridge;
using Dashboard.Aws.Glue;
using Dashboard.Aws.Iam;
using Dashboard.Aws.Protocol;
using Dashboard.Batching;
using Dashboard.Batching.WhatIf;
using Dashboard.Catalog;
using Dashboard.Configuration;
using Dashboard.Diagnostics;
using Dashboard.Diagnostics.Delivery;
using Dashboard.Live;
using Dashboard.Metrics;
using Dashboard.Playground;
using Dashboard.Workflows;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Dashboard.Cloud;

/// <summary>
/// Registers the environments: each gets its own clients, rate limits (AWS quotas are per account and region),
/// identity, cache keys, live feeds and caching services. Components and scoped services ask the app's container as
/// before; it hands them the instance of their circuit's environment (<see cref="EnvironmentSelection"/>).
/// </summary>
public static class CloudEnvironmentRegistration
{
    public static IServiceCollection AddCloudEnvironments(this IServiceCollection services, IConfiguration configuration)
    {
        var template = services.FirstOrDefault(d => d.ServiceType == typeof(EnvironmentServiceTemplate))?.ImplementationInstance as EnvironmentServiceTemplate;
        if (template is not null)
        {
            return services;
        }

        template = new EnvironmentServiceTemplate(services);
        services.AddSingleton(template);
        services.TryAddSingleton<CloudEnvironments>();
        services.AddHttpContextAccessor();

        // One circuit, or one HTTP request, shows one environment.
        services.TryAddScoped<EnvironmentSelection>();

        // Clients are thread-safe and hold connection pools: one of each per environment, all drawing on the
        // environment's request quotas.
        template
            .TryAdd(sp => CloudClients.BuildAwsOptions(
                configuration,
                sp.GetRequiredService<IOptions<CloudOptions>>().Value,
                sp.GetRequiredService<EmbeddedLocalCloud>().Endpoint,
                sp.GetRequiredService<IOptions<AwsConnectionOptions>>().Value,
                sp.GetRequiredService<CloudEnvironment>()))
            .TryAdd(sp => new RequestQuotas(sp.GetRequiredService<TimeProvider>()))
            .TryAdd(CloudClients.CreateClient<IGlueApi>)
            .TryAdd(CloudClients.CreateClient<IGlueCatalogApi>)
            .TryAdd(CloudClients.CreateClient<IEventBridgeApi>)
            .TryAdd(CloudClients.CreateClient<ICloudWatchApi>)
            .TryAdd(CloudClients.CreateClient<IIamApi>)
            .TryAdd(CloudClients.CreateClient<ICloudTrailApi>)
            .TryAdd(sp => sp.GetRequiredService<AWSOptions>().CreateServiceClient<IAmazonSecurityTokenService>())
            .TryAdd(sp => sp.GetRequiredService<AWSOptions>().CreateServiceClient<IAmazonS3>())
            .TryAdd(sp => sp.GetRequiredService<AWSOptions>().CreateServiceClient<IAmazonSQS>())
            .TryAdd<ICloudIdentity, CloudIdentity>()

            // The app's one cache, with this environment's name before every key and tag.
            .TryAdd(ServiceDescriptor.Singleton<HybridCache>(sp => new EnvironmentCache(
                sp.GetRequiredService<CloudEnvironments>().Root.GetRequiredService<HybridCache>(),
                sp.GetRequiredService<CloudEnvironment>().Name)), wrapsApp: true)

            // Application services: they own caching, so 50 tabs cost AWS what one tab costs.
            .TryAdd<WorkflowCatalog>()
            .TryAdd<WorkflowRuns>()
            .TryAdd<RunDetails>()
            .TryAdd<RunEventSources>()
            .TryAdd<WorkflowOverview>()
            .TryAdd<WorkflowDetails>()
            .TryAdd<PlaygroundService>()
            .TryAdd<RuleMetrics>()
            .TryAdd<RuleCatalog>()
            .TryAdd<RulePageLoader>()

            // The Data Catalog: tables that crawlers write, and a preview of their Parquet read through S3.
            .TryAdd<IParquetObjects, S3ParquetObjects>()
            .TryAdd<CrawlerTables>()
            .TryAdd<TablePreview>()

            // Diagnostics: read-only, one set of facts per run, IAM documents in the environment's cache.
            .TryAdd<IDeadLetterQueues, SqsDeadLetterQueues>()
            .TryAdd<IDeadLetterPeek, SqsDeadLetterPeek>()
            .TryAdd<DiagnosticSources>()
            .TryAdd<DiagnosticsRunner>()

            // Writes to AWS: one per environment (two circuits editing one trigger queue behind one lock); each checks
            // its Actor and audits with the environment's name.
            .TryAdd<TriggerEditor>()
            .TryAdd<RunControl>()

            // What-if tuning: 7 days of public data per workflow, shared for a minute.
            .TryAdd<WorkflowTuning>()

            // Live data: one poller per feed and environment, whatever the number of circuits that show it.
            .TryAdd<LiveData>();

        // What components and scoped services inject. Transient, so that the app's container resolves it for a
        // circuit and for the app alike; none of these is disposable, so no scope ever disposes a shared instance.
        Forward<ICloudIdentity>(services, template);
        Forward<CloudEnvironment>(services, template);
        Forward<WorkflowCatalog>(services, template);
        Forward<WorkflowRuns>(services, template);
        Forward<RunDetails>(services, template);
        Forward<RunEventSources>(services, template);
        Forward<WorkflowOverview>(services, template);
        Forward<WorkflowDetails>(services, template);
        Forward<PlaygroundService>(services, template);
        Forward<RuleMetrics>(services, template);
        Forward<RuleCatalog>(services, template);
        Forward<RulePageLoader>(services, template);
        Forward<CrawlerTables>(services, template);
        Forward<TablePreview>(services, template);
        Forward<DiagnosticsRunner>(services, template);
        Forward<IDeadLetterPeek>(services, template);
        Forward<TriggerEditor>(services, template);
        Forward<RunControl>(services, template);
        Forward<WorkflowTuning>(services, template);
        Forward<LiveData>(services, template);
        return services;
    }

    /// <summary>
    /// The services of the environment that <paramref name="services"/> shows: its circuit's or request's, or the
    /// default one for the app's own container.
    /// </summary>
    public static EnvironmentServices EnvironmentServicesFor(IServiceProvider services)
    {
        var environments = services.GetRequiredService<CloudEnvironments>();
        return ReferenceEquals(services, environments.Root)
            ? environments.ServicesOf(environments.Default)
            : services.GetRequiredService<EnvironmentSelection>().Services;
    }

    private static void Forward<T>(IServiceCollection services, EnvironmentServiceTemplate template)
        where T : class
    {
        var forwarder = ServiceDescriptor.Transient(sp => EnvironmentServicesFor(sp).GetRequiredService<T>());
        template.AddForwarder(forwarder);
        services.TryAdd(forwarder);
    }
}
