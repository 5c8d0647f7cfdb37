using Dashboard.Diagnostics.Checks;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Dashboard.Diagnostics;

/// <summary>The checks, in the order a reader meets them on the page. Checks are stateless singletons.</summary>
public static class DiagnosticsRegistration
{
    public static IServiceCollection AddDiagnosticChecks(this IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IDiagnosticCheck, StartTriggerCheck>()); // 1
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IDiagnosticCheck, RuleTargetingCheck>()); // 2
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IDiagnosticCheck, TargetRoleCheck>()); // 3
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IDiagnosticCheck, TrustPolicyCheck>()); // 4
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IDiagnosticCheck, NotifyEventPermissionCheck>()); // 5
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IDiagnosticCheck, SourceWiringCheck>()); // 6
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IDiagnosticCheck, EventPatternCheck>()); // 7
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IDiagnosticCheck, DeliveryHealthCheck>()); // 8
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IDiagnosticCheck, ConcurrencyRiskCheck>()); // 9
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IDiagnosticCheck, RetryAndDlqCheck>()); // 10
        return services;
    }
}
