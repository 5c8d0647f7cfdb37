using Dashboard.Batching.WhatIf;

namespace Dashboard.Tests.Batching.WhatIf;

/// <summary>What the tuning page's URL and fields accept as a freshness target and a price, and what each bad value gets.</summary>
public sealed class TuningQueryTests
{
    [Theory]
    [InlineData("600s", 600)]
    [InlineData("10m", 600)]
    [InlineData("10", 600)]
    [InlineData(" 1.5h ", 5400)]
    [InlineData("90S", 90)]
    [InlineData("0.5", 30)]
    public void ParseTarget_Units_GiveSeconds(string text, int seconds)
    {
        var (target, problem) = TuningQuery.ParseTarget(text);

        Assert.Null(problem);
        Assert.Equal(TimeSpan.FromSeconds(seconds), target);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void ParseTarget_Empty_IsNoTargetAndNoProblem(string? text) =>
        Assert.Equal((null, null), TuningQuery.ParseTarget(text));

    [Theory]
    [InlineData("soon", "\"soon\" is not a wait: write minutes (10), or a number with s, m or h (600s, 10m, 1h).")]
    [InlineData("-5", "\"-5\" is not a wait: write minutes (10), or a number with s, m or h (600s, 10m, 1h).")]
    [InlineData("0", "The target must be longer than 0 seconds.")]
    [InlineData("0.001s", "The target must be longer than 0 seconds.")]
    [InlineData("25h", "The target can be at most 24 hours.")]
    public void ParseTarget_BadValue_SaysWhatIsWrong(string text, string expected)
    {
        var (target, problem) = TuningQuery.ParseTarget(text);

        Assert.Null(target);
        Assert.Equal(expected, problem);
    }

    [Fact]
    public void FormatTarget_RoundTripsThroughParse()
    {
        var text = TuningQuery.FormatTarget(TimeSpan.FromMinutes(7.5));

        Assert.Equal("450s", text);
        Assert.Equal(TimeSpan.FromSeconds(450), TuningQuery.ParseTarget(text).Target);
    }

    [Theory]
    [InlineData("0.44", "0.44")]
    [InlineData("$1.10", "1.10")]
    [InlineData("0", "0")]
    public void ParsePrice_Dollars(string text, string expected) =>
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), TuningQuery.ParsePrice(text).Price);

    [Theory]
    [InlineData("cheap", "\"cheap\" is not a price: write dollars per DPU-hour, such as 0.44.")]
    [InlineData("-1", "\"-1\" is not a price: write dollars per DPU-hour, such as 0.44.")]
    [InlineData("101", "The price per DPU-hour can be at most $100.")]
    public void ParsePrice_BadValue_SaysWhatIsWrong(string text, string expected) =>
        Assert.Equal((null, expected), TuningQuery.ParsePrice(text));
}
