using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using LocalCloud.Persistence;
using System.Text.RegularExpressions;
using LocalCloud.S3.Storage;

namespace LocalCloud.S3;

/// <summary>
/// S3 over a <see cref="S3Storage"/>: buckets, objects, listings, multipart uploads and EventBridge notification
/// configuration. Bucket names are one namespace across accounts, as on AWS; each bucket belongs to an account and a
/// region, and its events go to that account and region. Uploads are staged and checked before they replace anything.
/// </summary>
public sealed partial class S3Backend
{
    public const long MinimumPartSize = 5L * 1024 * 1024;
    public const int MaxPartNumber = 10_000;
    private const int MaxKeyBytes = 1024;
    private const int MaxMetadataBytes = 2048;
    private const int MaxDeleteKeys = 1000;

    private static readonly HashSet<string> NotificationEvents = new(StringComparer.Ordinal)
    {
        "s3:ReducedRedundancyLostObject", "s3:ObjectCreated:*", "s3:ObjectCreated:Put", "s3:ObjectCreated:Post",
        "s3:ObjectCreated:Copy", "s3:ObjectCreated:CompleteMultipartUpload", "s3:ObjectRemoved:*", "s3:ObjectRemoved:Delete",
        "s3:ObjectRemoved:DeleteMarkerCreated", "s3:ObjectRestore:*", "s3:ObjectRestore:Post", "s3:ObjectRestore:Completed",
        "s3:ObjectRestore:Delete", "s3:Replication:*", "s3:Replication:OperationFailedReplication", "s3:Replication:OperationNotTracked",
        "s3:Replication:OperationMissedThreshold", "s3:Replication:OperationReplicatedAfterThreshold", "s3:LifecycleTransition",
        "s3:IntelligentTiering", "s3:ObjectAcl:Put", "s3:LifecycleExpiration:*", "s3:LifecycleExpiration:Delete",
        "s3:LifecycleExpiration:DeleteMarkerCreated", "s3:ObjectTagging:*", "s3:ObjectTagging:Put", "s3:ObjectTagging:Delete",
    };

    private readonly Lock _gate = new();
    private readonly Dictionary<string, BucketState> _buckets = new(StringComparer.Ordinal);
    private readonly S3Storage _storage;
    private readonly S3EventPublisher _events;
    private readonly TimeProvider _time;

    public S3Backend(S3Storage storage, S3EventPublisher events, TimeProvider time, DurableStore? durable = null)
    {
        _durable = durable ?? DurableStore.Disabled;
        _storage = storage;
        _events = events;
        _time = time;
        foreach (var loaded in storage.Load())
        {
            var bucket = new BucketState(loaded.Bucket);
            foreach (var (entry, content) in loaded.Objects)
            {
                bucket.Objects[entry.Key] = new StoredObject(entry, content);
            }

            _buckets[bucket.Entry.Name] = bucket;
        }
    }

    /// <summary>Whether a bucket of this name exists in any account (CloudTrail checks a trail's log bucket).</summary>
    public bool BucketExists(string name)
    {
        lock (_gate)
        {
            return _buckets.ContainsKey(name);
        }
    }

    // ----- Buckets -----

    public async Task<ListBucketsOutput> ListBucketsAsync(S3Caller caller, ListBucketsRequest request, CancellationToken cancellationToken)
    {
        if (request.MaxBuckets is < 1 or > 10_000)
        {
            throw S3Exception.InvalidArgument("max-buckets must be an integer from 1 to 10000.", "max-buckets", request.MaxBuckets?.ToString(CultureInfo.InvariantCulture));
        }

        var after = request.ContinuationToken is { Length: > 0 } token ? S3Listing.ReadContinuationToken(token) : null;
        List<Bucket> buckets;
        lock (_gate)
        {
            buckets = _buckets.Values
                .Select(b => b.Entry)
                .Where(b => b.Account == caller.Context.Account)
                .Where(b => request.Prefix is null || b.Name.StartsWith(request.Prefix, StringComparison.Ordinal))
                .Where(b => request.BucketRegion is null || b.Region == request.BucketRegion)
                .Where(b => after is null || string.CompareOrdinal(b.Name, after) > 0)
                .OrderBy(b => b.Name, StringComparer.Ordinal)
                .Select(b => new Bucket(b.Name, b.CreationDate, b.Region))
                .ToList();
        }

        string? next = null;
        if (request.MaxBuckets is { } max && buckets.Count > max)
        {
            buckets = buckets[..max];
            next = S3Listing.ContinuationToken(buckets[^1].Name);
        }

        await _events.ServiceCallAsync("ListBuckets", caller, cancellationToken);
        return new ListBucketsOutput(buckets, CanonicalOwner(caller.Context.Account), next, request.Prefix);
    }

    public async Task<CreateBucketOutput> CreateBucketAsync(S3Caller caller, CreateBucketRequest request, CancellationToken cancellationToken)
    {
        if (BucketNames.Problem(request.Bucket) is { } problem)
        {
            throw S3Exception.InvalidBucketName(request.Bucket, problem);
        }

        var region = BucketRegion(caller.Context.Region, request.CreateBucketConfiguration?.LocationConstraint);
        BucketEntry entry;
        lock (_gate)
        {
            if (_buckets.TryGetValue(request.Bucket, out var existing))
            {
                throw existing.Entry.Account == caller.Context.Account
                    ? S3Exception.BucketAlreadyOwnedByYou(request.Bucket)
                    : S3Exception.BucketAlreadyExists(request.Bucket);
            }

            entry = new BucketEntry(request.Bucket, caller.Context.Account, region, WholeSeconds(_time.GetUtcNow()), NotificationConfiguration.Empty);
            _storage.SaveBucket(entry);
            _buckets[entry.Name] = new BucketState(entry);
        }

        var parameters = request.CreateBucketConfiguration?.LocationConstraint is { } constraint
            ? new JsonObject { ["CreateBucketConfiguration"] = new JsonObject { ["LocationConstraint"] = constraint } }
            : null;
        await _events.BucketCallAsync("CreateBucket", entry, caller, parameters, cancellationToken);
        return new CreateBucketOutput("/" + entry.Name);
    }

    public async Task<HeadBucketOutput> HeadBucketAsync(S3Caller caller, string bucket, CancellationToken cancellationToken)
    {
        var entry = EntryOf(caller, bucket);
        await _events.BucketCallAsync("HeadBucket", entry, caller, null, cancellationToken);
        return new HeadBucketOutput(entry.Region);
    }

    public async Task<GetBucketLocationOutput> GetBucketLocationAsync(S3Caller caller, string bucket, CancellationToken cancellationToken)
    {
        var entry = EntryOf(caller, bucket);
        await _events.BucketCallAsync("GetBucketLocation", entry, caller, new JsonObject { ["location"] = string.Empty }, cancellationToken);
        return new GetBucketLocationOutput(entry.Region == "us-east-1" ? null : entry.Region);
    }

    public async Task DeleteBucketAsync(S3Caller caller, string bucket, CancellationToken cancellationToken)
    {
        BucketEntry entry;
        List<S3Content> parts;
        lock (_gate)
        {
            var state = Find(caller, bucket);
            if (state.Objects.Count > 0)
            {
                throw S3Exception.BucketNotEmpty(bucket);
            }

            entry = state.Entry;
            parts = state.Uploads.Values.SelectMany(u => u.Parts.Values).Select(p => p.Content).ToList();
            _storage.RemoveBucket(bucket);
            _buckets.Remove(bucket);
        }

        parts.ForEach(p => p.Delete());
        await _events.BucketCallAsync("DeleteBucket", entry, caller, null, cancellationToken);
    }

    public async Task PutBucketNotificationConfigurationAsync(S3Caller caller, PutBucketNotificationConfigurationRequest request, CancellationToken cancellationToken)
    {
        var configuration = request.NotificationConfiguration;
        var destinations = configuration.TopicConfigurations.Concat(configuration.QueueConfigurations).Concat(configuration.LambdaFunctionConfigurations).ToList();
        foreach (var destination in destinations)
        {
            if (destination.Events.Count == 0)
            {
                throw S3Exception.InvalidArgument("A notification configuration names at least one event", "Event", null);
            }

            if (destination.Events.FirstOrDefault(e => !NotificationEvents.Contains(e)) is { } unknown)
            {
                throw S3Exception.InvalidArgument("The event is not supported for notifications", "Event", unknown);
            }

            if (destination.FilterRules.FirstOrDefault(r => r.Name is not ("prefix" or "suffix")) is { } rule)
            {
                throw S3Exception.InvalidArgument("filter rule name must be either prefix or suffix", "FilterRule", rule.Name);
            }
        }

        if (destinations.Count > 0 && !request.SkipDestinationValidation)
        {
            // On AWS a destination that S3 cannot publish to is refused; LocalCloud has no SNS, SQS or Lambda at all.
            throw new S3Exception(
                "InvalidArgument",
                "Unable to validate the following destination configurations",
                System.Net.HttpStatusCode.BadRequest,
                [.. destinations.SelectMany((d, i) => new[]
                {
                    KeyValuePair.Create($"ArgumentName{i + 1}", d.Arn),
                    KeyValuePair.Create($"ArgumentValue{i + 1}", "LocalCloud has no SNS topics, SQS queues or Lambda functions; S3 delivers its events to EventBridge only (EventBridgeConfiguration)"),
                })]);
        }

        BucketEntry entry;
        lock (_gate)
        {
            var state = Find(caller, request.Bucket);
            entry = state.Entry with { Notification = configuration };
            _storage.SaveBucket(entry);
            state.Entry = entry;
        }

        await _events.BucketCallAsync("PutBucketNotification", entry, caller, new JsonObject { ["notification"] = string.Empty }, cancellationToken);
    }

    public async Task<NotificationConfiguration> GetBucketNotificationConfigurationAsync(S3Caller caller, string bucket, CancellationToken cancellationToken)
    {
        var entry = EntryOf(caller, bucket);
        await _events.BucketCallAsync("GetBucketNotification", entry, caller, new JsonObject { ["notification"] = string.Empty }, cancellationToken);
        return entry.Notification;
    }

    // ----- Objects -----

    public async Task<PutObjectOutput> PutObjectAsync(S3Caller caller, PutObjectRequest request, CancellationToken cancellationToken)
    {
        ValidateKey(request.Key);
        ValidateMetadata(request.Metadata);
        lock (_gate)
        {
            // Fail before reading the body when the bucket or a condition already rules the upload out.
            CheckWriteConditions(Find(caller, request.Bucket), request);
        }

        var staged = await _storage.StageAsync(request.Body.Content, new ContentHasher(request.Body.Algorithms), cancellationToken);
        ObjectEntry entry;
        BucketEntry bucket;
        StoredObject? replaced;
        string? outbox = null;
        var committed = false;
        try
        {
            var checksum = Verify(request.Body, staged.Digest);
            lock (_gate)
            {
                var state = Find(caller, request.Bucket);
                CheckWriteConditions(state, request);
                entry = new ObjectEntry(request.Key, staged.Digest.Md5Hex, staged.Digest.Length, WholeSeconds(_time.GetUtcNow()), request.Headers, request.Metadata, checksum, null);
                using var atomic = _durable.Atomic();
                replaced = Commit(state, entry, staged);
                outbox = Pending("PutObject", state.Entry, entry, caller, null);
                bucket = state.Entry;
                committed = true;
            }
        }
        finally
        {
            if (!committed)
            {
                staged.Content.Delete();
            }
        }

        replaced?.Content.Delete();
        await _events.ObjectCreatedAsync(bucket, entry.Key, entry.Size, entry.ETag, "PutObject", caller, cancellationToken);
        await _events.ObjectCallAsync("PutObject", bucket, [entry.Key], caller, null, cancellationToken);
        Delivered(outbox);
        return new PutObjectOutput(entry.ETag, entry.Size, entry.Checksum);
    }

    public async Task<GetObjectOutput> GetObjectAsync(S3Caller caller, GetObjectRequest request, CancellationToken cancellationToken)
    {
        Stream body;
        HeadObjectOutput head;
        BucketEntry bucket;
        ContentRange? range;
        lock (_gate)
        {
            var state = Find(caller, request.Bucket);
            var stored = state.Objects.GetValueOrDefault(request.Key) ?? throw S3Exception.NoSuchKey(request.Bucket, request.Key);
            CheckReadConditions(stored.Entry, request);
            range = ParseRange(request.Range, stored.Entry.Size);
            head = Describe(stored.Entry, request.ChecksumMode && range is null);
            bucket = state.Entry;
            body = stored.Content.OpenRead();
        }

        if (range is not null)
        {
            body.Seek(range.First, SeekOrigin.Begin);
        }

        await _events.ObjectCallAsync("GetObject", bucket, [request.Key], caller, null, cancellationToken);
        return new GetObjectOutput(head, body, range);
    }

    public async Task<HeadObjectOutput> HeadObjectAsync(S3Caller caller, GetObjectRequest request, CancellationToken cancellationToken)
    {
        HeadObjectOutput head;
        BucketEntry bucket;
        lock (_gate)
        {
            var state = Find(caller, request.Bucket);
            var stored = state.Objects.GetValueOrDefault(request.Key) ?? throw S3Exception.NoSuchKey(request.Bucket, request.Key);
            CheckReadConditions(stored.Entry, request);
            head = Describe(stored.Entry, request.ChecksumMode);
            bucket = state.Entry;
        }

        await _events.ObjectCallAsync("HeadObject", bucket, [request.Key], caller, null, cancellationToken);
        return head;
    }

    public async Task DeleteObjectAsync(S3Caller caller, DeleteObjectRequest request, CancellationToken cancellationToken)
    {
        BucketEntry bucket;
        StoredObject? removed;
        lock (_gate)
        {
            var state = Find(caller, request.Bucket);
            removed = Remove(state, request.Key);
            bucket = state.Entry;
        }

        removed?.Content.Delete();
        if (removed is not null)
        {
            await _events.ObjectDeletedAsync(bucket, request.Key, "DeleteObject", caller, cancellationToken);
        }

        await _events.ObjectCallAsync("DeleteObject", bucket, [request.Key], caller, null, cancellationToken);
    }

    public async Task<DeleteObjectsOutput> DeleteObjectsAsync(S3Caller caller, string bucketName, Delete delete, CancellationToken cancellationToken)
    {
        if (delete.Objects.Count is 0 or > MaxDeleteKeys)
        {
            throw S3Exception.MalformedXml($"a Delete request names from 1 to {MaxDeleteKeys} objects, not {delete.Objects.Count}.");
        }

        BucketEntry bucket;
        var removed = new List<StoredObject>();
        lock (_gate)
        {
            var state = Find(caller, bucketName);
            foreach (var identifier in delete.Objects)
            {
                if (Remove(state, identifier.Key) is { } stored)
                {
                    removed.Add(stored);
                }
            }

            bucket = state.Entry;
        }

        foreach (var stored in removed)
        {
            stored.Content.Delete();
            await _events.ObjectDeletedAsync(bucket, stored.Entry.Key, "DeleteObject", caller, cancellationToken);
        }

        await _events.ObjectCallAsync("DeleteObjects", bucket, [.. delete.Objects.Select(o => o.Key)], caller, new JsonObject { ["delete"] = string.Empty }, cancellationToken);
        var deleted = delete.Quiet ? [] : delete.Objects.Select(o => new DeletedObject(o.Key)).ToList();
        return new DeleteObjectsOutput(deleted, []);
    }

    public async Task<CopyObjectResult> CopyObjectAsync(S3Caller caller, CopyObjectRequest request, CancellationToken cancellationToken)
    {
        ValidateKey(request.Key);
        ValidateMetadata(request.Metadata);
        if (request.Bucket == request.SourceBucket && request.Key == request.SourceKey && !request.ReplaceMetadata)
        {
            throw S3Exception.InvalidRequest("This copy request is illegal because it is trying to copy an object to itself without changing the object's metadata, storage class, website redirect location or encryption attributes.");
        }

        Stream source;
        ObjectEntry sourceEntry;
        lock (_gate)
        {
            var sourceBucket = Find(caller, request.SourceBucket);
            var stored = sourceBucket.Objects.GetValueOrDefault(request.SourceKey) ?? throw S3Exception.NoSuchKey(request.SourceBucket, request.SourceKey);
            Find(caller, request.Bucket);
            sourceEntry = stored.Entry;
            source = stored.Content.OpenRead();
        }

        StagedContent staged;
        await using (source)
        {
            staged = await _storage.StageAsync(source, new ContentHasher(sourceEntry.Checksum is { } c ? [c.Algorithm] : []), cancellationToken);
        }

        ObjectEntry entry;
        BucketEntry bucket;
        StoredObject? replaced;
        string? outbox = null;
        var committed = false;
        try
        {
            lock (_gate)
            {
                var state = Find(caller, request.Bucket);
                var checksum = sourceEntry.Checksum is { } sourceChecksum ? sourceChecksum with { Value = staged.Digest.Checksums[sourceChecksum.Algorithm] } : null;
                entry = request.ReplaceMetadata
                    ? new ObjectEntry(request.Key, staged.Digest.Md5Hex, staged.Digest.Length, WholeSeconds(_time.GetUtcNow()), request.Headers ?? ObjectHeaders.Default, request.Metadata, checksum, null)
                    : sourceEntry with { Key = request.Key, ETag = staged.Digest.Md5Hex, LastModified = WholeSeconds(_time.GetUtcNow()), Checksum = checksum, PartsCount = null };
                using var atomic = _durable.Atomic();
                replaced = Commit(state, entry, staged);
                outbox = Pending("CopyObject", state.Entry, entry, caller, new JsonObject { ["x-amz-copy-source"] = $"{request.SourceBucket}/{request.SourceKey}" });
                bucket = state.Entry;
                committed = true;
            }
        }
        finally
        {
            if (!committed)
            {
                staged.Content.Delete();
            }
        }

        replaced?.Content.Delete();
        await _events.ObjectCreatedAsync(bucket, entry.Key, entry.Size, entry.ETag, "CopyObject", caller, cancellationToken);
        await _events.ObjectCallAsync("CopyObject", bucket, [entry.Key], caller, new JsonObject { ["x-amz-copy-source"] = $"{request.SourceBucket}/{request.SourceKey}" }, cancellationToken);
        Delivered(outbox);
        return new CopyObjectResult(entry.ETag, entry.LastModified);
    }

    public Task<ListObjectsV2Output> ListObjectsV2Async(S3Caller caller, ListObjectsV2Request request, CancellationToken cancellationToken)
    {
        var maxKeys = MaxKeys(request.MaxKeys);
        var after = request.ContinuationToken is { Length: > 0 } token ? S3Listing.ReadContinuationToken(token) : request.StartAfter;
        ListingPage<StoredObject> page;
        lock (_gate)
        {
            var state = Find(caller, request.Bucket);
            page = S3Listing.List(state.Objects.Values, o => o.Entry.Key, request.Prefix ?? string.Empty, request.Delimiter, after, maxKeys);
        }

        var owner = request.FetchOwner ? CanonicalOwner(caller.Context.Account) : null;
        return Task.FromResult(new ListObjectsV2Output(
            request.Bucket,
            request.Prefix,
            request.Delimiter,
            maxKeys,
            request.EncodingType,
            page.Contents.Count + page.CommonPrefixes.Count,
            page.IsTruncated,
            request.ContinuationToken,
            page.IsTruncated && page.LastReturned is { } last ? S3Listing.ContinuationToken(last) : null,
            request.StartAfter,
            [.. page.Contents.Select(o => Summary(o.Entry, owner))],
            [.. page.CommonPrefixes.Select(p => new CommonPrefix(p))]));
    }

    public Task<ListObjectsOutput> ListObjectsAsync(S3Caller caller, ListObjectsRequest request, CancellationToken cancellationToken)
    {
        var maxKeys = MaxKeys(request.MaxKeys);
        ListingPage<StoredObject> page;
        lock (_gate)
        {
            var state = Find(caller, request.Bucket);
            page = S3Listing.List(state.Objects.Values, o => o.Entry.Key, request.Prefix ?? string.Empty, request.Delimiter, request.Marker, maxKeys);
        }

        var owner = CanonicalOwner(caller.Context.Account);
        return Task.FromResult(new ListObjectsOutput(
            request.Bucket,
            request.Prefix,
            request.Delimiter,
            request.Marker,
            page.IsTruncated && !string.IsNullOrEmpty(request.Delimiter) ? page.LastReturned : null,
            maxKeys,
            request.EncodingType,
            page.IsTruncated,
            [.. page.Contents.Select(o => Summary(o.Entry, owner))],
            [.. page.CommonPrefixes.Select(p => new CommonPrefix(p))]));
    }

    // ----- Multipart uploads -----

    public async Task<CreateMultipartUploadOutput> CreateMultipartUploadAsync(S3Caller caller, CreateMultipartUploadRequest request, CancellationToken cancellationToken)
    {
        ValidateKey(request.Key);
        ValidateMetadata(request.Metadata);
        var uploadId = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48)).Replace('+', '-').Replace('/', '_');
        BucketEntry bucket;
        lock (_gate)
        {
            var state = Find(caller, request.Bucket);
            state.Uploads[uploadId] = new MultipartUpload(uploadId, request.Key, _time.GetUtcNow(), request.Headers, request.Metadata, request.ChecksumAlgorithm);
            bucket = state.Entry;
        }

        await _events.ObjectCallAsync("CreateMultipartUpload", bucket, [request.Key], caller, new JsonObject { ["uploads"] = string.Empty }, cancellationToken);
        return new CreateMultipartUploadOutput(request.Bucket, request.Key, uploadId, request.ChecksumAlgorithm);
    }

    public async Task<UploadPartOutput> UploadPartAsync(S3Caller caller, UploadPartRequest request, CancellationToken cancellationToken)
    {
        if (request.PartNumber is < 1 or > MaxPartNumber)
        {
            throw S3Exception.InvalidArgument("Part number must be an integer between 1 and 10000, inclusive", "partNumber", request.PartNumber.ToString(CultureInfo.InvariantCulture));
        }

        lock (_gate)
        {
            FindUpload(Find(caller, request.Bucket), request.UploadId, request.Key);
        }

        var staged = await _storage.StageAsync(request.Body.Content, new ContentHasher(request.Body.Algorithms), cancellationToken);
        UploadedPart part;
        UploadedPart? replaced;
        BucketEntry bucket;
        var kept = false;
        try
        {
            var checksum = Verify(request.Body, staged.Digest);
            lock (_gate)
            {
                var state = Find(caller, request.Bucket);
                var upload = FindUpload(state, request.UploadId, request.Key);
                part = new UploadedPart(request.PartNumber, staged.Digest.Md5, staged.Content, checksum);
                replaced = upload.Parts.GetValueOrDefault(request.PartNumber);
                upload.Parts[request.PartNumber] = part;
                bucket = state.Entry;
                kept = true;
            }
        }
        finally
        {
            if (!kept)
            {
                staged.Content.Delete();
            }
        }

        replaced?.Content.Delete();
        await _events.ObjectCallAsync("UploadPart", bucket, [request.Key], caller, new JsonObject
        {
            ["partNumber"] = request.PartNumber.ToString(CultureInfo.InvariantCulture),
            ["uploadId"] = request.UploadId,
        }, cancellationToken);
        return new UploadPartOutput(part.ETag, part.Checksum);
    }

    public async Task<CompleteMultipartUploadOutput> CompleteMultipartUploadAsync(S3Caller caller, CompleteMultipartUploadRequest request, CancellationToken cancellationToken)
    {
        if (request.Parts.Count == 0)
        {
            throw S3Exception.MalformedXml("a CompleteMultipartUpload request lists at least one part.");
        }

        List<UploadedPart> parts;
        MultipartUpload upload;
        lock (_gate)
        {
            upload = FindUpload(Find(caller, request.Bucket), request.UploadId, request.Key);
            parts = SelectParts(upload, request);
        }

        var staged = await _storage.ConcatenateAsync([.. parts.Select(p => p.Content)], cancellationToken);
        ObjectEntry entry;
        BucketEntry bucket;
        StoredObject? replaced;
        string? outbox = null;
        var committed = false;
        try
        {
            lock (_gate)
            {
                var state = Find(caller, request.Bucket);
                FindUpload(state, request.UploadId, request.Key);
                var etag = MultipartETag(parts);
                entry = new ObjectEntry(request.Key, etag, staged.Digest.Length, WholeSeconds(_time.GetUtcNow()), upload.Headers, upload.Metadata, null, parts.Count);
                using var atomic = _durable.Atomic();
                replaced = Commit(state, entry, staged);
                outbox = Pending("CompleteMultipartUpload", state.Entry, entry, caller, new JsonObject { ["uploadId"] = request.UploadId });
                state.Uploads.Remove(request.UploadId);
                bucket = state.Entry;
                committed = true;
            }
        }
        finally
        {
            if (!committed)
            {
                staged.Content.Delete();
            }
        }

        replaced?.Content.Delete();
        foreach (var part in upload.Parts.Values)
        {
            part.Content.Delete();
        }

        await _events.ObjectCreatedAsync(bucket, entry.Key, entry.Size, entry.ETag, "CompleteMultipartUpload", caller, cancellationToken);
        await _events.ObjectCallAsync("CompleteMultipartUpload", bucket, [entry.Key], caller, new JsonObject { ["uploadId"] = request.UploadId }, cancellationToken);
        Delivered(outbox);
        return new CompleteMultipartUploadOutput($"/{request.Bucket}/{request.Key}", request.Bucket, request.Key, entry.ETag);
    }

    public async Task AbortMultipartUploadAsync(S3Caller caller, AbortMultipartUploadRequest request, CancellationToken cancellationToken)
    {
        MultipartUpload upload;
        BucketEntry bucket;
        lock (_gate)
        {
            var state = Find(caller, request.Bucket);
            upload = FindUpload(state, request.UploadId, request.Key);
            state.Uploads.Remove(request.UploadId);
            bucket = state.Entry;
        }

        foreach (var part in upload.Parts.Values)
        {
            part.Content.Delete();
        }

        await _events.ObjectCallAsync("AbortMultipartUpload", bucket, [request.Key], caller, new JsonObject { ["uploadId"] = request.UploadId }, cancellationToken);
    }

    // ----- Rules -----

    /// <summary>The region of a new bucket: its LocationConstraint, which must agree with a regional endpoint.</summary>
    public static string BucketRegion(string requestRegion, string? constraint)
    {
        if (string.IsNullOrEmpty(constraint))
        {
            return requestRegion == "us-east-1" ? requestRegion : throw S3Exception.IllegalLocationConstraint(null, requestRegion);
        }

        var region = constraint == "EU" ? "eu-west-1" : constraint;
        if (region == "us-east-1" || !RegionPattern().IsMatch(region))
        {
            throw S3Exception.InvalidLocationConstraint(constraint);
        }

        return requestRegion == "us-east-1" || requestRegion == region ? region : throw S3Exception.IllegalLocationConstraint(constraint, requestRegion);
    }

    /// <summary>The part of an object a <c>Range</c> header asks for; null for the whole object (absent or unreadable).</summary>
    public static ContentRange? ParseRange(string? header, long size)
    {
        if (header is null || size == 0 || !header.StartsWith("bytes=", StringComparison.Ordinal) || header.Contains(',', StringComparison.Ordinal))
        {
            return null;
        }

        var spec = header["bytes=".Length..].Trim();
        var dash = spec.IndexOf('-', StringComparison.Ordinal);
        if (dash < 0)
        {
            return null;
        }

        var hasFirst = long.TryParse(spec[..dash], NumberStyles.None, CultureInfo.InvariantCulture, out var first);
        var hasLast = long.TryParse(spec[(dash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var last);
        if (hasFirst)
        {
            if (dash + 1 < spec.Length && (!hasLast || last < first))
            {
                return null;
            }

            return first >= size
                ? throw S3Exception.InvalidRange(header, size)
                : new ContentRange(first, hasLast ? Math.Min(last, size - 1) : size - 1, size);
        }

        if (!hasLast || dash != 0)
        {
            return null;
        }

        return last == 0 ? throw S3Exception.InvalidRange(header, size) : new ContentRange(Math.Max(0, size - last), size - 1, size);
    }

    private static int MaxKeys(int? requested) => requested switch
    {
        null => S3Listing.MaxKeysLimit,
        < 0 => throw S3Exception.InvalidArgument("Provided max-keys not an integer or within integer range", "max-keys", requested.Value.ToString(CultureInfo.InvariantCulture)),
        _ => Math.Min(requested.Value, S3Listing.MaxKeysLimit),
    };

    private static void ValidateKey(string key)
    {
        if (Encoding.UTF8.GetByteCount(key) > MaxKeyBytes)
        {
            throw S3Exception.KeyTooLong(key);
        }
    }

    private static void ValidateMetadata(IReadOnlyDictionary<string, string> metadata)
    {
        if (metadata.Sum(m => Encoding.UTF8.GetByteCount(m.Key) + Encoding.UTF8.GetByteCount(m.Value)) > MaxMetadataBytes)
        {
            throw S3Exception.MetadataTooLarge();
        }
    }

    /// <summary>Checks the decoded length, Content-MD5 and additional checksums; gives the checksum to keep.</summary>
    private static ObjectChecksum? Verify(ObjectBody body, ContentDigest digest)
    {
        if (body.DecodedContentLength is { } expected && expected != digest.Length)
        {
            throw S3Exception.IncompleteBody($"You did not provide the number of bytes specified by the x-amz-decoded-content-length HTTP header ({expected}); the body held {digest.Length}.");
        }

        if (body.ContentMD5 is { } md5)
        {
            var declared = new byte[16];
            if (!Convert.TryFromBase64String(md5, declared, out var written) || written != 16)
            {
                throw S3Exception.InvalidDigest("The Content-MD5 you specified was invalid.");
            }

            if (!declared.AsSpan().SequenceEqual(digest.Md5))
            {
                throw S3Exception.BadDigest("The Content-MD5 you specified did not match what we received.");
            }
        }

        var declaredChecksums = new Dictionary<ChecksumAlgorithm, string>(body.Checksums);
        foreach (var (name, value) in body.Trailers())
        {
            if (ChecksumAlgorithms.TryParseHeader(name, out var algorithm))
            {
                declaredChecksums[algorithm] = value;
            }
        }

        foreach (var (algorithm, value) in declaredChecksums)
        {
            if (digest.Checksums.TryGetValue(algorithm, out var computed) && computed != value)
            {
                throw S3Exception.BadDigest($"The {algorithm.WireName()} you specified did not match the calculated checksum.");
            }
        }

        return digest.Checksums.Count > 0 && body.Algorithms.FirstOrDefault() is var kept && digest.Checksums.TryGetValue(kept, out var keptValue)
            ? new ObjectChecksum(kept, keptValue)
            : null;
    }

    private static void CheckWriteConditions(BucketState bucket, PutObjectRequest request)
    {
        var existing = bucket.Objects.GetValueOrDefault(request.Key);
        if (request.IfNoneMatch is { } noneMatch && existing is not null && ETagMatches(noneMatch, existing.Entry.ETag))
        {
            throw S3Exception.PreconditionFailed("If-None-Match");
        }

        if (request.IfMatch is { } match)
        {
            if (existing is null)
            {
                throw S3Exception.NoSuchKey(bucket.Entry.Name, request.Key);
            }

            if (!ETagMatches(match, existing.Entry.ETag))
            {
                throw S3Exception.PreconditionFailed("If-Match");
            }
        }
    }

    private static void CheckReadConditions(ObjectEntry entry, GetObjectRequest request)
    {
        if (request.IfMatch is { } match)
        {
            if (!ETagMatches(match, entry.ETag))
            {
                throw S3Exception.PreconditionFailed("If-Match");
            }
        }
        else if (request.IfUnmodifiedSince is { } unmodifiedSince && entry.LastModified > unmodifiedSince)
        {
            throw S3Exception.PreconditionFailed("If-Unmodified-Since");
        }

        if (request.IfNoneMatch is { } noneMatch)
        {
            if (ETagMatches(noneMatch, entry.ETag))
            {
                throw S3Exception.NotModified();
            }
        }
        else if (request.IfModifiedSince is { } modifiedSince && entry.LastModified <= modifiedSince)
        {
            throw S3Exception.NotModified();
        }
    }

    private static bool ETagMatches(string header, string etag) =>
        header.Split(',').Select(t => t.Trim()).Any(t => t == "*" || t.Replace("W/", string.Empty, StringComparison.Ordinal).Trim('"') == etag);

    private static List<UploadedPart> SelectParts(MultipartUpload upload, CompleteMultipartUploadRequest request)
    {
        var parts = new List<UploadedPart>();
        for (var i = 0; i < request.Parts.Count; i++)
        {
            var listed = request.Parts[i];
            if (i > 0 && listed.PartNumber <= request.Parts[i - 1].PartNumber)
            {
                throw S3Exception.InvalidPartOrder(request.UploadId);
            }

            if (!upload.Parts.TryGetValue(listed.PartNumber, out var part) || part.ETag != listed.ETag.Trim('"'))
            {
                throw S3Exception.InvalidPart(request.UploadId, listed.PartNumber);
            }

            parts.Add(part);
        }

        if (parts.SkipLast(1).FirstOrDefault(p => p.Content.Length < MinimumPartSize) is { } small)
        {
            throw S3Exception.EntityTooSmall(small.PartNumber, small.Content.Length);
        }

        return parts;
    }

    /// <summary>A multipart object's ETag: the MD5 of its parts' MD5s, a dash, and the number of parts.</summary>
    private static string MultipartETag(IReadOnlyList<UploadedPart> parts)
    {
        var md5s = parts.SelectMany(p => p.Md5).ToArray();
#pragma warning disable CA5351 // S3's ETag algorithm, not security.
        return $"{Convert.ToHexStringLower(MD5.HashData(md5s))}-{parts.Count}";
#pragma warning restore CA5351
    }

    private static HeadObjectOutput Describe(ObjectEntry entry, bool withChecksum) =>
        new(entry.Key, entry.ETag, entry.Size, entry.LastModified, entry.Headers, entry.Metadata, withChecksum ? entry.Checksum : null, entry.PartsCount);

    private static S3Object Summary(ObjectEntry entry, Owner? owner) => new(entry.Key, entry.LastModified, entry.ETag, entry.Size, "STANDARD", owner);

    /// <summary>An account's canonical user id: 64 hex digits, stable per account.</summary>
    public static Owner CanonicalOwner(string account) => new(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("localcloud:" + account))));

    private static DateTimeOffset WholeSeconds(DateTimeOffset time) => new(time.Ticks - (time.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero);

    private BucketEntry EntryOf(S3Caller caller, string bucket)
    {
        lock (_gate)
        {
            return Find(caller, bucket).Entry;
        }
    }

    private BucketState Find(S3Caller caller, string bucket) =>
        !_buckets.TryGetValue(bucket, out var state) ? throw S3Exception.NoSuchBucket(bucket)
        : state.Entry.Account != caller.Context.Account ? throw S3Exception.AccessDenied(bucket)
        : state;

    private static MultipartUpload FindUpload(BucketState bucket, string uploadId, string key) =>
        bucket.Uploads.TryGetValue(uploadId, out var upload) && upload.Key == key ? upload : throw S3Exception.NoSuchUpload(uploadId);

    private StoredObject? Commit(BucketState bucket, ObjectEntry entry, StagedContent staged)
    {
        var content = _storage.CommitObject(bucket.Entry.Name, entry, staged);
        var replaced = bucket.Objects.GetValueOrDefault(entry.Key);
        bucket.Objects[entry.Key] = new StoredObject(entry, content);
        return replaced;
    }

    private StoredObject? Remove(BucketState bucket, string key)
    {
        if (!bucket.Objects.Remove(key, out var removed))
        {
            return null;
        }

        _storage.RemoveObject(bucket.Entry.Name, key);
        return removed;
    }

    [GeneratedRegex("^[a-z]{2}(-[a-z]+)+-[0-9]+$")]
    private static partial Regex RegionPattern();

    private sealed class BucketState(BucketEntry entry)
    {
        public BucketEntry Entry { get; set; } = entry;

        public SortedDictionary<string, StoredObject> Objects { get; } = new(Utf8Ordinal.Instance);

        public Dictionary<string, MultipartUpload> Uploads { get; } = new(StringComparer.Ordinal);
    }

    private sealed record StoredObject(ObjectEntry Entry, S3Content Content);

    private sealed record MultipartUpload(
        string UploadId, string Key, DateTimeOffset Initiated, ObjectHeaders Headers, IReadOnlyDictionary<string, string> Metadata, ChecksumAlgorithm? ChecksumAlgorithm)
    {
        public SortedDictionary<int, UploadedPart> Parts { get; } = [];
    }

    private sealed record UploadedPart(int PartNumber, byte[] Md5, S3Content Content, ObjectChecksum? Checksum)
    {
        public string ETag => Convert.ToHexStringLower(Md5);
    }
}
