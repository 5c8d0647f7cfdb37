using System.Formats.Cbor;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace LocalCloud.Protocol;

/// <summary>
/// Smithy RPC v2 CBOR: <c>POST …/service/{Service}/operation/{Operation}</c> with <c>smithy-protocol: rpc-v2-cbor</c>
/// and a CBOR body; the service is the one whose JSON target prefix is the service shape's name
/// (<c>GraniteServiceVersion20100801</c> for CloudWatch). The body is read as JSON (<see cref="CborJson"/>) into the
/// operation's input record, and the output record is written back as CBOR (<see cref="ShapeCbor"/>). Errors are
/// CBOR maps of <c>__type</c> and <c>message</c>, with <c>x-amzn-query-error</c> for query-compatible callers.
/// </summary>
public sealed partial class CborFrontEnd(IEnumerable<IAwsService> services) : IRpcFrontEnd
{
    public const string ProtocolHeader = "smithy-protocol";
    public const string ProtocolName = "rpc-v2-cbor";
    public const string ContentType = "application/cbor";

    private readonly Dictionary<string, IAwsService> _byServiceName = services
        .Where(s => s.TargetPrefix is not null)
        .ToDictionary(s => s.TargetPrefix ?? string.Empty, StringComparer.Ordinal);

    public bool Accepts(HttpRequest request) =>
        HttpMethods.IsPost(request.Method)
        && string.Equals(request.Headers[ProtocolHeader], ProtocolName, StringComparison.OrdinalIgnoreCase)
        && PathPattern().IsMatch(request.Path.Value ?? string.Empty);

    public async Task HandleAsync(HttpContext http, RequestContext context, CancellationToken cancellationToken)
    {
        var queryCompatible = string.Equals(http.Request.Headers["x-amzn-query-mode"], "true", StringComparison.OrdinalIgnoreCase);
        var path = PathPattern().Match(http.Request.Path.Value ?? string.Empty);
        var serviceName = Uri.UnescapeDataString(path.Groups["service"].Value);
        var operationName = Uri.UnescapeDataString(path.Groups["operation"].Value);
        try
        {
            if (!_byServiceName.TryGetValue(serviceName, out var service))
            {
                throw AwsServiceException.UnknownOperation($"{serviceName}.{operationName}");
            }

            var operation = service.Operations.Get(operationName);
            var body = await JsonFrontEnd.ReadBodyAsync(http.Request, cancellationToken);
            var input = WireJson.Deserialize(ReadInput(body), operation.InputType);
            var output = await operation.Invoke(context, input, cancellationToken);

            WriteHeaders(http, context, StatusCodes.Status200OK);
            await http.Response.Body.WriteAsync(ShapeCbor.Serialize(output), cancellationToken);
        }
        catch (AwsServiceException error)
        {
            await WriteErrorAsync(http, context, error, queryCompatible, cancellationToken);
        }
    }

    public static async Task WriteErrorAsync(HttpContext http, RequestContext context, AwsServiceException error, bool queryCompatible, CancellationToken cancellationToken)
    {
        WriteHeaders(http, context, (int)error.Status);
        http.Response.Headers["x-amzn-ErrorType"] = error.Code;
        if (queryCompatible)
        {
            http.Response.Headers["x-amzn-query-error"] = $"{error.Code};{(error.SenderFault ? "Sender" : "Receiver")}";
        }

        var writer = new CborWriter(CborConformanceMode.Lax);
        writer.WriteStartMap(2);
        writer.WriteTextString("__type");
        writer.WriteTextString(error.Code);
        writer.WriteTextString("message");
        writer.WriteTextString(error.Message);
        writer.WriteEndMap();
        await http.Response.Body.WriteAsync(writer.Encode(), cancellationToken);
    }

    private static byte[] ReadInput(byte[] body)
    {
        try
        {
            return JsonSerializer.SerializeToUtf8Bytes(CborJson.ToJson(body), WireJson.Options);
        }
        catch (Exception error) when (error is CborContentException or InvalidOperationException or FormatException or OverflowException)
        {
            throw AwsServiceException.Serialization($"The request body is not valid CBOR: {error.Message}");
        }
    }

    private static void WriteHeaders(HttpContext http, RequestContext context, int status)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = ContentType;
        http.Response.Headers[ProtocolHeader] = ProtocolName;
        http.Response.Headers["x-amzn-RequestId"] = context.RequestId;
    }

    [GeneratedRegex("(?:^|/)service/(?<service>[^/]+)/operation/(?<operation>[^/]+)$")]
    private static partial Regex PathPattern();
}
