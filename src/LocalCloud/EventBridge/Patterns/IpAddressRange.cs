namespace LocalCloud.EventBridge.Patterns;

/// <summary>An IPv4 or IPv6 address as a number; the two families never compare equal.</summary>
internal readonly record struct IpValue(bool IsV6, UInt128 Value);

/// <summary>An inclusive range of addresses of one family, as a <c>cidr</c> pattern describes.</summary>
internal readonly record struct IpAddressRange(bool IsV6, UInt128 First, UInt128 Last)
{
    public bool Contains(IpValue ip) => ip.IsV6 == IsV6 && ip.Value >= First && ip.Value <= Last;

    public override string ToString() => $"{(IsV6 ? "v6" : "v4")}:{First:X}-{Last:X}";

    /// <summary>Parses <c>address/bits</c> as event-ruler does: the range runs from the address given to
    /// the last address of its block, and the mask must leave at least one host bit.</summary>
    public static bool TryParseCidr(string text, out IpAddressRange range, out string error)
    {
        range = default;
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0 || text.IndexOf('/', slash + 1) >= 0)
        {
            error = $"Malformed CIDR '{text}', one '/' required";
            return false;
        }

        if (!int.TryParse(text.AsSpan(slash + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var bits))
        {
            error = $"Malformed CIDR '{text}', mask bits must be a non-negative integer";
            return false;
        }

        if (!IpAddresses.TryParse(System.Text.Encoding.UTF8.GetBytes(text[..slash]), out var ip))
        {
            error = $"Invalid IP address in CIDR '{text}'";
            return false;
        }

        var width = ip.IsV6 ? 128 : 32;
        if (bits >= width)
        {
            error = ip.IsV6 ? $"IPv6 mask bits must be < 128 in CIDR '{text}'" : $"IPv4 mask bits must be < 32 in CIDR '{text}'";
            return false;
        }

        var hostBits = width - bits;
        var hostMask = hostBits == 128 ? UInt128.MaxValue : (UInt128.One << hostBits) - 1;
        range = new IpAddressRange(ip.IsV6, ip.Value, ip.Value | hostMask);
        error = string.Empty;
        return true;
    }
}

internal static class IpAddresses
{
    /// <summary>Reads an address in the two shapes event-ruler recognizes: four dot-separated decimal numbers,
    /// or hex digits and colons. Anything else (host names, IPv4-mapped dotted forms) is not an address.</summary>
    public static bool TryParse(ReadOnlySpan<byte> text, out IpValue ip)
    {
        ip = default;
        if (text.IsEmpty || text.Length > 45)
        {
            return false;
        }

        return text.Contains((byte)':') ? TryParseV6(text, out ip) : TryParseV4(text, out ip);
    }

    private static bool TryParseV4(ReadOnlySpan<byte> text, out IpValue ip)
    {
        ip = default;
        uint value = 0;
        var part = 0;
        var digits = 0;
        var octet = 0;
        foreach (var b in text)
        {
            if (b == (byte)'.')
            {
                if (digits == 0 || part == 3)
                {
                    return false;
                }

                value = (value << 8) | (uint)octet;
                part++;
                digits = 0;
                octet = 0;
            }
            else if ((uint)(b - '0') <= 9)
            {
                octet = octet * 10 + (b - '0');
                digits++;
                if (octet > 255 || digits > 10)
                {
                    return false;
                }
            }
            else
            {
                return false;
            }
        }

        if (part != 3 || digits == 0)
        {
            return false;
        }

        ip = new IpValue(false, (value << 8) | (uint)octet);
        return true;
    }

    // Hex groups separated by colons, with at most one "::" standing for one or more zero groups. Parsed here
    // rather than by IPAddress so that matching an event allocates nothing.
    private static bool TryParseV6(ReadOnlySpan<byte> text, out IpValue ip)
    {
        ip = default;
        Span<ushort> groups = stackalloc ushort[8];
        var count = 0;
        var gap = -1;       // index in groups where "::" stands
        var i = 0;
        if (text.StartsWith("::"u8))
        {
            gap = 0;
            i = 2;
        }

        while (i < text.Length)
        {
            var value = 0;
            var digits = 0;
            for (; i < text.Length && digits < 5 && char.IsAsciiHexDigit((char)text[i]); i++, digits++)
            {
                value = (value << 4) | HexValue(text[i]);
            }

            if (digits is 0 or > 4 || count == 8)
            {
                return false;
            }

            groups[count++] = (ushort)value;
            if (i == text.Length)
            {
                break;
            }

            if (text[i] != (byte)':' || ++i == text.Length)
            {
                return false;   // not a colon, or a single colon at the end
            }

            if (text[i] == (byte)':')
            {
                if (gap >= 0)
                {
                    return false;   // a second "::"
                }

                gap = count;
                i++;
            }
        }

        if (gap < 0 ? count != 8 : count > 7)
        {
            return false;
        }

        UInt128 result = 0;
        var zeros = 8 - count;
        for (var g = 0; g < count; g++)
        {
            if (g == gap)
            {
                result <<= 16 * zeros;
            }

            result = (result << 16) | groups[g];
        }

        if (gap == count)
        {
            result <<= 16 * zeros;
        }

        ip = new IpValue(true, result);
        return true;
    }

    private static int HexValue(byte b) => b <= '9' ? b - '0' : (b | 0x20) - 'a' + 10;
}
