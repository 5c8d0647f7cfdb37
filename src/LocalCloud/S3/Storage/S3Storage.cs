namespace LocalCloud.S3.Storage;

/// <summary>The content of an object or of an uploaded part, wherever it is kept.</summary>
public abstract class S3Content
{
    public abstract long Length { get; }

    public abstract Stream OpenRead();

    /// <summary>Frees the content once nothing refers to it any more (a replaced or deleted object, an aborted part).</summary>
    public abstract void Delete();
}

/// <summary>Content written to a staging place and measured, not yet part of any bucket.</summary>
public sealed record StagedContent(S3Content Content, ContentDigest Digest);

/// <summary>What S3 keeps about an object besides its content; persisted as a sidecar document on disk.</summary>
public sealed record ObjectEntry(
    string Key,
    string ETag,
    long Size,
    DateTimeOffset LastModified,
    ObjectHeaders Headers,
    IReadOnlyDictionary<string, string> Metadata,
    ObjectChecksum? Checksum,
    int? PartsCount);

/// <summary>What S3 keeps about a bucket; persisted on disk.</summary>
public sealed record BucketEntry(string Name, string Account, string Region, DateTimeOffset CreationDate, NotificationConfiguration Notification);

/// <summary>A bucket as storage finds it on start: its entry, and its objects with their content.</summary>
public sealed record LoadedBucket(BucketEntry Bucket, IReadOnlyList<(ObjectEntry Entry, S3Content Content)> Objects);

/// <summary>
/// Where S3 keeps content and, when durable, its buckets and object entries. Writes are staged first, measured, and
/// only then committed, so a failed or rejected upload leaves nothing half-written.
/// </summary>
public abstract class S3Storage
{
    /// <summary>Copies an upload to a staging place, computing its digest on the way.</summary>
    public abstract Task<StagedContent> StageAsync(Stream source, ContentHasher hasher, CancellationToken cancellationToken);

    /// <summary>Stages the concatenation of parts (a completed multipart upload).</summary>
    public async Task<StagedContent> ConcatenateAsync(IReadOnlyList<S3Content> parts, CancellationToken cancellationToken)
    {
        await using var joined = new ConcatenatedStream(parts);
        return await StageAsync(joined, new ContentHasher([]), cancellationToken);
    }

    /// <summary>Makes staged content the content of an object: moves it into the bucket and writes its entry.</summary>
    public abstract S3Content CommitObject(string bucket, ObjectEntry entry, StagedContent staged);

    /// <summary>Removes an object's entry; the caller deletes its content.</summary>
    public abstract void RemoveObject(string bucket, string key);

    public abstract void SaveBucket(BucketEntry bucket);

    public abstract void RemoveBucket(string bucket);

    /// <summary>The buckets kept from an earlier run (none in memory).</summary>
    public abstract IReadOnlyList<LoadedBucket> Load();

    /// <summary>Reads parts one after another.</summary>
    private sealed class ConcatenatedStream(IReadOnlyList<S3Content> parts) : Stream
    {
        private int _index;
        private Stream? _current;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            while (_index < parts.Count)
            {
                _current ??= parts[_index].OpenRead();
                var read = await _current.ReadAsync(buffer, cancellationToken);
                if (read > 0)
                {
                    return read;
                }

                await _current.DisposeAsync();
                _current = null;
                _index++;
            }

            return 0;
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override async ValueTask DisposeAsync()
        {
            if (_current is not null)
            {
                await _current.DisposeAsync();
            }

            await base.DisposeAsync();
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _current?.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
