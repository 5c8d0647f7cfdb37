using System.Buffers;

namespace LocalCloud.S3.Storage;

/// <summary>Objects in memory, gone when LocalCloud stops: the default when <c>LocalCloud:DataPath</c> is not set.</summary>
public sealed class MemoryS3Storage : S3Storage
{
    public override async Task<StagedContent> StageAsync(Stream source, ContentHasher hasher, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = ArrayPool<byte>.Shared.Rent(81920);
        try
        {
            int read;
            while ((read = await source.ReadAsync(chunk.AsMemory(), cancellationToken)) > 0)
            {
                hasher.Append(chunk.AsSpan(0, read));
                buffer.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        return new StagedContent(new MemoryContent(buffer.ToArray()), hasher.Finish());
    }

    public override S3Content CommitObject(string bucket, ObjectEntry entry, StagedContent staged) => staged.Content;

    public override void RemoveObject(string bucket, string key)
    {
    }

    public override void SaveBucket(BucketEntry bucket)
    {
    }

    public override void RemoveBucket(string bucket)
    {
    }

    public override IReadOnlyList<LoadedBucket> Load() => [];

    private sealed class MemoryContent(byte[] data) : S3Content
    {
        public override long Length => data.LongLength;

        public override Stream OpenRead() => new MemoryStream(data, writable: false);

        public override void Delete()
        {
        }
    }
}
