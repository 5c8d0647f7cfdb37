using Amazon.S3;
using Dashboard.Aws.CloudTrail;
using Dashboard.Aws.CloudWatch;
using Dashboard.Aws.EventBridge;
using Dashboard.Aws.Glue;
using Dashboard.Aws.Iam;
using Dashboard.Cloud;
using Dashboard.Diagnostics.Delivery;
using Microsoft.Extensions.Caching.Hybrid;

namespace Dashboard.Diagnostics;

/// <summary>
/// One environment's read-only clients and cache, as the checks' facts use them. Diagnostics never write to AWS: none
/// of the calls made through here changes anything.
/// </summary>
public sealed class DiagnosticSources(
    IGlueApi glue,
    IEventBridgeApi events,
    IIamApi iam,
    ICloudTrailApi cloudTrail,
    ICloudWatchApi cloudWatch,
    IAmazonS3 s3,
    ICloudIdentity identity,
    HybridCache cache,
    TimeProvider time,
    IDeadLetterQueues deadLetters)
{
    public IGlueApi Glue { get; } = glue;

    public IEventBridgeApi Events { get; } = events;

    public IIamApi Iam { get; } = iam;

    public ICloudTrailApi CloudTrail { get; } = cloudTrail;

    public ICloudWatchApi CloudWatch { get; } = cloudWatch;

    public IAmazonS3 S3 { get; } = s3;

    public ICloudIdentity Identity { get; } = identity;

    /// <summary>The environment's shared cache: IAM documents are kept here, so a second run does not fetch them again.</summary>
    public HybridCache Cache { get; } = cache;

    public TimeProvider Time { get; } = time;

    /// <summary>The depth of rule targets' dead-letter queues (GetQueueAttributes only).</summary>
    public IDeadLetterQueues DeadLetters { get; } = deadLetters;
}
