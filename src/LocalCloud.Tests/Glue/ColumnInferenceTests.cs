using System.Text;
using LocalCloud.Glue.DataPlane;

namespace LocalCloud.Tests.Glue;

/// <summary>The converter's column type rules, one value kind and one mix at a time.</summary>
public sealed class ColumnInferenceTests
{
    private static ColumnKind KindOf(params string[] values) =>
        Assert.Single(ColumnInference.Infer(JsonRecords.Read("t", Encoding.UTF8.GetBytes(string.Join('\n', values.Select(v => $"{{\"c\": {v}}}")))))).Kind;

    [Theory]
    [InlineData("Boolean", "true", "false")]
    [InlineData("Long", "1", "-9223372036854775808")]
    [InlineData("Double", "1.5", "2e3")]
    [InlineData("Double", "1", "2.5")]
    [InlineData("Date", "\"2021-06-01\"", "\"2024-02-29\"")]
    [InlineData("Timestamp", "\"2021-06-01T10:00:00Z\"", "\"2021-06-01T10:00:00.123+02:00\"", "\"2021-06-01T10:00:00\"")]
    [InlineData("String", "\"00001\"")]
    [InlineData("String", "\"2023-02-29\"")]
    [InlineData("String", "\"2021-06-01\"", "\"2021-06-01T10:00:00Z\"")]
    [InlineData("String", "1", "\"1\"")]
    [InlineData("String", "true", "1")]
    [InlineData("String", "{\"nested\": 1}")]
    [InlineData("String", "[1, 2]")]
    [InlineData("String", "null")]
    [InlineData("Long", "null", "7")]
    [InlineData("Double", "18446744073709551616")]
    public void Values_InferTheKind(string expected, params string[] values) => Assert.Equal(Enum.Parse<ColumnKind>(expected), KindOf(values));

    [Fact]
    public void Columns_InFirstSeenOrder_MissingMembersAllowed()
    {
        var records = JsonRecords.Read("t", Encoding.UTF8.GetBytes("{\"b\": 1}\n{\"a\": \"x\", \"b\": 2}\n{\"c\": true}"));
        Assert.Equal(["b:Long", "a:String", "c:Boolean"], ColumnInference.Infer(records).Select(c => $"{c.Name}:{c.Kind}"));
    }

    [Theory]
    [InlineData("Long", "bigint")]
    [InlineData("Double", "double")]
    [InlineData("Boolean", "boolean")]
    [InlineData("Date", "date")]
    [InlineData("Timestamp", "timestamp")]
    [InlineData("String", "string")]
    public void GlueType_IsTheHiveName(string kind, string glue) => Assert.Equal(glue, ColumnInference.GlueType(Enum.Parse<ColumnKind>(kind)));
}
