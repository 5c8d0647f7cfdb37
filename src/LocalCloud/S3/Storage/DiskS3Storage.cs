using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace LocalCloud.S3.Storage;

/// <summary>
/// Objects on disk under <c>LocalCloud:DataPath</c>/s3, kept across restarts:
/// <code>
/// s3/.staging/&lt;id&gt;                          uploads and parts being written
/// s3/&lt;bucket&gt;/bucket.json                   the bucket
/// s3/&lt;bucket&gt;/objects/&lt;sha256(key)&gt;.json      the object's entry (sidecar), naming its data file
/// s3/&lt;bucket&gt;/objects/&lt;sha256(key)&gt;.&lt;id&gt;.data the object's content
/// </code>
/// Every file is written under a temporary name and moved into place, and an object's data file is moved in before
/// the sidecar that names it, so a crash leaves either the old object or the new one, never a mix.
/// </summary>
public sealed class DiskS3Storage : S3Storage
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
    };

    private readonly string _root;
    private readonly string _staging;
    private readonly ILogger _logger;

    public DiskS3Storage(string root, ILogger<DiskS3Storage> logger)
    {
        _root = Path.GetFullPath(root);
        _staging = Path.Combine(_root, ".staging");
        _logger = logger;
        Directory.CreateDirectory(_root);
        if (Directory.Exists(_staging))
        {
            // Uploads in flight when LocalCloud stopped never completed.
            Directory.Delete(_staging, recursive: true);
        }

        Directory.CreateDirectory(_staging);
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

                await file.FlushAsync(cancellationToken);
            }

            var digest = hasher.Finish();
            staged = true;
            return new StagedContent(new FileContent(path, digest.Length), digest);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
            if (!staged)
            {
                // A body that broke off or was cancelled leaves nothing behind.
                File.Delete(path);
            }
        }
    }

    public override S3Content CommitObject(string bucket, ObjectEntry entry, StagedContent staged)
    {
        var source = staged.Content as FileContent
            ?? throw new InvalidOperationException("Disk storage commits only content it staged.");
        var objects = Path.Combine(_root, bucket, "objects");
        Directory.CreateDirectory(objects);
        var id = KeyId(entry.Key);
        var dataFile = $"{id}.{Guid.NewGuid():N}.data";
        var dataPath = Path.Combine(objects, dataFile);
        File.Move(source.Path, dataPath);
        WriteAtomically(Path.Combine(objects, id + ".json"), new ObjectSidecar(entry, dataFile));
        return new FileContent(dataPath, staged.Digest.Length);
    }

    public override void RemoveObject(string bucket, string key) =>
        File.Delete(Path.Combine(_root, bucket, "objects", KeyId(key) + ".json"));

    public override void SaveBucket(BucketEntry bucket)
    {
        Directory.CreateDirectory(Path.Combine(_root, bucket.Name));
        WriteAtomically(Path.Combine(_root, bucket.Name, "bucket.json"), bucket);
    }

    public override void RemoveBucket(string bucket)
    {
        var directory = Path.Combine(_root, bucket);
        if (Directory.Exists(directory))
        {
            // The entry goes first: a crash half-way leaves no bucket, not a bucket with missing objects.
            File.Delete(Path.Combine(directory, "bucket.json"));
            Directory.Delete(directory, recursive: true);
        }
    }

    public override IReadOnlyList<LoadedBucket> Load()
    {
        var buckets = new List<LoadedBucket>();
        foreach (var directory in Directory.EnumerateDirectories(_root).Where(d => !Path.GetFileName(d).StartsWith('.')))
        {
            var bucket = Read<BucketEntry>(Path.Combine(directory, "bucket.json"));
            if (bucket is null)
            {
                continue;
            }

            var objects = new List<(ObjectEntry, S3Content)>();
            var referenced = new HashSet<string>(StringComparer.Ordinal);
            var objectsDirectory = Path.Combine(directory, "objects");
            if (Directory.Exists(objectsDirectory))
            {
                foreach (var sidecarPath in Directory.EnumerateFiles(objectsDirectory, "*.json"))
                {
                    if (Read<ObjectSidecar>(sidecarPath) is { } sidecar && File.Exists(Path.Combine(objectsDirectory, sidecar.DataFile)))
                    {
                        referenced.Add(sidecar.DataFile);
                        objects.Add((sidecar.Entry, new FileContent(Path.Combine(objectsDirectory, sidecar.DataFile), new FileInfo(Path.Combine(objectsDirectory, sidecar.DataFile)).Length)));
                    }
                }

                // Content replaced or deleted by a run that stopped before it could free it.
                foreach (var orphan in Directory.EnumerateFiles(objectsDirectory, "*.data").Where(f => !referenced.Contains(Path.GetFileName(f))))
                {
                    File.Delete(orphan);
                }
            }

            buckets.Add(new LoadedBucket(bucket, objects));
        }

        return buckets;
    }

    private static string KeyId(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    private void WriteAtomically<T>(string path, T value)
    {
        var temporary = Path.Combine(_staging, Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllBytes(temporary, JsonSerializer.SerializeToUtf8Bytes(value, Json));
        File.Move(temporary, path, overwrite: true);
    }

    private T? Read<T>(string path)
        where T : class
    {
        if (!File.Exists(path))
        {
            _logger.LogWarning("S3 storage: {Path} is missing; the bucket directory is skipped.", path);
            return null;
        }

        try
        {
            var value = JsonSerializer.Deserialize<T>(File.ReadAllBytes(path), Json);
            if (value is null)
            {
                _logger.LogWarning("S3 storage: {Path} holds null; it is skipped.", path);
            }

            return value;
        }
        catch (JsonException error)
        {
            _logger.LogWarning(error, "S3 storage: {Path} is not readable; it is skipped.", path);
            return null;
        }
    }

    private sealed record ObjectSidecar(ObjectEntry Entry, string DataFile);

    private sealed class FileContent(string path, long length) : S3Content
    {
        public string Path { get; } = path;

        public override long Length => length;

        public override Stream OpenRead() =>
            new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 81920, useAsync: true);

        public override void Delete() => File.Delete(Path);
    }
}
