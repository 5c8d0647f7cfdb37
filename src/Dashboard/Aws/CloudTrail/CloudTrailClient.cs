using Amazon.Runtime;
using Dashboard.Aws.Protocol;

namespace Dashboard.Aws.CloudTrail;

/// <summary>
/// The CloudTrail operations the dashboard uses: which trails record what, whether they log, and the recent management
/// events. Names mirror the AWS API, so the official package can replace it.
/// </summary>
public interface ICloudTrailApi : IAmazonService, IDisposable
{
    static ClientConfig IAmazonService.CreateDefaultClientConfig() => new AwsClientConfig(CloudTrailClient.Spec);

    static IAmazonService IAmazonService.CreateDefaultServiceClient(AWSCredentials awsCredentials, ClientConfig clientConfig) =>
        new CloudTrailClient(awsCredentials, (AwsClientConfig)clientConfig);

    Task<DescribeTrailsResponse> DescribeTrailsAsync(DescribeTrailsRequest request, CancellationToken cancellationToken = default);

    Task<GetEventSelectorsResponse> GetEventSelectorsAsync(GetEventSelectorsRequest request, CancellationToken cancellationToken = default);

    Task<GetTrailStatusResponse> GetTrailStatusAsync(GetTrailStatusRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// The management (or Insights) events of the last 90 days in this region, newest first, up to 50 a page.
    /// </summary>
    /// <remarks>
    /// AWS limits LookupEvents to two requests per second per account and region, for every caller together. The SDK
    /// pipeline retries a throttled call with backoff and then throws <see cref="AwsThrottlingException"/>; this client
    /// does not rate-limit, so callers that page or poll must pace their own calls (and share that pace).
    /// </remarks>
    Task<LookupEventsResponse> LookupEventsAsync(LookupEventsRequest request, CancellationToken cancellationToken = default);
}

/// <summary>AWS CloudTrail over AWS JSON 1.1, on AWSSDK.Core's pipeline.</summary>
public sealed class CloudTrailClient(AWSCredentials credentials, AwsClientConfig config) : AwsApiClient(credentials, config), ICloudTrailApi
{
    public static AwsServiceSpec Spec { get; } = new(
        ServiceId: "CloudTrail",
        EndpointPrefix: "cloudtrail",
        SigningName: "cloudtrail",
        ApiVersion: "2013-11-01",
        Protocol: WireProtocol.AwsJson11,
        TargetPrefix: "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101");

    public Task<DescribeTrailsResponse> DescribeTrailsAsync(DescribeTrailsRequest request, CancellationToken cancellationToken = default) =>
        InvokeAsync<DescribeTrailsRequest, DescribeTrailsResponse>("DescribeTrails", request, cancellationToken);

    public Task<GetEventSelectorsResponse> GetEventSelectorsAsync(GetEventSelectorsRequest request, CancellationToken cancellationToken = default) =>
        InvokeAsync<GetEventSelectorsRequest, GetEventSelectorsResponse>("GetEventSelectors", request, cancellationToken);

    public Task<GetTrailStatusResponse> GetTrailStatusAsync(GetTrailStatusRequest request, CancellationToken cancellationToken = default) =>
        InvokeAsync<GetTrailStatusRequest, GetTrailStatusResponse>("GetTrailStatus", request, cancellationToken);

    public Task<LookupEventsResponse> LookupEventsAsync(LookupEventsRequest request, CancellationToken cancellationToken = default) =>
        InvokeAsync<LookupEventsRequest, LookupEventsResponse>("LookupEvents", request, cancellationToken);
}
