namespace LocalCloud.Tests.Faults;

/// <summary>A <see cref="Random"/> that answers the given values in turn, so a test decides which rolls fire.</summary>
internal sealed class SequenceRandom(params double[] values) : Random
{
    private int _next;

    public override double NextDouble() => values[_next++ % values.Length];

    protected override double Sample() => NextDouble();
}
