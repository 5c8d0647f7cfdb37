using System.Text.Json;

namespace LocalCloud.Hosting;

/// <summary>
/// <c>/_localcloud/requests</c>: <c>GET</c> answers the <see cref="RequestLog"/> as JSON
/// (<c>{"total":…,"requests":[{"service":…,"operation":…,"count":…}],"faults":[{…,"fault":"Throttle","count":…}]}</c>), <c>DELETE</c> clears it. Only unsigned
/// requests reach it: every AWS SDK request is signed, and no S3 bucket name may contain an underscore, so it never
/// shadows an AWS call.
/// </summary>
public static class RequestLogEndpoint
{
    public const string Path = "/_localcloud/requests";

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    public static bool Matches(HttpContext http) =>
        http.Request.Path.Equals(Path, StringComparison.Ordinal)
        && !http.Request.Headers.ContainsKey("Authorization")
        && !http.Request.Query.ContainsKey("X-Amz-Credential");

    public static async Task HandleAsync(HttpContext http)
    {
        var log = http.RequestServices.GetRequiredService<RequestLog>();
        if (HttpMethods.IsGet(http.Request.Method))
        {
            var requests = log.Snapshot();
            await http.Response.WriteAsJsonAsync(new { Total = requests.Sum(r => r.Count), Requests = requests, Faults = log.FaultSnapshot() }, JsonOptions, http.RequestAborted);
        }
        else if (HttpMethods.IsDelete(http.Request.Method))
        {
            log.Clear();
            http.Response.StatusCode = StatusCodes.Status204NoContent;
        }
        else
        {
            http.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            http.Response.Headers.Allow = "GET, DELETE";
        }
    }
}
