using System.Runtime.InteropServices;
using System.Text.Json;

namespace LocalCloud.EventBridge.Patterns;

/// <summary>
/// Event patterns by key (a rule), matched all at once: the time to match an event does not grow with the number
/// of rules, as with aws/event-ruler's machine.
/// </summary>
/// <remarks>
/// Built for EventBridge's traffic: many threads match, rules change rarely (PutRule, DeleteRule). The rules and
/// their compiled machine are one immutable snapshot; matching reads whichever snapshot is current without a
/// lock, and a change builds a new snapshot and swaps it in. A change therefore costs time in proportion to the
/// number of rules; load many rules with <see cref="AddRange"/>, which builds once.
/// </remarks>
public sealed class RuleIndex<TKey>
    where TKey : notnull
{
    // Positions of the matching rules, reused per thread so that matching allocates only its result.
    [ThreadStatic]
    private static List<int>? _positions;

    private readonly Lock _writeLock = new();
    private readonly IEqualityComparer<TKey> _comparer;
    private volatile Snapshot _snapshot;

    public RuleIndex(IEqualityComparer<TKey>? comparer = null)
    {
        _comparer = comparer ?? EqualityComparer<TKey>.Default;
        _snapshot = Snapshot.Create([], _comparer);
    }

    public int Count => _snapshot.Keys.Length;

    /// <summary>Adds a rule, or replaces the pattern of an existing key.</summary>
    public void Add(TKey key, EventPattern pattern) => AddRange([KeyValuePair.Create(key, pattern)]);

    /// <summary>Adds or replaces many rules with one rebuild.</summary>
    public void AddRange(IEnumerable<KeyValuePair<TKey, EventPattern>> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        lock (_writeLock)
        {
            var current = _snapshot;
            var entries = current.Entries().ToList();
            var positions = new Dictionary<TKey, int>(current.Positions, _comparer);
            foreach (var (key, pattern) in rules)
            {
                ArgumentNullException.ThrowIfNull(pattern);
                if (positions.TryGetValue(key, out var at))
                {
                    entries[at] = KeyValuePair.Create(key, pattern);
                }
                else
                {
                    positions[key] = entries.Count;
                    entries.Add(KeyValuePair.Create(key, pattern));
                }
            }

            _snapshot = Snapshot.Create(entries, _comparer);
        }
    }

    /// <summary>Removes a rule; false when there was none with this key.</summary>
    public bool Remove(TKey key)
    {
        lock (_writeLock)
        {
            var current = _snapshot;
            if (!current.Positions.ContainsKey(key))
            {
                return false;
            }

            _snapshot = Snapshot.Create(current.Entries().Where(e => !_comparer.Equals(e.Key, key)).ToList(), _comparer);
            return true;
        }
    }

    public bool TryGetPattern(TKey key, out EventPattern pattern)
    {
        var current = _snapshot;
        if (current.Positions.TryGetValue(key, out var at))
        {
            pattern = current.Patterns[at];
            return true;
        }

        pattern = null!;
        return false;
    }

    /// <summary>The keys of the rules the event matches, in the order the rules were first added.</summary>
    public IReadOnlyList<TKey> Match(JsonElement eventJson) => Match(JsonMarshal.GetRawUtf8Value(eventJson));

    /// <inheritdoc cref="Match(JsonElement)"/>
    public IReadOnlyList<TKey> Match(ReadOnlySpan<byte> utf8Json)
    {
        var results = new List<TKey>();
        Match(utf8Json, results);
        return results;
    }

    /// <summary>Adds the keys of the matching rules to <paramref name="results"/> and returns how many; for callers
    /// that reuse one list. Invalid JSON throws <see cref="JsonException"/>.</summary>
    public int Match(ReadOnlySpan<byte> utf8Json, List<TKey> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var snapshot = _snapshot;
        if (snapshot.Keys.Length == 0)
        {
            return 0;
        }

        var positions = Positions;
        positions.Clear();
        snapshot.Machine.Match(utf8Json, positions);
        positions.Sort();
        foreach (var position in positions)
        {
            results.Add(snapshot.Keys[position]);
        }

        return positions.Count;
    }

    private static List<int> Positions => _positions ??= [];

    private sealed class Snapshot
    {
        private Snapshot(TKey[] keys, EventPattern[] patterns, Dictionary<TKey, int> positions, RuleMachine machine)
        {
            Keys = keys;
            Patterns = patterns;
            Positions = positions;
            Machine = machine;
        }

        public TKey[] Keys { get; }

        public EventPattern[] Patterns { get; }

        /// <summary>Never changed once the snapshot is published.</summary>
        public Dictionary<TKey, int> Positions { get; }

        public RuleMachine Machine { get; }

        public static Snapshot Create(IReadOnlyList<KeyValuePair<TKey, EventPattern>> entries, IEqualityComparer<TKey> comparer)
        {
            var keys = entries.Select(e => e.Key).ToArray();
            var patterns = entries.Select(e => e.Value).ToArray();
            var positions = new Dictionary<TKey, int>(comparer);
            for (var i = 0; i < keys.Length; i++)
            {
                positions[keys[i]] = i;
            }

            return new Snapshot(keys, patterns, positions, RuleMachine.Build(patterns));
        }

        public IEnumerable<KeyValuePair<TKey, EventPattern>> Entries() => Keys.Zip(Patterns, KeyValuePair.Create);
    }
}
