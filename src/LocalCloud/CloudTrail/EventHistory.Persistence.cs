using System.Globalization;
using LocalCloud.Events;
using LocalCloud.Persistence;

namespace LocalCloud.CloudTrail;

/// <summary>
/// The event history in the <see cref="DurableStore"/>: one record per event, written when it is added and deleted when
/// it is dropped (capacity or the 90 days), so LookupEvents answers the same after a restart.
/// </summary>
public sealed partial class EventHistory
{
    private const string EventKind = "cloudtrail/event";

    private DurableStore _durable = DurableStore.Disabled;

    /// <summary>Where the history is kept; setting it loads what an earlier run kept.</summary>
    internal DurableStore Durable
    {
        get => _durable;
        init
        {
            _durable = value;
            foreach (var (key, stored) in value.Load<StoredEvent>(EventKind))
            {
                var sequence = long.Parse(key[(key.LastIndexOf('\u001f') + 1)..], CultureInfo.InvariantCulture);
                var regionKey = (stored.Call.Account, stored.Call.Region);
                if (!_events.TryGetValue(regionKey, out var events))
                {
                    _events[regionKey] = events = new LinkedList<Entry>();
                }

                events.AddLast(new Entry(sequence, CloudTrailRecord.From(stored.Call, stored.EventId, stored.RequestId)));
                _sequence = Math.Max(_sequence, sequence);
            }
        }
    }

    private void Persisted(Entry entry) =>
        _durable.Put(EventKind, Key(entry), new StoredEvent(entry.Record.Call, entry.Record.EventId, entry.Record.RequestId));

    private void Dropped(Entry entry) => _durable.Delete(EventKind, Key(entry));

    private static string Key(Entry entry) =>
        string.Create(CultureInfo.InvariantCulture, $"{entry.Record.Call.Account}\u001f{entry.Record.Call.Region}\u001f{entry.Sequence:D20}");

    private sealed record StoredEvent(ApiCallRecord Call, string EventId, string RequestId);
}
