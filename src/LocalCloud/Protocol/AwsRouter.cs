using LocalCloud.Hosting;
using LocalCloud.Persistence;

namespace LocalCloud.Protocol;

/// <summary>
/// Sends each HTTP request to the front end of its protocol. The SigV4 credential scope names the service and the
/// region; the access key names the account when it is a 12-digit id, and the default account otherwise. Every
/// request is counted in the <see cref="RequestLog"/> by service and operation. With a data path, a response waits for
/// the <see cref="DurableStore"/> to commit what the request changed.
/// </summary>
public sealed class AwsRouter(
    JsonFrontEnd json,
    QueryFrontEnd query,
    IEnumerable<IRestFrontEnd> rest,
    IEnumerable<IRpcFrontEnd> rpc,
    RequestLog requests,
    LocalCloudSettings settings,
    DurableStore durable,
    ILogger<AwsRouter> logger)
{
    private readonly IRestFrontEnd[] _rest = rest.ToArray();
    private readonly IRpcFrontEnd[] _rpc = rpc.ToArray();

    public async Task HandleAsync(HttpContext http)
    {
        var cancellationToken = http.RequestAborted;
        var scope = SigV4Scope.Parse(http.Request.Headers.Authorization, http.Request.Query["X-Amz-Credential"]);
        var target = http.Request.Headers["X-Amz-Target"].ToString();
        var service = scope?.Service ?? ServiceFromTarget(target) ?? "s3";
        var accessKey = scope?.AccessKeyId ?? "anonymous";
        var account = accessKey.Length == 12 && accessKey.All(char.IsAsciiDigit) ? accessKey : settings.AccountId;
        var context = new RequestContext(account, scope?.Region ?? "us-east-1", service, Guid.NewGuid().ToString(), accessKey);
        if (durable.IsEnabled)
        {
            // Acknowledged means durable: no response starts before the changes queued so far are committed.
            http.Response.OnStarting(() => durable.FlushAsync(CancellationToken.None));
        }

        try
        {
            if (_rpc.FirstOrDefault(f => f.Accepts(http.Request)) is { } rpcFrontEnd)
            {
                requests.Record(service, LastSegment(http.Request.Path));
                await rpcFrontEnd.HandleAsync(http, context, cancellationToken);
            }
            else if (target.Length > 0)
            {
                requests.Record(service, target[(target.LastIndexOf('.') + 1)..]);
                await json.HandleAsync(http, context, target, cancellationToken);
            }
            else if (query.Serves(service))
            {
                requests.Record(service, await QueryFrontEnd.ReadActionAsync(http.Request, cancellationToken));
                await query.HandleAsync(http, context, cancellationToken);
            }
            else if (_rest.FirstOrDefault(f => f.SigningName == service) is { } restFrontEnd)
            {
                // REST operations are many per path; the method is enough to count them.
                requests.Record(service, http.Request.Method);
                await restFrontEnd.HandleAsync(http, context, cancellationToken);
            }
            else
            {
                requests.Record(service, http.Request.Method);
                await JsonFrontEnd.WriteErrorAsync(http, context, AwsServiceException.UnknownOperation($"{service} {http.Request.Method} {http.Request.Path}"), "application/x-amz-json-1.1", false, cancellationToken);
            }
        }
        catch (Exception error) when (error is not OperationCanceledException && !http.Response.HasStarted)
        {
            // A bug in LocalCloud is still answered in AWS's shape, as a 500 the SDKs retry and then report.
            logger.LogError(error, "LocalCloud failed on {Service} {Target}{Path}.", service, target, http.Request.Path);
            await JsonFrontEnd.WriteErrorAsync(http, context, new AwsServiceException("InternalFailure", $"LocalCloud failed: {error.Message}", System.Net.HttpStatusCode.InternalServerError, senderFault: false), "application/x-amz-json-1.1", false, cancellationToken);
        }
    }

    private static string LastSegment(PathString path) => path.Value?[(path.Value.LastIndexOf('/') + 1)..] ?? string.Empty;

    private static string? ServiceFromTarget(string target) => target.Split('.')[0] switch
    {
        "AWSGlue" => "glue",
        "AWSEvents" => "events",
        "GraniteServiceVersion20100801" => "monitoring",
        "com" => "cloudtrail",
        _ => null,
    };
}

/// <summary>A REST protocol front end (S3), chosen by the signing name.</summary>
public interface IRestFrontEnd
{
    string SigningName { get; }

    Task HandleAsync(HttpContext http, RequestContext context, CancellationToken cancellationToken);
}

/// <summary>An RPC front end chosen by the request's shape (Smithy RPC v2 CBOR: <c>/service/X/operation/Y</c>).</summary>
public interface IRpcFrontEnd
{
    bool Accepts(HttpRequest request);

    Task HandleAsync(HttpContext http, RequestContext context, CancellationToken cancellationToken);
}
