using System.Text.Json;

namespace LocalCloud.Protocol;

/// <summary>
/// AWS JSON 1.0 and 1.1: <c>POST /</c> with <c>X-Amz-Target: Prefix.Operation</c> and a JSON body. For
/// query-compatible services (<c>x-amzn-query-mode: true</c>) errors also carry <c>x-amzn-query-error</c>.
/// </summary>
public sealed class JsonFrontEnd(IEnumerable<IAwsService> services)
{
    private readonly Dictionary<string, IAwsService> _byPrefix = services
        .Where(s => s.TargetPrefix is not null)
        .ToDictionary(s => s.TargetPrefix!, StringComparer.Ordinal);

    public bool TryGetService(string target, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out IAwsService? service, out string operation)
    {
        var dot = target.LastIndexOf('.');
        operation = dot < 0 ? string.Empty : target[(dot + 1)..];
        service = null;
        return dot >= 0 && _byPrefix.TryGetValue(target[..dot], out service);
    }

    public async Task HandleAsync(HttpContext http, RequestContext context, string target, CancellationToken cancellationToken)
    {
        var contentType = http.Request.ContentType?.Split(';')[0] is { Length: > 0 } type ? type : "application/x-amz-json-1.1";
        var queryCompatible = string.Equals(http.Request.Headers["x-amzn-query-mode"], "true", StringComparison.OrdinalIgnoreCase);
        try
        {
            if (!TryGetService(target, out var service, out var operationName))
            {
                throw AwsServiceException.UnknownOperation(target);
            }

            var operation = service.Operations.Get(operationName);
            var body = await ReadBodyAsync(http.Request, cancellationToken);
            var input = WireJson.Deserialize(body, operation.InputType);
            var output = await operation.Invoke(context, input, cancellationToken);

            http.Response.StatusCode = StatusCodes.Status200OK;
            http.Response.ContentType = contentType;
            http.Response.Headers["x-amzn-RequestId"] = context.RequestId;
            await http.Response.Body.WriteAsync(WireJson.Serialize(output), cancellationToken);
        }
        catch (AwsServiceException error)
        {
            await WriteErrorAsync(http, context, error, contentType, queryCompatible, cancellationToken);
        }
    }

    public static async Task WriteErrorAsync(HttpContext http, RequestContext context, AwsServiceException error, string contentType, bool queryCompatible, CancellationToken cancellationToken)
    {
        http.Response.StatusCode = (int)error.Status;
        http.Response.ContentType = contentType;
        http.Response.Headers["x-amzn-RequestId"] = context.RequestId;
        http.Response.Headers["x-amzn-ErrorType"] = error.Code;
        if (queryCompatible)
        {
            http.Response.Headers["x-amzn-query-error"] = $"{error.Code};{(error.SenderFault ? "Sender" : "Receiver")}";
        }

        var body = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string> { ["__type"] = error.Code, ["message"] = error.Message });
        await http.Response.Body.WriteAsync(body, cancellationToken);
    }

    public static async Task<byte[]> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken);
        return buffer.ToArray();
    }
}
