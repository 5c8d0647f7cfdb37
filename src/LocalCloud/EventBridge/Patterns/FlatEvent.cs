using System.Buffers;
using System.Text.Json;

namespace LocalCloud.EventBridge.Patterns;

internal enum LeafKind : byte
{
    String,
    Number,
    True,
    False,
    Null,
}

/// <summary>One leaf value of the event at a path some pattern names.</summary>
internal struct Leaf
{
    public LeafKind Kind;
    public bool Comparable;     // a number within the range numeric matching compares
    public byte IpState;        // 0 not yet parsed, 1 not an address, 2 parsed into Ip
    public bool IsFolded;
    public int Start;           // string content (unescaped) or number token, in the event's byte buffer
    public int Length;
    public int FoldStart;
    public int FoldLength;
    public int Next;            // next leaf at the same path, or -1
    public int Context;         // the array elements this leaf sits in; 0 for none
    public long Millionths;
    public IpValue Ip;
}

/// <summary>
/// An event flattened to leaf values by path, in buffers reused across events on one thread. Flattening reads
/// the JSON once and keeps only the leaves at paths of the <see cref="PathTrie"/> it is given.
/// </summary>
internal sealed class FlatEvent
{
    [ThreadStatic]
    private static FlatEvent? _current;

    private readonly ArrayBufferWriter<byte> _folded = new(256);
    private byte[] _bytes = new byte[1024];
    private int _byteCount;
    private Leaf[] _leaves = new Leaf[32];
    private int _leafCount;
    private int[] _heads = new int[16];
    private int[] _stamps = new int[16];
    private int _generation;
    private int[] _present = new int[16];
    private int _presentCount;

    // Array elements that hold objects get a context: (parent context, array, index). Leaves in different
    // elements of one array never combine in a match (event-ruler's array-consistent matching).
    private int[] _contextParent = new int[8];
    private int[] _contextArray = new int[8];
    private int[] _contextIndex = new int[8];
    private int _contextCount;
    private int _arrayCount;

    // The (array, index) choices made by the match under way, as a stack.
    private int[] _chosenArray = new int[8];
    private int[] _chosenIndex = new int[8];
    private int _chosenCount;

    public static FlatEvent ForCurrentThread() => _current ??= new FlatEvent();

    public ReadOnlySpan<int> PresentPaths => _present.AsSpan(0, _presentCount);

    public ref readonly Leaf this[int leaf] => ref _leaves[leaf];

    /// <summary>Reads <paramref name="utf8Json"/> into leaves at the paths of <paramref name="paths"/>.</summary>
    public void Load(ReadOnlySpan<byte> utf8Json, PathTrie paths)
    {
        Reset(paths.Count);
        var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { MaxDepth = 256 });
        if (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            ReadObject(ref reader, paths.Root, 0);
        }
    }

    public int FirstLeaf(int pathId) => _stamps[pathId] == _generation ? _heads[pathId] : -1;

    public bool Has(int pathId) => _stamps[pathId] == _generation;

    public ReadOnlySpan<byte> Text(int leaf)
    {
        ref readonly var l = ref _leaves[leaf];
        return _bytes.AsSpan(l.Start, l.Length);
    }

    public ReadOnlySpan<byte> Folded(int leaf)
    {
        ref var l = ref _leaves[leaf];
        if (!l.IsFolded)
        {
            l.FoldStart = _folded.WrittenCount;
            CaseFolding.Fold(_bytes.AsSpan(l.Start, l.Length), _folded);
            l.FoldLength = _folded.WrittenCount - l.FoldStart;
            l.IsFolded = true;
        }

        return _folded.WrittenSpan.Slice(l.FoldStart, l.FoldLength);
    }

    public bool TryGetIp(int leaf, out IpValue ip)
    {
        ref var l = ref _leaves[leaf];
        if (l.IpState == 0)
        {
            l.IpState = IpAddresses.TryParse(_bytes.AsSpan(l.Start, l.Length), out l.Ip) ? (byte)2 : (byte)1;
        }

        ip = l.Ip;
        return l.IpState == 2;
    }

    /// <summary>Takes <paramref name="leaf"/> into the match under way if it sits in no array element that
    /// conflicts with leaves already taken. <see cref="Leave"/> with <paramref name="mark"/> undoes it.</summary>
    public bool TryEnter(int leaf, out int mark)
    {
        mark = _chosenCount;
        var context = _leaves[leaf].Context;
        if (context == 0)
        {
            return true;
        }

        for (var c = context; c != 0; c = _contextParent[c])
        {
            var known = false;
            for (var i = 0; i < _chosenCount; i++)
            {
                if (_chosenArray[i] == _contextArray[c])
                {
                    if (_chosenIndex[i] != _contextIndex[c])
                    {
                        _chosenCount = mark;
                        return false;
                    }

                    known = true;
                    break;
                }
            }

            if (!known)
            {
                if (_chosenCount == _chosenArray.Length)
                {
                    Array.Resize(ref _chosenArray, _chosenCount * 2);
                    Array.Resize(ref _chosenIndex, _chosenCount * 2);
                }

                _chosenArray[_chosenCount] = _contextArray[c];
                _chosenIndex[_chosenCount++] = _contextIndex[c];
            }
        }

        return true;
    }

    public void Leave(int mark) => _chosenCount = mark;

    private void Reset(int pathCount)
    {
        if (_heads.Length < pathCount)
        {
            var size = Math.Max(pathCount, _heads.Length * 2);
            _heads = new int[size];
            _stamps = new int[size];
            _generation = 0;
        }

        if (_generation == int.MaxValue)
        {
            Array.Clear(_stamps);
            _generation = 0;
        }

        _generation++;
        _byteCount = 0;
        _leafCount = 0;
        _presentCount = 0;
        _contextCount = 1;  // context 0 is "in no array element"
        _arrayCount = 0;
        _chosenCount = 0;
        _folded.ResetWrittenCount();
    }

    private void ReadObject(ref Utf8JsonReader reader, PathTrie.Node node, int context)
    {
        Span<byte> unescaped = stackalloc byte[256];
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            PathTrie.Node? child;
            if (!reader.ValueIsEscaped)
            {
                child = node.Find(reader.ValueSpan);
            }
            else if (reader.ValueSpan.Length <= unescaped.Length)
            {
                child = node.Find(unescaped[..reader.CopyString(unescaped)]);
            }
            else
            {
                var buffer = new byte[reader.ValueSpan.Length];
                child = node.Find(buffer.AsSpan(0, reader.CopyString(buffer)));
            }

            reader.Read();
            if (child is null)
            {
                reader.Skip();
            }
            else
            {
                ReadValue(ref reader, child, context);
            }
        }
    }

    private void ReadValue(ref Utf8JsonReader reader, PathTrie.Node node, int context)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                if (node.HasChildren)
                {
                    ReadObject(ref reader, node, context);
                }
                else
                {
                    reader.Skip();
                }

                break;
            case JsonTokenType.StartArray:
                ReadArray(ref reader, node, context);
                break;
            default:
                if (node.PathId >= 0)
                {
                    AddLeaf(ref reader, node.PathId, context);
                }

                break;
        }
    }

    private void ReadArray(ref Utf8JsonReader reader, PathTrie.Node node, int context)
    {
        // Arrays are transparent: their elements sit at the array's own path.
        var array = ++_arrayCount;
        var index = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
            {
                if (reader.TokenType == JsonTokenType.StartObject && !node.HasChildren)
                {
                    reader.Skip();
                }
                else
                {
                    ReadValue(ref reader, node, NewContext(context, array, index));
                }
            }
            else if (node.PathId >= 0)
            {
                // A scalar element is a leaf of its own: no other field shares its element, so it needs no context.
                AddLeaf(ref reader, node.PathId, context);
            }

            index++;
        }
    }

    private int NewContext(int parent, int array, int index)
    {
        if (_contextCount == _contextParent.Length)
        {
            Array.Resize(ref _contextParent, _contextCount * 2);
            Array.Resize(ref _contextArray, _contextCount * 2);
            Array.Resize(ref _contextIndex, _contextCount * 2);
        }

        _contextParent[_contextCount] = parent;
        _contextArray[_contextCount] = array;
        _contextIndex[_contextCount] = index;
        return _contextCount++;
    }

    private void AddLeaf(ref Utf8JsonReader reader, int pathId, int context)
    {
        if (_leafCount == _leaves.Length)
        {
            Array.Resize(ref _leaves, _leafCount * 2);
        }

        ref var leaf = ref _leaves[_leafCount];
        leaf = default;
        leaf.Context = context;
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                leaf.Kind = LeafKind.String;
                EnsureBytes(reader.ValueSpan.Length);
                leaf.Start = _byteCount;
                leaf.Length = reader.ValueIsEscaped ? reader.CopyString(_bytes.AsSpan(_byteCount)) : Copy(reader.ValueSpan);
                break;
            case JsonTokenType.Number:
                leaf.Kind = LeafKind.Number;
                EnsureBytes(reader.ValueSpan.Length);
                leaf.Start = _byteCount;
                leaf.Length = Copy(reader.ValueSpan);
                leaf.Comparable = ComparableNumber.TryParse(reader.ValueSpan, out leaf.Millionths);
                break;
            case JsonTokenType.True:
                leaf.Kind = LeafKind.True;
                break;
            case JsonTokenType.False:
                leaf.Kind = LeafKind.False;
                break;
            default:
                leaf.Kind = LeafKind.Null;
                break;
        }

        _byteCount += leaf.Length;
        if (_stamps[pathId] != _generation)
        {
            _stamps[pathId] = _generation;
            leaf.Next = -1;
            if (_presentCount == _present.Length)
            {
                Array.Resize(ref _present, _presentCount * 2);
            }

            _present[_presentCount++] = pathId;
        }
        else
        {
            leaf.Next = _heads[pathId];
        }

        _heads[pathId] = _leafCount++;
    }

    private int Copy(ReadOnlySpan<byte> value)
    {
        value.CopyTo(_bytes.AsSpan(_byteCount));
        return value.Length;
    }

    private void EnsureBytes(int extra)
    {
        if (_byteCount + extra > _bytes.Length)
        {
            Array.Resize(ref _bytes, Math.Max(_bytes.Length * 2, _byteCount + extra));
        }
    }
}
