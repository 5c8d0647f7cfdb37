using System.Buffers;
using System.Text;

namespace LocalCloud.EventBridge.Patterns;

/// <summary>
/// The one case folding used by every ignore-case kind, in the pattern and in the event alike: each code point
/// to its invariant upper case. Folding both sides the same way is what makes the indexed and the direct
/// matchers agree.
/// </summary>
internal static class CaseFolding
{
    public static byte[] Fold(string value) => Fold(Encoding.UTF8.GetBytes(value));

    public static byte[] Fold(ReadOnlySpan<byte> utf8)
    {
        var buffer = new ArrayBufferWriter<byte>(Math.Max(utf8.Length, 16));
        Fold(utf8, buffer);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Appends the folded form of <paramref name="utf8"/> to <paramref name="output"/>.</summary>
    public static void Fold(ReadOnlySpan<byte> utf8, IBufferWriter<byte> output)
    {
        // ASCII is the common case and folds byte for byte.
        if (Ascii.IsValid(utf8))
        {
            var span = output.GetSpan(utf8.Length);
            Ascii.ToUpper(utf8, span, out var written);
            output.Advance(written);
            return;
        }

        while (!utf8.IsEmpty)
        {
            if (Rune.DecodeFromUtf8(utf8, out var rune, out var consumed) != OperationStatus.Done)
            {
                // Invalid UTF-8 cannot come from a parsed JSON string; keep the byte as it is.
                var raw = output.GetSpan(1);
                raw[0] = utf8[0];
                output.Advance(1);
                utf8 = utf8[1..];
                continue;
            }

            var upper = Rune.ToUpperInvariant(rune);
            var span = output.GetSpan(4);
            output.Advance(upper.EncodeToUtf8(span));
            utf8 = utf8[consumed..];
        }
    }
}
