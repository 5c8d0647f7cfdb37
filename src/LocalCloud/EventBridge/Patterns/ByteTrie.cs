namespace LocalCloud.EventBridge.Patterns;

/// <summary>One key of a <see cref="ByteTrie"/>: the target it yields, and for a wildcard keyed by its literal
/// start (or end), the whole pattern to confirm the match with.</summary>
internal readonly record struct TrieEntry(int Target, WildcardPattern? Verifier);

/// <summary>
/// Prefixes (or, walked backwards, suffixes) in a byte-level radix trie: one walk along the value finds every key
/// that starts (ends) it, in time bounded by the value's length, however many keys there are. Runs of bytes with
/// no branching share one edge, so a key costs a node, not a node per byte.
/// </summary>
internal sealed class ByteTrie
{
    private readonly Node _root;
    private readonly bool _backwards;

    public ByteTrie(IEnumerable<(byte[] Key, TrieEntry Entry)> keys, bool backwards)
    {
        _backwards = backwards;
        // Keys are stored in walking order: reversed for a suffix trie.
        var items = keys.Select(k => (Key: backwards ? k.Key.Reverse().ToArray() : k.Key, k.Entry)).ToList();
        _root = Build(items, 0, []);
    }

    /// <summary>Adds the targets of every key that starts (or ends) <paramref name="value"/>.</summary>
    public void Collect(ReadOnlySpan<byte> value, IntBuffer output)
    {
        var node = _root;
        var depth = 0;
        while (true)
        {
            foreach (var entry in node.Entries)
            {
                if (entry.Verifier is null || entry.Verifier.IsMatch(value))
                {
                    output.Add(entry.Target);
                }
            }

            if (!TryDescend(ref node, ref depth, value))
            {
                return;
            }
        }
    }

    /// <summary>Marks, with <paramref name="token"/>, the entry of every key that starts (or ends) <paramref name="value"/>.</summary>
    public void Mark(ReadOnlySpan<byte> value, MatchScratch scratch, int token)
    {
        var node = _root;
        var depth = 0;
        while (true)
        {
            foreach (var entry in node.Entries)
            {
                if (entry.Verifier is null || entry.Verifier.IsMatch(value))
                {
                    scratch.MarkEntry(entry.Target, token);
                }
            }

            if (!TryDescend(ref node, ref depth, value))
            {
                return;
            }
        }
    }

    private static Node Build(List<(byte[] Key, TrieEntry Entry)> items, int depth, byte[] label)
    {
        var entries = items.Where(i => i.Key.Length == depth).Select(i => i.Entry).ToArray();
        var groups = items.Where(i => i.Key.Length > depth).GroupBy(i => i.Key[depth]).OrderBy(g => g.Key).ToList();
        var children = new Node[groups.Count];
        for (var g = 0; g < groups.Count; g++)
        {
            var group = groups[g].ToList();
            // Extend the edge while every key in the group goes on with the same byte and none ends.
            var end = depth + 1;
            while (group.All(i => i.Key.Length > end) && group.All(i => i.Key[end] == group[0].Key[end]))
            {
                end++;
            }

            children[g] = Build(group, end, group[0].Key[depth..end]);
        }

        return new Node(label, entries, [.. groups.Select(g => g.Key)], children);
    }

    // Follows the child edge that the value continues with, if the value holds all of it.
    private bool TryDescend(ref Node node, ref int depth, ReadOnlySpan<byte> value)
    {
        if (depth >= value.Length)
        {
            return false;
        }

        var at = node.FirstBytes.AsSpan().IndexOf(ByteAt(value, depth));
        if (at < 0)
        {
            return false;
        }

        var child = node.Children[at];
        var label = child.Label;
        if (depth + label.Length > value.Length)
        {
            return false;
        }

        for (var i = 1; i < label.Length; i++)
        {
            if (ByteAt(value, depth + i) != label[i])
            {
                return false;
            }
        }

        node = child;
        depth += label.Length;
        return true;
    }

    private byte ByteAt(ReadOnlySpan<byte> value, int depth) => _backwards ? value[value.Length - 1 - depth] : value[depth];

    private sealed class Node(byte[] label, TrieEntry[] entries, byte[] firstBytes, Node[] children)
    {
        public byte[] Label { get; } = label;

        public TrieEntry[] Entries { get; } = entries;

        public byte[] FirstBytes { get; } = firstBytes;

        public Node[] Children { get; } = children;
    }
}
