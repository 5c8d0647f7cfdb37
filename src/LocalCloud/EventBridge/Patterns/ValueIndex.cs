namespace LocalCloud.EventBridge.Patterns;

/// <summary>
/// All the value tests leaving one state on one path, indexed by kind: a hash lookup for exact values, tries for
/// prefixes and suffixes, an interval tree for numeric ranges and CIDR blocks. Given a leaf, it yields the next
/// states of the tests the leaf passes, at a cost that depends on the leaf, not on how many tests there are.
/// </summary>
internal sealed class ValueIndex
{
    private readonly Utf8Map<int[]>? _strings;
    private readonly Dictionary<long, int[]>? _numbers;
    private readonly Utf8Map<int[]>? _literalNumbers;
    private readonly int[]? _onTrue;
    private readonly int[]? _onFalse;
    private readonly int[]? _onNull;
    private readonly int[]? _onAny;
    private readonly ByteTrie? _prefixes;
    private readonly ByteTrie? _suffixes;
    private readonly ByteTrie? _foldedPrefixes;
    private readonly ByteTrie? _foldedSuffixes;
    private readonly Utf8Map<int[]>? _folded;
    private readonly (WildcardPattern Pattern, int Target)[]? _wildcards;  // those with no literal start or end
    private readonly IntervalIndex<long>? _ranges;
    private readonly IntervalIndex<UInt128>? _ipv4;
    private readonly IntervalIndex<UInt128>? _ipv6;

    // anything-but: every entry matches unless the leaf trips one of its exclusions, found through the
    // same kinds of structures as above.
    private readonly int[]? _butTargets;     // entry → next state
    private readonly Utf8Map<int[]>? _butStrings;
    private readonly Dictionary<long, int[]>? _butNumbers;
    private readonly Utf8Map<int[]>? _butFolded;
    private readonly ByteTrie? _butPrefixes;
    private readonly ByteTrie? _butSuffixes;
    private readonly (WildcardPattern Pattern, int Entry)[]? _butWildcards;

    public ValueIndex(IReadOnlyList<(ValueMatcher Matcher, int Target)> tests)
    {
        var strings = new Dictionary<byte[], List<int>>(ByteArrayComparer.Instance);
        var numbers = new Dictionary<long, List<int>>();
        var literalNumbers = new Dictionary<byte[], List<int>>(ByteArrayComparer.Instance);
        var folded = new Dictionary<byte[], List<int>>(ByteArrayComparer.Instance);
        List<int> onTrue = [], onFalse = [], onNull = [], onAny = [];
        List<(byte[], TrieEntry)> prefixes = [], suffixes = [], foldedPrefixes = [], foldedSuffixes = [];
        List<(WildcardPattern, int)> wildcards = [];
        List<(long, long, int)> ranges = [];
        List<(UInt128, UInt128, int)> ipv4 = [], ipv6 = [];

        List<int> butTargets = [];
        var butStrings = new Dictionary<byte[], List<int>>(ByteArrayComparer.Instance);
        var butNumbers = new Dictionary<long, List<int>>();
        var butFolded = new Dictionary<byte[], List<int>>(ByteArrayComparer.Instance);
        List<(byte[], TrieEntry)> butPrefixes = [], butSuffixes = [];
        List<(WildcardPattern, int)> butWildcards = [];

        foreach (var (matcher, target) in tests)
        {
            switch (matcher)
            {
                case ExactStringMatcher m:
                    Add(strings, m.Value, target);
                    break;
                case ExactNumberMatcher { Millionths: { } millionths }:
                    Add(numbers, millionths, target);
                    break;
                case ExactNumberMatcher m:
                    Add(literalNumbers, m.Literal, target);
                    break;
                case LiteralMatcher m:
                    (m.Kind switch { LeafKind.True => onTrue, LeafKind.False => onFalse, _ => onNull }).Add(target);
                    break;
                case ExistsMatcher:
                    onAny.Add(target);
                    break;
                case PrefixMatcher m:
                    (m.IgnoreCase ? foldedPrefixes : prefixes).Add((m.Value, new TrieEntry(target, null)));
                    break;
                case SuffixMatcher m:
                    (m.IgnoreCase ? foldedSuffixes : suffixes).Add((m.Value, new TrieEntry(target, null)));
                    break;
                case EqualsIgnoreCaseMatcher m:
                    Add(folded, m.Folded, target);
                    break;
                case WildcardMatcher m:
                    // Keyed by its literal start (or end), a wildcard is only tried on values that have it.
                    if (!m.Pattern.LeadingLiteral.IsEmpty)
                    {
                        prefixes.Add((m.Pattern.LeadingLiteral.ToArray(), new TrieEntry(target, m.Pattern)));
                    }
                    else if (!m.Pattern.TrailingLiteral.IsEmpty)
                    {
                        suffixes.Add((m.Pattern.TrailingLiteral.ToArray(), new TrieEntry(target, m.Pattern)));
                    }
                    else
                    {
                        wildcards.Add((m.Pattern, target));
                    }

                    break;
                case NumericRangeMatcher m:
                    ranges.Add((m.DoubledLower, m.DoubledUpper, target));
                    break;
                case CidrMatcher m:
                    (m.Range.IsV6 ? ipv6 : ipv4).Add((m.Range.First, m.Range.Last, target));
                    break;
                case AnythingButMatcher m:
                    var entry = butTargets.Count;
                    butTargets.Add(target);
                    AddExclusions(m, entry, butStrings, butNumbers, butFolded, butPrefixes, butSuffixes, butWildcards);
                    break;
                default:
                    throw new InvalidOperationException($"No index for {matcher.GetType().Name}.");
            }
        }

        _strings = Freeze(strings);
        _numbers = Freeze(numbers);
        _literalNumbers = Freeze(literalNumbers);
        _folded = Freeze(folded);
        _onTrue = NullIfEmpty(onTrue);
        _onFalse = NullIfEmpty(onFalse);
        _onNull = NullIfEmpty(onNull);
        _onAny = NullIfEmpty(onAny);
        _prefixes = prefixes.Count == 0 ? null : new ByteTrie(prefixes, backwards: false);
        _suffixes = suffixes.Count == 0 ? null : new ByteTrie(suffixes, backwards: true);
        _foldedPrefixes = foldedPrefixes.Count == 0 ? null : new ByteTrie(foldedPrefixes, backwards: false);
        _foldedSuffixes = foldedSuffixes.Count == 0 ? null : new ByteTrie(foldedSuffixes, backwards: true);
        _wildcards = wildcards.Count == 0 ? null : [.. wildcards];
        _ranges = ranges.Count == 0 ? null : new IntervalIndex<long>(ranges);
        _ipv4 = ipv4.Count == 0 ? null : new IntervalIndex<UInt128>(ipv4);
        _ipv6 = ipv6.Count == 0 ? null : new IntervalIndex<UInt128>(ipv6);

        _butTargets = NullIfEmpty(butTargets);
        _butStrings = Freeze(butStrings);
        _butNumbers = Freeze(butNumbers);
        _butFolded = Freeze(butFolded);
        _butPrefixes = butPrefixes.Count == 0 ? null : new ByteTrie(butPrefixes, backwards: false);
        _butSuffixes = butSuffixes.Count == 0 ? null : new ByteTrie(butSuffixes, backwards: true);
        _butWildcards = butWildcards.Count == 0 ? null : [.. butWildcards];

        NeedsFolding = _folded is not null || _foldedPrefixes is not null || _foldedSuffixes is not null || _butFolded is not null;
    }

    /// <summary>How many anything-but entries there are (the scratch marks entries by number).</summary>
    public int AnythingButCount => _butTargets?.Length ?? 0;

    private bool NeedsFolding { get; }

    /// <summary>Adds to <paramref name="output"/> the next state of every test <paramref name="leaf"/> passes
    /// (a state may appear more than once).</summary>
    public void Collect(FlatEvent ev, int leaf, IntBuffer output, MatchScratch scratch)
    {
        ref readonly var l = ref ev[leaf];
        switch (l.Kind)
        {
            case LeafKind.String:
                var text = ev.Text(leaf);
                if (_strings is not null && _strings.TryGetValue(text, out var exact))
                {
                    output.AddRange(exact);
                }

                _prefixes?.Collect(text, output);
                _suffixes?.Collect(text, output);
                if (NeedsFolding)
                {
                    var folded = ev.Folded(leaf);
                    if (_folded is not null && _folded.TryGetValue(folded, out var same))
                    {
                        output.AddRange(same);
                    }

                    _foldedPrefixes?.Collect(folded, output);
                    _foldedSuffixes?.Collect(folded, output);
                }

                if (_wildcards is not null)
                {
                    foreach (var (pattern, target) in _wildcards)
                    {
                        if (pattern.IsMatch(text))
                        {
                            output.Add(target);
                        }
                    }
                }

                if ((_ipv4 is not null || _ipv6 is not null) && ev.TryGetIp(leaf, out var ip))
                {
                    (ip.IsV6 ? _ipv6 : _ipv4)?.Collect(ip.Value, output);
                }

                break;
            case LeafKind.Number:
                if (l.Comparable)
                {
                    if (_numbers is not null && _numbers.TryGetValue(l.Millionths, out var equal))
                    {
                        output.AddRange(equal);
                    }

                    _ranges?.Collect(2 * l.Millionths, output);
                }

                if (_literalNumbers is not null && _literalNumbers.TryGetValue(ev.Text(leaf), out var literal))
                {
                    output.AddRange(literal);
                }

                break;
            case LeafKind.True:
                AddIf(_onTrue, output);
                break;
            case LeafKind.False:
                AddIf(_onFalse, output);
                break;
            default:
                AddIf(_onNull, output);
                break;
        }

        AddIf(_onAny, output);
        if (_butTargets is not null)
        {
            CollectAnythingBut(ev, leaf, output, scratch);
        }
    }

    private static void AddIf(int[]? targets, IntBuffer output)
    {
        if (targets is not null)
        {
            output.AddRange(targets);
        }
    }

    private void CollectAnythingBut(FlatEvent ev, int leaf, IntBuffer output, MatchScratch scratch)
    {
        var token = scratch.NewToken();
        ref readonly var l = ref ev[leaf];
        if (l.Kind == LeafKind.String)
        {
            var text = ev.Text(leaf);
            if (_butStrings is not null && _butStrings.TryGetValue(text, out var entries))
            {
                MarkAll(entries, scratch, token);
            }

            _butPrefixes?.Mark(text, scratch, token);
            _butSuffixes?.Mark(text, scratch, token);
            if (_butFolded is not null && _butFolded.TryGetValue(ev.Folded(leaf), out var foldedEntries))
            {
                MarkAll(foldedEntries, scratch, token);
            }

            if (_butWildcards is not null)
            {
                foreach (var (pattern, entry) in _butWildcards)
                {
                    if (pattern.IsMatch(text))
                    {
                        scratch.MarkEntry(entry, token);
                    }
                }
            }
        }
        else if (l.Kind == LeafKind.Number && l.Comparable && _butNumbers is not null && _butNumbers.TryGetValue(l.Millionths, out var numberEntries))
        {
            MarkAll(numberEntries, scratch, token);
        }

        var targets = _butTargets!;
        for (var entry = 0; entry < targets.Length; entry++)
        {
            if (!scratch.IsEntryMarked(entry, token))
            {
                output.Add(targets[entry]);
            }
        }
    }

    private static void MarkAll(int[] entries, MatchScratch scratch, int token)
    {
        foreach (var entry in entries)
        {
            scratch.MarkEntry(entry, token);
        }
    }

    private static void AddExclusions(
        AnythingButMatcher m,
        int entry,
        Dictionary<byte[], List<int>> strings,
        Dictionary<long, List<int>> numbers,
        Dictionary<byte[], List<int>> folded,
        List<(byte[], TrieEntry)> prefixes,
        List<(byte[], TrieEntry)> suffixes,
        List<(WildcardPattern, int)> wildcards)
    {
        switch (m.Kind)
        {
            case AnythingButKind.Strings:
                foreach (var v in m.Values)
                {
                    Add(strings, v, entry);
                }

                break;
            case AnythingButKind.Numbers:
                foreach (var n in m.Numbers)
                {
                    Add(numbers, n, entry);
                }

                break;
            case AnythingButKind.IgnoreCase:
                foreach (var v in m.Values)
                {
                    Add(folded, v, entry);
                }

                break;
            case AnythingButKind.Prefixes:
                prefixes.AddRange(m.Values.Select(v => (v, new TrieEntry(entry, null))));
                break;
            case AnythingButKind.Suffixes:
                suffixes.AddRange(m.Values.Select(v => (v, new TrieEntry(entry, null))));
                break;
            default:
                foreach (var w in m.Wildcards)
                {
                    if (!w.LeadingLiteral.IsEmpty)
                    {
                        prefixes.Add((w.LeadingLiteral.ToArray(), new TrieEntry(entry, w)));
                    }
                    else if (!w.TrailingLiteral.IsEmpty)
                    {
                        suffixes.Add((w.TrailingLiteral.ToArray(), new TrieEntry(entry, w)));
                    }
                    else
                    {
                        wildcards.Add((w, entry));
                    }
                }

                break;
        }
    }

    private static void Add<TKey>(Dictionary<TKey, List<int>> map, TKey key, int target)
        where TKey : notnull
    {
        if (!map.TryGetValue(key, out var list))
        {
            list = [];
            map[key] = list;
        }

        list.Add(target);
    }

    private static Utf8Map<int[]>? Freeze(Dictionary<byte[], List<int>> map) =>
        map.Count == 0 ? null : new Utf8Map<int[]>(map.Select(e => KeyValuePair.Create(e.Key, e.Value.ToArray())).ToList());

    private static Dictionary<long, int[]>? Freeze(Dictionary<long, List<int>> map) =>
        map.Count == 0 ? null : map.ToDictionary(e => e.Key, e => e.Value.ToArray());

    private static int[]? NullIfEmpty(List<int> list) => list.Count == 0 ? null : [.. list];
}
