using System.Globalization;
using System.Text.Json.Nodes;
using LocalCloud.Persistence;
using LocalCloud.S3.Storage;

namespace LocalCloud.S3;

/// <summary>
/// The outbox of S3's events. With a data path, an upload's event (its CloudTrail data event and, when the bucket has
/// EventBridge on, its "Object Created") is written in the same transaction as the object's entry, and deleted once it
/// has been delivered. Entries still there at start were acknowledged but maybe not delivered: they are delivered
/// again, so delivery is at least once, as EventBridge documents.
/// </summary>
public sealed partial class S3Backend
{
    private const string OutboxKind = "s3/outbox";

    private readonly DurableStore _durable = DurableStore.Disabled;
    private long _outboxSequence;

    /// <summary>Queues the events of an object write; call inside the <see cref="DurableStore.Atomic"/> scope of its commit.</summary>
    private string? Pending(string operation, BucketEntry bucket, ObjectEntry entry, S3Caller caller, JsonObject? parameters)
    {
        if (!_durable.IsEnabled)
        {
            return null;
        }

        var id = string.Create(CultureInfo.InvariantCulture, $"{_time.GetUtcNow().UtcTicks:D20}-{Interlocked.Increment(ref _outboxSequence):D12}-{Guid.NewGuid():N}");
        _durable.Put(OutboxKind, id, new PendingEvent(operation, bucket.Name, entry.Key, entry.Size, entry.ETag, caller, parameters?.ToJsonString()));
        return id;
    }

    /// <summary>The events were handed to CloudTrail and EventBridge, whose own changes were queued before this.</summary>
    private void Delivered(string? id)
    {
        if (id is not null)
        {
            _durable.Delete(OutboxKind, id);
        }
    }

    /// <summary>Delivers the events that were acknowledged but not delivered before LocalCloud stopped.</summary>
    public async Task<int> RedeliverPendingAsync(CancellationToken cancellationToken)
    {
        var delivered = 0;
        foreach (var (id, pending) in _durable.Load<PendingEvent>(OutboxKind))
        {
            BucketEntry? bucket;
            lock (_gate)
            {
                bucket = _buckets.GetValueOrDefault(pending.Bucket)?.Entry;
            }

            if (bucket is not null)
            {
                var parameters = pending.Parameters is null ? null : JsonNode.Parse(pending.Parameters) as JsonObject;
                await _events.ObjectCreatedAsync(bucket, pending.Key, pending.Size, pending.ETag, pending.Operation, pending.Caller, cancellationToken);
                await _events.ObjectCallAsync(pending.Operation, bucket, [pending.Key], pending.Caller, parameters, cancellationToken);
                delivered++;
            }

            _durable.Delete(OutboxKind, id);
        }

        await _durable.FlushAsync(cancellationToken);
        return delivered;
    }

    private sealed record PendingEvent(string Operation, string Bucket, string Key, long Size, string ETag, S3Caller Caller, string? Parameters);
}
