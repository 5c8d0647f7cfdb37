namespace Dashboard.Charts;

/// <summary>
/// A y axis from 0 to a round maximum, with four or five evenly spaced round ticks (1, 2, 2.5 or 5 times a power of
/// ten). Counts get whole-number ticks however small the maximum.
/// </summary>
public sealed record ValueScale(double Max, double Step)
{
    private static readonly double[] NiceSteps = [1, 2, 2.5, 5, 10];

    /// <summary>A scale for data whose largest value is <paramref name="dataMax"/>; zero or less gives 0 to 1.</summary>
    public static ValueScale For(double dataMax, bool wholeNumbers = true, int targetTicks = 4)
    {
        if (!(dataMax > 0) || double.IsInfinity(dataMax))
        {
            return new ValueScale(1, wholeNumbers ? 1 : 0.25);
        }

        var raw = dataMax / targetTicks;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var step = NiceSteps.Select(n => n * magnitude).First(s => s >= raw * (1 - 1e-9));
        if (wholeNumbers)
        {
            // 2.5 is not a whole step below 10; and no step is smaller than 1.
            step = step < 1 ? 1 : step == 2.5 ? 3 : step;
        }

        var max = Math.Ceiling((dataMax / step) - 1e-9) * step;
        return new ValueScale(max, step);
    }

    public IEnumerable<double> Ticks()
    {
        var count = (int)Math.Round(Max / Step);
        for (var i = 0; i <= count; i++)
        {
            yield return i * Step;
        }
    }

    /// <summary>Where <paramref name="value"/> sits, from 0 (bottom) to 1 (top), clamped.</summary>
    public double Fraction(double value) => Math.Clamp(value / Max, 0, 1);
}
