using System.Globalization;

namespace LocalCloud.Sqs;

/// <summary>
/// One queue: its attributes and its messages. A message is delayed until its delay ends, then visible, then in flight
/// for the visibility timeout after each receive, until deleted or past the retention period. Every member is used
/// under <see cref="Gate"/>.
/// </summary>
internal sealed class SqsQueue(string account, string region, string name, Dictionary<string, string> attributes, DateTimeOffset created)
{
    private static readonly TimeSpan DeduplicationInterval = TimeSpan.FromMinutes(5);

    private readonly List<StoredMessage> _messages = [];
    private readonly Dictionary<string, (string MessageId, string? SequenceNumber, DateTimeOffset At)> _deduplication = new(StringComparer.Ordinal);
    private TaskCompletionSource _arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _sequence;

    public Lock Gate { get; } = new();

    public string Account { get; } = account;

    public string Region { get; } = region;

    public string Name { get; } = name;

    public string Arn { get; } = new SqsArn(region, account, name).ToString();

    public bool IsFifo { get; } = attributes.GetValueOrDefault(QueueAttributes.FifoQueue) == "true";

    public Dictionary<string, string> Attributes { get; } = attributes;

    public DateTimeOffset Created { get; } = created;

    public DateTimeOffset LastModified { get; } = created;

    public DateTimeOffset? LastPurge { get; set; }

    /// <summary>The last FIFO sequence number given: the durable store keeps it so numbers keep rising across restarts.</summary>
    public long Sequence { get => _sequence; set => _sequence = value; }

    /// <summary>The position given to the latest message stored durably: restored messages keep their queue order.</summary>
    public long LastOrdinal { get; set; }

    /// <summary>Completes when a message is sent, so a long poll wakes up.</summary>
    public Task Arrived => _arrived.Task;

    public int Setting(string attribute) => int.Parse(Attributes[attribute], CultureInfo.InvariantCulture);

    /// <summary>The earlier message when the id was seen in the last 5 minutes: SQS then accepts the send but keeps one copy.</summary>
    public (string MessageId, string? SequenceNumber)? Duplicate(string deduplicationId, DateTimeOffset now)
    {
        foreach (var stale in _deduplication.Where(d => now - d.Value.At >= DeduplicationInterval).Select(d => d.Key).ToList())
        {
            _deduplication.Remove(stale);
        }

        return _deduplication.TryGetValue(deduplicationId, out var seen) ? (seen.MessageId, seen.SequenceNumber) : null;
    }

    public string NextSequenceNumber() => (++_sequence).ToString("D20", CultureInfo.InvariantCulture);

    public void Enqueue(StoredMessage message)
    {
        _messages.Add(message);
        if (message.DeduplicationId is { } id)
        {
            _deduplication[id] = (message.MessageId, message.SequenceNumber, message.SentAt);
        }

        var arrived = _arrived;
        _arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        arrived.TrySetResult();
    }

    /// <summary>Drops the messages older than the retention period.</summary>
    public void Expire(DateTimeOffset now)
    {
        var retention = TimeSpan.FromSeconds(Setting(QueueAttributes.MessageRetentionPeriod));
        _messages.RemoveAll(m => now - m.SentAt >= retention);
    }

    /// <summary>
    /// The messages that may be received now, oldest first. In a FIFO queue a message group with a message in flight
    /// is held back, so each group is delivered in order.
    /// </summary>
    public IEnumerable<StoredMessage> Receivable(DateTimeOffset now)
    {
        var blockedGroups = IsFifo
            ? _messages.Where(m => m.IsInFlight(now)).Select(m => m.GroupId).ToHashSet(StringComparer.Ordinal)
            : [];
        foreach (var message in _messages.Where(m => m.VisibleAt <= now))
        {
            if (IsFifo && message.GroupId is { } group && !blockedGroups.Add(group))
            {
                continue;
            }

            yield return message;
        }
    }

    /// <summary>When the next hidden message becomes visible, if any is hidden.</summary>
    public DateTimeOffset? NextVisibleAt(DateTimeOffset now) =>
        _messages.Where(m => m.VisibleAt > now).Select(m => (DateTimeOffset?)m.VisibleAt).Min();

    public StoredMessage? Find(string messageId) => _messages.Find(m => m.MessageId == messageId);

    public void Remove(StoredMessage message) => _messages.Remove(message);

    public void Purge() => _messages.Clear();

    public (int Visible, int InFlight, int Delayed) Counts(DateTimeOffset now) =>
        (_messages.Count(m => m.VisibleAt <= now),
         _messages.Count(m => m.IsInFlight(now)),
         _messages.Count(m => m.VisibleAt > now && m.ReceiveCount == 0));
}

/// <summary>A message in a queue, with its delivery state.</summary>
internal sealed class StoredMessage
{
    public required string MessageId { get; init; }

    public required string Body { get; init; }

    public required string Md5OfBody { get; init; }

    public required IReadOnlyDictionary<string, MessageAttributeValue> MessageAttributes { get; init; }

    public required DateTimeOffset SentAt { get; init; }

    public required string SenderId { get; init; }

    public string? GroupId { get; init; }

    public string? DeduplicationId { get; init; }

    public string? SequenceNumber { get; init; }

    public string? TraceHeader { get; init; }

    /// <summary>When the message may next be received: the end of its delay, or of its visibility timeout.</summary>
    public DateTimeOffset VisibleAt { get; set; }

    public int ReceiveCount { get; set; }

    public DateTimeOffset? FirstReceivedAt { get; set; }

    /// <summary>The handle of the latest receive: only it can delete the message or change its visibility.</summary>
    public string? ReceiptHandle { get; set; }

    public string? DeadLetterSourceArn { get; init; }

    /// <summary>Its position in its queue, in the durable store's key (see <c>SqsBackend.Persistence.cs</c>).</summary>
    public long Ordinal { get; set; }

    public bool IsInFlight(DateTimeOffset now) => ReceiveCount > 0 && VisibleAt > now;
}
