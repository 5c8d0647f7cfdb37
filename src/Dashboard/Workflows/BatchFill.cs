using System.Globalization;

namespace Dashboard.Workflows;

/// <summary>Where the batch that Glue is filling stands.</summary>
public enum BatchFillState
{
    /// <summary>No metrics to estimate from: not event-driven, or metrics not read yet.</summary>
    Unknown,

    /// <summary>No event since the last run started: the next event opens a batch.</summary>
    Empty,

    /// <summary>Events are waiting; a run starts at BatchSize or when the window closes.</summary>
    Filling,

    /// <summary>Enough events for a run, or the window has closed, yet no newer run is recorded.</summary>
    Overdue,
}

/// <summary>
/// An estimate of the batch an EVENT trigger is filling: about <see cref="Events"/> of <see cref="BatchSize"/>
/// events, and a window that closes no later than <see cref="WindowClosesBy"/>.
/// </summary>
public sealed record BatchFillEstimate(BatchFillState State, int Events, int BatchSize, DateTimeOffset? WindowClosesBy)
{
    public static BatchFillEstimate Unknown { get; } = new(BatchFillState.Unknown, 0, 0, null);

    /// <summary>The row's short text: "≈ 3 of 5, window closes in ≤ 4 min".</summary>
    public string Describe(DateTimeOffset now) => State switch
    {
        BatchFillState.Empty => $"0 of {BatchSize}: waiting for the first event",
        BatchFillState.Filling when WindowClosesBy is { } closes =>
            $"≈ {Events} of {BatchSize}, window closes in ≤ {RelativeWait(closes - now)}",
        BatchFillState.Overdue when Events >= BatchSize => $"≈ {Events} of {BatchSize}: full, no run yet",
        BatchFillState.Overdue => $"≈ {Events} of {BatchSize}: window closed, no run yet",
        _ => "—",
    };

    private static string RelativeWait(TimeSpan wait) => wait.TotalSeconds < 60
        ? $"{Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture)} s"
        : $"{(int)Math.Ceiling(wait.TotalMinutes)} min";
}

/// <summary>
/// Estimates the filling batch from the rules' <c>Invocations</c>, summed per minute, since the last run started.
/// Glue does not publish the batch it holds, so this is the closest public signal: every invocation of the rule's
/// Glue target is one event for the trigger. The minute in which the last run started is left to that run: a run
/// starts as its batch's last event arrives, so that minute's events are mostly the old batch's. The count is
/// therefore approximate, and the window's end is an upper bound, because an event may arrive late in its minute.
/// </summary>
public static class BatchFill
{
    /// <summary>CloudWatch's one-minute resolution, and the slack given to Glue to start a due run.</summary>
    public static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    /// <summary>How far back the per-minute query must reach: the longest window Glue allows, plus a minute.</summary>
    public static readonly TimeSpan Lookback = TimeSpan.FromSeconds(EventBatching.MaxWindowSeconds) + Minute;

    public const string Explanation =
        "Estimated from the EventBridge rules' Invocations, one-minute sums, since the last run started. " +
        "Glue does not publish the batch it holds. The minute in which the last run started counts for that run, and the " +
        "window's end is an upper bound, because the first event may have come late in its minute.";

    /// <param name="batching">The trigger's batching.</param>
    /// <param name="lastRunStartedOn">When the last run started: it consumed the previous batch. Null if it never ran.</param>
    /// <param name="invocationsPerMinute">The rules' Invocations, summed per minute, keyed by the minute's start.</param>
    /// <param name="now">The clock's time.</param>
    public static BatchFillEstimate Estimate(
        EventBatching batching,
        DateTimeOffset? lastRunStartedOn,
        IEnumerable<KeyValuePair<DateTimeOffset, double>> invocationsPerMinute,
        DateTimeOffset now)
    {
        var since = lastRunStartedOn ?? DateTimeOffset.MinValue;
        var waiting = invocationsPerMinute
            .Where(p => p.Value > 0 && p.Key >= since && p.Key <= now)
            .OrderBy(p => p.Key)
            .ToList();

        if (waiting.Count == 0)
        {
            return new BatchFillEstimate(BatchFillState.Empty, 0, batching.BatchSize, null);
        }

        var events = (int)Math.Round(waiting.Sum(p => p.Value));
        var firstEventBy = waiting[0].Key + Minute;
        var closesBy = firstEventBy + TimeSpan.FromSeconds(batching.EffectiveWindowSeconds);
        var overdue = events >= batching.BatchSize || closesBy + Minute < now;
        return new BatchFillEstimate(overdue ? BatchFillState.Overdue : BatchFillState.Filling, events, batching.BatchSize, closesBy);
    }
}
