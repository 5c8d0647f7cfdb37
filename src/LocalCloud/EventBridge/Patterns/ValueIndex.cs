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
        // Most steps hold one or two kinds of test, so the builder only makes the collections it needs.
        var b = new Builder();
        foreach (var (matcher, target) in tests)
        {
            b.Add(matcher, target);
        }

        _strings = Freeze(b.Strings);
        _numbers = b.Numbers?.ToDictionary(e => e.Key, e => e.Value.ToArray());
        _literalNumbers = Freeze(b.LiteralNumbers);
        _folded = Freeze(b.Folded);
        _onTrue = b.OnTrue?.ToArray();
        _onFalse = b.OnFalse?.ToArray();
        _onNull = b.OnNull?.ToArray();
        _onAny = b.OnAny?.ToArray();
        _prefixes = b.Prefixes is null ? null : new ByteTrie(b.Prefixes, backwards: false);
        _suffixes = b.Suffixes is null ? null : new ByteTrie(b.Suffixes, backwards: true);
        _foldedPrefixes = b.FoldedPrefixes is null ? null : new ByteTrie(b.FoldedPrefixes, backwards: false);
        _foldedSuffixes = b.FoldedSuffixes is null ? null : new ByteTrie(b.FoldedSuffixes, backwards: true);
        _wildcards = b.Wildcards?.ToArray();
        _ranges = b.Ranges is null ? null : new IntervalIndex<long>(b.Ranges);
        _ipv4 = b.Ipv4 is null ? null : new IntervalIndex<UInt128>(b.Ipv4);
        _ipv6 = b.Ipv6 is null ? null : new IntervalIndex<UInt128>(b.Ipv6);

        _butTargets = b.ButTargets?.ToArray();
        _butStrings = Freeze(b.ButStrings);
        _butNumbers = b.ButNumbers?.ToDictionary(e => e.Key, e => e.Value.ToArray());
        _butFolded = Freeze(b.ButFolded);
        _butPrefixes = b.ButPrefixes is null ? null : new ByteTrie(b.ButPrefixes, backwards: false);
        _butSuffixes = b.ButSuffixes is null ? null : new ByteTrie(b.ButSuffixes, backwards: true);
        _butWildcards = b.ButWildcards?.ToArray();

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

    private static Utf8Map<int[]>? Freeze(Dictionary<byte[], List<int>>? map) =>
        map is null ? null : new Utf8Map<int[]>(map.Select(e => KeyValuePair.Create(e.Key, e.Value.ToArray())).ToList());

    private sealed class Builder
    {
        public Dictionary<byte[], List<int>>? Strings { get; private set; }

        public Dictionary<long, List<int>>? Numbers { get; private set; }

        public Dictionary<byte[], List<int>>? LiteralNumbers { get; private set; }

        public Dictionary<byte[], List<int>>? Folded { get; private set; }

        public List<int>? OnTrue { get; private set; }

        public List<int>? OnFalse { get; private set; }

        public List<int>? OnNull { get; private set; }

        public List<int>? OnAny { get; private set; }

        public List<(byte[], TrieEntry)>? Prefixes { get; private set; }

        public List<(byte[], TrieEntry)>? Suffixes { get; private set; }

        public List<(byte[], TrieEntry)>? FoldedPrefixes { get; private set; }

        public List<(byte[], TrieEntry)>? FoldedSuffixes { get; private set; }

        public List<(WildcardPattern, int)>? Wildcards { get; private set; }

        public List<(long, long, int)>? Ranges { get; private set; }

        public List<(UInt128, UInt128, int)>? Ipv4 { get; private set; }

        public List<(UInt128, UInt128, int)>? Ipv6 { get; private set; }

        public List<int>? ButTargets { get; private set; }

        public Dictionary<byte[], List<int>>? ButStrings { get; private set; }

        public Dictionary<long, List<int>>? ButNumbers { get; private set; }

        public Dictionary<byte[], List<int>>? ButFolded { get; private set; }

        public List<(byte[], TrieEntry)>? ButPrefixes { get; private set; }

        public List<(byte[], TrieEntry)>? ButSuffixes { get; private set; }

        public List<(WildcardPattern, int)>? ButWildcards { get; private set; }

        public void Add(ValueMatcher matcher, int target)
        {
            switch (matcher)
            {
                case ExactStringMatcher m:
                    Add(Strings ??= NewUtf8Map(), m.Value, target);
                    break;
                case ExactNumberMatcher { Millionths: { } millionths }:
                    Add(Numbers ??= [], millionths, target);
                    break;
                case ExactNumberMatcher m:
                    Add(LiteralNumbers ??= NewUtf8Map(), m.Literal, target);
                    break;
                case LiteralMatcher { Kind: LeafKind.True }:
                    (OnTrue ??= []).Add(target);
                    break;
                case LiteralMatcher { Kind: LeafKind.False }:
                    (OnFalse ??= []).Add(target);
                    break;
                case LiteralMatcher:
                    (OnNull ??= []).Add(target);
                    break;
                case ExistsMatcher:
                    (OnAny ??= []).Add(target);
                    break;
                case PrefixMatcher m:
                    (m.IgnoreCase ? FoldedPrefixes ??= [] : Prefixes ??= []).Add((m.Value, new TrieEntry(target, null)));
                    break;
                case SuffixMatcher m:
                    (m.IgnoreCase ? FoldedSuffixes ??= [] : Suffixes ??= []).Add((m.Value, new TrieEntry(target, null)));
                    break;
                case EqualsIgnoreCaseMatcher m:
                    Add(Folded ??= NewUtf8Map(), m.Folded, target);
                    break;
                case WildcardMatcher m:
                    AddWildcard(m.Pattern, target, Prefixes ??= [], Suffixes ??= [], Wildcards ??= []);
                    break;
                case NumericRangeMatcher m:
                    (Ranges ??= []).Add((m.DoubledLower, m.DoubledUpper, target));
                    break;
                case CidrMatcher m:
                    (m.Range.IsV6 ? Ipv6 ??= [] : Ipv4 ??= []).Add((m.Range.First, m.Range.Last, target));
                    break;
                case AnythingButMatcher m:
                    var entry = (ButTargets ??= []).Count;
                    ButTargets.Add(target);
                    AddExclusions(m, entry);
                    break;
                default:
                    throw new InvalidOperationException($"No index for {matcher.GetType().Name}.");
            }

            // The wildcard case may leave empty lists behind; an empty structure is one that is never built.
            Prefixes = Prefixes is { Count: 0 } ? null : Prefixes;
            Suffixes = Suffixes is { Count: 0 } ? null : Suffixes;
            Wildcards = Wildcards is { Count: 0 } ? null : Wildcards;
        }

        private static Dictionary<byte[], List<int>> NewUtf8Map() => new(ByteArrayComparer.Instance);

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

        // Keyed by its literal start (or else its literal end), a wildcard is only tried on values that have it.
        private static void AddWildcard(WildcardPattern w, int target, List<(byte[], TrieEntry)> prefixes, List<(byte[], TrieEntry)> suffixes, List<(WildcardPattern, int)> others)
        {
            if (!w.LeadingLiteral.IsEmpty)
            {
                prefixes.Add((w.LeadingLiteral.ToArray(), new TrieEntry(target, w)));
            }
            else if (!w.TrailingLiteral.IsEmpty)
            {
                suffixes.Add((w.TrailingLiteral.ToArray(), new TrieEntry(target, w)));
            }
            else
            {
                others.Add((w, target));
            }
        }

        private void AddExclusions(AnythingButMatcher m, int entry)
        {
            switch (m.Kind)
            {
                case AnythingButKind.Strings:
                    foreach (var v in m.Values)
                    {
                        Add(ButStrings ??= NewUtf8Map(), v, entry);
                    }

                    break;
                case AnythingButKind.Numbers:
                    foreach (var n in m.Numbers)
                    {
                        Add(ButNumbers ??= [], n, entry);
                    }

                    break;
                case AnythingButKind.IgnoreCase:
                    foreach (var v in m.Values)
                    {
                        Add(ButFolded ??= NewUtf8Map(), v, entry);
                    }

                    break;
                case AnythingButKind.Prefixes:
                    (ButPrefixes ??= []).AddRange(m.Values.Select(v => (v, new TrieEntry(entry, null))));
                    break;
                case AnythingButKind.Suffixes:
                    (ButSuffixes ??= []).AddRange(m.Values.Select(v => (v, new TrieEntry(entry, null))));
                    break;
                default:
                    foreach (var w in m.Wildcards)
                    {
                        AddWildcard(w, entry, ButPrefixes ??= [], ButSuffixes ??= [], ButWildcards ??= []);
                    }

                    ButPrefixes = ButPrefixes is { Count: 0 } ? null : ButPrefixes;
                    ButSuffixes = ButSuffixes is { Count: 0 } ? null : ButSuffixes;
                    ButWildcards = ButWildcards is { Count: 0 } ? null : ButWildcards;
                    break;
            }
        }
    }
}
