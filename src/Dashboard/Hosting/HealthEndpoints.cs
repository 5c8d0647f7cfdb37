using Dashboard.Cloud;

namespace Dashboard.Hosting;

/// <summary><c>/healthz</c>: the process is alive. <c>/readyz</c>: the configured cloud answers.</summary>
public static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder endpoints)
    {
        // Probes never sign in.
        endpoints.MapGet("/healthz", () => Results.Json(new { status = "alive" }))
            .AllowAnonymous()
            .ExcludeFromDescription();

        endpoints.MapGet("/readyz", async (ICloudIdentity identity, ILoggerFactory loggers, CancellationToken cancellationToken) =>
        {
            try
            {
                var who = await identity.GetAsync(cancellationToken);
                return Results.Json(new
                {
                    status = "ready",
                    mode = who.Mode.ToString(),
                    account = who.AccountId,
                    region = who.Region,
                    endpoint = who.Endpoint?.ToString(),
                });
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                loggers.CreateLogger(typeof(HealthEndpoints)).LogWarning(error, "Readiness check failed.");
                return Results.Json(
                    new
                    {
                        status = "unready",
                        mode = identity.Mode.ToString(),
                        endpoint = identity.LocalEndpoint?.ToString(),
                        error = AwsErrorText.Explain(error),
                    },
                    statusCode: StatusCodes.Status503ServiceUnavailable);
            }
        }).AllowAnonymous().ExcludeFromDescription();

        return endpoints;
    }
}
