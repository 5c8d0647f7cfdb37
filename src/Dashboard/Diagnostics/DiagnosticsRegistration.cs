using Dashboard.Diagnostics.Checks;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Dashboard.Diagnostics;

/// <summary>The checks, in the order a reader meets them on the page. Checks are stateless singletons.</summary>
public static class DiagnosticsRegistration
{
    public static IServiceCollection AddDiagnosticChecks(this IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IDiagnosticCheck, StartTriggerCheck>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IDiagnosticCheck, TargetRoleCheck>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IDiagnosticCheck, TrustPolicyCheck>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IDiagnosticCheck, NotifyEventPermissionCheck>());
        return services;
    }
}
