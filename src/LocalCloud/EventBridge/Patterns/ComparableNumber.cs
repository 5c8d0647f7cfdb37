namespace LocalCloud.EventBridge.Patterns;

/// <summary>
/// JSON numbers as EventBridge compares them: exactly, to six decimal places, within ±5.0e9
/// ("Numeric matching" in the EventBridge User Guide). A number is held as a <see cref="long"/> count of
/// millionths, so 5, 5.0 and 5e0 are the same value and comparisons never suffer binary rounding.
/// </summary>
internal static class ComparableNumber
{
    public const long Scale = 1_000_000;

    /// <summary>5.0e9 in millionths: the documented bound of numeric matching.</summary>
    public const long Limit = 5_000_000_000L * Scale;

    public const string RangeDescription = "between -5.0e9 and 5.0e9 with at most six digits after the decimal point";

    private static readonly long[] PowersOfTen =
    [
        1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L, 10_000_000L, 100_000_000L, 1_000_000_000L,
        10_000_000_000L, 100_000_000_000L, 1_000_000_000_000L, 10_000_000_000_000L, 100_000_000_000_000L,
        1_000_000_000_000_000L,
    ];

    /// <summary>Reads a JSON number token (UTF-8). False when the number is outside the comparable range or
    /// has more than six significant decimals: such numbers only match the same literal text.</summary>
    public static bool TryParse(ReadOnlySpan<byte> token, out long millionths)
    {
        millionths = 0;
        var i = 0;
        var negative = false;
        if (i < token.Length && token[i] == (byte)'-')
        {
            negative = true;
            i++;
        }

        long mantissa = 0;
        var significant = false;
        var pendingZeros = 0;   // trailing zeros not yet folded into the mantissa: they may end up in the exponent
        var exponent = 0;
        var sawDigit = false;

        for (; i < token.Length && IsDigit(token[i]); i++)
        {
            sawDigit = true;
            if (!Accumulate(token[i], ref mantissa, ref significant, ref pendingZeros))
            {
                return false;
            }
        }

        if (i < token.Length && token[i] == (byte)'.')
        {
            i++;
            for (; i < token.Length && IsDigit(token[i]); i++)
            {
                sawDigit = true;
                if (!Accumulate(token[i], ref mantissa, ref significant, ref pendingZeros))
                {
                    return false;
                }

                exponent--;
            }
        }

        if (!sawDigit)
        {
            return false;
        }

        if (i < token.Length && (token[i] == (byte)'e' || token[i] == (byte)'E'))
        {
            i++;
            var negativeExponent = false;
            if (i < token.Length && (token[i] == (byte)'+' || token[i] == (byte)'-'))
            {
                negativeExponent = token[i] == (byte)'-';
                i++;
            }

            var value = 0;
            var any = false;
            for (; i < token.Length && IsDigit(token[i]); i++)
            {
                any = true;
                // Saturate: any exponent this large is out of range either way.
                value = Math.Min(value * 10 + (token[i] - '0'), 100_000);
            }

            if (!any)
            {
                return false;
            }

            exponent += negativeExponent ? -value : value;
        }

        if (i != token.Length)
        {
            return false;
        }

        if (mantissa == 0)
        {
            return true;
        }

        var shift = exponent + pendingZeros + 6;
        if (shift < 0 || shift >= PowersOfTen.Length)
        {
            return false;
        }

        var power = PowersOfTen[shift];
        if (mantissa > Limit / power)
        {
            return false;
        }

        var scaled = mantissa * power;
        if (scaled > Limit)
        {
            return false;
        }

        millionths = negative ? -scaled : scaled;
        return true;
    }

    public static string Format(long millionths)
    {
        var whole = millionths / Scale;
        var fraction = Math.Abs(millionths % Scale);
        var sign = millionths < 0 && whole == 0 ? "-" : string.Empty;
        return fraction == 0
            ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{sign}{whole}")
            : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{sign}{whole}.{fraction:D6}").TrimEnd('0');
    }

    private static bool IsDigit(byte b) => (uint)(b - '0') <= 9;

    private static bool Accumulate(byte digit, ref long mantissa, ref bool significant, ref int pendingZeros)
    {
        var d = digit - '0';
        if (d == 0)
        {
            if (significant)
            {
                pendingZeros++;
            }

            return true;
        }

        significant = true;
        for (; pendingZeros > 0; pendingZeros--)
        {
            mantissa *= 10;
            if (mantissa > Limit)
            {
                return false;
            }
        }

        mantissa = mantissa * 10 + d;
        // A mantissa above the limit can only grow: the value is out of range or too precise.
        return mantissa <= Limit;
    }
}
