using System.Net;
using LocalCloud.Protocol;

namespace LocalCloud.Sqs;

/// <summary>
/// An SQS error. SQS moved from Query to JSON keeping its Query error codes: over JSON the body's <c>__type</c> names the
/// model's shape (<c>com.amazonaws.sqs#QueueDoesNotExist</c>) and <c>x-amzn-query-error</c> carries the Query code
/// (<c>AWS.SimpleQueueService.NonExistentQueue;Sender</c>), which is what the CLIs print; over Query only the code is sent.
/// </summary>
public sealed class SqsException(string shape, string code, string message, HttpStatusCode status = HttpStatusCode.BadRequest, bool senderFault = true)
    : AwsServiceException(code, message, status, senderFault)
{
    /// <summary>The exception shape in the service model, or the code itself for the common errors the model does not list.</summary>
    public string Shape { get; } = shape;
}

/// <summary>The SQS errors LocalCloud raises, with AWS's codes, statuses and message wording.</summary>
internal static class SqsErrors
{
    public static SqsException NonExistentQueue() =>
        new("QueueDoesNotExist", "AWS.SimpleQueueService.NonExistentQueue", "The specified queue does not exist.");

    public static SqsException QueueAlreadyExists(string name, IEnumerable<string> attributes) =>
        new("QueueNameExists", "QueueAlreadyExists", $"A queue already exists with the same name and a different value for attribute(s) {string.Join(", ", attributes)}");

    public static SqsException InvalidParameterValue(string message) => new("InvalidParameterValue", "InvalidParameterValue", message);

    /// <summary>SQS's wording for an out-of-range number: "Value 11 for parameter MaxNumberOfMessages is invalid. Reason: …".</summary>
    public static SqsException InvalidParameterValue(string parameter, object? value, string reason) =>
        InvalidParameterValue($"Value {value} for parameter {parameter} is invalid. Reason: {reason}");

    public static SqsException MissingParameter(string parameter) =>
        new("MissingParameter", "MissingParameter", $"The request must contain the parameter {parameter}.");

    public static SqsException InvalidAttributeName(string name) =>
        new("InvalidAttributeName", "InvalidAttributeName", $"Unknown Attribute {name}.");

    public static SqsException InvalidAttributeValue(string name, string reason) =>
        new("InvalidAttributeValue", "InvalidAttributeValue", $"Invalid value for the parameter {name}. Reason: {reason}");

    public static SqsException InvalidMessageContents(string message) => new("InvalidMessageContents", "InvalidMessageContents", message);

    public static SqsException ReceiptHandleIsInvalid(string handle) =>
        new("ReceiptHandleIsInvalid", "ReceiptHandleIsInvalid", $"The input receipt handle \"{handle}\" is not a valid receipt handle.");

    public static SqsException MessageNotInflight() =>
        new("MessageNotInflight", "AWS.SimpleQueueService.MessageNotInflight", "Message does not exist or is not available for visibility timeout change.");

    public static SqsException PurgeQueueInProgress(string queueArn) =>
        new("PurgeQueueInProgress", "AWS.SimpleQueueService.PurgeQueueInProgress", $"Only one PurgeQueue operation on {queueArn} is allowed every 60 seconds.", HttpStatusCode.Forbidden);

    public static SqsException InvalidAddress(string url) => new("InvalidAddress", "InvalidAddress", $"The address {url} is not valid for this endpoint.");

    public static SqsException UnsupportedOperation(string message) =>
        new("UnsupportedOperation", "AWS.SimpleQueueService.UnsupportedOperation", message);

    public static SqsException InvalidAction(string action) =>
        new("InvalidAction", "InvalidAction", $"The action {action} is not valid for this endpoint.");
}
