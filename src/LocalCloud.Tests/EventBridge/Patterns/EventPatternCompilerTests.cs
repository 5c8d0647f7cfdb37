using System.Text;
using LocalCloud.EventBridge.Patterns;
using LocalCloud.Protocol;

namespace LocalCloud.Tests.EventBridge.Patterns;

public sealed class EventPatternCompilerTests
{
    [Theory]
    [InlineData("""{"detail":{"object":{"key":[{"prefix":5}]}}}""", "Event pattern is not valid. Reason: 'prefix' must be a string at detail.object.key")]
    [InlineData("""{"source":"aws.s3"}""", "Event pattern is not valid. Reason: 'source' must be an object or an array at source")]
    [InlineData("""{"detail":{"size":[{"numeric":[">",10,"<",5]}]}}""", "Event pattern is not valid. Reason: the bottom of a numeric range must be less than the top (10 is not less than 5) at detail.size")]
    [InlineData("""[]""", "Event pattern is not valid. Reason: the pattern must be a JSON object")]
    [InlineData("""{"key":[{"wildcard":"a**"}]}""", "Event pattern is not valid. Reason: Consecutive wildcard characters at pos 1 in 'a**' at key")]
    [InlineData("""{"detail":{"$or":[{"a":["x"]}]}}""", "Event pattern is not valid. Reason: '$or' needs at least 2 objects at detail.$or")]
    public void Compile_InvalidPattern_SaysWhatIsWrongAndWhere(string pattern, string message)
    {
        var error = Assert.Throws<AwsServiceException>(() => EventPatternCompiler.Compile(pattern));

        Assert.Equal("InvalidEventPatternException", error.Code);
        Assert.Equal(message, error.Message);
        Assert.True(error.SenderFault);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Compile_EmptyText_IsInvalid(string pattern) =>
        Assert.Equal("InvalidEventPatternException", Assert.Throws<AwsServiceException>(() => EventPatternCompiler.Compile(pattern)).Code);

    [Fact]
    public void Check_ValidPattern_ReturnsNull() =>
        Assert.Null(EventPatternCompiler.Check("""{"source":["aws.s3"],"detail":{"object":{"key":[{"prefix":"data/"}]}}}"""));

    [Fact]
    public void Check_InvalidPattern_ReturnsTheMessage() =>
        Assert.Equal("Event pattern is not valid. Reason: empty arrays are not allowed at source", EventPatternCompiler.Check("""{"source":[]}"""));

    [Fact]
    public void Compile_KeepsTheSourceText()
    {
        const string Json = """{ "source": [ "aws.s3" ] }""";

        Assert.Equal(Json, EventPatternCompiler.Compile(Json).Source);
        Assert.Equal(Json, EventPatternCompiler.Compile(Json).ToString());
    }

    [Fact]
    public void Compile_Or_ExpandsIntoOneAlternativePerBranch()
    {
        var pattern = EventPatternCompiler.Compile("""{"source":["aws.s3"],"$or":[{"a":["1"]},{"b":["2"]},{"c":["3"]}]}""");

        Assert.Equal(3, pattern.Branches.Length);
        Assert.All(pattern.Branches, b => Assert.Contains(b, c => c.Path == "source"));
    }

    [Fact]
    public void Compile_OrExpandingPastTheLimit_IsInvalid()
    {
        // Eleven two-way $or at different paths would make 2^11 alternatives.
        var ors = string.Join(",", Enumerable.Range(0, 11).Select(i => $"\"f{i}\":{{\"$or\":[{{\"a\":[\"1\"]}},{{\"b\":[\"2\"]}}]}}"));
        var error = Assert.Throws<AwsServiceException>(() => EventPatternCompiler.Compile("{" + ors + "}"));

        Assert.Contains("alternatives", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compile_OrdersConditionsNarrowestFirst()
    {
        var pattern = EventPatternCompiler.Compile(
            """{"a":[{"exists":false}],"b":[{"anything-but":"x"}],"c":[{"prefix":"p"}],"d":["exact"],"e":[{"numeric":[">",1]}]}""");

        Assert.Equal(["d", "c", "e", "b", "a"], pattern.Branches.Single().Select(c => c.Path));
    }

    [Fact]
    public void Matches_JsonThatIsNotValid_Throws()
    {
        var pattern = EventPatternCompiler.Compile("""{"source":["aws.s3"]}""");

        Assert.ThrowsAny<System.Text.Json.JsonException>(() => pattern.Matches("{\"source\": "u8));
    }

    [Fact]
    public void Matches_EventThatIsNotAnObject_MatchesOnlyAbsence()
    {
        Assert.False(EventPatternCompiler.Compile("""{"source":[{"exists":true}]}""").Matches("[1,2]"u8));
        Assert.True(EventPatternCompiler.Compile("""{"source":[{"exists":false}]}""").Matches("[1,2]"u8));
    }

    [Fact]
    public void Matches_LongEscapedMemberNames_AreUnescaped()
    {
        var name = new string('n', 300);
        var pattern = EventPatternCompiler.Compile($$"""{"{{name}}":["v"]}""");
        var escaped = "\\u006e" + name[1..];

        Assert.True(pattern.Matches(Encoding.UTF8.GetBytes($$"""{"{{escaped}}":"v"}""")));
    }
}
