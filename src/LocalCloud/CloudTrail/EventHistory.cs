using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using LocalCloud.Protocol;

namespace LocalCloud.CloudTrail;

/// <summary>
/// CloudTrail's event history: the management events of the last 90 days per (account, region), what LookupEvents
/// searches. Memory is bounded: each account and region keeps at most <c>capacity</c> events, dropping the oldest.
/// </summary>
public sealed partial class EventHistory(TimeProvider time, int capacity)
{
    public static readonly TimeSpan Retention = TimeSpan.FromDays(90);
    public const int MaxResultsLimit = 50;

    private static readonly HashSet<string> AttributeKeys = new(StringComparer.Ordinal)
    {
        "EventId", "EventName", "ReadOnly", "Username", "ResourceType", "ResourceName", "EventSource", "AccessKeyId",
    };

    private readonly Lock _gate = new();
    private readonly Dictionary<(string Account, string Region), LinkedList<Entry>> _events = [];
    private long _sequence;

    public void Add(CloudTrailRecord record)
    {
        lock (_gate)
        {
            var key = (record.Call.Account, record.Call.Region);
            if (!_events.TryGetValue(key, out var events))
            {
                _events[key] = events = new LinkedList<Entry>();
            }

            events.AddLast(new Entry(++_sequence, record));
            Persisted(events.Last!.Value);
            while (events.Count > capacity)
            {
                Dropped(events.First!.Value);
                events.RemoveFirst();
            }

            Expire(events);
        }
    }

    /// <summary>LookupEvents: newest first, filtered by at most one attribute and a time range, in pages of up to 50.</summary>
    public LookupEventsResponse Lookup(string account, string region, LookupEventsRequest request)
    {
        var attribute = Attribute(request.LookupAttributes);
        var maxResults = request.MaxResults ?? MaxResultsLimit;
        if (maxResults is < 1 or > MaxResultsLimit)
        {
            throw new AwsServiceException("InvalidMaxResultsException", $"MaxResults must be from 1 to {MaxResultsLimit}, not {maxResults}.");
        }

        if (request.StartTime is { } start && request.EndTime is { } end && start > end)
        {
            throw new AwsServiceException("InvalidTimeRangeException", "StartTime must be before EndTime.");
        }

        if (request.EventCategory is { } category && category != "insight")
        {
            throw new AwsServiceException("InvalidEventCategoryException", $"EventCategory {category} is not valid; the only category is insight.");
        }

        var filter = FilterHash(attribute, request);
        var after = request.NextToken is { Length: > 0 } token ? ReadToken(token, filter) : null;
        if (request.EventCategory == "insight")
        {
            return new LookupEventsResponse([], null); // LocalCloud records no Insights events.
        }

        List<Entry> matching;
        lock (_gate)
        {
            if (!_events.TryGetValue((account, region), out var events))
            {
                return new LookupEventsResponse([], null);
            }

            Expire(events);
            matching = [.. events
                .Where(e => request.StartTime is not { } from || e.Record.Call.Time >= from)
                .Where(e => request.EndTime is not { } to || e.Record.Call.Time <= to)
                .Where(e => attribute is null || Matches(e.Record, attribute.Value.Key, attribute.Value.Value))
                .OrderByDescending(e => e.Record.Call.Time)
                .ThenByDescending(e => e.Sequence)
                .Where(e => after is null || IsAfter(e, after.Value))];
        }

        var page = matching.Take(maxResults).ToList();
        var next = matching.Count > maxResults ? Token(page[^1], filter) : null;
        return new LookupEventsResponse([.. page.Select(e => ToEvent(e.Record))], next);
    }

    private static (string Key, string Value)? Attribute(IReadOnlyList<LookupAttribute>? attributes)
    {
        if (attributes is null || attributes.Count == 0)
        {
            return null;
        }

        if (attributes.Count > 1)
        {
            throw new AwsServiceException("InvalidLookupAttributesException", "LookupAttributes can contain only one item.");
        }

        var (key, value) = (attributes[0].AttributeKey, attributes[0].AttributeValue);
        if (key is null || !AttributeKeys.Contains(key))
        {
            throw new AwsServiceException("InvalidLookupAttributesException", $"AttributeKey {key ?? "(none)"} is not valid; use one of {string.Join(", ", AttributeKeys)}.");
        }

        if (string.IsNullOrEmpty(value) || value.Length > 2000)
        {
            throw new AwsServiceException("InvalidLookupAttributesException", $"AttributeValue for {key} must be 1 to 2000 characters.");
        }

        return (key, value);
    }

    private static bool Matches(CloudTrailRecord record, string key, string value) => key switch
    {
        "EventId" => record.EventId == value,
        "EventName" => record.Call.EventName == value,
        "EventSource" => record.Call.EventSource == value,
        "ReadOnly" => string.Equals(record.ReadOnly ? "true" : "false", value, StringComparison.OrdinalIgnoreCase),
        "Username" => record.Identity.LookupName == value || record.Call.Username == value,
        "ResourceType" => record.Call.Resources.Any(r => r.Type == value),
        "ResourceName" => record.Call.Resources.Any(r => r.Arn == value || CloudTrailRecord.ResourceName(r.Arn) == value),
        _ => false, // AccessKeyId: the calls LocalCloud records do not carry their access key.
    };

    private static Event ToEvent(CloudTrailRecord record) => new(
        record.EventId,
        record.Call.EventName,
        record.ReadOnly ? "true" : "false",
        null,
        record.Call.Time,
        record.Call.EventSource,
        record.Identity.LookupName,
        [.. record.Call.Resources.Select(r => new Resource(r.Type, CloudTrailRecord.ResourceName(r.Arn)))],
        record.Json.ToJsonString());

    private void Expire(LinkedList<Entry> events)
    {
        var oldest = time.GetUtcNow() - Retention;
        while (events.First is { } first && first.Value.Record.Call.Time < oldest)
        {
            Dropped(first.Value);
            events.RemoveFirst();
        }
    }

    private static bool IsAfter(Entry entry, (DateTimeOffset Time, long Sequence) last) =>
        entry.Record.Call.Time < last.Time || (entry.Record.Call.Time == last.Time && entry.Sequence < last.Sequence);

    private static string FilterHash((string Key, string Value)? attribute, LookupEventsRequest request)
    {
        var canonical = string.Join('\n', attribute?.Key, attribute?.Value, request.StartTime?.UtcTicks, request.EndTime?.UtcTicks, request.EventCategory);
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)))[..16];
    }

    private static string Token(Entry last, string filter) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"lc1|{last.Record.Call.Time.UtcTicks}|{last.Sequence}|{filter}")));

    private static (DateTimeOffset Time, long Sequence)? ReadToken(string token, string filter)
    {
        string[] parts;
        try
        {
            parts = Encoding.UTF8.GetString(Convert.FromBase64String(token)).Split('|');
        }
        catch (FormatException)
        {
            parts = [];
        }

        if (parts is ["lc1", var ticks, var sequence, var hash]
            && long.TryParse(ticks, NumberStyles.None, CultureInfo.InvariantCulture, out var utcTicks)
            && long.TryParse(sequence, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            return hash == filter
                ? (new DateTimeOffset(utcTicks, TimeSpan.Zero), number)
                : throw new AwsServiceException("InvalidNextTokenException", "The NextToken must be used with the same parameters as the call that returned it.");
        }

        throw new AwsServiceException("InvalidNextTokenException", "The NextToken is not valid.");
    }

    private sealed record Entry(long Sequence, CloudTrailRecord Record);
}
