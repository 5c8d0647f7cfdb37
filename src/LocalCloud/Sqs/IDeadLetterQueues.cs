namespace LocalCloud.Sqs;

/// <summary>How EventBridge hands an undeliverable event to a target's dead-letter queue.</summary>
public interface IDeadLetterQueues
{
    /// <summary>
    /// Sends <paramref name="body"/> with string message attributes to the queue named by <paramref name="queueArn"/>.
    /// Returns null when the message was accepted, or the reason it was not (no such queue, a queue in another region, a FIFO queue).
    /// </summary>
    string? TrySend(string queueArn, string body, IReadOnlyDictionary<string, string> attributes);
}
