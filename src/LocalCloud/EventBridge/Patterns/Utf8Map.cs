namespace LocalCloud.EventBridge.Patterns;

/// <summary>
/// An immutable hash map keyed by UTF-8 bytes, looked up with a span so that matching an event never turns
/// its bytes into strings.
/// </summary>
internal sealed class Utf8Map<TValue>
{
    private readonly int[] _buckets;      // entry index + 1; 0 marks an empty bucket
    private readonly int[] _hashes;
    private readonly byte[][] _keys;
    private readonly TValue[] _values;
    private readonly int _mask;

    public Utf8Map(IReadOnlyCollection<KeyValuePair<byte[], TValue>> entries)
    {
        var size = 4;
        while (size < entries.Count * 2)
        {
            size <<= 1;
        }

        _buckets = new int[size];
        _mask = size - 1;
        _hashes = new int[entries.Count];
        _keys = new byte[entries.Count][];
        _values = new TValue[entries.Count];
        var n = 0;
        foreach (var (key, value) in entries)
        {
            var hash = Hash(key);
            var bucket = hash & _mask;
            while (_buckets[bucket] != 0)
            {
                if (_hashes[_buckets[bucket] - 1] == hash && _keys[_buckets[bucket] - 1].AsSpan().SequenceEqual(key))
                {
                    throw new ArgumentException("Duplicate key.", nameof(entries));
                }

                bucket = (bucket + 1) & _mask;
            }

            _hashes[n] = hash;
            _keys[n] = key;
            _values[n] = value;
            _buckets[bucket] = ++n;
        }
    }

    public int Count => _keys.Length;

    public static int Hash(ReadOnlySpan<byte> key)
    {
        var hash = new HashCode();
        hash.AddBytes(key);
        return hash.ToHashCode();
    }

    public bool TryGetValue(ReadOnlySpan<byte> key, out TValue value)
    {
        var hash = Hash(key);
        var bucket = hash & _mask;
        int slot;
        while ((slot = _buckets[bucket]) != 0)
        {
            if (_hashes[slot - 1] == hash && key.SequenceEqual(_keys[slot - 1]))
            {
                value = _values[slot - 1];
                return true;
            }

            bucket = (bucket + 1) & _mask;
        }

        value = default!;
        return false;
    }
}
