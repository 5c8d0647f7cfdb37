using System.Globalization;
using LocalCloud.Persistence;

namespace LocalCloud.CloudWatch;

/// <summary>
/// Metrics in the <see cref="DurableStore"/>: one record per metric, minute and unit holding its statistics as they
/// stand, upserted on every data point. The store keeps what memory keeps (aggregated minutes), not each data point.
/// </summary>
internal sealed partial class MetricStore
{
    private const string MinuteKind = "cloudwatch/minute";

    private readonly DurableStore _durable = DurableStore.Disabled;

    /// <summary>Where the minutes are kept; setting it loads what an earlier run kept.</summary>
    public DurableStore Durable
    {
        get => _durable;
        init
        {
            _durable = value;
            foreach (var (_, stored) in value.Load<StoredMinute>(MinuteKind))
            {
                var key = MetricKey.Create(stored.Namespace, stored.MetricName, stored.Dimensions.Select(d => KeyValuePair.Create(d[0], d[1])).ToArray());
                var metrics = _regions.GetOrAdd((stored.Account, stored.Region), static _ => new System.Collections.Concurrent.ConcurrentDictionary<MetricKey, MetricSeries>());
                metrics.GetOrAdd(key, static k => new MetricSeries(k))
                    .Add(stored.Minute, stored.Unit, new MinuteStats(stored.SampleCount, stored.Sum, stored.Minimum, stored.Maximum), stored.ReceivedAt);
            }
        }
    }

    private void Persist(string account, string region, MetricKey key, MinuteBucket bucket, DateTimeOffset receivedAt)
    {
        var id = string.Create(CultureInfo.InvariantCulture, $"{account}\u001f{region}\u001f{key.Namespace}\u001f{key.MetricName}\u001f{string.Join('\u001e', key.Dimensions.Select(d => d.Key + "=" + d.Value))}\u001f{bucket.Minute:D12}\u001f{bucket.Unit}");
        _durable.Put(MinuteKind, id, new StoredMinute(
            account, region, key.Namespace, key.MetricName, key.Dimensions.Select(d => new[] { d.Key, d.Value }).ToList(), bucket.Minute, bucket.Unit,
            bucket.Stats.SampleCount, bucket.Stats.Sum, bucket.Stats.Minimum, bucket.Stats.Maximum, receivedAt));
    }

    private sealed record StoredMinute(
        string Account, string Region, string Namespace, string MetricName, List<string[]> Dimensions, long Minute, string Unit,
        double SampleCount, double Sum, double Minimum, double Maximum, DateTimeOffset ReceivedAt);
}
