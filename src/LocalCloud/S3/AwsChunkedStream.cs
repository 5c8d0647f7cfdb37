using System.Globalization;
using System.Text;

namespace LocalCloud.S3;

/// <summary>
/// Decodes an <c>aws-chunked</c> request body, as the SDKs and CLIs send it with
/// <c>x-amz-content-sha256: STREAMING-AWS4-HMAC-SHA256-PAYLOAD</c>, <c>…-PAYLOAD-TRAILER</c> or
/// <c>STREAMING-UNSIGNED-PAYLOAD-TRAILER</c>: chunks of <c>hex-size[;chunk-signature=…]\r\n data \r\n</c>, a zero-size
/// chunk, then optional trailing headers (<c>x-amz-checksum-crc32:…</c>) and an empty line. Reads give the payload
/// only; <see cref="Trailers"/> holds the trailing headers once the stream is read to its end. LocalCloud accepts any
/// signature, so chunk signatures are skipped, not checked.
/// </summary>
public sealed class AwsChunkedStream(Stream inner) : Stream
{
    private const int MaxLineLength = 4096;

    private readonly byte[] _buffer = new byte[64 * 1024];
    private readonly Dictionary<string, string> _trailers = new(StringComparer.OrdinalIgnoreCase);
    private int _start;
    private int _end;
    private long _chunkRemaining;
    private bool _chunkOpen;
    private bool _done;

    /// <summary>Whether a request's headers announce an aws-chunked body.</summary>
    public static bool IsChunked(string? contentSha256, string? contentEncoding) =>
        (contentSha256?.StartsWith("STREAMING-", StringComparison.Ordinal) ?? false)
        || (contentEncoding?.Split(',').Any(e => e.Trim().Equals("aws-chunked", StringComparison.OrdinalIgnoreCase)) ?? false);

    /// <summary>The trailing headers, such as <c>x-amz-checksum-crc32</c>; complete once a read has returned 0.</summary>
    public IReadOnlyDictionary<string, string> Trailers => _trailers;

    /// <summary>The payload bytes decoded so far.</summary>
    public long DecodedLength { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => DecodedLength;
        set => throw new NotSupportedException();
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_done || buffer.IsEmpty)
        {
            return 0;
        }

        while (_chunkRemaining == 0)
        {
            if (_chunkOpen)
            {
                var terminator = await ReadLineAsync(cancellationToken);
                if (terminator is null || terminator.Length > 0)
                {
                    throw Malformed("a chunk's data is not followed by CRLF");
                }

                _chunkOpen = false;
            }

            var header = await ReadLineAsync(cancellationToken) ?? throw S3Exception.IncompleteBody("The aws-chunked body ended before its final zero-length chunk.");
            var size = ParseChunkSize(header);
            if (size == 0)
            {
                await ReadTrailersAsync(cancellationToken);
                _done = true;
                return 0;
            }

            _chunkRemaining = size;
            _chunkOpen = true;
        }

        if (_start == _end && !await FillAsync(cancellationToken))
        {
            throw S3Exception.IncompleteBody("The aws-chunked body ended inside a chunk.");
        }

        var count = (int)Math.Min(Math.Min(buffer.Length, _chunkRemaining), _end - _start);
        _buffer.AsMemory(_start, count).CopyTo(buffer);
        _start += count;
        _chunkRemaining -= count;
        DecodedLength += count;
        return count;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <summary>Request bodies are read asynchronously (Kestrel forbids synchronous reads).</summary>
    public override int Read(byte[] buffer, int offset, int count) =>
        throw new NotSupportedException("An aws-chunked body is read asynchronously.");

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private static long ParseChunkSize(string header)
    {
        var semicolon = header.IndexOf(';', StringComparison.Ordinal);
        var hex = (semicolon < 0 ? header : header[..semicolon]).Trim();
        if (hex.Length is 0 or > 15 || !long.TryParse(hex, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var size))
        {
            throw Malformed($"'{Truncate(header)}' is not a chunk header (hex-size[;chunk-signature=…])");
        }

        return size;
    }

    private async Task ReadTrailersAsync(CancellationToken cancellationToken)
    {
        while (await ReadLineAsync(cancellationToken) is { Length: > 0 } line)
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                throw Malformed($"'{Truncate(line)}' is not a trailing header (name:value)");
            }

            _trailers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
        }
    }

    /// <summary>The next CRLF-terminated line without its terminator, or null at the end of the body.</summary>
    private async Task<string?> ReadLineAsync(CancellationToken cancellationToken)
    {
        var scanned = 0;
        while (true)
        {
            var newline = _buffer.AsSpan(_start + scanned, _end - _start - scanned).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                var length = scanned + newline;
                var lineEnd = length > 0 && _buffer[_start + length - 1] == '\r' ? length - 1 : length;
                var line = Encoding.ASCII.GetString(_buffer, _start, lineEnd);
                _start += length + 1;
                return line;
            }

            scanned = _end - _start;
            if (scanned >= MaxLineLength)
            {
                throw Malformed("a chunk header or trailer line is longer than 4096 bytes");
            }

            if (!await FillAsync(cancellationToken))
            {
                if (_start == _end)
                {
                    return null;
                }

                // A last line without its CRLF, as some clients end the trailer.
                var rest = Encoding.ASCII.GetString(_buffer, _start, _end - _start);
                _start = _end;
                return rest;
            }
        }
    }

    /// <summary>Reads more of the inner stream after what is buffered; false at its end.</summary>
    private async Task<bool> FillAsync(CancellationToken cancellationToken)
    {
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }

        var read = await inner.ReadAsync(_buffer.AsMemory(_end), cancellationToken);
        _end += read;
        return read > 0;
    }

    private static S3Exception Malformed(string reason) =>
        S3Exception.InvalidRequest($"The aws-chunked request body is malformed: {reason}.");

    private static string Truncate(string text) => text.Length > 80 ? text[..80] + "…" : text;
}
