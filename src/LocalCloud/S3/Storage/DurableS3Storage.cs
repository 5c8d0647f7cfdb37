using System.Buffers;
using LocalCloud.Persistence;

namespace LocalCloud.S3.Storage;

/// <summary>
/// Objects under <c>LocalCloud:DataPath</c>: content in files, buckets and object entries in the
/// <see cref="DurableStore"/>, so an object's entry and the event it produces commit in one transaction.
/// <code>
/// s3/.staging/&lt;id&gt;    uploads and parts being written
/// s3/data/&lt;id&gt;.data   object content, named by its entry
/// </code>
/// Content is fsynced before it is moved into <c>data/</c>, and the directory is synced before the entry that names it
/// is committed; a replaced object's file is deleted only after the new entry is committed. A crash therefore leaves the
/// old object or the new one, never an entry without its content; files no entry names are removed at start.
/// </summary>
public sealed class DurableS3Storage : S3Storage
{
    private const string BucketKind = "s3/bucket";
    private const string ObjectKind = "s3/object";
    private const char Separator = '\u001f';

    private readonly DurableStore _store;
    private readonly string _staging;
    private readonly string _data;
    private readonly ILogger _logger;

    public DurableS3Storage(string root, DurableStore store, ILogger<DurableS3Storage> logger)
    {
        _store = store.IsEnabled ? store : throw new ArgumentException("Durable S3 storage needs an enabled durable store.", nameof(store));
        _logger = logger;
        root = Path.GetFullPath(root);
        _staging = Path.Combine(root, ".staging");
        _data = Path.Combine(root, "data");
        if (System.IO.Directory.Exists(_staging))
        {
            // Uploads in flight when LocalCloud stopped were never acknowledged.
            System.IO.Directory.Delete(_staging, recursive: true);
        }

        System.IO.Directory.CreateDirectory(_staging);
        System.IO.Directory.CreateDirectory(_data);
    }

    public override async Task<StagedContent> StageAsync(Stream source, ContentHasher hasher, CancellationToken cancellationToken)
    {
        var path = Path.Combine(_staging, Guid.NewGuid().ToString("N"));
        var chunk = ArrayPool<byte>.Shared.Rent(81920);
        var staged = false;
        try
        {
            await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, useAsync: true))
            {
                int read;
                while ((read = await source.ReadAsync(chunk.AsMemory(), cancellationToken)) > 0)
                {
                    hasher.Append(chunk.AsSpan(0, read));
                    await file.WriteAsync(chunk.AsMemory(0, read), cancellationToken);
                }

                // fsync: the content is on disk before any entry can name it.
                file.Flush(flushToDisk: true);
            }

            var digest = hasher.Finish();
            staged = true;
            return new StagedContent(new FileContent(path, digest.Length, _store), digest);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
            if (!staged)
            {
                File.Delete(path);
            }
        }
    }

    public override S3Content CommitObject(string bucket, ObjectEntry entry, StagedContent staged)
    {
        var source = staged.Content as FileContent
            ?? throw new InvalidOperationException("Durable storage commits only content it staged.");
        var dataFile = Guid.NewGuid().ToString("N") + ".data";
        var dataPath = Path.Combine(_data, dataFile);
        File.Move(source.Path, dataPath);
        FileSync.Directory(_data);
        _store.Put(ObjectKind, ObjectKey(bucket, entry.Key), new ObjectRecord(entry, dataFile));
        return new FileContent(dataPath, staged.Digest.Length, _store);
    }

    public override void RemoveObject(string bucket, string key) => _store.Delete(ObjectKind, ObjectKey(bucket, key));

    public override void SaveBucket(BucketEntry bucket) => _store.Put(BucketKind, bucket.Name, bucket);

    public override void RemoveBucket(string bucket)
    {
        _store.DeletePrefix(ObjectKind, bucket + Separator);
        _store.Delete(BucketKind, bucket);
    }

    public override IReadOnlyList<LoadedBucket> Load()
    {
        var objects = _store.Load<ObjectRecord>(ObjectKind).ToLookup(o => o.Key[..o.Key.IndexOf(Separator, StringComparison.Ordinal)], o => o.Value, StringComparer.Ordinal);
        var referenced = new HashSet<string>(StringComparer.Ordinal);
        var buckets = new List<LoadedBucket>();
        foreach (var (_, bucket) in _store.Load<BucketEntry>(BucketKind))
        {
            var loaded = new List<(ObjectEntry, S3Content)>();
            foreach (var record in objects[bucket.Name])
            {
                var path = Path.Combine(_data, record.DataFile);
                if (File.Exists(path))
                {
                    referenced.Add(record.DataFile);
                    loaded.Add((record.Entry, new FileContent(path, new FileInfo(path).Length, _store)));
                }
                else
                {
                    _logger.LogWarning("S3 storage: the content of s3://{Bucket}/{Key} ({File}) is missing; the object is skipped.", bucket.Name, record.Entry.Key, record.DataFile);
                }
            }

            buckets.Add(new LoadedBucket(bucket, loaded));
        }

        // Content replaced or deleted by a run that stopped before it could free it, or staged for an unacknowledged upload.
        foreach (var orphan in System.IO.Directory.EnumerateFiles(_data, "*.data").Where(f => !referenced.Contains(Path.GetFileName(f))))
        {
            File.Delete(orphan);
        }

        return buckets;
    }

    private static string ObjectKey(string bucket, string key) => bucket + Separator + key;

    private sealed record ObjectRecord(ObjectEntry Entry, string DataFile);

    private sealed class FileContent(string path, long length, DurableStore store) : S3Content
    {
        public string Path { get; } = path;

        public override long Length => length;

        public override Stream OpenRead() =>
            new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 81920, useAsync: true);

        /// <summary>Deleted once the change that stopped naming it is committed: until then, a restart still needs it.</summary>
        public override void Delete() => store.AfterCommit(() => File.Delete(Path));
    }
}
