using System.Text;
using LocalCloud.S3;

namespace LocalCloud.Tests.S3;

/// <summary>
/// Decoding aws-chunked bodies, with bodies real clients produced: the dashboard's packaged AWSSDK.S3 4.1.0
/// (signed chunks with a trailing checksum, captured on the wire), botocore's own encoder (unsigned chunks with a
/// trailing checksum), and the signed multi-chunk example of the SigV4 documentation.
/// </summary>
public sealed class AwsChunkedStreamTests
{
    private const string Product1 = "{\"product_id\": \"00001\", \"product_name\": \"Television\", \"created_at\": \"2021-06-01\"}\n";
    private const string Product2 = "{\"product_id\": \"00002\", \"product_name\": \"USB charger\", \"created_at\": \"2021-06-02\"}\n";

    /// <summary>AWSSDK.S3 4.1.0 PutObject over HTTP: x-amz-content-sha256 STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER.</summary>
    public const string DotNetSdkSignedTrailerBody =
        "52;chunk-signature=b41bfd49efb218917631d8c147b9c103809da29e81df8b0ac81afcc4e926febf\r\n"
        + Product1 + "\r\n"
        + "0;chunk-signature=fbdcb4ba04b4135ce60881a854f264e70b090f0c4e13802d39c81b2cce127fcf\r\n"
        + "x-amz-checksum-crc32:fnjTjA==\r\n"
        + "x-amz-trailer-signature:5077eb82bf0f07c343c00beb2ccfbd842197928f3b283bbab54dd6c21ac4f674\r\n"
        + "\r\n";

    /// <summary>botocore's AwsChunkedWrapper (chunk size 64): STREAMING-UNSIGNED-PAYLOAD-TRAILER.</summary>
    public const string BotocoreUnsignedTrailerBody =
        "40\r\n{\"product_id\": \"00002\", \"product_name\": \"USB charger\", \"created_\r\n"
        + "13\r\nat\": \"2021-06-02\"}\n\r\n"
        + "0\r\nx-amz-checksum-crc32:PHHhbg==\r\n\r\n";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Decode_DotNetSdkSignedTrailer_PayloadAndChecksumTrailer()
    {
        var (payload, stream) = await DecodeAsync(Encoding.ASCII.GetBytes(DotNetSdkSignedTrailerBody));

        Assert.Equal(Product1, Encoding.UTF8.GetString(payload));
        Assert.Equal("fnjTjA==", stream.Trailers["x-amz-checksum-crc32"]);
        Assert.Equal(82, stream.DecodedLength);
    }

    [Fact]
    public async Task Decode_BotocoreUnsignedTrailer_JoinsChunks()
    {
        var (payload, stream) = await DecodeAsync(Encoding.ASCII.GetBytes(BotocoreUnsignedTrailerBody));

        Assert.Equal(Product2, Encoding.UTF8.GetString(payload));
        Assert.Equal("PHHhbg==", stream.Trailers["x-amz-checksum-crc32"]);
    }

    [Fact]
    public async Task Decode_SigV4DocumentationExample_TwoSignedChunksNoTrailer()
    {
        // "Transferring Payload in Multiple Chunks": 66560 bytes of 'a' in a 64 KiB chunk and a 1 KiB chunk.
        var body = new MemoryStream();
        body.Write(Encoding.ASCII.GetBytes("10000;chunk-signature=ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648\r\n"));
        body.Write(Enumerable.Repeat((byte)'a', 65536).ToArray());
        body.Write(Encoding.ASCII.GetBytes("\r\n400;chunk-signature=0055627c9e194cb4542bae2aa5492e3c1575bbb81b612b7d234b86a503ef5497\r\n"));
        body.Write(Enumerable.Repeat((byte)'a', 1024).ToArray());
        body.Write(Encoding.ASCII.GetBytes("\r\n0;chunk-signature=b6c6ea8a5354eaf15b3cb7646744f4275b71ea724fed81ceb9323e279d449df9\r\n\r\n"));

        var (payload, stream) = await DecodeAsync(body.ToArray());

        Assert.Equal(66560, payload.Length);
        Assert.All(payload, b => Assert.Equal((byte)'a', b));
        Assert.Empty(stream.Trailers);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(4096)]
    public async Task Decode_TrickledBodyAndSmallReads_SamePayload(int readSize)
    {
        var trickle = new TrickleStream(Encoding.ASCII.GetBytes(DotNetSdkSignedTrailerBody + string.Empty));
        var stream = new AwsChunkedStream(trickle);
        var payload = new MemoryStream();
        var buffer = new byte[readSize];
        int read;
        while ((read = await stream.ReadAsync(buffer, Ct)) > 0)
        {
            payload.Write(buffer, 0, read);
        }

        Assert.Equal(Product1, Encoding.UTF8.GetString(payload.ToArray()));
        Assert.Equal("fnjTjA==", stream.Trailers["x-amz-checksum-crc32"]);
    }

    [Fact]
    public async Task Decode_TrailerWithoutFinalEmptyLine_Accepted()
    {
        var (payload, stream) = await DecodeAsync(Encoding.ASCII.GetBytes("3\r\nabc\r\n0\r\nx-amz-checksum-crc32:NSRBwg=="));

        Assert.Equal("abc", Encoding.ASCII.GetString(payload));
        Assert.Equal("NSRBwg==", stream.Trailers["x-amz-checksum-crc32"]);
    }

    [Theory]
    [InlineData("5\r\nabc", "IncompleteBody")]
    [InlineData("3\r\nabc\r\n", "IncompleteBody")]
    [InlineData("zz;chunk-signature=00\r\nabc\r\n0\r\n\r\n", "InvalidRequest")]
    [InlineData("3\r\nabcdef\r\n0\r\n\r\n", "InvalidRequest")]
    [InlineData("3\r\nabc\r\n0\r\nnot-a-trailer\r\n\r\n", "InvalidRequest")]
    public async Task Decode_MalformedBody_S3Error(string body, string code)
    {
        var error = await Assert.ThrowsAsync<S3Exception>(() => DecodeAsync(Encoding.ASCII.GetBytes(body)));

        Assert.Equal(code, error.Code);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, error.Status);
    }

    [Theory]
    [InlineData("STREAMING-AWS4-HMAC-SHA256-PAYLOAD", null, true)]
    [InlineData("STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER", "aws-chunked", true)]
    [InlineData("STREAMING-UNSIGNED-PAYLOAD-TRAILER", null, true)]
    [InlineData("UNSIGNED-PAYLOAD", "gzip, aws-chunked", true)]
    [InlineData("UNSIGNED-PAYLOAD", null, false)]
    [InlineData("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", "gzip", false)]
    public void IsChunked_FromHeaders(string sha256, string? encoding, bool expected) =>
        Assert.Equal(expected, AwsChunkedStream.IsChunked(sha256, encoding));

    private static async Task<(byte[] Payload, AwsChunkedStream Stream)> DecodeAsync(byte[] body)
    {
        var stream = new AwsChunkedStream(new MemoryStream(body));
        var payload = new MemoryStream();
        await stream.CopyToAsync(payload, Ct);
        return (payload.ToArray(), stream);
    }

    /// <summary>Gives one byte per read, as a slow connection may.</summary>
    private sealed class TrickleStream(byte[] data) : MemoryStream(data)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(1, buffer.Length)], cancellationToken);
    }
}
