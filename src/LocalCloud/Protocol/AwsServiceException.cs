using System.Net;

namespace LocalCloud.Protocol;

/// <summary>
/// An AWS error, thrown by a backend and serialized by the front end in the caller's protocol:
/// <c>{"__type":…,"message":…}</c> in JSON, <c>ErrorResponse</c> XML in Query and S3.
/// </summary>
public class AwsServiceException(string code, string message, HttpStatusCode status = HttpStatusCode.BadRequest, bool senderFault = true)
    : Exception(message)
{
    public string Code { get; } = code;

    public HttpStatusCode Status { get; } = status;

    /// <summary>Whether the caller is at fault (Sender) or the service (Receiver).</summary>
    public bool SenderFault { get; } = senderFault;

    public static AwsServiceException NotFound(string code, string message) => new(code, message, HttpStatusCode.BadRequest);

    public static AwsServiceException InvalidInput(string message) => new("InvalidInputException", message);

    public static AwsServiceException Validation(string message) => new("ValidationException", message);

    public static AwsServiceException UnknownOperation(string operation) =>
        new("UnknownOperationException", $"The operation {operation} is not supported by LocalCloud.");

    public static AwsServiceException Serialization(string message) => new("SerializationException", message);
}
