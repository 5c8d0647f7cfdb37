using System.Net;
using LocalCloud.Protocol;

namespace LocalCloud.S3;

/// <summary>
/// An S3 error: its code and status, and the extra elements S3 puts in its <c>&lt;Error&gt;</c> document
/// (<c>BucketName</c>, <c>Key</c>, <c>UploadId</c> …).
/// </summary>
public sealed class S3Exception(string code, string message, HttpStatusCode status, IReadOnlyList<KeyValuePair<string, string>>? details = null)
    : AwsServiceException(code, message, status, senderFault: (int)status < 500)
{
    public IReadOnlyList<KeyValuePair<string, string>> Details { get; } = details ?? [];

    private static S3Exception With(string code, string message, HttpStatusCode status, params (string Name, string? Value)[] details) =>
        new(code, message, status, [.. details.Where(d => d.Value is not null).Select(d => KeyValuePair.Create(d.Name, d.Value ?? string.Empty))]);

    public static S3Exception NoSuchBucket(string bucket) =>
        With("NoSuchBucket", "The specified bucket does not exist", HttpStatusCode.NotFound, ("BucketName", bucket));

    public static S3Exception NoSuchKey(string bucket, string key) =>
        With("NoSuchKey", "The specified key does not exist.", HttpStatusCode.NotFound, ("Key", key), ("BucketName", bucket));

    public static S3Exception NoSuchUpload(string uploadId) =>
        With("NoSuchUpload", "The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.", HttpStatusCode.NotFound, ("UploadId", uploadId));

    public static S3Exception BucketAlreadyOwnedByYou(string bucket) =>
        With("BucketAlreadyOwnedByYou", "Your previous request to create the named bucket succeeded and you already own it.", HttpStatusCode.Conflict, ("BucketName", bucket));

    public static S3Exception BucketAlreadyExists(string bucket) =>
        With("BucketAlreadyExists", "The requested bucket name is not available. The bucket namespace is shared by all users of the system. Please select a different name and try again.", HttpStatusCode.Conflict, ("BucketName", bucket));

    public static S3Exception BucketNotEmpty(string bucket) =>
        With("BucketNotEmpty", "The bucket you tried to delete is not empty", HttpStatusCode.Conflict, ("BucketName", bucket));

    public static S3Exception InvalidBucketName(string bucket, string reason) =>
        With("InvalidBucketName", $"The specified bucket is not valid: {reason}", HttpStatusCode.BadRequest, ("BucketName", bucket));

    public static S3Exception AccessDenied(string bucket) =>
        With("AccessDenied", $"Access Denied: the bucket {bucket} belongs to another account.", HttpStatusCode.Forbidden, ("BucketName", bucket));

    public static S3Exception InvalidArgument(string message, string argumentName, string? argumentValue) =>
        With("InvalidArgument", message, HttpStatusCode.BadRequest, ("ArgumentName", argumentName), ("ArgumentValue", argumentValue));

    public static S3Exception InvalidRequest(string message) => new("InvalidRequest", message, HttpStatusCode.BadRequest);

    public static S3Exception MalformedXml(string reason) =>
        new("MalformedXML", $"The XML you provided was not well-formed or did not validate against our published schema: {reason}", HttpStatusCode.BadRequest);

    public static S3Exception IncompleteBody(string message) => new("IncompleteBody", message, HttpStatusCode.BadRequest);

    public static S3Exception BadDigest(string message) => new("BadDigest", message, HttpStatusCode.BadRequest);

    public static S3Exception InvalidDigest(string message) => new("InvalidDigest", message, HttpStatusCode.BadRequest);

    public static S3Exception KeyTooLong(string key) =>
        With("KeyTooLongError", "Your key is too long. The maximum key length is 1024 bytes.", HttpStatusCode.BadRequest, ("Key", key));

    public static S3Exception MetadataTooLarge() =>
        new("MetadataTooLarge", "Your metadata headers exceed the maximum allowed metadata size of 2 KB.", HttpStatusCode.BadRequest);

    public static S3Exception PreconditionFailed(string condition) =>
        With("PreconditionFailed", "At least one of the pre-conditions you specified did not hold", HttpStatusCode.PreconditionFailed, ("Condition", condition));

    public static S3Exception NotModified() => new("NotModified", "Not Modified", HttpStatusCode.NotModified);

    public static S3Exception InvalidRange(string range, long size) =>
        With("InvalidRange", "The requested range is not satisfiable", HttpStatusCode.RequestedRangeNotSatisfiable, ("RangeRequested", range), ("ActualObjectSize", size.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    public static S3Exception InvalidPart(string uploadId, int partNumber) =>
        With("InvalidPart", "One or more of the specified parts could not be found. The part may not have been uploaded, or the specified entity tag may not match the part's entity tag.", HttpStatusCode.BadRequest, ("UploadId", uploadId), ("PartNumber", partNumber.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    public static S3Exception InvalidPartOrder(string uploadId) =>
        With("InvalidPartOrder", "The list of parts was not in ascending order. Parts must be ordered by part number.", HttpStatusCode.BadRequest, ("UploadId", uploadId));

    public static S3Exception EntityTooSmall(int partNumber, long size) =>
        With("EntityTooSmall", "Your proposed upload is smaller than the minimum allowed object size.", HttpStatusCode.BadRequest, ("ProposedSize", size.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("MinSizeAllowed", "5242880"), ("PartNumber", partNumber.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    public static S3Exception IllegalLocationConstraint(string? constraint, string region) => new(
        "IllegalLocationConstraintException",
        constraint is null
            ? $"The unspecified location constraint is incompatible for the region specific endpoint this request was sent to ({region})."
            : $"The {constraint} location constraint is incompatible for the region specific endpoint this request was sent to ({region}).",
        HttpStatusCode.BadRequest);

    public static S3Exception InvalidLocationConstraint(string constraint) =>
        With("InvalidLocationConstraint", "The specified location-constraint is not valid", HttpStatusCode.BadRequest, ("LocationConstraint", constraint));

    public static S3Exception NotImplemented(string what) =>
        new("NotImplemented", $"A header or query you provided implies functionality that is not implemented: LocalCloud does not support {what}.", HttpStatusCode.NotImplemented);

    public static S3Exception MethodNotAllowed(string method, string resource) =>
        With("MethodNotAllowed", "The specified method is not allowed against this resource.", HttpStatusCode.MethodNotAllowed, ("Method", method), ("ResourceType", resource));
}
