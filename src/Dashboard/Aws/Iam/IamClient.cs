using Amazon.Runtime;
using Dashboard.Aws.Protocol;

namespace Dashboard.Aws.Iam;

/// <summary>The IAM operations the dashboard uses. Names mirror the AWS API, so the official package can replace it.</summary>
public interface IIamApi : IAmazonService, IDisposable
{
    static ClientConfig IAmazonService.CreateDefaultClientConfig() => new AwsClientConfig(IamClient.Spec);

    static IAmazonService IAmazonService.CreateDefaultServiceClient(AWSCredentials awsCredentials, ClientConfig clientConfig) =>
        new IamClient(awsCredentials, (AwsClientConfig)clientConfig);

    Task<GetRoleResponse> GetRoleAsync(GetRoleRequest request, CancellationToken cancellationToken = default);

    Task<ListRolePoliciesResponse> ListRolePoliciesAsync(ListRolePoliciesRequest request, CancellationToken cancellationToken = default);

    Task<GetRolePolicyResponse> GetRolePolicyAsync(GetRolePolicyRequest request, CancellationToken cancellationToken = default);

    Task<ListAttachedRolePoliciesResponse> ListAttachedRolePoliciesAsync(ListAttachedRolePoliciesRequest request, CancellationToken cancellationToken = default);

    Task<GetPolicyResponse> GetPolicyAsync(GetPolicyRequest request, CancellationToken cancellationToken = default);

    Task<GetPolicyVersionResponse> GetPolicyVersionAsync(GetPolicyVersionRequest request, CancellationToken cancellationToken = default);

    Task<SimulatePrincipalPolicyResponse> SimulatePrincipalPolicyAsync(SimulatePrincipalPolicyRequest request, CancellationToken cancellationToken = default);
}

/// <summary>
/// AWS IAM over the Query protocol, on AWSSDK.Core's pipeline. IAM is global: outside FIPS and the other partitions
/// every call goes to https://iam.amazonaws.com/ and is signed for us-east-1, whatever the client's region.
/// </summary>
public sealed class IamClient(AWSCredentials credentials, AwsClientConfig config) : AwsApiClient(credentials, config), IIamApi
{
    public static AwsServiceSpec Spec { get; } = new(
        ServiceId: "IAM",
        EndpointPrefix: "iam",
        SigningName: "iam",
        ApiVersion: "2010-05-08",
        Protocol: WireProtocol.Query,
        GlobalRegion: "us-east-1");

    public Task<GetRoleResponse> GetRoleAsync(GetRoleRequest request, CancellationToken cancellationToken = default) =>
        InvokeAsync<GetRoleRequest, GetRoleResponse>("GetRole", request, cancellationToken);

    public Task<ListRolePoliciesResponse> ListRolePoliciesAsync(ListRolePoliciesRequest request, CancellationToken cancellationToken = default) =>
        InvokeAsync<ListRolePoliciesRequest, ListRolePoliciesResponse>("ListRolePolicies", request, cancellationToken);

    public Task<GetRolePolicyResponse> GetRolePolicyAsync(GetRolePolicyRequest request, CancellationToken cancellationToken = default) =>
        InvokeAsync<GetRolePolicyRequest, GetRolePolicyResponse>("GetRolePolicy", request, cancellationToken);

    public Task<ListAttachedRolePoliciesResponse> ListAttachedRolePoliciesAsync(ListAttachedRolePoliciesRequest request, CancellationToken cancellationToken = default) =>
        InvokeAsync<ListAttachedRolePoliciesRequest, ListAttachedRolePoliciesResponse>("ListAttachedRolePolicies", request, cancellationToken);

    public Task<GetPolicyResponse> GetPolicyAsync(GetPolicyRequest request, CancellationToken cancellationToken = default) =>
        InvokeAsync<GetPolicyRequest, GetPolicyResponse>("GetPolicy", request, cancellationToken);

    public Task<GetPolicyVersionResponse> GetPolicyVersionAsync(GetPolicyVersionRequest request, CancellationToken cancellationToken = default) =>
        InvokeAsync<GetPolicyVersionRequest, GetPolicyVersionResponse>("GetPolicyVersion", request, cancellationToken);

    public Task<SimulatePrincipalPolicyResponse> SimulatePrincipalPolicyAsync(SimulatePrincipalPolicyRequest request, CancellationToken cancellationToken = default) =>
        InvokeAsync<SimulatePrincipalPolicyRequest, SimulatePrincipalPolicyResponse>("SimulatePrincipalPolicy", request, cancellationToken);
}
