using System.Text;
using System.Text.Json;
using LocalCloud.EventBridge.Patterns;

namespace LocalCloud.Tests.EventBridge.Patterns;

public sealed class RuleIndexTests
{
    private static readonly byte[] ObjectCreated = Encoding.UTF8.GetBytes(
        """{"source":"aws.s3","detail-type":"Object Created","detail":{"bucket":{"name":"raw-data"},"object":{"key":"data/products_raw/a.json","size":10}}}""");

    [Fact]
    public void Match_ReturnsTheMatchingKeysInTheOrderTheyWereAdded()
    {
        var index = new RuleIndex<string>();
        index.Add("by-key", Compile("""{"detail":{"object":{"key":[{"prefix":"data/"}]}}}"""));
        index.Add("other-bucket", Compile("""{"detail":{"bucket":{"name":["curated"]}}}"""));
        index.Add("by-bucket", Compile("""{"source":["aws.s3"],"detail":{"bucket":{"name":["raw-data"]}}}"""));

        Assert.Equal(["by-key", "by-bucket"], index.Match(ObjectCreated));
    }

    [Fact]
    public void Add_ExistingKey_ReplacesItsPatternAndKeepsItsPlace()
    {
        var index = new RuleIndex<string>();
        index.Add("a", Compile("""{"source":["aws.ec2"]}"""));
        index.Add("b", Compile("""{"source":["aws.s3"]}"""));
        index.Add("a", Compile("""{"source":["aws.s3"]}"""));

        Assert.Equal(2, index.Count);
        Assert.Equal(["a", "b"], index.Match(ObjectCreated));
    }

    [Fact]
    public void Remove_TakesTheRuleOut()
    {
        var index = new RuleIndex<string>();
        index.Add("a", Compile("""{"source":["aws.s3"]}"""));

        Assert.True(index.Remove("a"));
        Assert.False(index.Remove("a"));
        Assert.Equal(0, index.Count);
        Assert.Empty(index.Match(ObjectCreated));
    }

    [Fact]
    public void TryGetPattern_ReturnsThePatternOfAKey()
    {
        var index = new RuleIndex<string>(StringComparer.OrdinalIgnoreCase);
        var pattern = Compile("""{"source":["aws.s3"]}""");
        index.Add("Rule", pattern);

        Assert.True(index.TryGetPattern("rule", out var found));
        Assert.Same(pattern, found);
        Assert.False(index.TryGetPattern("other", out _));
    }

    [Fact]
    public void Match_JsonElementAndBytes_Agree()
    {
        var index = new RuleIndex<int>();
        index.Add(1, Compile("""{"detail":{"object":{"size":[{"numeric":[">",5]}]}}}"""));
        using var document = JsonDocument.Parse(ObjectCreated);

        Assert.Equal(index.Match(ObjectCreated), index.Match(document.RootElement));
        Assert.Equal([1], index.Match(document.RootElement.Clone()));
    }

    [Fact]
    public void Match_IntoAList_AppendsAndCounts()
    {
        var index = new RuleIndex<int>();
        index.Add(7, Compile("""{"source":["aws.s3"]}"""));
        var results = new List<int> { 1 };

        Assert.Equal(1, index.Match(ObjectCreated, results));
        Assert.Equal([1, 7], results);
    }

    [Fact]
    public void Match_AmongTenThousandRules_FindsOnlyTheRulesForTheEvent()
    {
        var index = new RuleIndex<int>();
        index.AddRange(Enumerable.Range(0, 10_000).Select(i => KeyValuePair.Create(i, Compile(i % 2 == 0
            ? "{\"source\":[\"aws.s3\"],\"detail\":{\"bucket\":{\"name\":[\"bucket-" + i + "\"]}}}"
            : "{\"source\":[\"aws.s3\"],\"detail\":{\"object\":{\"key\":[{\"prefix\":\"data/" + i + "/\"}]}}}"))));

        var matches = index.Match(Encoding.UTF8.GetBytes("""{"source":"aws.s3","detail":{"bucket":{"name":"bucket-4242"},"object":{"key":"data/4243/x"}}}"""));

        Assert.Equal([4242, 4243], matches);
    }

    [Fact]
    public async Task Match_WhileRulesChange_SeesEachChangeWholeOrNotAtAll()
    {
        // Every rule matches the event. Rules are added 0, 1, 2, … and then removed in the same order, so any
        // snapshot holds a run of consecutive keys starting at 0 (while adding) or ending at the last (while removing).
        const int Rules = 150;
        var pattern = Compile("""{"source":["aws.s3"]}""");
        var index = new RuleIndex<int>();
        var done = false;

        var readers = Enumerable.Range(0, 3).Select(_ => Task.Run(() =>
        {
            var seen = 0;
            while (!Volatile.Read(ref done))
            {
                var keys = index.Match(ObjectCreated);
                if (keys.Count > 0)
                {
                    Assert.Equal(Enumerable.Range(keys[0], keys.Count), keys);
                    Assert.True(keys[0] == 0 || keys[^1] == Rules - 1, $"torn snapshot: {keys[0]}..{keys[^1]}");
                    seen++;
                }
            }

            return seen;
        }, TestContext.Current.CancellationToken)).ToArray();

        for (var k = 0; k < Rules; k++)
        {
            index.Add(k, pattern);
        }

        for (var k = 0; k < Rules; k++)
        {
            index.Remove(k);
        }

        Volatile.Write(ref done, true);
        await Task.WhenAll(readers);
        Assert.Equal(0, index.Count);
    }

    private static EventPattern Compile(string json) => EventPatternCompiler.Compile(json);
}
