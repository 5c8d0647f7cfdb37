using System.Xml.Linq;
using LocalCloud.Faults;
using LocalCloud.Hosting;
using LocalCloud.Persistence;

namespace LocalCloud.Protocol;

/// <summary>
/// Sends each HTTP request to the front end of its protocol. The SigV4 credential scope names the service and the
/// region; the access key names the account when it is a 12-digit id, and the default account otherwise. Every
/// request is counted in the <see cref="RequestLog"/> by service and operation, then offered to the
/// <see cref="IFaultInjector"/>, which may delay it or answer it with the service's throttling or server error.
/// With a data path, a response waits for the <see cref="DurableStore"/> to commit what the request changed.
/// </summary>
public sealed class AwsRouter(
    JsonFrontEnd json,
    QueryFrontEnd query,
    IEnumerable<IRestFrontEnd> rest,
    IEnumerable<IRpcFrontEnd> rpc,
    IEnumerable<IAwsService> services,
    RequestLog requests,
    IFaultInjector faults,
    LocalCloudSettings settings,
    DurableStore durable,
    ILogger<AwsRouter> logger)
{
    private readonly IRestFrontEnd[] _rest = rest.ToArray();
    private readonly IRpcFrontEnd[] _rpc = rpc.ToArray();
    private readonly Dictionary<string, string> _queryNamespaces = services
        .Where(s => s.QueryNamespace is not null)
        .ToDictionary(s => s.SigningName, s => s.QueryNamespace!, StringComparer.Ordinal);

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
            var route = await RouteAsync(http, context, target, cancellationToken);
            requests.Record(service, route.Operation);

            // Injected faults answer before the front end, in its protocol, as if the service had refused the call.
            if (await faults.ApplyAsync(service, route.Operation, cancellationToken) is { } fault)
            {
                await route.Fail(Faults.FaultErrors.For(fault, route.Protocol, service));
                return;
            }

            await route.Handle();
        }
        catch (Exception error) when (error is not OperationCanceledException && !http.Response.HasStarted)
        {
            // A bug in LocalCloud is still answered in AWS's shape, as a 500 the SDKs retry and then report.
            logger.LogError(error, "LocalCloud failed on {Service} {Target}{Path}.", service, target, http.Request.Path);
            await JsonFrontEnd.WriteErrorAsync(http, context, new AwsServiceException("InternalFailure", $"LocalCloud failed: {error.Message}", System.Net.HttpStatusCode.InternalServerError, senderFault: false), "application/x-amz-json-1.1", false, cancellationToken);
        }
    }

    /// <summary>The front end a request goes to, the operation it calls (as the request log counts it), and how that front end answers an error.</summary>
    private async Task<Route> RouteAsync(HttpContext http, RequestContext context, string target, CancellationToken cancellationToken)
    {
        var service = context.Service;
        var queryCompatible = string.Equals(http.Request.Headers["x-amzn-query-mode"], "true", StringComparison.OrdinalIgnoreCase);
        if (_rpc.FirstOrDefault(f => f.Accepts(http.Request)) is { } rpcFrontEnd)
        {
            return new Route(
                await rpcFrontEnd.ReadOperationAsync(http.Request, cancellationToken),
                WireProtocol.Json,
                () => rpcFrontEnd.HandleAsync(http, context, cancellationToken),
                error => rpcFrontEnd.WriteErrorAsync(http, context, error, cancellationToken));
        }

        if (target.Length > 0)
        {
            var contentType = http.Request.ContentType?.Split(';')[0] is { Length: > 0 } type ? type : "application/x-amz-json-1.1";
            return new Route(
                target[(target.LastIndexOf('.') + 1)..],
                WireProtocol.Json,
                () => json.HandleAsync(http, context, target, cancellationToken),
                error => JsonFrontEnd.WriteErrorAsync(http, context, error, contentType, queryCompatible, cancellationToken));
        }

        if (query.Serves(service))
        {
            return new Route(
                await QueryFrontEnd.ReadActionAsync(http.Request, cancellationToken),
                WireProtocol.Query,
                () => query.HandleAsync(http, context, cancellationToken),
                error => WriteQueryErrorAsync(http, context, error, cancellationToken));
        }

        if (_rest.FirstOrDefault(f => f.SigningName == service) is { } restFrontEnd)
        {
            // REST operations are many per path; the method is enough to count them.
            return new Route(
                http.Request.Method,
                WireProtocol.RestXml,
                () => restFrontEnd.HandleAsync(http, context, cancellationToken),
                error => WriteRestErrorAsync(http, context, error, cancellationToken));
        }

        return new Route(
            http.Request.Method,
            WireProtocol.Json,
            () => JsonFrontEnd.WriteErrorAsync(http, context, AwsServiceException.UnknownOperation($"{service} {http.Request.Method} {http.Request.Path}"), "application/x-amz-json-1.1", false, cancellationToken),
            error => JsonFrontEnd.WriteErrorAsync(http, context, error, "application/x-amz-json-1.1", false, cancellationToken));
    }

    private async Task WriteQueryErrorAsync(HttpContext http, RequestContext context, AwsServiceException error, CancellationToken cancellationToken)
    {
        XNamespace ns = _queryNamespaces.GetValueOrDefault(context.Service) ?? string.Empty;
        var document = new XElement(
            ns + "ErrorResponse",
            new XElement(ns + "Error", new XElement(ns + "Type", error.SenderFault ? "Sender" : "Receiver"), new XElement(ns + "Code", error.Code), new XElement(ns + "Message", error.Message)),
            new XElement(ns + "RequestId", context.RequestId));
        await QueryFrontEnd.WriteXmlAsync(http, (int)error.Status, document, context, cancellationToken);
    }

    private static async Task WriteRestErrorAsync(HttpContext http, RequestContext context, AwsServiceException error, CancellationToken cancellationToken)
    {
        http.Response.StatusCode = (int)error.Status;
        http.Response.ContentType = "application/xml";
        http.Response.Headers["x-amz-request-id"] = context.RequestId;
        if (!HttpMethods.IsHead(http.Request.Method))
        {
            var document = S3.S3Xml.ErrorDocument(error.Code, error.Message, [], context.RequestId, context.RequestId);
            await http.Response.WriteAsync("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + document.ToString(SaveOptions.DisableFormatting), cancellationToken);
        }
    }

    internal static string LastSegment(PathString path) => path.Value?[(path.Value.LastIndexOf('/') + 1)..] ?? string.Empty;

    private static string? ServiceFromTarget(string target) => target.Split('.')[0] switch
    {
        "AWSGlue" => "glue",
        "AWSEvents" => "events",
        "GraniteServiceVersion20100801" => "monitoring",
        "AmazonSQS" => "sqs",
        "com" => "cloudtrail",
        _ => null,
    };

    private sealed record Route(string Operation, WireProtocol Protocol, Func<Task> Handle, Func<AwsServiceException, Task> Fail);
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

    /// <summary>The operation the request calls, as the request log and fault rules name it: by default the path's last segment.</summary>
    ValueTask<string> ReadOperationAsync(HttpRequest request, CancellationToken cancellationToken) =>
        ValueTask.FromResult(AwsRouter.LastSegment(request.Path));

    /// <summary>Answers with an error in this front end's protocol: by default Smithy RPC v2 CBOR's.</summary>
    Task WriteErrorAsync(HttpContext http, RequestContext context, AwsServiceException error, CancellationToken cancellationToken) =>
        CborFrontEnd.WriteErrorAsync(http, context, error, string.Equals(http.Request.Headers["x-amzn-query-mode"], "true", StringComparison.OrdinalIgnoreCase), cancellationToken);
}
