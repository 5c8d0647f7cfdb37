using LocalCloud.Persistence;
using LocalCloud.Protocol;
using LocalCloud.S3.Storage;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace LocalCloud.S3;

public static class S3Registration
{
    /// <summary>
    /// S3: the REST front end, the backend and its storage (on disk under <c>LocalCloud:DataPath</c> when set, in memory
    /// otherwise). Singletons: one S3 per LocalCloud.
    /// </summary>
    public static IServiceCollection AddS3(this IServiceCollection services)
    {
        services.TryAddSingleton<S3Storage>(sp => sp.GetRequiredService<LocalCloudSettings>().DataPath is { Length: > 0 } dataPath
            ? new DurableS3Storage(Path.Combine(dataPath, "s3"), sp.GetRequiredService<DurableStore>(), sp.GetRequiredService<ILogger<DurableS3Storage>>())
            : new MemoryS3Storage());
        services.TryAddSingleton<S3EventPublisher>();
        services.TryAddSingleton<S3Backend>();
        services.AddSingleton<IRestFrontEnd, S3FrontEnd>();
        return services;
    }
}
