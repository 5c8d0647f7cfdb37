namespace WhatIf;

/// <summary>Seven days of Invocations per minute (10,080 minutes), seeded so that every run measures the same data.</summary>
internal static class MinuteCounts
{
    public const int Minutes = 7 * 24 * 60;

    /// <summary>About 3 events a minute, Poisson-distributed.</summary>
    public static int[] Steady(int seed)
    {
        var random = new Random(seed);
        var counts = new int[Minutes];
        for (var m = 0; m < counts.Length; m++)
        {
            counts[m] = Poisson(random, 3.0);
        }

        return counts;
    }

    /// <summary>
    /// A quiet trickle (0.5 a minute) with a burst most hours: 2–10 minutes of 20–200 events a minute, as when an
    /// upstream job drops a partitioned dataset at once. The same daily volume order as the steady stream.
    /// </summary>
    public static int[] Bursty(int seed)
    {
        var random = new Random(seed);
        var counts = new int[Minutes];
        for (var m = 0; m < counts.Length; m++)
        {
            counts[m] = Poisson(random, 0.5);
        }

        for (var hour = 0; hour < Minutes / 60; hour++)
        {
            if (random.NextDouble() < 0.3)
            {
                continue;
            }

            var start = (hour * 60) + random.Next(0, 50);
            var length = random.Next(2, 11);
            for (var m = start; m < Math.Min(start + length, Minutes); m++)
            {
                counts[m] += random.Next(20, 201);
            }
        }

        return counts;
    }

    private static int Poisson(Random random, double mean)
    {
        // Knuth's method; fine for small means.
        var limit = Math.Exp(-mean);
        var k = 0;
        var p = random.NextDouble();
        while (p > limit)
        {
            k++;
            p *= random.NextDouble();
        }

        return k;
    }
}
