using System.Text;
using System.Text.Json;
using LocalCloud.EventBridge.Patterns;
using LocalCloud.Protocol;

namespace LocalCloud.Tests.EventBridge.Patterns;

/// <summary>Runs every case in <c>Parity/*.json</c> through the single-pattern matcher and the rule index.</summary>
public sealed class ParityTests
{
    public static TheoryData<string> CaseIds()
    {
        var data = new TheoryData<string>();
        foreach (var c in ParityCases.Cases)
        {
            data.Add(new TheoryDataRow<string>(c.Id) { TestDisplayName = c.Id });
        }

        return data;
    }

    [Fact]
    public void ParityFiles_HoldEnoughUniquelyNamedCases()
    {
        Assert.True(ParityCases.Cases.Count >= 80, $"only {ParityCases.Cases.Count} parity cases");
        Assert.Equal(ParityCases.Cases.Count, ParityCases.Cases.Select(c => c.Id).Distinct().Count());
        Assert.All(ParityCases.Cases, c => Assert.False(string.IsNullOrWhiteSpace(c.Doc), c.Id));
    }

    [Theory]
    [MemberData(nameof(CaseIds))]
    public void Case_BehavesAsEventBridge(string id)
    {
        var c = ParityCases.Get(id);
        if (c.Expected == "error")
        {
            var error = Assert.Throws<AwsServiceException>(() => EventPatternCompiler.Compile(c.PatternText));
            Assert.Equal("InvalidEventPatternException", error.Code);
            Assert.StartsWith("Event pattern is not valid. Reason: ", error.Message, StringComparison.Ordinal);
            if (c.ErrorContains is not null)
            {
                Assert.Contains(c.ErrorContains, error.Message, StringComparison.Ordinal);
            }

            return;
        }

        var expected = c.Expected == "match";
        var pattern = EventPatternCompiler.Compile(c.PatternText);
        var utf8 = Encoding.UTF8.GetBytes(c.EventJson!);
        using var document = JsonDocument.Parse(c.EventJson!);
        var index = new RuleIndex<string>();
        index.Add("rule", pattern);

        Assert.Equal(expected, pattern.Matches(utf8));
        Assert.Equal(expected, pattern.Matches(document.RootElement));
        Assert.Equal(expected, index.Match(utf8).Contains("rule"));
        Assert.Equal(expected, index.Match(document.RootElement).Contains("rule"));
    }
}
