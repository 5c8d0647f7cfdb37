using Dashboard.Audit;
using Dashboard.Batching;
using Dashboard.Cloud;
using Dashboard.Components;
using Dashboard.Configuration;
using Dashboard.Live;
using Dashboard.Metrics;
using Dashboard.Playground;
using Dashboard.Workflows;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Dashboard.Components.Layout;
using Dashboard.Security;
using MudBlazor.Services;

namespace Dashboard.Hosting;

/// <summary>
/// The composition root. <c>Program.cs</c>, the tests and any other host build the same app from here; tests swap
/// implementations by registering theirs first (everything here is <c>TryAdd</c>).
/// </summary>
public static class DashboardHosting
{
    public static WebApplicationBuilder AddDashboard(this WebApplicationBuilder builder)
    {
        // The repository's top-level appsettings.json is the base; environment variables and the command line override it.
        builder.Configuration.AddBaseSettings(builder.Environment);

        var services = builder.Services;

        // Options: typed, validated at start-up, with errors that name the key.
        services.TryAddSingleton<DashboardOptionsSetup>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<CloudOptions>, DashboardOptionsSetup>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<LocalCloudOptions>, DashboardOptionsSetup>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<AwsConnectionOptions>, DashboardOptionsSetup>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<AuditOptions>, DashboardOptionsSetup>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CloudOptions>, DashboardOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LocalCloudOptions>, DashboardOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AwsConnectionOptions>, DashboardOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AuditOptions>, DashboardOptionsValidator>());
        services.AddOptions<CloudOptions>().ValidateOnStart();
        services.AddOptions<LocalCloudOptions>().ValidateOnStart();
        services.AddOptions<AwsConnectionOptions>().ValidateOnStart();
        services.AddOptions<AuditOptions>().ValidateOnStart();

        // The environment, injected so tests can fake it.
        services.TryAddSingleton(TimeProvider.System);

        // AWS clients and the identity they act as: singletons, shared by every circuit.
        services.AddCloudClients(builder.Configuration);
        services.TryAddSingleton<ICloudIdentity, CloudIdentity>();
        services.TryAddSingleton(sp => CloudEnvironment.From(sp.GetRequiredService<IOptions<CloudOptions>>().Value));

        // The audit trail: durable and append-only, one per app; every write to AWS goes through it.
        services.AddAuditLog();

        // Application services: singletons that own caching, so 50 tabs cost AWS what one tab costs.
        services.AddHybridCache();
        services.TryAddSingleton<WorkflowCatalog>();
        services.TryAddSingleton<WorkflowRuns>();
        services.TryAddSingleton<RunDetails>();
        services.TryAddSingleton<RunEventSources>();
        services.TryAddSingleton<WorkflowOverview>();
        services.TryAddSingleton<WorkflowDetails>();
        services.TryAddSingleton<PlaygroundService>();
        services.TryAddSingleton<RuleMetrics>();
        services.TryAddSingleton<RuleCatalog>();
        services.TryAddSingleton<RulePageLoader>();

        // Writes to AWS: singletons (two circuits editing one trigger queue behind one lock); each checks its Actor and audits.
        services.TryAddSingleton<TriggerEditor>();
        services.TryAddSingleton<RunControl>();

        // Live data: one poller per feed, whatever the number of circuits that show it.
        services.TryAddSingleton(sp => LiveDataOptions.From(sp.GetRequiredService<IOptions<CloudOptions>>().Value));
        services.TryAddSingleton<LiveData>();

        // UI. Scoped services live as long as one browser circuit.
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices();
        services.TryAddScoped<ThemePreference>();
        // Sign-in first: with it on, the circuit's user replaces the anonymous actor.
        services.AddDashboardSignIn(builder.Configuration);
        services.TryAddScoped<ICurrentActor, AnonymousActor>();

        return builder;
    }

    public static WebApplication MapDashboard(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/Error", createScopeForErrors: true);
        }

        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseSecurityHeaders();
        app.UseDashboardSignIn();
        app.UseAntiforgery();
        app.MapStaticAssets().AllowAnonymous();
        app.MapHealthEndpoints();
        app.MapAuditExport();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}
