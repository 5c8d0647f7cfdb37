using Dashboard.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Dashboard.Audit;

public static class AuditLogRegistration
{
    /// <summary>
    /// The audit log: one per app (a singleton), SQLite at <c>Audit:Path</c> or PostgreSQL at
    /// <c>Audit:ConnectionString</c>; its schema is created at start-up, so a bad location stops the app there.
    /// </summary>
    public static IServiceCollection AddAuditLog(this IServiceCollection services)
    {
        services.TryAddSingleton<IAuditLog>(sp => Create(
            sp.GetRequiredService<IOptions<AuditOptions>>().Value,
            sp.GetRequiredService<IHostEnvironment>().ContentRootPath));
        services.AddHostedService<AuditLogInitializer>();
        return services;
    }

    public static DbAuditLog Create(AuditOptions options, string contentRoot) => options.ConnectionString is { } connection
        ? new PostgresAuditLog(connection)
        : new SqliteAuditLog(options.FullPath(contentRoot));
}

/// <summary>Creates the audit schema when the app starts; a failure stops the start with the key to fix.</summary>
public sealed class AuditLogInitializer(IAuditLog log, ILogger<AuditLogInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (log is not DbAuditLog database)
        {
            return;
        }

        try
        {
            await database.EnsureCreatedAsync(cancellationToken);
            logger.LogInformation("Audit log: {Location}", database.Location);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            var key = database is PostgresAuditLog ? AuditOptions.ConnectionStringKey : AuditOptions.PathKey;
            throw new InvalidOperationException(
                $"The audit log could not be opened at {database.Location} ({key}): {error.Message} Every change the dashboard makes is recorded there, so it does not start without it.",
                error);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
