using System.Globalization;

namespace Dashboard.Audit;

/// <summary>
/// <c>GET /audit/export.csv?…</c>: the records that the same filters show on <c>/audit</c>, oldest first, as CSV,
/// streamed as they are read. A filter value that makes no sense is a 400 that says which and why, never ignored.
/// </summary>
public static class AuditExportEndpoint
{
    public const string Path = "/audit/export.csv";

    public static IEndpointRouteBuilder MapAuditExport(this IEndpointRouteBuilder endpoints)
    {
        // An ordinary endpoint: whatever authorization the app requires of its pages, it requires here too.
        endpoints.MapGet(Path, ExportAsync).ExcludeFromDescription();
        return endpoints;
    }

    /// <summary>The download's file name at <paramref name="now"/>: <c>audit-YYYYMMDD-HHMMSS.csv</c>, in UTC.</summary>
    public static string FileName(DateTimeOffset now) =>
        $"audit-{now.UtcDateTime.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}.csv";

    private static async Task ExportAsync(HttpContext context, IAuditLog log, TimeProvider time, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var parsed = AuditFilterText.Read(key => context.Request.Query[key].ToString()).Parse();
        if (parsed.Filter is not { } filter)
        {
            await Results.Problem(
                title: "The audit filter is not valid.",
                detail: parsed.Message,
                statusCode: StatusCodes.Status400BadRequest).ExecuteAsync(context);
            return;
        }

        var response = context.Response;
        response.ContentType = "text/csv; charset=utf-8";
        response.Headers.ContentDisposition = $"attachment; filename=\"{FileName(time.GetUtcNow())}\"";
        response.Headers.CacheControl = "no-store";
        try
        {
            await log.WriteCsvAsync(filter, response.Body, cancellationToken);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            loggers.CreateLogger(typeof(AuditExportEndpoint)).LogError(error, "The audit export failed.");
            if (!response.HasStarted)
            {
                response.Headers.ContentDisposition = default;
                await Results.Problem(
                    title: "The audit log could not be read.",
                    detail: $"Reading {AuditTrail.Describe(log)} failed: {error.Message}",
                    statusCode: StatusCodes.Status503ServiceUnavailable).ExecuteAsync(context);
                return;
            }

            // Part of the file is sent: end the connection, so the download fails instead of looking complete.
            context.Abort();
        }
    }
}
