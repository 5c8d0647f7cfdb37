using Amazon.Runtime;
using Dashboard.Aws.Protocol;

namespace Dashboard.Aws.EventBridge;

/// <summary>
/// The EventBridge operations the dashboard uses: the buses, rules and targets that start event-driven Glue
/// workflows. Names mirror the AWS API, so the official package can replace it.
/// </summary>
public interface IEventBridgeApi : IAmazonService, IDisposable
{
    static ClientConfig IAmazonService.CreateDefaultClientConfig() => new AwsClientConfig(EventBridgeClient.Spec);

    static IAmazonService IAmazonService.CreateDefaultServiceClient(AWSCredentials awsCredentials, ClientConfig clientConfig) =>
        new EventBridgeClient(awsCredentials, (AwsClientConfig)clientConfig);

    Task<ListEventBusesResponse> ListEventBusesAsync(ListEventBusesRequest request, CancellationToken cancellationToken = default);

    Task<ListRulesResponse> ListRulesAsync(ListRulesRequest request, CancellationToken cancellationToken = default);

    Task<DescribeRuleResponse> DescribeRuleAsync(DescribeRuleRequest request, CancellationToken cancellationToken = default);

    Task<ListTargetsByRuleResponse> ListTargetsByRuleAsync(ListTargetsByRuleRequest request, CancellationToken cancellationToken = default);

    /// <summary>The rules on one bus (the <c>default</c> bus unless <c>EventBusName</c> says otherwise) that target an ARN.</summary>
    Task<ListRuleNamesByTargetResponse> ListRuleNamesByTargetAsync(ListRuleNamesByTargetRequest request, CancellationToken cancellationToken = default);

    /// <summary>Whether an event matches a pattern, as EventBridge itself evaluates it.</summary>
    Task<TestEventPatternResponse> TestEventPatternAsync(TestEventPatternRequest request, CancellationToken cancellationToken = default);
}

/// <summary>Amazon EventBridge over AWS JSON 1.1, on AWSSDK.Core's pipeline.</summary>
public sealed class EventBridgeClient(AWSCredentials credentials, AwsClientConfig config) : AwsApiClient(credentials, config), IEventBridgeApi
{
    public static AwsServiceSpec Spec { get; } = new(
        ServiceId: "EventBridge",
        EndpointPrefix: "events",
        SigningName: "events",
        ApiVersion: "2015-10-07",
        Protocol: WireProtocol.AwsJson11,
        TargetPrefix: "AWSEvents");

    public Task<ListEventBusesResponse> ListEventBusesAsync(ListEventBusesRequest request, CancellationToken cancellationToken = default) =>
        InvokeAsync<ListEventBusesRequest, ListEventBusesResponse>("ListEventBuses", request, cancellationToken);

    public Task<ListRulesResponse> ListRulesAsync(ListRulesRequest request, CancellationToken cancellationToken = default) =>
        InvokeAsync<ListRulesRequest, ListRulesResponse>("ListRules", request, cancellationToken);

    public Task<DescribeRuleResponse> DescribeRuleAsync(DescribeRuleRequest request, CancellationToken cancellationToken = default) =>
        InvokeAsync<DescribeRuleRequest, DescribeRuleResponse>("DescribeRule", request, cancellationToken);

    public Task<ListTargetsByRuleResponse> ListTargetsByRuleAsync(ListTargetsByRuleRequest request, CancellationToken cancellationToken = default) =>
        InvokeAsync<ListTargetsByRuleRequest, ListTargetsByRuleResponse>("ListTargetsByRule", request, cancellationToken);

    public Task<ListRuleNamesByTargetResponse> ListRuleNamesByTargetAsync(ListRuleNamesByTargetRequest request, CancellationToken cancellationToken = default) =>
        InvokeAsync<ListRuleNamesByTargetRequest, ListRuleNamesByTargetResponse>("ListRuleNamesByTarget", request, cancellationToken);

    public Task<TestEventPatternResponse> TestEventPatternAsync(TestEventPatternRequest request, CancellationToken cancellationToken = default) =>
        InvokeAsync<TestEventPatternRequest, TestEventPatternResponse>("TestEventPattern", request, cancellationToken);
}
