using System.Security.Cryptography;
using System.Text;
using Dashboard.Aws.CloudWatch;
using Microsoft.Extensions.Caching.Hybrid;

namespace Dashboard.Metrics;

/// <summary>
/// Reads rules' <c>AWS/Events</c> metrics from CloudWatch with as few GetMetricData calls as AWS allows:
/// <list type="bullet">
/// <item>the rule page: every series of one rule (or two, to compare) in one call;</item>
/// <item>the overview: 24 hours of Invocations and FailedInvocations, and 16 minutes of Invocations by the minute,
/// for any number of rules, packed 500 queries to a call.</item>
/// </list>
/// Missing data points are zeros, as AWS documents. Answers are cached briefly and shared, so that pages and feeds that
/// ask for the same thing at once cost one call. One per app.
/// </summary>
public sealed class RuleMetrics(ICloudWatchApi cloudWatch, HybridCache cache, TimeProvider time, ILogger<RuleMetrics> logger)
{
    /// <summary>How far back the overview's per-minute series reach: a batch window is at most 15 minutes, plus one.</summary>
    public static readonly TimeSpan RecentSpan = TimeSpan.FromMinutes(16);

    /// <summary>The overview's sparkline span, and its bucket: 96 quarter hours.</summary>
    public static readonly TimeSpan DaySpan = TimeSpan.FromHours(24);

    public const int DayPeriodSeconds = 900;

    /// <summary>The most rules one rule-page call can hold: ten series each, 500 queries a call.</summary>
    public const int MaxRulesPerPage = MetricPeriod.MaxQueriesPerCall / 10;

    /// <summary>How many overview calls run at once; CloudWatch's client-side quota paces them further.</summary>
    public const int MaxParallelCalls = 4;

    /// <summary>
    /// How long an answer is shared: long enough to merge requests that arrive together, short enough for the fastest
    /// live poll. Cache keys carry the slot of the injected clock, so answers age on that clock.
    /// </summary>
    public static readonly TimeSpan RecentSlot = TimeSpan.FromSeconds(4);

    /// <summary>Quarter-hour sparklines change slowly; a minute old is fresh enough.</summary>
    public static readonly TimeSpan DaySlot = TimeSpan.FromSeconds(60);

    private static readonly HybridCacheEntryOptions RecentCache = new() { Expiration = RecentSlot * 2, LocalCacheExpiration = RecentSlot * 2 };
    private static readonly HybridCacheEntryOptions DayCache = new() { Expiration = DaySlot * 2, LocalCacheExpiration = DaySlot * 2 };

    private long _requests;

    /// <summary>GetMetricData requests sent since the app started, pages included.</summary>
    public long Requests => Interlocked.Read(ref _requests);

    /// <summary>
    /// Every series of <see cref="EventsMetrics.RulePage"/> for <paramref name="rules"/> over <paramref name="range"/>,
    /// in one GetMetricData call (more only if AWS pages the answer).
    /// </summary>
    public async Task<RuleMetricsSnapshot> GetRuleMetricsAsync(IReadOnlyList<RuleKey> rules, TimeRange range, CancellationToken cancellationToken)
    {
        if (rules.Count is < 1 or > MaxRulesPerPage)
        {
            throw new ArgumentOutOfRangeException(nameof(rules), rules.Count, $"The rule page reads 1 to {MaxRulesPerPage} rules in one call.");
        }

        var now = time.GetUtcNow();
        var (start, end) = range.Resolve(now);
        var queries = rules.SelectMany(rule => EventsMetrics.RulePage.Select(metric => (Rule: rule, Metric: metric))).ToList();
        var window = MetricWindow.Align(start, end, MetricPeriod.Choose(start, end, now, queries.Count));
        var key = $"rule-metrics:{Fingerprint(rules)}:{window.Start.ToUnixTimeSeconds()}:{window.PeriodSeconds}:{window.Buckets}:{Slot(now, RecentSlot)}";

        return await cache.GetOrCreateAsync(
            key,
            (Metrics: this, Rules: rules, Queries: queries, Window: window),
            static async (state, ct) =>
            {
                var answer = await state.Metrics.ReadAsync(state.Queries, state.Window, ct);
                return new RuleMetricsSnapshot(state.Window, state.Rules, answer.Series, answer.Requests, answer.Warnings);
            },
            RecentCache,
            cancellationToken: cancellationToken);
    }

    /// <summary>
    /// The overview's activity for every rule: 24 hours of Invocations and FailedInvocations by the quarter hour, and
    /// Invocations by the minute over the last <see cref="RecentSpan"/>. That is 3 queries a rule, in
    /// ⌈2N/500⌉ + ⌈N/500⌉ calls: the fewest GetMetricData allows, since the two spans need calls of their own.
    /// </summary>
    public async Task<RuleOverview> GetOverviewAsync(IReadOnlyCollection<RuleKey> rules, CancellationToken cancellationToken)
    {
        var distinct = rules.Distinct().ToList();
        var now = time.GetUtcNow();
        var day = MetricWindow.Align(now - DaySpan, now, DayPeriodSeconds);
        var recent = MetricWindow.Align(now - RecentSpan, now, 60);
        if (distinct.Count == 0)
        {
            return new RuleOverview(day, recent, new Dictionary<RuleKey, RuleActivity>(), 0, []);
        }

        var fingerprint = Fingerprint(distinct);
        var dayQueries = distinct.SelectMany(rule => new[] { (Rule: rule, Metric: EventsMetrics.Invocations), (Rule: rule, Metric: EventsMetrics.FailedInvocations) }).ToList();
        var recentQueries = distinct.Select(rule => (Rule: rule, Metric: EventsMetrics.Invocations)).ToList();

        var dayTask = cache.GetOrCreateAsync(
            $"rule-overview-day:{fingerprint}:{day.Start.ToUnixTimeSeconds()}:{day.Buckets}:{Slot(now, DaySlot)}",
            (Metrics: this, Queries: dayQueries, Window: day),
            static async (state, ct) => await state.Metrics.ReadAsync(state.Queries, state.Window, ct),
            DayCache,
            cancellationToken: cancellationToken).AsTask();
        var recentTask = cache.GetOrCreateAsync(
            $"rule-overview-recent:{fingerprint}:{recent.Start.ToUnixTimeSeconds()}:{recent.Buckets}:{Slot(now, RecentSlot)}",
            (Metrics: this, Queries: recentQueries, Window: recent),
            static async (state, ct) => await state.Metrics.ReadAsync(state.Queries, state.Window, ct),
            RecentCache,
            cancellationToken: cancellationToken).AsTask();
        var dayAnswer = await dayTask;
        var recentAnswer = await recentTask;

        var daySeries = dayAnswer.Series.ToDictionary(s => (s.Rule, s.MetricName));
        var recentSeries = recentAnswer.Series.ToDictionary(s => s.Rule);
        var activity = distinct.ToDictionary(
            rule => rule,
            rule => new RuleActivity(
                rule,
                daySeries[(rule, EventsMetrics.Invocations)].Values,
                daySeries[(rule, EventsMetrics.FailedInvocations)].Values,
                recentSeries[rule].Values));
        return new RuleOverview(day, recent, activity, dayAnswer.Requests + recentAnswer.Requests, [.. dayAnswer.Warnings, .. recentAnswer.Warnings]);
    }

    /// <summary>
    /// <paramref name="metricNames"/> of each rule by the minute over <c>[start, end)</c> (whole minutes), for the what-if
    /// simulator: 7 days is 10,080 points a series, and one call holds 100,800. Shared for a minute or two, since a
    /// finished minute's count does not change.
    /// </summary>
    public async Task<RuleMetricsSnapshot> GetByMinuteAsync(
        IReadOnlyList<RuleKey> rules, IReadOnlyList<string> metricNames, DateTimeOffset start, DateTimeOffset end, CancellationToken cancellationToken)
    {
        var window = MetricWindow.Align(start, end, 60);
        var distinct = rules.Distinct().ToList();
        if (distinct.Count == 0 || metricNames.Count == 0)
        {
            return new RuleMetricsSnapshot(window, distinct, [], 0, []);
        }

        return await cache.GetOrCreateAsync(
            $"rule-minutes:{Fingerprint(distinct)}:{string.Join(',', metricNames)}:{window.Start.ToUnixTimeSeconds()}:{window.Buckets}",
            (Metrics: this, Rules: distinct, Names: metricNames, Window: window),
            static async (state, ct) =>
            {
                var queries = state.Rules.SelectMany(rule => state.Names.Select(metric => (Rule: rule, Metric: metric))).ToList();
                var answer = await state.Metrics.ReadAsync(queries, state.Window, ct);
                return new RuleMetricsSnapshot(state.Window, state.Rules, answer.Series, answer.Requests, answer.Warnings);
            },
            DayCache,
            cancellationToken: cancellationToken);
    }

    /// <summary>
    /// Reads the queries over one window, 500 to a call, following NextToken; fills every series with zeros. The series
    /// come back in the order of the queries.
    /// </summary>
    private async Task<Answer> ReadAsync(List<(RuleKey Rule, string Metric)> queries, MetricWindow window, CancellationToken cancellationToken)
    {
        var requests = 0;
        var warnings = new List<string>();
        var series = new List<MetricSeries>(queries.Count);
        using var gate = new SemaphoreSlim(MaxParallelCalls);
        var calls = queries.Chunk(MetricPeriod.MaxQueriesPerCall).Select(async chunk =>
        {
            await gate.WaitAsync(cancellationToken);
            try
            {
                return await ReadCallAsync(chunk, window, () => Interlocked.Increment(ref requests), cancellationToken);
            }
            finally
            {
                gate.Release();
            }
        });

        foreach (var (callSeries, callWarnings) in await Task.WhenAll(calls))
        {
            warnings.AddRange(callWarnings);
            series.AddRange(callSeries);
        }

        return new Answer(series, requests, warnings);
    }

    /// <summary>One GetMetricData call (and its pages) for at most 500 queries.</summary>
    private async Task<(List<MetricSeries> Series, List<string> Warnings)> ReadCallAsync(
        (RuleKey Rule, string Metric)[] queries, MetricWindow window, Action counted, CancellationToken cancellationToken)
    {
        var request = new GetMetricDataRequest
        {
            StartTime = window.Start,
            EndTime = window.End,
            ScanBy = "TimestampAscending",
            MetricDataQueries = queries.Select((q, i) => new MetricDataQuery
            {
                Id = MetricQueryIds.For(i),
                Label = $"{q.Rule} {q.Metric}",
                ReturnData = true,
                MetricStat = new MetricStat
                {
                    Metric = new Metric { Namespace = EventsMetrics.Namespace, MetricName = q.Metric, Dimensions = q.Rule.MetricDimensions },
                    Period = window.PeriodSeconds,
                    Stat = EventsMetrics.Statistic,
                },
            }).ToList(),
        };

        var timestamps = new List<DateTimeOffset>[queries.Length];
        var values = new List<double>[queries.Length];
        var warnings = new List<string>();
        await foreach (var page in cloudWatch.GetMetricDataPagesAsync(request, cancellationToken))
        {
            counted();
            Interlocked.Increment(ref _requests);
            warnings.AddRange((page.Messages ?? []).Select(m => $"CloudWatch: {m.Code}: {m.Value}"));
            foreach (var result in page.MetricDataResults ?? [])
            {
                if (result.Id is not { Length: > 1 } id || !int.TryParse(id.AsSpan(1), out var index) || index < 0 || index >= queries.Length)
                {
                    logger.LogWarning("GetMetricData returned a result for an id it was not asked for: {Id}.", result.Id);
                    continue;
                }

                (timestamps[index] ??= []).AddRange(result.Timestamps ?? []);
                (values[index] ??= []).AddRange(result.Values ?? []);
                if (result.StatusCode is "Forbidden" or "InternalError")
                {
                    var (rule, metric) = queries[index];
                    var detail = string.Join(" ", (result.Messages ?? []).Select(m => m.Value));
                    warnings.Add($"CloudWatch answered {result.StatusCode} for {metric} of {rule.Label}{(detail.Length > 0 ? $": {detail}" : ".")}");
                }
            }
        }

        var series = queries.Select((q, i) => new MetricSeries(
            q.Rule,
            q.Metric,
            ZeroFill.Fill(window, timestamps[i] ?? [], values[i] ?? []),
            HasData: timestamps[i] is { Count: > 0 })).ToList();
        return (series, warnings.Distinct().ToList());
    }

    private static long Slot(DateTimeOffset now, TimeSpan slot) => now.ToUnixTimeSeconds() / (long)slot.TotalSeconds;

    /// <summary>A short, stable name for a set of rules: cache keys have a length limit.</summary>
    private static string Fingerprint(IEnumerable<RuleKey> rules)
    {
        var text = string.Join('\n', rules.Select(r => r.ToString()));
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)), 0, 16);
    }

    [System.ComponentModel.ImmutableObject(true)]
    private sealed record Answer(IReadOnlyList<MetricSeries> Series, int Requests, IReadOnlyList<string> Warnings);
}
