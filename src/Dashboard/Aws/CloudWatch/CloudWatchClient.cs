using Amazon.Runtime;
using Dashboard.Aws.Protocol;

namespace Dashboard.Aws.CloudWatch;

/// <summary>The CloudWatch operations the dashboard uses. Names mirror the AWS API, so the official package can replace it.</summary>
public interface ICloudWatchApi : IAmazonService, IDisposable
{
    static ClientConfig IAmazonService.CreateDefaultClientConfig() => new AwsClientConfig(CloudWatchClient.Spec);

    static IAmazonService IAmazonService.CreateDefaultServiceClient(AWSCredentials awsCredentials, ClientConfig clientConfig) =>
        new CloudWatchClient(awsCredentials, (AwsClientConfig)clientConfig);

    Task<GetMetricDataResponse> GetMetricDataAsync(GetMetricDataRequest request, CancellationToken cancellationToken = default);

    Task<ListMetricsResponse> ListMetricsAsync(ListMetricsRequest request, CancellationToken cancellationToken = default);
}

/// <summary>
/// Amazon CloudWatch over AWS JSON 1.0 in query-compatible mode (what botocore speaks to it), on AWSSDK.Core's pipeline.
/// Errors keep their Query-era codes through the <c>x-amzn-query-error</c> header.
/// </summary>
public sealed class CloudWatchClient(AWSCredentials credentials, AwsClientConfig config) : AwsApiClient(credentials, config), ICloudWatchApi
{
    public static AwsServiceSpec Spec { get; } = new(
        ServiceId: "CloudWatch",
        EndpointPrefix: "monitoring",
        SigningName: "monitoring",
        ApiVersion: "2010-08-01",
        Protocol: WireProtocol.AwsJson10QueryCompatible,
        TargetPrefix: "GraniteServiceVersion20100801");

    public Task<GetMetricDataResponse> GetMetricDataAsync(GetMetricDataRequest request, CancellationToken cancellationToken = default) =>
        InvokeAsync<GetMetricDataRequest, GetMetricDataResponse>("GetMetricData", request, cancellationToken);

    public Task<ListMetricsResponse> ListMetricsAsync(ListMetricsRequest request, CancellationToken cancellationToken = default) =>
        InvokeAsync<ListMetricsRequest, ListMetricsResponse>("ListMetrics", request, cancellationToken);
}
