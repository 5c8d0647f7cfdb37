using System.Globalization;
using LocalCloud.Persistence;

namespace LocalCloud.Sqs;

/// <summary>
/// SQS in the <see cref="DurableStore"/>: a record per queue (attributes, create time, last purge, last FIFO sequence
/// number) and a record per message with its whole delivery state (body, attributes, MD5 of the body, sent time,
/// receive count, first receive, visibility deadline, latest receipt handle). Messages change outside API calls too
/// (EventBridge sends through <see cref="IDeadLetterQueues.TrySend"/>, receives move messages to a dead-letter queue),
/// so each change is written where it happens, under the queue's lock; an acknowledged send or delete is on disk.
/// </summary>
/// <remarks>
/// A message's key is its queue's key and its position, so a restore rebuilds each queue in the order it had. The
/// latest receipt handle is kept, so a handle issued before a restart still deletes the message after it. Messages
/// dropped for retention are removed from the store at the next start, not as they expire. FIFO deduplication is
/// rebuilt from the messages still stored: the id of a message deleted before a restart is not remembered after it.
/// </remarks>
public sealed partial class SqsBackend
{
    private const string QueueKind = "sqs/queue";
    private const string MessageKind = "sqs/message";
    private const char Separator = '\u001f';

    private DurableStore _durable = DurableStore.Disabled;
    private SnapshotWriter? _queueRecords;

    /// <summary>Writes the queue's record if it changed (a new queue, a purge, a FIFO sequence number); under its lock.</summary>
    private void PersistQueue(SqsQueue queue)
    {
        _queueRecords?.Write(Key(queue), new QueueRecord(queue.Account, queue.Region, queue.Name, queue.Attributes, queue.Created, queue.LastPurge, queue.Sequence));
    }

    /// <summary>A message just enqueued by a send: it takes the next position in its queue.</summary>
    private void PersistSent(SqsQueue queue, StoredMessage message)
    {
        if (!_durable.IsEnabled)
        {
            return;
        }

        message.Ordinal = ++queue.LastOrdinal;
        PersistMessage(queue, message);
        if (queue.IsFifo)
        {
            PersistQueue(queue);
        }
    }

    /// <summary>A message whose delivery state changed: received, or its visibility changed.</summary>
    private void PersistMessage(SqsQueue queue, StoredMessage message)
    {
        if (_durable.IsEnabled)
        {
            _durable.Put(MessageKind, Key(queue, message.Ordinal), MessageRecord.From(message));
        }
    }

    private void PersistDeleted(SqsQueue queue, StoredMessage message)
    {
        if (_durable.IsEnabled)
        {
            _durable.Delete(MessageKind, Key(queue, message.Ordinal));
        }
    }

    /// <summary>
    /// A message moved to a dead-letter queue: it leaves its source and enters the target in one transaction, so a
    /// crash keeps it in exactly one of them. Called under the target's lock with the copy that carries the source position.
    /// </summary>
    private void PersistMoved(SqsQueue source, SqsQueue target, StoredMessage message)
    {
        if (!_durable.IsEnabled)
        {
            return;
        }

        using (_durable.Atomic())
        {
            _durable.Delete(MessageKind, Key(source, message.Ordinal));
            message.Ordinal = ++target.LastOrdinal;
            PersistMessage(target, message);
        }
    }

    private void PersistPurge(SqsQueue queue)
    {
        if (_durable.IsEnabled)
        {
            _durable.DeletePrefix(MessageKind, Key(queue) + Separator);
            PersistQueue(queue);
        }
    }

    /// <summary>Rebuilds the queues and their messages; messages past their queue's retention period are dropped from the store.</summary>
    private void Restore(DurableStore durable)
    {
        _durable = durable;
        if (!durable.IsEnabled)
        {
            return;
        }

        _queueRecords = new SnapshotWriter(durable, QueueKind);
        foreach (var (key, record) in durable.Load<QueueRecord>(QueueKind))
        {
            var queue = new SqsQueue(record.Account, record.Region, record.Name, record.Attributes, record.Created) { LastPurge = record.LastPurge, Sequence = record.Sequence };
            _queues[(record.Account, record.Region, record.Name)] = queue;
            _queueRecords.Restored(key, record);
        }

        var now = _time.GetUtcNow();
        foreach (var (key, record) in durable.Load<MessageRecord>(MessageKind))
        {
            var parts = key.Split(Separator);
            if (parts.Length != 4 || !_queues.TryGetValue((parts[0], parts[1], parts[2]), out var queue)
                || now - record.SentAt >= TimeSpan.FromSeconds(queue.Setting(QueueAttributes.MessageRetentionPeriod)))
            {
                durable.Delete(MessageKind, key);
                continue;
            }

            var message = record.ToMessage(long.Parse(parts[3], CultureInfo.InvariantCulture));
            queue.Enqueue(message);
            queue.LastOrdinal = Math.Max(queue.LastOrdinal, message.Ordinal);
            if (message.SequenceNumber is { } sequence)
            {
                queue.Sequence = Math.Max(queue.Sequence, long.Parse(sequence, CultureInfo.InvariantCulture));
            }
        }
    }

    private static string Key(SqsQueue queue) => string.Join(Separator, queue.Account, queue.Region, queue.Name);

    private static string Key(SqsQueue queue, long ordinal) => Key(queue) + Separator + ordinal.ToString("D19", CultureInfo.InvariantCulture);

    private sealed record QueueRecord(string Account, string Region, string Name, Dictionary<string, string> Attributes, DateTimeOffset Created, DateTimeOffset? LastPurge, long Sequence);

    private sealed record MessageRecord(
        string MessageId,
        string Body,
        string Md5OfBody,
        Dictionary<string, MessageAttributeValue> MessageAttributes,
        DateTimeOffset SentAt,
        string SenderId,
        string? GroupId,
        string? DeduplicationId,
        string? SequenceNumber,
        string? TraceHeader,
        DateTimeOffset VisibleAt,
        int ReceiveCount,
        DateTimeOffset? FirstReceivedAt,
        string? ReceiptHandle,
        string? DeadLetterSourceArn)
    {
        public static MessageRecord From(StoredMessage m) => new(
            m.MessageId,
            m.Body,
            m.Md5OfBody,
            new Dictionary<string, MessageAttributeValue>(m.MessageAttributes, StringComparer.Ordinal),
            m.SentAt,
            m.SenderId,
            m.GroupId,
            m.DeduplicationId,
            m.SequenceNumber,
            m.TraceHeader,
            m.VisibleAt,
            m.ReceiveCount,
            m.FirstReceivedAt,
            m.ReceiptHandle,
            m.DeadLetterSourceArn);

        public StoredMessage ToMessage(long ordinal) => new()
        {
            MessageId = MessageId,
            Body = Body,
            Md5OfBody = Md5OfBody,
            MessageAttributes = MessageAttributes,
            SentAt = SentAt,
            SenderId = SenderId,
            GroupId = GroupId,
            DeduplicationId = DeduplicationId,
            SequenceNumber = SequenceNumber,
            TraceHeader = TraceHeader,
            VisibleAt = VisibleAt,
            ReceiveCount = ReceiveCount,
            FirstReceivedAt = FirstReceivedAt,
            ReceiptHandle = ReceiptHandle,
            DeadLetterSourceArn = DeadLetterSourceArn,
            Ordinal = ordinal,
        };
    }
}
