using Dashboard.Charts;

namespace Dashboard.Tests.Charts;

public sealed class ValueScaleTests
{
    [Theory]
    [InlineData(0, 1, 1)]
    [InlineData(-3, 1, 1)]
    [InlineData(1, 1, 1)]
    [InlineData(3, 3, 1)]
    [InlineData(7, 8, 2)]
    [InlineData(10, 12, 3)]
    [InlineData(42, 60, 20)]
    [InlineData(100, 100, 25)]
    [InlineData(950, 1000, 250)]
    [InlineData(1234, 1500, 500)]
    public void For_Counts_RoundWholeNumberTicks(double dataMax, double expectedMax, double expectedStep)
    {
        var scale = ValueScale.For(dataMax);

        Assert.Equal(expectedMax, scale.Max);
        Assert.Equal(expectedStep, scale.Step);
        Assert.InRange(scale.Ticks().Count(), 2, 6);
    }

    [Fact]
    public void For_NotANumber_FallsBackToZeroToOne() => Assert.Equal(1, ValueScale.For(double.NaN).Max);

    [Fact]
    public void Fraction_ClampsToTheAxis()
    {
        var scale = ValueScale.For(10);

        Assert.Equal(0, scale.Fraction(-1));
        Assert.Equal(1, scale.Fraction(1000));
        Assert.Equal(0.5, scale.Fraction(6));
    }
}
