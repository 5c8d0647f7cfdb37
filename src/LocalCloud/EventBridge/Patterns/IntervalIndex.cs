using System.Numerics;

namespace LocalCloud.EventBridge.Patterns;

/// <summary>
/// Closed intervals, queried by point: which intervals contain x? Intervals are sorted by lower bound and an
/// implicit balanced tree over them keeps the largest upper bound of each subtree, so a query visits
/// O(log n + matches) nodes rather than every interval.
/// </summary>
internal sealed class IntervalIndex<T>
    where T : struct, IComparisonOperators<T, T, bool>
{
    private readonly T[] _lower;
    private readonly T[] _upper;
    private readonly T[] _maxUpper;   // for the subtree rooted at each index (midpoint of its span)
    private readonly int[] _targets;

    public IntervalIndex(IEnumerable<(T Lower, T Upper, int Target)> intervals)
    {
        var sorted = intervals.OrderBy(i => i.Lower, Comparer<T>.Create((a, b) => a < b ? -1 : a > b ? 1 : 0)).ToArray();
        _lower = [.. sorted.Select(i => i.Lower)];
        _upper = [.. sorted.Select(i => i.Upper)];
        _targets = [.. sorted.Select(i => i.Target)];
        _maxUpper = new T[sorted.Length];
        if (sorted.Length > 0)
        {
            BuildMax(0, sorted.Length);
        }
    }

    public void Collect(T x, IntBuffer output) => Collect(x, 0, _lower.Length, output);

    private T BuildMax(int from, int to)
    {
        var mid = (from + to) >>> 1;
        var max = _upper[mid];
        if (from < mid)
        {
            var left = BuildMax(from, mid);
            max = left > max ? left : max;
        }

        if (mid + 1 < to)
        {
            var right = BuildMax(mid + 1, to);
            max = right > max ? right : max;
        }

        _maxUpper[mid] = max;
        return max;
    }

    private void Collect(T x, int from, int to, IntBuffer output)
    {
        while (from < to)
        {
            var mid = (from + to) >>> 1;
            if (_maxUpper[mid] < x)
            {
                return;
            }

            Collect(x, from, mid, output);
            if (_lower[mid] > x)
            {
                return;     // everything to the right starts even later
            }

            if (_upper[mid] >= x)
            {
                output.Add(_targets[mid]);
            }

            from = mid + 1;
        }
    }
}
