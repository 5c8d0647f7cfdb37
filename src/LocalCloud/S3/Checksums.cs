using System.Buffers.Binary;
using System.Security.Cryptography;

namespace LocalCloud.S3;

/// <summary>The additional checksums S3 verifies (<c>x-amz-checksum-*</c>), by their header and trailer name.</summary>
public enum ChecksumAlgorithm
{
    Crc32,
    Crc32C,
    Crc64Nvme,
    Sha1,
    Sha256,
}

public static class ChecksumAlgorithms
{
    private static readonly Dictionary<string, ChecksumAlgorithm> ByName = new(StringComparer.OrdinalIgnoreCase)
    {
        ["CRC32"] = ChecksumAlgorithm.Crc32,
        ["CRC32C"] = ChecksumAlgorithm.Crc32C,
        ["CRC64NVME"] = ChecksumAlgorithm.Crc64Nvme,
        ["SHA1"] = ChecksumAlgorithm.Sha1,
        ["SHA256"] = ChecksumAlgorithm.Sha256,
    };

    /// <summary>The wire name: <c>CRC32</c>, <c>CRC32C</c>, <c>CRC64NVME</c>, <c>SHA1</c>, <c>SHA256</c>.</summary>
    public static string WireName(this ChecksumAlgorithm algorithm) => algorithm switch
    {
        ChecksumAlgorithm.Crc32 => "CRC32",
        ChecksumAlgorithm.Crc32C => "CRC32C",
        ChecksumAlgorithm.Crc64Nvme => "CRC64NVME",
        ChecksumAlgorithm.Sha1 => "SHA1",
        _ => "SHA256",
    };

    /// <summary>The header (and trailer) carrying it: <c>x-amz-checksum-crc32</c> …</summary>
    public static string HeaderName(this ChecksumAlgorithm algorithm) => "x-amz-checksum-" + algorithm.WireName().ToLowerInvariant();

    public static bool TryParse(string? name, out ChecksumAlgorithm algorithm) => ByName.TryGetValue(name ?? string.Empty, out algorithm);

    /// <summary>Reads <c>x-amz-checksum-crc32</c> style names.</summary>
    public static bool TryParseHeader(string name, out ChecksumAlgorithm algorithm)
    {
        const string Prefix = "x-amz-checksum-";
        algorithm = default;
        return name.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) && TryParse(name[Prefix.Length..], out algorithm);
    }

    public static IncrementalChecksum Create(ChecksumAlgorithm algorithm) => algorithm switch
    {
        ChecksumAlgorithm.Crc32 => new Crc32Checksum(Crc32Checksum.IeeeTable),
        ChecksumAlgorithm.Crc32C => new Crc32Checksum(Crc32Checksum.CastagnoliTable),
        ChecksumAlgorithm.Crc64Nvme => new Crc64NvmeChecksum(),
        ChecksumAlgorithm.Sha1 => new HashChecksum(HashAlgorithmName.SHA1),
        _ => new HashChecksum(HashAlgorithmName.SHA256),
    };
}

/// <summary>A checksum computed while the content streams by; <see cref="Finish"/> gives it base64-encoded, as S3 writes it.</summary>
public abstract class IncrementalChecksum
{
    public abstract void Append(ReadOnlySpan<byte> data);

    public abstract string Finish();
}

internal sealed class Crc32Checksum(uint[] table) : IncrementalChecksum
{
    public static readonly uint[] IeeeTable = BuildTable(0xEDB88320u);
    public static readonly uint[] CastagnoliTable = BuildTable(0x82F63B78u);

    private uint _crc = 0xFFFFFFFFu;

    public override void Append(ReadOnlySpan<byte> data)
    {
        var crc = _crc;
        foreach (var b in data)
        {
            crc = table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        _crc = crc;
    }

    public override string Finish()
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, ~_crc);
        return Convert.ToBase64String(bytes);
    }

    private static uint[] BuildTable(uint polynomial)
    {
        var table = new uint[256];
        for (uint i = 0; i < 256; i++)
        {
            var value = i;
            for (var bit = 0; bit < 8; bit++)
            {
                value = (value & 1) != 0 ? (value >> 1) ^ polynomial : value >> 1;
            }

            table[i] = value;
        }

        return table;
    }
}

internal sealed class Crc64NvmeChecksum : IncrementalChecksum
{
    private static readonly ulong[] Table = BuildTable(0x9A6C9329AC4BC9B5ul);

    private ulong _crc = ulong.MaxValue;

    public override void Append(ReadOnlySpan<byte> data)
    {
        var crc = _crc;
        foreach (var b in data)
        {
            crc = Table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        _crc = crc;
    }

    public override string Finish()
    {
        Span<byte> bytes = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(bytes, ~_crc);
        return Convert.ToBase64String(bytes);
    }

    private static ulong[] BuildTable(ulong polynomial)
    {
        var table = new ulong[256];
        for (ulong i = 0; i < 256; i++)
        {
            var value = i;
            for (var bit = 0; bit < 8; bit++)
            {
                value = (value & 1) != 0 ? (value >> 1) ^ polynomial : value >> 1;
            }

            table[i] = value;
        }

        return table;
    }
}

internal sealed class HashChecksum(HashAlgorithmName name) : IncrementalChecksum
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(name);

    public override void Append(ReadOnlySpan<byte> data) => _hash.AppendData(data);

    public override string Finish()
    {
        var value = Convert.ToBase64String(_hash.GetHashAndReset());
        _hash.Dispose();
        return value;
    }
}

/// <summary>
/// What S3 computes over an upload as it is written: the length, the MD5 (the ETag of a single-part object, and
/// what <c>Content-MD5</c> is checked against) and any additional checksums the client asked for.
/// </summary>
public sealed class ContentHasher
{
#pragma warning disable CA5351 // MD5 is S3's ETag and Content-MD5, an integrity check, not security.
    private readonly IncrementalHash _md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
#pragma warning restore CA5351
    private readonly Dictionary<ChecksumAlgorithm, IncrementalChecksum> _checksums;
    private long _length;

    public ContentHasher(IEnumerable<ChecksumAlgorithm> algorithms) =>
        _checksums = algorithms.Distinct().ToDictionary(a => a, ChecksumAlgorithms.Create);

    public void Append(ReadOnlySpan<byte> data)
    {
        _length += data.Length;
        _md5.AppendData(data);
        foreach (var checksum in _checksums.Values)
        {
            checksum.Append(data);
        }
    }

    public ContentDigest Finish()
    {
        var md5 = _md5.GetHashAndReset();
        _md5.Dispose();
        return new ContentDigest(_length, md5, _checksums.ToDictionary(p => p.Key, p => p.Value.Finish()));
    }
}

/// <summary>The length, MD5 and requested checksums (base64) of some content.</summary>
public sealed record ContentDigest(long Length, byte[] Md5, IReadOnlyDictionary<ChecksumAlgorithm, string> Checksums)
{
    public string Md5Hex => Convert.ToHexStringLower(Md5);
}
