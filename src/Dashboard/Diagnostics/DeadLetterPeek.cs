namespace Dashboard.Diagnostics;

/// <summary>
/// The explicit "peek" at a dead-letter queue: its messages' EventBridge error attributes, read without consuming them
/// (received with a zero visibility timeout and never deleted).
/// </summary>
public interface IDeadLetterPeek
{
    Task<DeadLetterPeekResult> PeekAsync(string queueArn, int maxMessages, CancellationToken cancellationToken);
}

/// <summary>One message as EventBridge left it: <c>ERROR_CODE</c>, <c>ERROR_MESSAGE</c>, <c>RULE_ARN</c>, <c>TARGET_ARN</c>, <c>RETRY_ATTEMPTS</c>.</summary>
public sealed record DeadLetterMessage(string MessageId, DateTimeOffset? SentAt, IReadOnlyDictionary<string, string> Attributes, string BodyPreview);

/// <summary>The peeked messages and the queue's approximate depth, or why the queue could not be read.</summary>
public sealed record DeadLetterPeekResult(IReadOnlyList<DeadLetterMessage> Messages, int? ApproximateCount, string? Problem);
