using System.Globalization;

namespace Dashboard.Charts;

/// <summary>A labelled tick on the time axis.</summary>
public sealed record TimeTick(DateTimeOffset At, string Label);

/// <summary>
/// Ticks for a time axis, on round times of the viewer's time zone (every 5 minutes, every 3 hours, at midnight, …),
/// few enough to read on a phone.
/// </summary>
public static class TimeTicks
{
    private static readonly TimeSpan[] Steps =
    [
        TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(10),
        TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(30), TimeSpan.FromHours(1), TimeSpan.FromHours(2),
        TimeSpan.FromHours(3), TimeSpan.FromHours(6), TimeSpan.FromHours(12), TimeSpan.FromDays(1),
        TimeSpan.FromDays(2), TimeSpan.FromDays(7), TimeSpan.FromDays(14), TimeSpan.FromDays(30),
    ];

    /// <summary>The smallest round step that gives at most <paramref name="maxTicks"/> ticks over the span.</summary>
    public static TimeSpan StepFor(TimeSpan span, int maxTicks)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxTicks, 1);
        return Steps.FirstOrDefault(step => span / step <= maxTicks, Steps[^1]);
    }

    /// <summary>
    /// The ticks in <c>[start, end]</c>: local times that are whole multiples of the step since local midnight (or whole
    /// days, for day steps). Labels show the time, and the date where a tick starts a new day or the step is a day or
    /// more.
    /// </summary>
    public static IReadOnlyList<TimeTick> Choose(DateTimeOffset start, DateTimeOffset end, TimeZoneInfo zone, int maxTicks = 7)
    {
        if (end <= start)
        {
            return [];
        }

        var step = StepFor(end - start, maxTicks);
        var localStart = TimeZoneInfo.ConvertTime(start, zone).DateTime;
        var localEnd = TimeZoneInfo.ConvertTime(end, zone).DateTime;
        var ticks = new List<TimeTick>();
        DateTime? previousDate = null;
        for (var local = FirstTick(localStart, step); local <= localEnd && ticks.Count <= maxTicks * 2; local += step)
        {
            if (zone.IsInvalidTime(local))
            {
                // The clock skipped this time (spring forward): there is no such moment to mark.
                continue;
            }

            var at = new DateTimeOffset(local, zone.GetUtcOffset(local));
            if (at < start || at > end)
            {
                continue;
            }

            var newDay = previousDate is { } date && date != local.Date;
            var format = step >= TimeSpan.FromDays(1) ? "MMM d"
                : newDay && local.TimeOfDay == TimeSpan.Zero ? "MMM d"
                : newDay ? "MMM d HH:mm"
                : "HH:mm";
            ticks.Add(new TimeTick(at, local.ToString(format, CultureInfo.InvariantCulture)));
            previousDate = local.Date;
        }

        return ticks;
    }

    private static DateTime FirstTick(DateTime localStart, TimeSpan step)
    {
        if (step >= TimeSpan.FromDays(7))
        {
            // Weeks and longer start on a Monday.
            var monday = localStart.Date.AddDays(-(((int)localStart.DayOfWeek + 6) % 7));
            return monday < localStart ? monday.AddDays(7) : monday;
        }

        var midnight = localStart.Date;
        var sinceMidnight = localStart - midnight;
        if (step >= TimeSpan.FromDays(1))
        {
            return sinceMidnight > TimeSpan.Zero ? midnight.AddDays(1) : midnight;
        }

        // Every sub-day step divides a day, so multiples since midnight stay round after midnight too.
        var steps = (sinceMidnight.Ticks + step.Ticks - 1) / step.Ticks;
        return midnight + TimeSpan.FromTicks(steps * step.Ticks);
    }
}
