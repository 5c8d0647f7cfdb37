using Amazon.Runtime;
using Dashboard.Aws.Protocol;

namespace Dashboard.Aws.Glue;

/// <summary>The Glue operations the dashboard uses. Names mirror the AWS API, so the official package can replace it.</summary>
public interface IGlueApi : IAmazonService, IDisposable
{
    static ClientConfig IAmazonService.CreateDefaultClientConfig() => new AwsClientConfig(GlueClient.Spec);

    static IAmazonService IAmazonService.CreateDefaultServiceClient(AWSCredentials awsCredentials, ClientConfig clientConfig) =>
        new GlueClient(awsCredentials, (AwsClientConfig)clientConfig);

    Task<ListWorkflowsResponse> ListWorkflowsAsync(ListWorkflowsRequest request, CancellationToken cancellationToken = default);

    Task<BatchGetWorkflowsResponse> BatchGetWorkflowsAsync(BatchGetWorkflowsRequest request, CancellationToken cancellationToken = default);

    Task<GetWorkflowResponse> GetWorkflowAsync(GetWorkflowRequest request, CancellationToken cancellationToken = default);

    Task<GetWorkflowRunsResponse> GetWorkflowRunsAsync(GetWorkflowRunsRequest request, CancellationToken cancellationToken = default);

    Task<GetWorkflowRunResponse> GetWorkflowRunAsync(GetWorkflowRunRequest request, CancellationToken cancellationToken = default);

    Task<GetWorkflowRunPropertiesResponse> GetWorkflowRunPropertiesAsync(GetWorkflowRunPropertiesRequest request, CancellationToken cancellationToken = default);

    Task<ListTriggersResponse> ListTriggersAsync(ListTriggersRequest request, CancellationToken cancellationToken = default);

    Task<BatchGetTriggersResponse> BatchGetTriggersAsync(BatchGetTriggersRequest request, CancellationToken cancellationToken = default);

    Task<GetTriggerResponse> GetTriggerAsync(GetTriggerRequest request, CancellationToken cancellationToken = default);

    Task<UpdateTriggerResponse> UpdateTriggerAsync(UpdateTriggerRequest request, CancellationToken cancellationToken = default);

    Task<ResumeWorkflowRunResponse> ResumeWorkflowRunAsync(ResumeWorkflowRunRequest request, CancellationToken cancellationToken = default);

    Task<StartWorkflowRunResponse> StartWorkflowRunAsync(StartWorkflowRunRequest request, CancellationToken cancellationToken = default);

    Task<StopWorkflowRunResponse> StopWorkflowRunAsync(StopWorkflowRunRequest request, CancellationToken cancellationToken = default);

    Task<BatchGetJobsResponse> BatchGetJobsAsync(BatchGetJobsRequest request, CancellationToken cancellationToken = default);

    Task<GetJobRunsResponse> GetJobRunsAsync(GetJobRunsRequest request, CancellationToken cancellationToken = default);

    Task<BatchGetCrawlersResponse> BatchGetCrawlersAsync(BatchGetCrawlersRequest request, CancellationToken cancellationToken = default);
}

/// <summary>AWS Glue over AWS JSON 1.1, on AWSSDK.Core's pipeline.</summary>
public sealed class GlueClient(AWSCredentials credentials, AwsClientConfig config) : AwsApiClient(credentials, config), IGlueApi
{
    public static AwsServiceSpec Spec { get; } = new(
        ServiceId: "Glue",
        EndpointPrefix: "glue",
        SigningName: "glue",
        ApiVersion: "2017-03-31",
        Protocol: WireProtocol.AwsJson11,
        TargetPrefix: "AWSGlue");

    public Task<ListWorkflowsResponse> ListWorkflowsAsync(ListWorkflowsRequest request, CancellationToken cancellationToken = default) =>
        InvokeAsync<ListWorkflowsRequest, ListWorkflowsResponse>("ListWorkflows", request, cancellationToken);

    public Task<BatchGetWorkflowsResponse> BatchGetWorkflowsAsync(BatchGetWorkflowsRequest request, CancellationToken cancellationToken = default) =>
        InvokeAsync<BatchGetWorkflowsRequest, BatchGetWorkflowsResponse>("BatchGetWorkflows", request, cancellationToken);

    public Task<GetWorkflowResponse> GetWorkflowAsync(GetWorkflowRequest request, CancellationToken cancellationToken = default) =>
        InvokeAsync<GetWorkflowRequest, GetWorkflowResponse>("GetWorkflow", request, cancellationToken);

    public Task<GetWorkflowRunsResponse> GetWorkflowRunsAsync(GetWorkflowRunsRequest request, CancellationToken cancellationToken = default) =>
        InvokeAsync<GetWorkflowRunsRequest, GetWorkflowRunsResponse>("GetWorkflowRuns", request, cancellationToken);

    public Task<GetWorkflowRunResponse> GetWorkflowRunAsync(GetWorkflowRunRequest request, CancellationToken cancellationToken = default) =>
        InvokeAsync<GetWorkflowRunRequest, GetWorkflowRunResponse>("GetWorkflowRun", request, cancellationToken);

    public Task<GetWorkflowRunPropertiesResponse> GetWorkflowRunPropertiesAsync(GetWorkflowRunPropertiesRequest request, CancellationToken cancellationToken = default) =>
        InvokeAsync<GetWorkflowRunPropertiesRequest, GetWorkflowRunPropertiesResponse>("GetWorkflowRunProperties", request, cancellationToken);

    public Task<ListTriggersResponse> ListTriggersAsync(ListTriggersRequest request, CancellationToken cancellationToken = default) =>
        InvokeAsync<ListTriggersRequest, ListTriggersResponse>("ListTriggers", request, cancellationToken);

    public Task<BatchGetTriggersResponse> BatchGetTriggersAsync(BatchGetTriggersRequest request, CancellationToken cancellationToken = default) =>
        InvokeAsync<BatchGetTriggersRequest, BatchGetTriggersResponse>("BatchGetTriggers", request, cancellationToken);

    public Task<GetTriggerResponse> GetTriggerAsync(GetTriggerRequest request, CancellationToken cancellationToken = default) =>
        InvokeAsync<GetTriggerRequest, GetTriggerResponse>("GetTrigger", request, cancellationToken);

    public Task<UpdateTriggerResponse> UpdateTriggerAsync(UpdateTriggerRequest request, CancellationToken cancellationToken = default) =>
        InvokeAsync<UpdateTriggerRequest, UpdateTriggerResponse>("UpdateTrigger", request, cancellationToken);

    public Task<ResumeWorkflowRunResponse> ResumeWorkflowRunAsync(ResumeWorkflowRunRequest request, CancellationToken cancellationToken = default) =>
        InvokeAsync<ResumeWorkflowRunRequest, ResumeWorkflowRunResponse>("ResumeWorkflowRun", request, cancellationToken);

    public Task<StartWorkflowRunResponse> StartWorkflowRunAsync(StartWorkflowRunRequest request, CancellationToken cancellationToken = default) =>
        InvokeAsync<StartWorkflowRunRequest, StartWorkflowRunResponse>("StartWorkflowRun", request, cancellationToken);

    public Task<StopWorkflowRunResponse> StopWorkflowRunAsync(StopWorkflowRunRequest request, CancellationToken cancellationToken = default) =>
        InvokeAsync<StopWorkflowRunRequest, StopWorkflowRunResponse>("StopWorkflowRun", request, cancellationToken);

    public Task<BatchGetJobsResponse> BatchGetJobsAsync(BatchGetJobsRequest request, CancellationToken cancellationToken = default) =>
        InvokeAsync<BatchGetJobsRequest, BatchGetJobsResponse>("BatchGetJobs", request, cancellationToken);

    public Task<GetJobRunsResponse> GetJobRunsAsync(GetJobRunsRequest request, CancellationToken cancellationToken = default) =>
        InvokeAsync<GetJobRunsRequest, GetJobRunsResponse>("GetJobRuns", request, cancellationToken);

    public Task<BatchGetCrawlersResponse> BatchGetCrawlersAsync(BatchGetCrawlersRequest request, CancellationToken cancellationToken = default) =>
        InvokeAsync<BatchGetCrawlersRequest, BatchGetCrawlersResponse>("BatchGetCrawlers", request, cancellationToken);
}
