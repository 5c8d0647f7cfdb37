using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

#pragma warning disable CA5351 // SQS's integrity digests are MD5 by definition, not security.

namespace LocalCloud.Sqs;

/// <summary>
/// The digests SQS returns so that SDKs can check a message arrived intact: the MD5 of the body's UTF-8 bytes, and AWS's
/// MD5 of the message attributes. The latter hashes, for each attribute in ordinal order of its name: the name and the
/// data type, each as a 4-byte big-endian length and UTF-8 bytes; one transport byte (1 for String and Number, 2 for
/// Binary); and the value, as a 4-byte length and its UTF-8 (or raw) bytes. Digests are lowercase hex.
/// </summary>
public static class MessageMd5
{
    private const byte StringTransport = 1;
    private const byte BinaryTransport = 2;

    public static string OfBody(string body) => Hex(MD5.HashData(Encoding.UTF8.GetBytes(body)));

    /// <summary>Null when there are no attributes, as SQS then leaves the member out.</summary>
    public static string? OfAttributes(IReadOnlyDictionary<string, MessageAttributeValue>? attributes)
    {
        if (attributes is null || attributes.Count == 0)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        foreach (var (name, value) in attributes.OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            WriteLengthPrefixed(buffer, Encoding.UTF8.GetBytes(name));
            WriteLengthPrefixed(buffer, Encoding.UTF8.GetBytes(value.DataType ?? string.Empty));
            if (value.BinaryValue is { } binary)
            {
                buffer.WriteByte(BinaryTransport);
                WriteLengthPrefixed(buffer, binary);
            }
            else
            {
                buffer.WriteByte(StringTransport);
                WriteLengthPrefixed(buffer, Encoding.UTF8.GetBytes(value.StringValue ?? string.Empty));
            }
        }

        return Hex(MD5.HashData(buffer.ToArray()));
    }

    private static void WriteLengthPrefixed(Stream stream, byte[] bytes)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, bytes.Length);
        stream.Write(length);
        stream.Write(bytes);
    }

    private static string Hex(byte[] digest) => Convert.ToHexStringLower(digest);
}
