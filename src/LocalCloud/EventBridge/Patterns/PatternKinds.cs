using System.Collections.Immutable;
using System.Globalization;
using System.Text;

namespace LocalCloud.EventBridge.Patterns;

/// <summary>
/// One value test from a pattern array, such as <c>"aws.s3"</c> or <c>{"prefix": "data/"}</c>. Kinds are small
/// immutable types made only by <see cref="EventPatternCompiler"/>. <see cref="Key"/> identifies a test by
/// meaning, so that rules that say the same thing share states in a <see cref="RuleIndex{TKey}"/>.
/// </summary>
internal abstract class ValueMatcher : IEquatable<ValueMatcher>
{
    private string? _key;

    public string Key => _key ??= CreateKey();

    public bool Equals(ValueMatcher? other) => other is not null && string.Equals(Key, other.Key, StringComparison.Ordinal);

    public override bool Equals(object? obj) => Equals(obj as ValueMatcher);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Key);

    public override string ToString() => Key;

    /// <summary>The direct test of one leaf, used by <see cref="EventPattern.Matches(ReadOnlySpan{byte})"/>.
    /// The index answers the same question through its own structures.</summary>
    public abstract bool Matches(FlatEvent ev, int leaf);

    protected static string Text(byte[] utf8) => Encoding.UTF8.GetString(utf8);

    protected abstract string CreateKey();
}

/// <summary><c>"value"</c>: the same string, byte for byte.</summary>
internal sealed class ExactStringMatcher(byte[] value) : ValueMatcher
{
    public byte[] Value { get; } = value;
    protected override string CreateKey() => "s:" + Text(Value);

    public override bool Matches(FlatEvent ev, int leaf) => ev[leaf].Kind == LeafKind.String && ev.Text(leaf).SequenceEqual(Value);
}

/// <summary><c>5</c>, <c>5.0</c> or <c>{"numeric": ["=", 5]}</c>: the same number. Numbers outside the
/// comparable range (say, a 12-digit account id written as a number) match only the same literal text.</summary>
internal sealed class ExactNumberMatcher(long? millionths, byte[] literal) : ValueMatcher
{
    public long? Millionths { get; } = millionths;

    public byte[] Literal { get; } = literal;
    protected override string CreateKey() => Millionths is { } m ? "n:" + ComparableNumber.Format(m) : "l:" + Text(Literal);

    public override bool Matches(FlatEvent ev, int leaf)
    {
        ref readonly var l = ref ev[leaf];
        if (l.Kind != LeafKind.Number)
        {
            return false;
        }

        return Millionths is { } m ? l.Comparable && l.Millionths == m : ev.Text(leaf).SequenceEqual(Literal);
    }
}

/// <summary><c>true</c>, <c>false</c> or <c>null</c>.</summary>
internal sealed class LiteralMatcher(LeafKind kind) : ValueMatcher
{
    public LeafKind Kind { get; } = kind;
    protected override string CreateKey() => Kind switch
    {
        LeafKind.True => "true",
        LeafKind.False => "false",
        _ => "null",
    };

    public override bool Matches(FlatEvent ev, int leaf) => ev[leaf].Kind == Kind;
}

/// <summary><c>{"prefix": "…"}</c>, or with <c>equals-ignore-case</c> (then <see cref="Value"/> is folded).
/// A star in the prefix is a literal character.</summary>
internal sealed class PrefixMatcher(byte[] value, bool ignoreCase) : ValueMatcher
{
    public byte[] Value { get; } = value;

    public bool IgnoreCase { get; } = ignoreCase;
    protected override string CreateKey() => (IgnoreCase ? "pi:" : "p:") + Text(Value);

    public override bool Matches(FlatEvent ev, int leaf) =>
        ev[leaf].Kind == LeafKind.String && (IgnoreCase ? ev.Folded(leaf) : ev.Text(leaf)).StartsWith(Value);
}

/// <summary><c>{"suffix": "…"}</c>, or with <c>equals-ignore-case</c> (then <see cref="Value"/> is folded).</summary>
internal sealed class SuffixMatcher(byte[] value, bool ignoreCase) : ValueMatcher
{
    public byte[] Value { get; } = value;

    public bool IgnoreCase { get; } = ignoreCase;
    protected override string CreateKey() => (IgnoreCase ? "xi:" : "x:") + Text(Value);

    public override bool Matches(FlatEvent ev, int leaf) =>
        ev[leaf].Kind == LeafKind.String && (IgnoreCase ? ev.Folded(leaf) : ev.Text(leaf)).EndsWith(Value);
}

/// <summary><c>{"equals-ignore-case": "…"}</c>; <see cref="Folded"/> is the folded value.</summary>
internal sealed class EqualsIgnoreCaseMatcher(byte[] folded) : ValueMatcher
{
    public byte[] Folded { get; } = folded;
    protected override string CreateKey() => "e:" + Text(Folded);

    public override bool Matches(FlatEvent ev, int leaf) => ev[leaf].Kind == LeafKind.String && ev.Folded(leaf).SequenceEqual(Folded);
}

/// <summary><c>{"wildcard": "…"}</c>.</summary>
internal sealed class WildcardMatcher(WildcardPattern pattern) : ValueMatcher
{
    public WildcardPattern Pattern { get; } = pattern;
    protected override string CreateKey() => "w:" + Pattern.Source;

    public override bool Matches(FlatEvent ev, int leaf) => ev[leaf].Kind == LeafKind.String && Pattern.IsMatch(ev.Text(leaf));
}

/// <summary><c>{"numeric": [">", 0, "&lt;=", 5]}</c> and the one-sided forms; a missing bound is null.</summary>
internal sealed class NumericRangeMatcher(long? lower, bool lowerOpen, long? upper, bool upperOpen) : ValueMatcher
{
    public long? Lower { get; } = lower;

    public bool LowerOpen { get; } = lowerOpen;

    public long? Upper { get; } = upper;

    public bool UpperOpen { get; } = upperOpen;
    protected override string CreateKey() => string.Create(
        CultureInfo.InvariantCulture,
        $"r:{(LowerOpen ? "(" : "[")}{(Lower is { } l ? ComparableNumber.Format(l) : "-inf")},{(Upper is { } u ? ComparableNumber.Format(u) : "inf")}{(UpperOpen ? ")" : "]")}");

    /// <summary>The range on a doubled number line, where open bounds become closed ones: x is in it when
    /// 2x is in [<see cref="DoubledLower"/>, <see cref="DoubledUpper"/>].</summary>
    public long DoubledLower => Lower is { } l ? (2 * l) + (LowerOpen ? 1 : 0) : long.MinValue;

    public long DoubledUpper => Upper is { } u ? (2 * u) - (UpperOpen ? 1 : 0) : long.MaxValue;

    public override bool Matches(FlatEvent ev, int leaf)
    {
        ref readonly var l = ref ev[leaf];
        if (l.Kind != LeafKind.Number || !l.Comparable)
        {
            return false;
        }

        var x = l.Millionths;
        return (Lower is not { } lower || (LowerOpen ? x > lower : x >= lower))
            && (Upper is not { } upper || (UpperOpen ? x < upper : x <= upper));
    }
}

/// <summary><c>{"cidr": "10.0.0.0/24"}</c>, and string values that are IP addresses (as event-ruler treats them).</summary>
internal sealed class CidrMatcher(IpAddressRange range) : ValueMatcher
{
    public IpAddressRange Range { get; } = range;
    protected override string CreateKey() => "c:" + Range;

    public override bool Matches(FlatEvent ev, int leaf) =>
        ev[leaf].Kind == LeafKind.String && ev.TryGetIp(leaf, out var ip) && Range.Contains(ip);
}

/// <summary><c>{"exists": true}</c>: any leaf value, null included. (<c>exists: false</c> is
/// <see cref="FieldCondition.MatchesAbsent"/>.)</summary>
internal sealed class ExistsMatcher : ValueMatcher
{
    public static readonly ExistsMatcher Instance = new();

    protected override string CreateKey() => "exists";

    public override bool Matches(FlatEvent ev, int leaf) => true;
}

internal enum AnythingButKind
{
    Strings,
    Numbers,
    Prefixes,
    Suffixes,
    IgnoreCase,
    Wildcards,
}

/// <summary>
/// <c>{"anything-but": …}</c>: any leaf value except those the exclusions name. As in event-ruler, a value of
/// another type than the exclusions is not excluded: <c>{"anything-but": "x"}</c> matches <c>5</c> and <c>null</c>.
/// </summary>
internal sealed class AnythingButMatcher(AnythingButKind kind, ImmutableArray<byte[]> values, ImmutableArray<long> numbers, ImmutableArray<WildcardPattern> wildcards) : ValueMatcher
{
    public AnythingButKind Kind { get; } = kind;

    public ImmutableArray<byte[]> Values { get; } = values;

    public ImmutableArray<long> Numbers { get; } = numbers;

    public ImmutableArray<WildcardPattern> Wildcards { get; } = wildcards;
    protected override string CreateKey() => Kind switch
    {
        AnythingButKind.Numbers => "!n:" + string.Join(",", Numbers.Order().Select(ComparableNumber.Format)),
        AnythingButKind.Wildcards => "!w:" + string.Join("\u0000", Wildcards.Select(w => w.Source).Order(StringComparer.Ordinal)),
        _ => "!" + Kind + ":" + string.Join("\u0000", Values.Select(Text).Order(StringComparer.Ordinal)),
    };

    public override bool Matches(FlatEvent ev, int leaf) => !IsExcluded(ev, leaf);

    private bool IsExcluded(FlatEvent ev, int leaf)
    {
        ref readonly var l = ref ev[leaf];
        if (Kind == AnythingButKind.Numbers)
        {
            return l.Kind == LeafKind.Number && l.Comparable && Numbers.Contains(l.Millionths);
        }

        if (l.Kind != LeafKind.String)
        {
            return false;
        }

        var text = ev.Text(leaf);
        foreach (var value in Values)
        {
            var excluded = Kind switch
            {
                AnythingButKind.Strings => text.SequenceEqual(value),
                AnythingButKind.Prefixes => text.StartsWith(value),
                AnythingButKind.Suffixes => text.EndsWith(value),
                AnythingButKind.IgnoreCase => ev.Folded(leaf).SequenceEqual(value),
                _ => false,
            };
            if (excluded)
            {
                return true;
            }
        }

        foreach (var wildcard in Wildcards)
        {
            if (wildcard.IsMatch(text))
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>
/// The tests on one field path in one alternative of a pattern: the field matches when any leaf value at the path
/// passes any of <see cref="Matchers"/>, or, with <see cref="MatchesAbsent"/>, when the path has no leaf value.
/// </summary>
internal sealed class FieldCondition(string path, ImmutableArray<ValueMatcher> matchers, bool matchesAbsent)
{
    public string Path { get; } = path;

    public ImmutableArray<ValueMatcher> Matchers { get; } = matchers;

    public bool MatchesAbsent { get; } = matchesAbsent;

    /// <summary>Identifies the condition by meaning: path, the sorted matcher keys, and absence.</summary>
    public string Key { get; } = path + "\u0001" + string.Join("\u0002", matchers.Select(m => m.Key).Order(StringComparer.Ordinal)) + (matchesAbsent ? "\u0001absent" : string.Empty);

    public override string ToString() => Key;
}
