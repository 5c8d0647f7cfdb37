using System.Text;
using System.Text.Json;
using CsCheck;

namespace LocalCloud.Tests.EventBridge.Patterns;

/// <summary>
/// Random patterns of every kind and random events over one small vocabulary of paths and values, so that
/// patterns and events meet often enough for matches and near misses to be common.
/// </summary>
internal static class PatternGenerators
{
    // Paths with the array of objects "arr" exercise array-consistent matching; "c.d" appears both nested and dotted.
    private static readonly string[] Paths = ["a", "b", "c.d", "c.e", "arr.x", "arr.y"];

    private static readonly string[] Cidrs = ["10.0.0.0/24", "10.0.0.0/8", "2001:db8::/32", "0.0.0.0/1"];

    private static readonly string[] Addresses = ["10.0.0.1", "10.0.1.7", "192.168.0.1", "2001:db8::1", "2001:0db8:0:0:0:0:0:1", "2002::1"];

    // Comparable numbers, plus literals numeric matching cannot compare (too large, too precise).
    private static readonly string[] ComparableNumbers = ["-1", "0", "0.5", "1", "1.0", "2", "5", "5e0", "10"];

    private static readonly string[] AllNumbers = [.. ComparableNumbers, "12345678901", "1e10", "0.0000001"];

    public static readonly Gen<string> Word = Gen.Frequency(
        (3, Gen.Char["aAb*./é"].Array[0, 4].Select(cs => new string(cs))),
        (1, Gen.OneOf(Addresses)),
        (1, Gen.OneOf("data/raw/x.json", "data/raw/*", "Data/raw/y.csv", "É", "ÉA")));

    private static readonly Gen<string> NonEmptyWord = Word.Where(w => w.Length > 0);

    // A wildcard source: literal text and single stars (the compiler rejects "**"; those are filtered out later).
    private static readonly Gen<string> WildcardSource = Gen.Char["ab*./"].Array[0, 5].Select(cs => new string(cs));

    private static readonly Gen<string> Number = Gen.OneOf(AllNumbers);

    private static readonly Gen<string> Comparable = Gen.OneOf(ComparableNumbers);

    private static readonly Gen<string> NumericRange = Gen.Frequency(
        (2, Gen.Select(Gen.OneOf("=", "<", "<=", ">", ">="), Comparable, (op, n) => $"[\"{op}\",{n}]")),
        (3, Gen.Select(Gen.OneOf(">", ">="), Gen.Int[0, 8], Gen.OneOf("<", "<="), Gen.Int[1, 8], (lo, a, hi, span) =>
        {
            // Keep the bounds in order: the compiler rightly rejects the others.
            var sorted = ComparableNumbers.Select(double.Parse).Distinct().Order().ToArray();
            var bottom = sorted[Math.Min(a, sorted.Length - 2)];
            var top = sorted[Math.Min(Array.IndexOf(sorted, bottom) + span, sorted.Length - 1)];
            return $"[\"{lo}\",{bottom.ToString(System.Globalization.CultureInfo.InvariantCulture)},\"{hi}\",{top.ToString(System.Globalization.CultureInfo.InvariantCulture)}]";
        })));

    private static readonly Gen<string> AnythingBut = Gen.Frequency(
        (2, Word.Select(Json)),
        (1, Comparable),
        (2, Word.Array[1, 3].Select(ws => "[" + string.Join(",", ws.Select(Json)) + "]")),
        (1, Comparable.Array[1, 3].Select(ns => "[" + string.Join(",", ns) + "]")),
        (1, NonEmptyWord.Select(w => $"{{\"prefix\":{Json(w)}}}")),
        (1, NonEmptyWord.Select(w => $"{{\"suffix\":{Json(w)}}}")),
        (1, Word.Select(w => $"{{\"equals-ignore-case\":{Json(w)}}}")),
        (1, Word.Array[1, 2].Select(ws => $"{{\"equals-ignore-case\":[{string.Join(",", ws.Select(Json))}]}}")),
        (1, WildcardSource.Select(w => $"{{\"wildcard\":{Json(w)}}}")));

    /// <summary>One element of a pattern array, of any kind.</summary>
    public static readonly Gen<string> MatchValue = Gen.Frequency(
        (4, Word.Select(Json)),
        (2, Number),
        (1, Gen.OneOf("true", "false", "null")),
        (2, Word.Select(w => $"{{\"prefix\":{Json(w)}}}")),
        (1, Word.Select(w => $"{{\"prefix\":{{\"equals-ignore-case\":{Json(w)}}}}}")),
        (2, Word.Select(w => $"{{\"suffix\":{Json(w)}}}")),
        (1, Word.Select(w => $"{{\"suffix\":{{\"equals-ignore-case\":{Json(w)}}}}}")),
        (2, Word.Select(w => $"{{\"equals-ignore-case\":{Json(w)}}}")),
        (2, WildcardSource.Select(w => $"{{\"wildcard\":{Json(w)}}}")),
        (3, NumericRange.Select(r => $"{{\"numeric\":{r}}}")),
        (3, AnythingBut.Select(a => $"{{\"anything-but\":{a}}}")),
        (2, Gen.Bool.Select(b => $"{{\"exists\":{(b ? "true" : "false")}}}")),
        (1, Gen.OneOf(Cidrs).Select(c => $"{{\"cidr\":{Json(c)}}}")));

    private static readonly Gen<(string Path, string Values)> Field =
        Gen.Select(Gen.OneOf(Paths), MatchValue.Array[1, 3], (path, values) => (path, "[" + string.Join(",", values) + "]"));

    /// <summary>A pattern of one to three fields, sometimes with a two- or three-way <c>$or</c>.</summary>
    public static readonly Gen<string> Pattern = Gen.Frequency(
        (3, Field.Array[1, 3].Select(fields => Render(fields, null))),
        (1, Gen.Select(Field.Array[0, 2], Field.Array[1, 2].Array[2, 3], Render)));

    private static readonly Gen<string> Scalar = Gen.Frequency(
        (5, Word.Select(Json)),
        (3, Number),
        (1, Gen.OneOf("true", "false", "null")));

    /// <summary>What an event holds at a path: a scalar, an array of scalars, or an object (not a leaf).</summary>
    private static readonly Gen<string?> Slot = Gen.Frequency(
        (3, Gen.Const((string?)null)),
        (6, Scalar.Select(s => (string?)s)),
        (2, Scalar.Array[0, 3].Select(s => (string?)("[" + string.Join(",", s) + "]"))),
        (1, Gen.Const<string?>("{\"z\":1}")));

    private static readonly Gen<string> Element = Gen.Select(Slot, Slot, (x, y) => Object(("x", x), ("y", y)));

    public static readonly Gen<string> Event = Gen.Select(
        Slot,
        Slot,
        Gen.Select(Slot, Slot, Gen.Bool, (d, e, dotted) => (d, e, dotted)),
        Gen.Frequency((1, Gen.Const((string?)null)), (3, Element.Array[0, 3].Select(es => (string?)("[" + string.Join(",", es) + "]")))),
        (a, b, c, arr) => c.dotted
            ? Object(("a", a), ("b", b), ("c.d", c.d), ("c", Object(("e", c.e))), ("arr", arr))
            : Object(("a", a), ("b", b), ("c", Object(("d", c.d), ("e", c.e))), ("arr", arr)));

    public static string Json(string value) => JsonSerializer.Serialize(value);

    private static string Object(params (string Name, string? Value)[] members) =>
        "{" + string.Join(",", members.Where(m => m.Value is not null).Select(m => $"{Json(m.Name)}:{m.Value}")) + "}";

    // Builds nested objects from dotted paths; a path repeated across the base and an $or branch makes an
    // invalid pattern, which the tests skip.
    private static string Render((string Path, string Values)[] fields, (string Path, string Values)[][]? or)
    {
        var root = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var (path, values) in fields)
        {
            Put(root, path, values);
        }

        var sb = new StringBuilder();
        Write(root, sb, or);
        return sb.ToString();
    }

    private static void Put(Dictionary<string, object> node, string path, string values)
    {
        var segments = path.Split('.');
        for (var i = 0; i < segments.Length - 1; i++)
        {
            if (!node.TryGetValue(segments[i], out var child) || child is not Dictionary<string, object> next)
            {
                next = new Dictionary<string, object>(StringComparer.Ordinal);
                node[segments[i]] = next;
            }

            node = next;
        }

        node[segments[^1]] = values;
    }

    private static void Write(Dictionary<string, object> node, StringBuilder sb, (string Path, string Values)[][]? or)
    {
        sb.Append('{');
        var first = true;
        foreach (var (name, value) in node)
        {
            if (!first)
            {
                sb.Append(',');
            }

            first = false;
            sb.Append(Json(name)).Append(':');
            if (value is string values)
            {
                sb.Append(values);
            }
            else
            {
                Write((Dictionary<string, object>)value, sb, null);
            }
        }

        if (or is not null)
        {
            sb.Append(first ? string.Empty : ",").Append("\"$or\":[");
            sb.AppendJoin(",", or.Select(branch => Render(branch, null)));
            sb.Append(']');
        }

        sb.Append('}');
    }
}
