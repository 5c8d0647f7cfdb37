using System.Text.Json;
using System.Xml.Linq;
using LocalCloud.Protocol;

namespace LocalCloud.Sqs;

/// <summary>
/// SQS's two wire protocols: AWS JSON 1.0 (<c>X-Amz-Target: AmazonSQS.SendMessage</c>, what current botocore speaks) and
/// Query (form parameters posted to the queue URL, what AWS CLI v2 2.9 speaks). Both read into the same request
/// records; Query's flattened lists and maps are read and written by <see cref="SqsQuery"/>.
/// </summary>
public sealed class SqsFrontEnd(SqsBackend backend) : IRpcFrontEnd
{
    public const string TargetPrefix = "AmazonSQS.";
    public const string SigningName = "sqs";
    public const string JsonContentType = "application/x-amz-json-1.0";

    private readonly Dictionary<string, (Type Input, Func<RequestContext, string, object, CancellationToken, ValueTask<object>> Invoke)> _operations = new(StringComparer.Ordinal)
    {
        ["CreateQueue"] = Sync<CreateQueueRequest>((c, e, r) => backend.CreateQueue(c, e, r)),
        ["GetQueueUrl"] = Sync<GetQueueUrlRequest>((c, e, r) => backend.GetQueueUrl(c, e, r)),
        ["ListQueues"] = Sync<ListQueuesRequest>((c, e, r) => backend.ListQueues(c, e, r)),
        ["GetQueueAttributes"] = Sync<GetQueueAttributesRequest>((c, _, r) => backend.GetQueueAttributes(c, r)),
        ["PurgeQueue"] = Sync<PurgeQueueRequest>((c, _, r) => backend.PurgeQueue(c, r)),
        ["SendMessage"] = Sync<SendMessageRequest>((c, _, r) => backend.SendMessage(c, r)),
        ["DeleteMessage"] = Sync<DeleteMessageRequest>((c, _, r) => backend.DeleteMessage(c, r)),
        ["ChangeMessageVisibility"] = Sync<ChangeMessageVisibilityRequest>((c, _, r) => backend.ChangeMessageVisibility(c, r)),
        ["ReceiveMessage"] = (typeof(ReceiveMessageRequest), async (c, _, r, ct) => await backend.ReceiveMessageAsync(c, (ReceiveMessageRequest)r, ct)),
    };

    public bool Accepts(HttpRequest request) =>
        request.Headers["X-Amz-Target"].ToString().StartsWith(TargetPrefix, StringComparison.Ordinal)
        || SigV4Scope.Parse(request.Headers.Authorization, request.Query["X-Amz-Credential"])?.Service == SigningName;

    /// <summary>The operation: the target's suffix over JSON, the <c>Action</c> parameter over Query.</summary>
    public async ValueTask<string> ReadOperationAsync(HttpRequest request, CancellationToken cancellationToken) =>
        IsJson(request)
            ? request.Headers["X-Amz-Target"].ToString()[TargetPrefix.Length..]
            : await QueryFrontEnd.ReadActionAsync(request, cancellationToken);

    public async Task HandleAsync(HttpContext http, RequestContext context, CancellationToken cancellationToken)
    {
        var endpoint = $"{http.Request.Scheme}://{http.Request.Host}";
        try
        {
            if (IsJson(http.Request))
            {
                var operation = Find(http.Request.Headers["X-Amz-Target"].ToString()[TargetPrefix.Length..], json: true);
                var input = WireJson.Deserialize(await JsonFrontEnd.ReadBodyAsync(http.Request, cancellationToken), operation.Input);
                var output = await operation.Invoke(context, endpoint, input, cancellationToken);
                http.Response.StatusCode = StatusCodes.Status200OK;
                http.Response.ContentType = JsonContentType;
                http.Response.Headers["x-amzn-RequestId"] = context.RequestId;
                await http.Response.Body.WriteAsync(output is Empty ? "{}"u8.ToArray() : WireJson.Serialize(output), cancellationToken);
            }
            else
            {
                var parameters = await QueryFrontEnd.ReadParametersAsync(http.Request, cancellationToken);
                var action = parameters.GetValueOrDefault("Action") ?? string.Empty;
                var operation = Find(action, json: false);
                var input = WireJson.Deserialize(JsonSerializer.SerializeToUtf8Bytes(SqsQuery.ToJson(parameters)), operation.Input);
                var output = await operation.Invoke(context, endpoint, input, cancellationToken);
                await QueryFrontEnd.WriteXmlAsync(http, StatusCodes.Status200OK, SqsQuery.Response(action, output, context.RequestId), context, cancellationToken);
            }
        }
        catch (AwsServiceException error)
        {
            await WriteErrorAsync(http, context, error, cancellationToken);
        }
    }

    Task IRpcFrontEnd.WriteErrorAsync(HttpContext http, RequestContext context, AwsServiceException error, CancellationToken cancellationToken) =>
        WriteErrorAsync(http, context, error, cancellationToken);

    /// <summary>Writes an error as SQS does in the request's protocol (see <see cref="SqsException"/>).</summary>
    public static async Task WriteErrorAsync(HttpContext http, RequestContext context, AwsServiceException error, CancellationToken cancellationToken)
    {
        var fault = error.SenderFault ? "Sender" : "Receiver";
        if (IsJson(http.Request))
        {
            var shape = error is SqsException sqs ? sqs.Shape : error.Code;
            http.Response.StatusCode = (int)error.Status;
            http.Response.ContentType = JsonContentType;
            http.Response.Headers["x-amzn-RequestId"] = context.RequestId;
            http.Response.Headers["x-amzn-query-error"] = $"{error.Code};{fault}";
            var body = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string> { ["__type"] = $"com.amazonaws.sqs#{shape}", ["message"] = error.Message });
            await http.Response.Body.WriteAsync(body, cancellationToken);
            return;
        }

        XNamespace ns = SqsQuery.Namespace;
        var document = new XElement(
            ns + "ErrorResponse",
            new XElement(ns + "Error", new XElement(ns + "Type", fault), new XElement(ns + "Code", error.Code), new XElement(ns + "Message", error.Message), new XElement(ns + "Detail")),
            new XElement(ns + "RequestId", context.RequestId));
        await QueryFrontEnd.WriteXmlAsync(http, (int)error.Status, document, context, cancellationToken);
    }

    private static bool IsJson(HttpRequest request) => request.Headers.ContainsKey("X-Amz-Target");

    private (Type Input, Func<RequestContext, string, object, CancellationToken, ValueTask<object>> Invoke) Find(string name, bool json)
    {
        if (_operations.TryGetValue(name, out var operation))
        {
            return operation;
        }

        throw json ? AwsServiceException.UnknownOperation($"AmazonSQS.{name}") : SqsErrors.InvalidAction(name.Length == 0 ? "(none)" : name);
    }

    private static (Type, Func<RequestContext, string, object, CancellationToken, ValueTask<object>>) Sync<TInput>(Func<RequestContext, string, TInput, object> handler) =>
        (typeof(TInput), (context, endpoint, input, _) => ValueTask.FromResult(handler(context, endpoint, (TInput)input)));
}
