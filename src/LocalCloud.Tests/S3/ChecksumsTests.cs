using System.Text;
using LocalCloud.S3;

namespace LocalCloud.Tests.S3;

/// <summary>The additional checksums against their published check values ("123456789").</summary>
public sealed class ChecksumsTests
{
    [Theory]
    [InlineData(ChecksumAlgorithm.Crc32, "y/Q5Jg==")]
    [InlineData(ChecksumAlgorithm.Crc32C, "4waSgw==")]
    [InlineData(ChecksumAlgorithm.Crc64Nvme, "rosUhgp5mIg=")]
    [InlineData(ChecksumAlgorithm.Sha1, "98O8HYCOBHMq32eZZczDTKeuNEE=")]
    [InlineData(ChecksumAlgorithm.Sha256, "FeKw08M4keuw8e9gnsQZQgwg4yDOlMZfvIwzEkSOsiU=")]
    public void Checksum_CheckValue(ChecksumAlgorithm algorithm, string expected)
    {
        var checksum = ChecksumAlgorithms.Create(algorithm);
        checksum.Append("1234"u8);
        checksum.Append("56789"u8);

        Assert.Equal(expected, checksum.Finish());
    }

    [Fact]
    public void ContentHasher_Md5AndCrc32_AsTheClientsComputeThem()
    {
        // The CRC32 the packaged .NET SDK sent for this body (x-amz-checksum-crc32: fnjTjA==).
        var hasher = new ContentHasher([ChecksumAlgorithm.Crc32]);
        hasher.Append(Encoding.UTF8.GetBytes("{\"product_id\": \"00001\", \"product_name\": \"Television\", \"created_at\": \"2021-06-01\"}\n"));

        var digest = hasher.Finish();

        Assert.Equal(82, digest.Length);
        Assert.Equal("fnjTjA==", digest.Checksums[ChecksumAlgorithm.Crc32]);
        Assert.Equal(32, digest.Md5Hex.Length);
    }

    [Theory]
    [InlineData("x-amz-checksum-crc32", true, ChecksumAlgorithm.Crc32)]
    [InlineData("X-Amz-Checksum-CRC64NVME", true, ChecksumAlgorithm.Crc64Nvme)]
    [InlineData("x-amz-checksum-algorithm", false, default(ChecksumAlgorithm))]
    [InlineData("x-amz-checksum-mode", false, default(ChecksumAlgorithm))]
    public void TryParseHeader_OnlyChecksumValueHeaders(string header, bool parsed, ChecksumAlgorithm expected)
    {
        Assert.Equal(parsed, ChecksumAlgorithms.TryParseHeader(header, out var algorithm));
        if (parsed)
        {
            Assert.Equal(expected, algorithm);
        }
    }
}
