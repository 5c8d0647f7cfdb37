using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

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

    private static bool TryParseV6(ReadOnlySpan<byte> text, out IpValue ip)
    {
        ip = default;
        Span<char> chars = stackalloc char[text.Length];
        for (var i = 0; i < text.Length; i++)
        {
            var b = text[i];
            if (!(b == (byte)':' || char.IsAsciiHexDigit((char)b)))
            {
                return false;
            }

            chars[i] = (char)b;
        }

        if (!IPAddress.TryParse(chars, out var address) || address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return false;
        }

        Span<byte> bytes = stackalloc byte[16];
        if (!address.TryWriteBytes(bytes, out _))
        {
            return false;
        }

        ip = new IpValue(true, BinaryPrimitives.ReadUInt128BigEndian(bytes));
        return true;
    }
}
