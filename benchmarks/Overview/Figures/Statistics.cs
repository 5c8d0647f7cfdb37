namespace Overview.Figures;

public static class Statistics
{
    /// <summary>The nearest-rank percentile of <paramref name="values"/>, <paramref name="p"/> in (0, 1].</summary>
    public static double Percentile(IReadOnlyCollection<double> values, double p)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
    }
}
