using Dashboard.Batching;

namespace Dashboard.Tests.Batching;

/// <summary>What the form's text gets: the change, or a message that names the field and the allowed range.</summary>
public sealed class BatchingChangeTests
{
    private const string SizeRange = "Batch size must be a whole number of events from 1 to 100";
    private const string WindowRange = "Batch window must be a whole number of seconds from 1 to 900, or empty for AWS's default of 900";

    [Theory]
    [InlineData("0", SizeRange + "; 0 events would never start a run.")]
    [InlineData("101", SizeRange + "; 101 is more than AWS's maximum of 100.")]
    [InlineData("-1", SizeRange + "; -1 is negative.")]
    [InlineData("abc", SizeRange + "; \"abc\" is not a number.")]
    [InlineData("5.5", SizeRange + "; 5.5 is not a whole number.")]
    [InlineData("1,000", SizeRange + "; \"1,000\" is not a number.")]
    [InlineData("", "Batch size is required: enter a whole number of events from 1 to 100.")]
    [InlineData("   ", "Batch size is required: enter a whole number of events from 1 to 100.")]
    [InlineData(null, "Batch size is required: enter a whole number of events from 1 to 100.")]
    [InlineData("99999999999", SizeRange + "; 99999999999 is more than AWS's maximum of 100.")]
    [InlineData("a very long piece of text that goes on", SizeRange + "; \"a very long piece of…\" is not a number.")]
    public void Parse_BadBatchSize_GetsItsMessage(string? size, string expected)
    {
        var input = BatchingChange.Parse(size, "60");

        Assert.False(input.IsValid);
        Assert.Null(input.Change);
        var problem = Assert.Single(input.Problems);
        Assert.Equal((BatchingField.BatchSize, expected), (problem.Field, problem.Message));
        Assert.Null(input.ProblemWith(BatchingField.BatchWindow));
    }

    [Theory]
    [InlineData("0", WindowRange + "; 0 seconds is not allowed (leave it empty for the default).")]
    [InlineData("901", WindowRange + "; 901 seconds is more than AWS's maximum of 900 (15 minutes).")]
    [InlineData("-1", WindowRange + "; -1 is negative.")]
    [InlineData("abc", WindowRange + "; \"abc\" is not a number.")]
    [InlineData("5.5", WindowRange + "; 5.5 is not a whole number.")]
    [InlineData("1e3", WindowRange + "; \"1e3\" is not a number.")]
    public void Parse_BadBatchWindow_GetsItsMessage(string window, string expected)
    {
        var input = BatchingChange.Parse("10", window);

        Assert.False(input.IsValid);
        Assert.Equal(expected, input.ProblemWith(BatchingField.BatchWindow));
        Assert.Null(input.ProblemWith(BatchingField.BatchSize));
    }

    [Theory]
    [InlineData("1", "1", 1, 1)]
    [InlineData("100", "900", 100, 900)]
    [InlineData(" 5 ", " 300 ", 5, 300)]
    [InlineData("+7", "60", 7, 60)]
    [InlineData("5.0", "60.00", 5, 60)]
    [InlineData("10", "", 10, null)]
    [InlineData("10", "   ", 10, null)]
    [InlineData("10", null, 10, null)]
    public void Parse_GoodInput_IsTheChange(string size, string? window, int expectedSize, int? expectedWindow)
    {
        var input = BatchingChange.Parse(size, window);

        Assert.True(input.IsValid);
        Assert.Empty(input.Problems);
        Assert.Equal(new BatchingChange(expectedSize, expectedWindow), input.Change);
    }

    [Fact]
    public void Parse_BothFieldsBad_ReportsBoth()
    {
        var input = BatchingChange.Parse("0", "901");

        Assert.Equal([BatchingField.BatchSize, BatchingField.BatchWindow], input.Problems.Select(p => p.Field));
    }

    [Fact]
    public void EmptyWindow_MeansAwsDefault_AndIsLeftOutOfTheCondition()
    {
        var change = new BatchingChange(10, null);

        Assert.Equal(900, change.EffectiveBatchWindow);
        Assert.Null(change.ToCondition().BatchWindow);
        Assert.Equal(10, change.ToCondition().BatchSize);
    }

    [Theory]
    [InlineData(0, null, BatchingField.BatchSize)]
    [InlineData(101, 60, BatchingField.BatchSize)]
    [InlineData(-1, 60, BatchingField.BatchSize)]
    [InlineData(5, 0, BatchingField.BatchWindow)]
    [InlineData(5, 901, BatchingField.BatchWindow)]
    [InlineData(5, -1, BatchingField.BatchWindow)]
    public void Validate_OutOfRangeValues_NameTheField(int size, int? window, BatchingField field) =>
        Assert.Equal(field, Assert.Single(new BatchingChange(size, window).Validate()).Field);

    [Fact]
    public void Validate_Bounds_AreAccepted()
    {
        Assert.Empty(new BatchingChange(1, 1).Validate());
        Assert.Empty(new BatchingChange(100, 900).Validate());
        Assert.Empty(new BatchingChange(100, null).Validate());
    }
}
