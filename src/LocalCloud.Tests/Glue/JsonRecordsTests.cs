using System.Text;
using LocalCloud.Glue.DataPlane;

namespace LocalCloud.Tests.Glue;

/// <summary>Reading uploaded objects: one object per file or JSON lines; everything else is an error that says where.</summary>
public sealed class JsonRecordsTests
{
    private static List<JsonRecord> Read(string text) => JsonRecords.Read("s3://b/k.json", Encoding.UTF8.GetBytes(text));

    [Fact]
    public void OneObject_OneRecord_MembersInOrder()
    {
        var record = Assert.Single(Read("""{"b": 1, "a": "x"}"""));
        Assert.Equal(["b", "a"], record.Members.Select(m => m.Key));
    }

    [Fact]
    public void JsonLines_WithBlankLinesAndBom_OneRecordPerLine()
    {
        var text = "\uFEFF{\"a\": 1}\n\n{\"a\": 2}\r\n{\"a\": 3}\n";
        Assert.Equal(3, Read(text).Count);
    }

    [Fact]
    public void Empty_NoRecords() => Assert.Empty(Read("  \n"));

    [Theory]
    [InlineData("{\"a\": }", "line 1, position 7: ")]
    [InlineData("{\"a\": 1}\n{\"a\" 2}", "line 2, position 6: ")]
    [InlineData("{\"a\": 1", "line 1, position 8: ")]
    public void MalformedJson_NamesObjectLineAndPosition(string text, string where)
    {
        var error = Assert.Throws<JsonInputException>(() => Read(text));
        Assert.StartsWith($"Could not parse s3://b/k.json as JSON: {where}", error.Message);
        Assert.DoesNotContain("BytePositionInLine", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[{\"a\": 1}]", "line 1: expected a JSON object (one per file, or one per line), found an array.")]
    [InlineData("{\"a\": 1}\n42", "line 2: expected a JSON object (one per file, or one per line), found a number.")]
    public void NonObjectAtTopLevel_IsAnError(string text, string message)
    {
        var error = Assert.Throws<JsonInputException>(() => Read(text));
        Assert.Equal($"Could not read s3://b/k.json: {message}", error.Message);
    }
}
