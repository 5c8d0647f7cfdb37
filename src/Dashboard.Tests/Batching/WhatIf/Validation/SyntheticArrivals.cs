using Dashboard.Batching.WhatIf;

namespace Dashboard.Tests.Batching.WhatIf.Validation;

/// <summary>
/// Seeded arrival streams for validating the simulator against LocalCloud: the same seed gives the same stream on every
/// machine. Arrivals fall on whole milliseconds, because AWS's JSON wire format carries timestamps to the millisecond,
/// and a run's <c>StartedOn</c> read back over it must compare exactly with the arrival that started it.
/// </summary>
public static class SyntheticArrivals
{
    /// <summary>A Poisson stream: independent arrivals at <paramref name="perMinute"/> a minute on average.</summary>
    public static ArrivalStream Steady(int seed, DateTimeOffset start, TimeSpan length, double perMinute = 2.5)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(perMinute);
        var random = new Random(seed);
        var arrivals = new List<DateTimeOffset>();
        var at = 0.0;
        while (true)
        {
            at += Exponential(random, 60.0 / perMinute);
            if (at >= length.TotalSeconds)
            {
                return ArrivalStream.FromTimes(arrivals, start, length);
            }

            arrivals.Add(OnMillisecond(start, at));
        }
    }

    /// <summary>
    /// A quiet trickle (<paramref name="trickleRatePerMinute"/> a minute) and, in about two hours out of three, one burst:
    /// 20–80 events spread uniformly over 1–4 minutes, as when an upstream job drops a partitioned dataset at once.
    /// </summary>
    public static ArrivalStream Bursty(int seed, DateTimeOffset start, TimeSpan length, double trickleRatePerMinute = 0.2)
    {
        var random = new Random(seed);
        var seconds = length.TotalSeconds;
        var arrivals = new List<DateTimeOffset>();
        for (var at = Exponential(random, 60.0 / trickleRatePerMinute); at < seconds; at += Exponential(random, 60.0 / trickleRatePerMinute))
        {
            arrivals.Add(OnMillisecond(start, at));
        }

        for (var hour = 0; hour * 3600 < seconds; hour++)
        {
            if (random.NextDouble() >= 2.0 / 3)
            {
                continue;
            }

            var burstStart = (hour * 3600) + (random.NextDouble() * 3300);
            var burstLength = random.Next(60, 241);
            var events = random.Next(20, 81);
            for (var e = 0; e < events; e++)
            {
                var at = burstStart + (random.NextDouble() * burstLength);
                if (at < seconds)
                {
                    arrivals.Add(OnMillisecond(start, at));
                }
            }
        }

        return ArrivalStream.FromTimes(arrivals, start, length);
    }

    private static double Exponential(Random random, double mean) => -mean * Math.Log(1 - random.NextDouble());

    private static DateTimeOffset OnMillisecond(DateTimeOffset start, double seconds) =>
        start.AddTicks((long)Math.Floor(seconds * 1000) * TimeSpan.TicksPerMillisecond);
}
