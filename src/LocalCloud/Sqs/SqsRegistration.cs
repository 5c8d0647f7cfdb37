using LocalCloud.Protocol;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace LocalCloud.Sqs;

public static class SqsRegistration
{
    /// <summary>
    /// SQS: one singleton backend, serving the API through its own front end (JSON 1.0 and Query) and LocalCloud's own
    /// services as the <see cref="IDeadLetterQueues"/>. Calling it again changes nothing.
    /// </summary>
    public static IServiceCollection AddSqs(this IServiceCollection services)
    {
        services.TryAddSingleton<SqsBackend>();
        services.TryAddSingleton<IDeadLetterQueues>(sp => sp.GetRequiredService<SqsBackend>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IRpcFrontEnd, SqsFrontEnd>());
        return services;
    }
}
