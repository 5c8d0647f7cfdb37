using System.Text.Json.Serialization;

namespace LocalCloud.Sqs;

// The SQS shapes LocalCloud serves, named as in the service model, so the JSON protocol reads and writes them as they are.
public sealed record CreateQueueRequest(string? QueueName, Dictionary<string, string>? Attributes, [property: JsonPropertyName("tags")] Dictionary<string, string>? Tags);

public sealed record CreateQueueResult(string QueueUrl);

public sealed record GetQueueUrlRequest(string? QueueName, string? QueueOwnerAWSAccountId);

public sealed record GetQueueUrlResult(string QueueUrl);

public sealed record SendMessageRequest(
    string? QueueUrl,
    string? MessageBody,
    int? DelaySeconds,
    Dictionary<string, MessageAttributeValue>? MessageAttributes,
    Dictionary<string, MessageAttributeValue>? MessageSystemAttributes,
    string? MessageDeduplicationId,
    string? MessageGroupId);

public sealed record SendMessageResult(string MessageId, string MD5OfMessageBody, string? MD5OfMessageAttributes, string? SequenceNumber)
{
    public string? MD5OfMessageSystemAttributes { get; init; }
}

/// <summary>A message attribute: <c>String</c>, <c>Number</c> or <c>Binary</c>, optionally with a custom type after a dot.</summary>
public sealed record MessageAttributeValue(string? DataType, string? StringValue = null, byte[]? BinaryValue = null)
{
    /// <summary>Lists are in the model but "reserved for future use"; SQS refuses them, and so do we.</summary>
    public List<string>? StringListValues { get; init; }

    public List<byte[]>? BinaryListValues { get; init; }
}

public sealed record ReceiveMessageRequest(
    string? QueueUrl,
    List<string>? AttributeNames,
    List<string>? MessageSystemAttributeNames,
    List<string>? MessageAttributeNames,
    int? MaxNumberOfMessages,
    int? VisibilityTimeout,
    int? WaitTimeSeconds,
    string? ReceiveRequestAttemptId);

public sealed record ReceiveMessageResult(List<SqsMessage>? Messages);

/// <summary>A received message. MD5OfMessageAttributes covers the attributes returned, not all the message has.</summary>
public sealed record SqsMessage(
    string MessageId,
    string ReceiptHandle,
    string MD5OfBody,
    string Body,
    Dictionary<string, string>? Attributes,
    string? MD5OfMessageAttributes,
    Dictionary<string, MessageAttributeValue>? MessageAttributes);

public sealed record DeleteMessageRequest(string? QueueUrl, string? ReceiptHandle);

public sealed record ChangeMessageVisibilityRequest(string? QueueUrl, string? ReceiptHandle, int? VisibilityTimeout);

public sealed record GetQueueAttributesRequest(string? QueueUrl, List<string>? AttributeNames);

public sealed record GetQueueAttributesResult(Dictionary<string, string>? Attributes);

public sealed record ListQueuesRequest(string? QueueNamePrefix, string? NextToken, int? MaxResults);

public sealed record ListQueuesResult(List<string>? QueueUrls, string? NextToken);

public sealed record PurgeQueueRequest(string? QueueUrl);
