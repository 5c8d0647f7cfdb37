using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace LocalCloud.CloudWatch;

/// <summary>
/// Every metric of every (account, region), each a series of 1-minute buckets of statistics. Writes aggregate into
/// their minute as they arrive, so memory grows with minutes and metrics, not with data points. Safe for concurrent
/// writers and readers: the maps are concurrent and each series has its own lock, held only to touch one bucket.
/// </summary>
internal sealed partial class MetricStore
{
    private readonly ConcurrentDictionary<(string Account, string Region), ConcurrentDictionary<MetricKey, MetricSeries>> _regions = new();

    public void Add(string account, string region, MetricKey key, long minute, string unit, in MinuteStats stats, DateTimeOffset receivedAt)
    {
        var metrics = _regions.GetOrAdd((account, region), static _ => new ConcurrentDictionary<MetricKey, MetricSeries>());
        var series = metrics.GetOrAdd(key, static k => new MetricSeries(k));
        series.Add(minute, unit, stats, receivedAt, Durable.IsEnabled ? merged => Persist(account, region, key, merged, receivedAt) : null);
    }

    public MetricSeries? Find(string account, string region, MetricKey key) =>
        _regions.TryGetValue((account, region), out var metrics) && metrics.TryGetValue(key, out var series) ? series : null;

    public IEnumerable<MetricSeries> All(string account, string region) =>
        _regions.TryGetValue((account, region), out var metrics) ? metrics.Values : [];
}

/// <summary>SampleCount, Sum, Minimum and Maximum of the data points in one minute (or one period).</summary>
internal readonly record struct MinuteStats(double SampleCount, double Sum, double Minimum, double Maximum)
{
    public static MinuteStats Of(double value) => new(1, value, value, value);

    public static MinuteStats Of(double value, double count) => new(count, value * count, value, value);

    public MinuteStats Merge(in MinuteStats other) => new(
        SampleCount + other.SampleCount,
        Sum + other.Sum,
        Math.Min(Minimum, other.Minimum),
        Math.Max(Maximum, other.Maximum));
}

/// <summary>One minute of one unit of a metric. <see cref="Minute"/> counts minutes since the Unix epoch.</summary>
internal struct MinuteBucket(long minute, string unit, MinuteStats stats)
{
    public long Minute { get; } = minute;

    public string Unit { get; } = unit;

    public MinuteStats Stats { get; set; } = stats;
}

/// <summary>
/// One metric's minutes, ordered by minute and then unit. Data usually arrives for the latest minute, which is the
/// last bucket: that case updates in place without a search.
/// </summary>
internal sealed class MetricSeries(MetricKey key)
{
    private readonly Lock _gate = new();
    private readonly List<MinuteBucket> _buckets = [];
    private long _lastReceivedTicks;

    public MetricKey Key { get; } = key;

    /// <summary>When data last arrived for this metric (the clock's time, not the data's timestamp).</summary>
    public DateTimeOffset LastReceived => new(Volatile.Read(ref _lastReceivedTicks), TimeSpan.Zero);

    /// <summary>Merges a data point into its minute; <c>merged</c> sees the minute as it now stands, under the lock, so the store gets one minute's writes in order.</summary>
    public void Add(long minute, string unit, in MinuteStats stats, DateTimeOffset receivedAt, Action<MinuteBucket>? merged = null)
    {
        lock (_gate)
        {
            var buckets = CollectionsMarshal.AsSpan(_buckets);
            if (buckets.Length > 0 && buckets[^1].Minute == minute && string.Equals(buckets[^1].Unit, unit, StringComparison.Ordinal))
            {
                buckets[^1].Stats = buckets[^1].Stats.Merge(stats);
                merged?.Invoke(buckets[^1]);
            }
            else
            {
                var index = Search(buckets, minute, unit);
                if (index >= 0)
                {
                    buckets[index].Stats = buckets[index].Stats.Merge(stats);
                    merged?.Invoke(buckets[index]);
                }
                else
                {
                    _buckets.Insert(~index, new MinuteBucket(minute, unit, stats));
                    merged?.Invoke(new MinuteBucket(minute, unit, stats));
                }
            }

            if (receivedAt.UtcTicks > _lastReceivedTicks)
            {
                Volatile.Write(ref _lastReceivedTicks, receivedAt.UtcTicks);
            }
        }
    }

    /// <summary>A copy of the buckets of minutes in [<paramref name="fromMinute"/>, <paramref name="toMinute"/>), of one unit or all.</summary>
    public MinuteBucket[] Read(long fromMinute, long toMinute, string? unit)
    {
        lock (_gate)
        {
            var buckets = CollectionsMarshal.AsSpan(_buckets);
            var start = Search(buckets, fromMinute, string.Empty);
            start = start >= 0 ? start : ~start;
            var result = new List<MinuteBucket>();
            for (var i = start; i < buckets.Length && buckets[i].Minute < toMinute; i++)
            {
                if (unit is null || string.Equals(buckets[i].Unit, unit, StringComparison.Ordinal))
                {
                    result.Add(buckets[i]);
                }
            }

            return [.. result];
        }
    }

    private static int Search(ReadOnlySpan<MinuteBucket> buckets, long minute, string unit)
    {
        int low = 0, high = buckets.Length - 1;
        while (low <= high)
        {
            var middle = low + ((high - low) >> 1);
            var order = buckets[middle].Minute.CompareTo(minute);
            if (order == 0)
            {
                order = string.CompareOrdinal(buckets[middle].Unit, unit);
            }

            if (order == 0)
            {
                return middle;
            }

            if (order < 0)
            {
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        return ~low;
    }
}
