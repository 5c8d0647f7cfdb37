using System.Text;
using CsCheck;
using LocalCloud.EventBridge.Patterns;
using LocalCloud.Protocol;

namespace LocalCloud.Tests.EventBridge.Patterns;

/// <summary>
/// The index answers through its own structures (hash maps, tries, interval trees, a shared state machine); each
/// pattern answers by testing its conditions directly. Over random patterns of every kind they must agree.
/// </summary>
public sealed class RuleIndexPropertyTests
{
    [Fact]
    public void Match_ReturnsExactlyThePatternsThatMatchOnTheirOwn()
    {
        Gen.Select(PatternGenerators.Pattern.Array[1, 40], PatternGenerators.Event.Array[1, 8]).Sample((patterns, events) =>
        {
            var compiled = patterns.Select(TryCompile).OfType<EventPattern>().ToArray();
            var index = new RuleIndex<int>();
            index.AddRange(compiled.Select((p, i) => KeyValuePair.Create(i, p)));

            foreach (var json in events)
            {
                var utf8 = Encoding.UTF8.GetBytes(json);
                var expected = Enumerable.Range(0, compiled.Length).Where(i => compiled[i].Matches(utf8)).ToArray();
                Assert.Equal(expected, index.Match(utf8));
            }
        }, iter: 3000);
    }

    [Fact]
    public void Match_WithSharedConditions_StillAgrees()
    {
        // Many rules drawn from few fields share states in the machine; their answers must not leak into each other.
        var pattern = Gen.Select(PatternGenerators.MatchValue.Array[1, 2], PatternGenerators.MatchValue.Array[1, 2], Gen.Int[0, 2], (first, second, shape) => shape switch
        {
            0 => $"{{\"a\":[{string.Join(",", first)}]}}",
            1 => $"{{\"a\":[{string.Join(",", first)}],\"b\":[{string.Join(",", second)}]}}",
            _ => $"{{\"arr\":{{\"x\":[{string.Join(",", first)}],\"y\":[{string.Join(",", second)}]}}}}",
        });

        Gen.Select(pattern.Array[20, 120], PatternGenerators.Event.Array[1, 6]).Sample((patterns, events) =>
        {
            var compiled = patterns.Select(TryCompile).OfType<EventPattern>().ToArray();
            var index = new RuleIndex<int>();
            index.AddRange(compiled.Select((p, i) => KeyValuePair.Create(i, p)));
            foreach (var json in events)
            {
                var utf8 = Encoding.UTF8.GetBytes(json);
                Assert.Equal(Enumerable.Range(0, compiled.Length).Where(i => compiled[i].Matches(utf8)), index.Match(utf8));
            }
        }, iter: 500);
    }

    [Fact]
    public void AddAndRemove_InAnyOrder_MatchAsTheRulesLeft()
    {
        var operation = Gen.Select(Gen.Int[0, 9], Gen.Bool, PatternGenerators.Pattern, (key, add, pattern) => (key, add, pattern));
        Gen.Select(operation.Array[1, 30], PatternGenerators.Event.Array[1, 4]).Sample((operations, events) =>
        {
            var index = new RuleIndex<int>();
            var model = new SortedDictionary<int, EventPattern>();
            var order = new List<int>();
            foreach (var (key, add, text) in operations)
            {
                if (add && TryCompile(text) is { } compiled)
                {
                    index.Add(key, compiled);
                    if (!model.ContainsKey(key))
                    {
                        order.Add(key);
                    }

                    model[key] = compiled;
                }
                else if (!add)
                {
                    Assert.Equal(model.Remove(key), index.Remove(key));
                    order.Remove(key);
                }
            }

            Assert.Equal(model.Count, index.Count);
            foreach (var json in events)
            {
                var utf8 = Encoding.UTF8.GetBytes(json);
                Assert.Equal(order.Where(k => model[k].Matches(utf8)), index.Match(utf8));
            }
        }, iter: 1000);
    }

    [Fact]
    public void Compile_AnyPatternShapedJson_CompilesOrFailsWithInvalidEventPattern()
    {
        // Operators in every position, including wrong ones: the compiler may refuse, but only in its own words.
        var value = Gen.Recursive<string>((depth, inner) => depth >= 3
            ? Gen.OneOf("1", "\"x\"", "true", "null", "[]", "{}")
            : Gen.Frequency(
                (2, PatternGenerators.MatchValue),
                (1, Gen.OneOf("1", "-2.5e3", "\"x\"", "true", "null", "[]", "{}", "1e400", "\"**\"")),
                (2, inner.Array[0, 3].Select(vs => "[" + string.Join(",", vs) + "]")),
                (2, Gen.Select(Gen.OneOf("source", "prefix", "numeric", "anything-but", "exists", "$or", "wildcard", "cidr", "equals-ignore-case", "suffix", "a.b"), inner).Array[0, 3]
                    .Select(ms => "{" + string.Join(",", ms.Select(m => $"{PatternGenerators.Json(m.Item1)}:{m.Item2}")) + "}"))));

        value.Sample(json =>
        {
            var error = EventPatternCompiler.Check(json);
            if (error is not null)
            {
                Assert.StartsWith("Event pattern is not valid. Reason: ", error, StringComparison.Ordinal);
            }
        }, iter: 5000);
    }

    private static EventPattern? TryCompile(string json)
    {
        try
        {
            return EventPatternCompiler.Compile(json);
        }
        catch (AwsServiceException ex) when (ex.Code == EventPatternCompiler.ErrorCode)
        {
            // Random patterns are sometimes invalid (a path twice, a "**" wildcard); those are not under test here.
            return null;
        }
    }
}
