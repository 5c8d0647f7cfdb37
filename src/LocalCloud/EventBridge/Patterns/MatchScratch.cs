namespace LocalCloud.EventBridge.Patterns;

/// <summary>
/// Per-thread working memory for walking a <see cref="RuleMachine"/>, reused across events so that matching
/// allocates nothing. Marks are "stamps": an entry counts as marked when it holds the current token, so nothing
/// is cleared between uses.
/// </summary>
internal sealed class MatchScratch
{
    [ThreadStatic]
    private static MatchScratch? _current;

    private int[] _stateStamps = new int[64];
    private int[] _ruleStamps = new int[64];
    private int[] _entryStamps = new int[16];
    private int _token;
    private int _matchToken;

    /// <summary>Next states found for the step under way, used as a stack by the recursive walk.</summary>
    public IntBuffer Candidates { get; } = new();

    public static MatchScratch ForCurrentThread() => _current ??= new MatchScratch();

    public void Begin(int stateCount, int ruleCount, int entryCount)
    {
        if (_token > 2_000_000_000)
        {
            // Tokens only grow; start over well before they could wrap around and meet old stamps.
            Array.Clear(_stateStamps);
            Array.Clear(_ruleStamps);
            Array.Clear(_entryStamps);
            _token = 0;
        }

        Grow(ref _stateStamps, stateCount);
        Grow(ref _ruleStamps, ruleCount);
        Grow(ref _entryStamps, entryCount);
        _matchToken = ++_token;
        Candidates.Count = 0;
    }

    /// <summary>True the first time a rule is reported in this match.</summary>
    public bool FirstReport(int rule)
    {
        if (_ruleStamps[rule] == _matchToken)
        {
            return false;
        }

        _ruleStamps[rule] = _matchToken;
        return true;
    }

    public int NewToken() => ++_token;

    /// <summary>Marks a state with <paramref name="token"/>; true when it was not marked yet.</summary>
    public bool MarkState(int state, int token)
    {
        if (_stateStamps[state] == token)
        {
            return false;
        }

        _stateStamps[state] = token;
        return true;
    }

    public void MarkEntry(int entry, int token) => _entryStamps[entry] = token;

    public bool IsEntryMarked(int entry, int token) => _entryStamps[entry] == token;

    private static void Grow(ref int[] stamps, int size)
    {
        if (stamps.Length < size)
        {
            Array.Resize(ref stamps, Math.Max(size, stamps.Length * 2));
        }
    }
}

/// <summary>A growable list of ints with a settable count, for stack-like use without allocation.</summary>
internal sealed class IntBuffer
{
    private int[] _items = new int[64];

    public int Count { get; set; }

    public int this[int index]
    {
        get => _items[index];
        set => _items[index] = value;
    }

    public void Add(int value)
    {
        if (Count == _items.Length)
        {
            Array.Resize(ref _items, Count * 2);
        }

        _items[Count++] = value;
    }

    public void AddRange(int[] values)
    {
        if (Count + values.Length > _items.Length)
        {
            Array.Resize(ref _items, Math.Max(_items.Length * 2, Count + values.Length));
        }

        values.CopyTo(_items, Count);
        Count += values.Length;
    }
}

/// <summary>Compares byte arrays by content, to group UTF-8 keys while building.</summary>
internal sealed class ByteArrayComparer : IEqualityComparer<byte[]>
{
    public static readonly ByteArrayComparer Instance = new();

    public bool Equals(byte[]? x, byte[]? y) => x.AsSpan().SequenceEqual(y);

    public int GetHashCode(byte[] obj) => Utf8Map<int>.Hash(obj);
}
