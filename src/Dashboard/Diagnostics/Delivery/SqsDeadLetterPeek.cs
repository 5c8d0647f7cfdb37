using Amazon.Runtime;
using Amazon.SQS;
using Amazon.SQS.Model;

namespace Dashboard.Diagnostics.Delivery;

/// <summary>
/// The explicit peek at a dead-letter queue. Messages are received with a visibility timeout of 0, so they stay
/// visible to the queue's real consumers, and are never deleted: peeking changes only their receive count.
/// </summary>
public sealed class SqsDeadLetterPeek(IAmazonSQS sqs) : IDeadLetterPeek
{
    /// <summary>SQS returns at most 10 messages to one ReceiveMessage call.</summary>
    public const int MaxMessagesPerReceive = 10;

    public const int BodyPreviewLength = 2000;

    public async Task<DeadLetterPeekResult> PeekAsync(string queueArn, int maxMessages, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxMessages, 1);
        var arn = SqsQueueArn.Parse(queueArn);
        string url;
        int? count;
        try
        {
            url = await SqsQueueUrls.ResolveAsync(sqs, arn, cancellationToken);
            count = (await sqs.GetQueueAttributesAsync(new GetQueueAttributesRequest { QueueUrl = url, AttributeNames = ["ApproximateNumberOfMessages"] }, cancellationToken)).ApproximateNumberOfMessages;
        }
        catch (QueueDoesNotExistException)
        {
            return new DeadLetterPeekResult([], null, $"There is no queue named {arn.Name} in account {arn.Account}, so EventBridge cannot dead-letter to it.");
        }
        catch (AmazonServiceException error) when (SqsQueueUrls.IsAccessDenied(error))
        {
            return new DeadLetterPeekResult([], null, $"The dashboard may not read {arn.Name}: grant it sqs:GetQueueUrl and sqs:GetQueueAttributes. AWS said: {error.Message}");
        }

        var messages = new List<DeadLetterMessage>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            // One receive at a time, until enough distinct messages or an empty answer: with a zero visibility timeout the
            // same message can come back, so duplicates are skipped and do not count.
            for (var attempt = 0; messages.Count < maxMessages && attempt < 1 + (maxMessages / MaxMessagesPerReceive); attempt++)
            {
                var response = await sqs.ReceiveMessageAsync(
                    new ReceiveMessageRequest
                    {
                        QueueUrl = url,
                        MaxNumberOfMessages = Math.Min(MaxMessagesPerReceive, maxMessages - messages.Count),
                        VisibilityTimeout = 0,
                        WaitTimeSeconds = 0,
                        MessageAttributeNames = ["All"],
                        MessageSystemAttributeNames = ["SentTimestamp"],
                    },
                    cancellationToken);
                var fresh = (response.Messages ?? []).Where(m => seen.Add(m.MessageId)).ToList();
                if (fresh.Count == 0)
                {
                    break;
                }

                messages.AddRange(fresh.Select(Read));
            }
        }
        catch (AmazonServiceException error) when (SqsQueueUrls.IsAccessDenied(error))
        {
            return new DeadLetterPeekResult([], count, $"The dashboard may not receive from {arn.Name}: grant it sqs:ReceiveMessage (it never deletes). AWS said: {error.Message}");
        }

        return new DeadLetterPeekResult(messages, count, null);
    }

    private static DeadLetterMessage Read(Message message)
    {
        var attributes = (message.MessageAttributes ?? [])
            .ToDictionary(a => a.Key, a => a.Value.StringValue ?? string.Empty, StringComparer.Ordinal);
        DateTimeOffset? sent = message.Attributes?.TryGetValue("SentTimestamp", out var millis) == true && long.TryParse(millis, out var ms)
            ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
            : null;
        var body = message.Body ?? string.Empty;
        return new DeadLetterMessage(message.MessageId, sent, attributes, body.Length > BodyPreviewLength ? body[..BodyPreviewLength] + "…" : body);
    }
}
