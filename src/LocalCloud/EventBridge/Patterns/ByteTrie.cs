namespace LocalCloud.EventBridge.Patterns;

/// <summary>One key of a <see cref="ByteTrie"/>: the target it yields, and for a wildcard keyed by its literal
/// start (or end), the whole pattern to confirm the match with.</summary>
internal readonly record struct TrieEntry(int Target, WildcardPattern? Verifier);

/// <summary>
/// Prefixes (or, walked backwards, suffixes) in a byte-level trie: one walk along the value finds every key that
/// starts (ends) it, in time bounded by the value's length, however many keys there are.
/// </summary>
internal sealed class ByteTrie
{
    private readonly byte[][] _labels;          // per node: the bytes of its children, in the order of _children
    private readonly int[][] _children;
    private readonly TrieEntry[][] _entries;    // per node: keys that end at it
    private readonly bool _backwards;

    public ByteTrie(IEnumerable<(byte[] Key, TrieEntry Entry)> keys, bool backwards)
    {
        _backwards = backwards;
        var labels = new List<List<byte>> { new() };
        var children = new List<List<int>> { new() };
        var entries = new List<List<TrieEntry>> { new() };
        foreach (var (key, entry) in keys)
        {
            var node = 0;
            for (var i = 0; i < key.Length; i++)
            {
                var b = backwards ? key[key.Length - 1 - i] : key[i];
                var at = labels[node].IndexOf(b);
                if (at < 0)
                {
                    labels[node].Add(b);
                    children[node].Add(labels.Count);
                    labels.Add([]);
                    children.Add([]);
                    entries.Add([]);
                    at = labels[node].Count - 1;
                }

                node = children[node][at];
            }

            entries[node].Add(entry);
        }

        _labels = [.. labels.Select(l => l.ToArray())];
        _children = [.. children.Select(c => c.ToArray())];
        _entries = [.. entries.Select(e => e.ToArray())];
    }

    /// <summary>Adds the targets of every key that starts (or ends) <paramref name="value"/>.</summary>
    public void Collect(ReadOnlySpan<byte> value, IntBuffer output)
    {
        var node = 0;
        Emit(node, value, output);
        for (var i = 0; i < value.Length; i++)
        {
            var b = _backwards ? value[value.Length - 1 - i] : value[i];
            var at = _labels[node].AsSpan().IndexOf(b);
            if (at < 0)
            {
                return;
            }

            node = _children[node][at];
            Emit(node, value, output);
        }
    }

    /// <summary>Marks, with <paramref name="token"/>, the entry of every key that starts (or ends) <paramref name="value"/>.</summary>
    public void Mark(ReadOnlySpan<byte> value, MatchScratch scratch, int token)
    {
        var node = 0;
        MarkNode(node, value, scratch, token);
        for (var i = 0; i < value.Length; i++)
        {
            var b = _backwards ? value[value.Length - 1 - i] : value[i];
            var at = _labels[node].AsSpan().IndexOf(b);
            if (at < 0)
            {
                return;
            }

            node = _children[node][at];
            MarkNode(node, value, scratch, token);
        }
    }

    private void Emit(int node, ReadOnlySpan<byte> value, IntBuffer output)
    {
        foreach (var entry in _entries[node])
        {
            if (entry.Verifier is null || entry.Verifier.IsMatch(value))
            {
                output.Add(entry.Target);
            }
        }
    }

    private void MarkNode(int node, ReadOnlySpan<byte> value, MatchScratch scratch, int token)
    {
        foreach (var entry in _entries[node])
        {
            if (entry.Verifier is null || entry.Verifier.IsMatch(value))
            {
                scratch.MarkEntry(entry.Target, token);
            }
        }
    }
}
