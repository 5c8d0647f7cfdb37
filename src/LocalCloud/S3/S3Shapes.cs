namespace LocalCloud.S3;

// Requests and outputs of the S3 operations LocalCloud serves, named after botocore's S3 shapes. The front end
// fills them from the URL, headers and XML body, and writes them back as S3 does.

/// <summary>Who made an S3 call, and how it reached LocalCloud: what S3 events and CloudTrail records report.</summary>
public sealed record S3Caller(Protocol.RequestContext Context, string Host, string SourceIpAddress, string? UserAgent);

public sealed record Owner(string ID);

public sealed record Bucket(string Name, DateTimeOffset CreationDate, string BucketRegion);

public sealed record ListBucketsRequest(int? MaxBuckets, string? ContinuationToken, string? Prefix, string? BucketRegion);

public sealed record ListBucketsOutput(IReadOnlyList<Bucket> Buckets, Owner Owner, string? ContinuationToken, string? Prefix);

public sealed record CreateBucketConfiguration(string? LocationConstraint);

public sealed record CreateBucketRequest(string Bucket, CreateBucketConfiguration? CreateBucketConfiguration);

public sealed record CreateBucketOutput(string Location);

public sealed record HeadBucketOutput(string BucketRegion);

public sealed record GetBucketLocationOutput(string? LocationConstraint);

/// <summary>The headers S3 stores with an object and returns on GET and HEAD.</summary>
public sealed record ObjectHeaders(
    string ContentType,
    string? ContentEncoding = null,
    string? ContentDisposition = null,
    string? ContentLanguage = null,
    string? CacheControl = null,
    string? Expires = null)
{
    public const string DefaultContentType = "binary/octet-stream";

    public static ObjectHeaders Default { get; } = new(DefaultContentType);
}

/// <summary>An additional checksum S3 verified and stored: <c>CRC32</c> and its base64 value.</summary>
public sealed record ObjectChecksum(ChecksumAlgorithm Algorithm, string Value);

/// <summary>
/// An upload's content, decoded from any aws-chunked framing, and the integrity values the client sent with it:
/// <c>Content-MD5</c>, <c>x-amz-checksum-*</c> headers and, for trailing checksums, the trailers read at the end.
/// </summary>
public sealed record ObjectBody(
    Stream Content,
    string? ContentMD5,
    IReadOnlyDictionary<ChecksumAlgorithm, string> Checksums,
    IReadOnlyCollection<ChecksumAlgorithm> Algorithms,
    Func<IReadOnlyDictionary<string, string>> Trailers,
    long? DecodedContentLength)
{
    public static ObjectBody Of(Stream content) =>
        new(content, null, new Dictionary<ChecksumAlgorithm, string>(), [], () => new Dictionary<string, string>(), null);
}

public sealed record PutObjectRequest(
    string Bucket,
    string Key,
    ObjectBody Body,
    ObjectHeaders Headers,
    IReadOnlyDictionary<string, string> Metadata,
    string? IfMatch = null,
    string? IfNoneMatch = null);

public sealed record PutObjectOutput(string ETag, long Size, ObjectChecksum? Checksum);

/// <summary>An object's description, as HEAD returns it and GET returns it with the content.</summary>
public sealed record HeadObjectOutput(
    string Key,
    string ETag,
    long ContentLength,
    DateTimeOffset LastModified,
    ObjectHeaders Headers,
    IReadOnlyDictionary<string, string> Metadata,
    ObjectChecksum? Checksum,
    int? PartsCount);

/// <summary>Conditions and range of a GET or HEAD.</summary>
public sealed record GetObjectRequest(
    string Bucket,
    string Key,
    string? Range = null,
    string? IfMatch = null,
    string? IfNoneMatch = null,
    DateTimeOffset? IfModifiedSince = null,
    DateTimeOffset? IfUnmodifiedSince = null,
    bool ChecksumMode = false);

/// <summary>A byte range of an object: <c>Content-Range: bytes First-Last/Size</c>.</summary>
public sealed record ContentRange(long First, long Last, long Size)
{
    public long Length => Last - First + 1;
}

public sealed record GetObjectOutput(HeadObjectOutput Head, Stream Body, ContentRange? Range);

public sealed record DeleteObjectRequest(string Bucket, string Key);

public sealed record ObjectIdentifier(string Key, string? VersionId = null);

public sealed record Delete(IReadOnlyList<ObjectIdentifier> Objects, bool Quiet);

public sealed record DeletedObject(string Key);

public sealed record Error(string Key, string Code, string Message);

public sealed record DeleteObjectsOutput(IReadOnlyList<DeletedObject> Deleted, IReadOnlyList<Error> Errors);

public sealed record CopyObjectRequest(
    string Bucket,
    string Key,
    string SourceBucket,
    string SourceKey,
    bool ReplaceMetadata,
    ObjectHeaders? Headers,
    IReadOnlyDictionary<string, string> Metadata);

public sealed record CopyObjectResult(string ETag, DateTimeOffset LastModified);

public sealed record S3Object(string Key, DateTimeOffset LastModified, string ETag, long Size, string StorageClass, Owner? Owner);

public sealed record CommonPrefix(string Prefix);

public sealed record ListObjectsV2Request(
    string Bucket,
    string? Prefix = null,
    string? Delimiter = null,
    int? MaxKeys = null,
    string? ContinuationToken = null,
    string? StartAfter = null,
    bool FetchOwner = false,
    string? EncodingType = null);

public sealed record ListObjectsV2Output(
    string Name,
    string? Prefix,
    string? Delimiter,
    int MaxKeys,
    string? EncodingType,
    int KeyCount,
    bool IsTruncated,
    string? ContinuationToken,
    string? NextContinuationToken,
    string? StartAfter,
    IReadOnlyList<S3Object> Contents,
    IReadOnlyList<CommonPrefix> CommonPrefixes);

public sealed record ListObjectsRequest(
    string Bucket,
    string? Prefix = null,
    string? Delimiter = null,
    int? MaxKeys = null,
    string? Marker = null,
    string? EncodingType = null);

public sealed record ListObjectsOutput(
    string Name,
    string? Prefix,
    string? Delimiter,
    string? Marker,
    string? NextMarker,
    int MaxKeys,
    string? EncodingType,
    bool IsTruncated,
    IReadOnlyList<S3Object> Contents,
    IReadOnlyList<CommonPrefix> CommonPrefixes);

public sealed record CreateMultipartUploadRequest(
    string Bucket,
    string Key,
    ObjectHeaders Headers,
    IReadOnlyDictionary<string, string> Metadata,
    ChecksumAlgorithm? ChecksumAlgorithm);

public sealed record CreateMultipartUploadOutput(string Bucket, string Key, string UploadId, ChecksumAlgorithm? ChecksumAlgorithm);

public sealed record UploadPartRequest(string Bucket, string Key, string UploadId, int PartNumber, ObjectBody Body);

public sealed record UploadPartOutput(string ETag, ObjectChecksum? Checksum);

public sealed record CompletedPart(int PartNumber, string ETag);

public sealed record CompleteMultipartUploadRequest(string Bucket, string Key, string UploadId, IReadOnlyList<CompletedPart> Parts);

public sealed record CompleteMultipartUploadOutput(string Location, string Bucket, string Key, string ETag);

public sealed record AbortMultipartUploadRequest(string Bucket, string Key, string UploadId);

/// <summary>A key filter rule of a notification configuration: <c>prefix</c> or <c>suffix</c>.</summary>
public sealed record FilterRule(string Name, string Value);

/// <summary>An SNS, SQS or Lambda destination (<c>TopicConfiguration</c>, <c>QueueConfiguration</c>,
/// <c>CloudFunctionConfiguration</c>), kept as written.</summary>
public sealed record DestinationConfiguration(string? Id, string Arn, IReadOnlyList<string> Events, IReadOnlyList<FilterRule> FilterRules);

public sealed record NotificationConfiguration(
    IReadOnlyList<DestinationConfiguration> TopicConfigurations,
    IReadOnlyList<DestinationConfiguration> QueueConfigurations,
    IReadOnlyList<DestinationConfiguration> LambdaFunctionConfigurations,
    bool EventBridgeEnabled)
{
    public static NotificationConfiguration Empty { get; } = new([], [], [], false);

    public bool HasDestinations => TopicConfigurations.Count + QueueConfigurations.Count + LambdaFunctionConfigurations.Count > 0;
}

public sealed record PutBucketNotificationConfigurationRequest(string Bucket, NotificationConfiguration NotificationConfiguration, bool SkipDestinationValidation);
