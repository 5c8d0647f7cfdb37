using Dashboard.Audit;
using Dashboard.Cloud;
using Dashboard.Components;
using Dashboard.Configuration;
using Dashboard.Diagnostics;
using Dashboard.Live;
using Dashboard.Playground;
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
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<EnvironmentsOptions>, DashboardOptionsSetup>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CloudOptions>, DashboardOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LocalCloudOptions>, DashboardOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AwsConnectionOptions>, DashboardOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AuditOptions>, DashboardOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<EnvironmentsOptions>, DashboardOptionsValidator>());
        services.AddOptions<CloudOptions>().ValidateOnStart();
        services.AddOptions<LocalCloudOptions>().ValidateOnStart();
        services.AddOptions<AwsConnectionOptions>().ValidateOnStart();
        services.AddOptions<AuditOptions>().ValidateOnStart();
        services.AddOptions<EnvironmentsOptions>().ValidateOnStart();

        // The environment, injected so tests can fake it.
        services.TryAddSingleton(TimeProvider.System);

        // The environments (accounts and regions): each has its own AWS clients, identity, rate limits, cache keys,
        // live feeds and caching services, shared by every circuit that shows it (see CloudEnvironmentRegistration).
        services.AddCloudClients(builder.Configuration);
        services.AddPlaygroundFaults();

        // The diagnostics' checks: stateless, one of each per app; every environment runs the same list.
        services.AddDiagnosticChecks();

        // The audit trail: durable and append-only, one per app; every write to AWS goes through it.
        services.AddAuditLog();

        // The one coalescing cache; each environment sees it through its own key prefix.
        services.AddHybridCache();
        services.TryAddSingleton(sp => LiveDataOptions.From(sp.GetRequiredService<IOptions<CloudOptions>>().Value));

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
