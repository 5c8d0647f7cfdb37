namespace Dashboard.Batching.WhatIf;

/// <summary>
/// Exact mean and nearest-rank p95 of the waits of one replay, reusing its buffers from setting to setting.
/// A per-second histogram finds the second that holds the p95 rank; only the waits in that second are sorted.
/// </summary>
internal sealed class WaitStatistics
{
    private long[] _waits;
    private readonly int[] _histogram = new int[BatchingSetting.MaxBatchWindowSeconds + 2];
    private long[] _scratch = new long[64];
    private int _count;
    private long _sum;
    private int _maxSecond;

    public WaitStatistics(int capacity) => _waits = new long[Math.Max(capacity, 1)];

    public int Count => _count;

    public void Reset(int capacity)
    {
        if (_waits.Length < capacity)
        {
            _waits = new long[capacity];
        }

        Array.Clear(_histogram, 0, _maxSecond + 1);
        _count = 0;
        _sum = 0;
        _maxSecond = 0;
    }

    /// <summary>Adds the waits of one accepted batch: the run's start minus each event's arrival.</summary>
    public void AddBatch(ReadOnlySpan<long> arrivals, int first, int count, long started)
    {
        var waits = _waits;
        var histogram = _histogram;
        var n = _count;
        var sum = 0L;
        var maxSecond = _maxSecond;
        for (var k = first; k < first + count; k++)
        {
            var wait = started - arrivals[k];
            waits[n++] = wait;
            sum += wait;
            var second = (int)(wait / TimeSpan.TicksPerSecond);
            histogram[second]++;
            maxSecond = Math.Max(maxSecond, second);
        }

        _count = n;
        _sum += sum;
        _maxSecond = maxSecond;
    }

    public TimeSpan Mean => _count == 0 ? TimeSpan.Zero : TimeSpan.FromTicks(_sum / _count);

    /// <summary>The nearest-rank 95th percentile: the ⌈0.95·n⌉-th smallest wait; zero when no event waited.</summary>
    public TimeSpan P95 => Percentile(95);

    public TimeSpan Percentile(int percent)
    {
        if (_count == 0)
        {
            return TimeSpan.Zero;
        }

        var rank = (int)(((long)_count * percent + 99) / 100);
        var below = 0;
        var second = 0;
        while (below + _histogram[second] < rank)
        {
            below += _histogram[second];
            second++;
        }

        var inSecond = _histogram[second];
        if (_scratch.Length < inSecond)
        {
            _scratch = new long[inSecond];
        }

        var from = second * TimeSpan.TicksPerSecond;
        var to = from + TimeSpan.TicksPerSecond;
        var m = 0;
        foreach (var wait in _waits.AsSpan(0, _count))
        {
            if (wait >= from && wait < to)
            {
                _scratch[m++] = wait;
            }
        }

        return TimeSpan.FromTicks(Select(_scratch.AsSpan(0, m), rank - below - 1));
    }

    /// <summary>
    /// The k-th smallest value (0-based), reordering <paramref name="values"/>: a quickselect with a three-way partition,
    /// because coarse arrivals (all of a minute's events at one instant) make long runs of equal waits.
    /// </summary>
    internal static long Select(Span<long> values, int k)
    {
        while (true)
        {
            if (values.Length <= 16)
            {
                values.Sort();
                return values[k];
            }

            var pivot = MedianOfThree(values[0], values[values.Length / 2], values[^1]);
            int lt = 0, i = 0, gt = values.Length;
            while (i < gt)
            {
                if (values[i] < pivot)
                {
                    (values[lt], values[i]) = (values[i], values[lt]);
                    lt++;
                    i++;
                }
                else if (values[i] > pivot)
                {
                    gt--;
                    (values[gt], values[i]) = (values[i], values[gt]);
                }
                else
                {
                    i++;
                }
            }

            if (k < lt)
            {
                values = values[..lt];
            }
            else if (k < gt)
            {
                return pivot;
            }
            else
            {
                k -= gt;
                values = values[gt..];
            }
        }
    }

    private static long MedianOfThree(long a, long b, long c) => Math.Max(Math.Min(a, b), Math.Min(Math.Max(a, b), c));
}
