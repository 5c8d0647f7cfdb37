using Amazon.S3;
using Amazon.SQS;
using Dashboard.Aws.CloudTrail;
using Dashboard.Aws.CloudWatch;
using Dashboard.Aws.EventBridge;
using Dashboard.Aws.Glue;
using Dashboard.Aws.Iam;
using Dashboard.Diagnostics;
using Dashboard.Diagnostics.Delivery;
using Microsoft.Extensions.Caching.Hybrid;

namespace Dashboard.Tests.Shared;

/// <summary>The diagnostics' clients, pointed at a running LocalCloud: the same typed clients the app builds, over the wire.</summary>
public static class DiagnosticTestSources
{
    public static DiagnosticSources ForLocalCloud(Uri endpoint, TimeProvider clock, string account, string region)
    {
        var credentials = LocalCloudServer.Credentials;
        var sqs = new AmazonSQSClient(credentials, new AmazonSQSConfig { ServiceURL = endpoint.ToString(), AuthenticationRegion = region });
        return new DiagnosticSources(
            new GlueClient(credentials, TestClients.EndpointConfig(GlueClient.Spec, endpoint)),
            new EventBridgeClient(credentials, TestClients.EndpointConfig(EventBridgeClient.Spec, endpoint)),
            new IamClient(credentials, TestClients.EndpointConfig(IamClient.Spec, endpoint)),
            new CloudTrailClient(credentials, TestClients.EndpointConfig(CloudTrailClient.Spec, endpoint)),
            new CloudWatchClient(credentials, TestClients.EndpointConfig(CloudWatchClient.Spec, endpoint)),
            new AmazonS3Client(credentials, new AmazonS3Config { ServiceURL = endpoint.ToString(), ForcePathStyle = true, AuthenticationRegion = region }),
            new FakeCloudIdentity(account, region) { Mode = Dashboard.Configuration.CloudMode.Local },
            new ServiceCollection().AddHybridCache().Services.BuildServiceProvider().GetRequiredService<HybridCache>(),
            clock,
            new SqsDeadLetterQueues(sqs));
    }
}

/// <summary>Dead-letter queues for tests that never look at one: every queue is there and empty.</summary>
public sealed class EmptyDeadLetterQueues : IDeadLetterQueues
{
    public Task<DeadLetterQueueState> DescribeAsync(string queueArn, CancellationToken cancellationToken) =>
        Task.FromResult(new DeadLetterQueueState(queueArn, Exists: true, ApproximateCount: 0, ApproximateNotVisible: 0, DeniedAction: null, Problem: null));
}
