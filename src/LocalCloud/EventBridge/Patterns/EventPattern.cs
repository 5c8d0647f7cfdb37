using System.Collections.Immutable;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace LocalCloud.EventBridge.Patterns;

/// <summary>
/// A compiled, immutable event pattern. Made by <see cref="EventPatternCompiler.Compile"/>; safe to share
/// between threads. To match many patterns at once, put them in a <see cref="RuleIndex{TKey}"/>.
/// </summary>
public sealed class EventPattern
{
    private Paths? _paths;   // made on first use: patterns in a rule index never need their own

    internal EventPattern(string source, ImmutableArray<ImmutableArray<FieldCondition>> branches)
    {
        Source = source;
        Branches = branches;
    }

    /// <summary>The pattern's JSON, as given to the compiler.</summary>
    public string Source { get; }

    /// <summary>The alternatives the pattern allows (more than one only with <c>$or</c>); each is a list of
    /// field conditions that must all hold.</summary>
    internal ImmutableArray<ImmutableArray<FieldCondition>> Branches { get; }

    public bool Matches(JsonElement eventJson) => Matches(JsonMarshal.GetRawUtf8Value(eventJson));

    /// <summary>Whether the event (UTF-8 JSON) matches. Invalid JSON throws <see cref="JsonException"/>.</summary>
    public bool Matches(ReadOnlySpan<byte> utf8Json)
    {
        // Two threads may both build the paths; either result is the same, so the race is harmless.
        var paths = _paths ??= new Paths(Branches);
        var ev = FlatEvent.ForCurrentThread();
        ev.Load(utf8Json, paths.Trie);
        for (var b = 0; b < Branches.Length; b++)
        {
            if (MatchesFrom(ev, Branches[b], paths.Ids[b], 0))
            {
                return true;
            }
        }

        return false;
    }

    public override string ToString() => Source;

    // The direct evaluation: try each leaf for each condition in turn, backtracking, so that leaves taken from
    // elements of one array stay in the same element.
    private static bool MatchesFrom(FlatEvent ev, ImmutableArray<FieldCondition> conditions, int[] pathIds, int i)
    {
        if (i == conditions.Length)
        {
            return true;
        }

        var condition = conditions[i];
        var first = ev.FirstLeaf(pathIds[i]);
        if (first < 0)
        {
            return condition.MatchesAbsent && MatchesFrom(ev, conditions, pathIds, i + 1);
        }

        for (var leaf = first; leaf >= 0; leaf = ev[leaf].Next)
        {
            if (!PassesAny(condition, ev, leaf) || !ev.TryEnter(leaf, out var mark))
            {
                continue;
            }

            var matched = MatchesFrom(ev, conditions, pathIds, i + 1);
            ev.Leave(mark);
            if (matched)
            {
                return true;
            }
        }

        return false;
    }

    private sealed class Paths
    {
        public Paths(ImmutableArray<ImmutableArray<FieldCondition>> branches)
        {
            Trie = PathTrie.Build(branches.SelectMany(b => b).Select(c => c.Path), out var ids);
            Ids = [.. branches.Select(b => b.Select(c => ids[c.Path]).ToArray())];
        }

        public PathTrie Trie { get; }

        /// <summary>Per branch, per condition: the id of the condition's path in <see cref="Trie"/>.</summary>
        public int[][] Ids { get; }
    }

    private static bool PassesAny(FieldCondition condition, FlatEvent ev, int leaf)
    {
        foreach (var matcher in condition.Matchers)
        {
            if (matcher.Matches(ev, leaf))
            {
                return true;
            }
        }

        return false;
    }
}
