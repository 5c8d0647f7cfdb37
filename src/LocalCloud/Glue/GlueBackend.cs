using System.Collections.Concurrent;
using LocalCloud.Events;
using LocalCloud.Persistence;
using LocalCloud.Glue.DataPlane;
using LocalCloud.Protocol;

namespace LocalCloud.Glue;

/// <summary>
/// Glue over AWS JSON 1.1: workflows, triggers, jobs, crawlers and runs, with the EVENT trigger's batcher and a
/// runner that walks each run's graph on the injected clock.
/// </summary>
public sealed partial class GlueBackend : IAwsService, IGlueEventTarget
{
    private readonly ConcurrentDictionary<(string Account, string Region), GlueState> _states = new();
    private readonly TimeProvider _time;
    private readonly ILogger<GlueBackend> _logger;

    // objects: S3, for the jobs and crawlers that do real work (GlueBackend.DataPlane.cs); without it they stay simulated.
    public GlueBackend(TimeProvider time, ILogger<GlueBackend> logger, DurableStore? durable = null, IObjectStore? objects = null)
    {
        _time = time;
        _logger = logger;
        _objects = objects;
        Operations = new OperationTable()
            .Add<CreateWorkflowRequest, NameResponse>("CreateWorkflow", CreateWorkflow)
            .Add<GetWorkflowRequest, GetWorkflowResponse>("GetWorkflow", GetWorkflow)
            .Add<ListRequest, ListWorkflowsResponse>("ListWorkflows", ListWorkflows)
            .Add<BatchGetWorkflowsRequest, BatchGetWorkflowsResponse>("BatchGetWorkflows", BatchGetWorkflows)
            .Add<UpdateWorkflowRequest, NameResponse>("UpdateWorkflow", UpdateWorkflow)
            .Add<DeleteRequest, NameResponse>("DeleteWorkflow", DeleteWorkflow)
            .Add<CreateTriggerRequest, NameResponse>("CreateTrigger", CreateTrigger)
            .Add<GetTriggerRequest, GetTriggerResponse>("GetTrigger", GetTrigger)
            .Add<GetTriggersRequest, GetTriggersResponse>("GetTriggers", GetTriggers)
            .Add<ListTriggersRequest, ListTriggersResponse>("ListTriggers", ListTriggers)
            .Add<BatchGetTriggersRequest, BatchGetTriggersResponse>("BatchGetTriggers", BatchGetTriggers)
            .Add<UpdateTriggerRequest, GetTriggerResponse>("UpdateTrigger", UpdateTrigger)
            .Add<DeleteRequest, NameResponse>("DeleteTrigger", DeleteTrigger)
            .Add<DeleteRequest, NameResponse>("StartTrigger", StartTrigger)
            .Add<DeleteRequest, NameResponse>("StopTrigger", StopTrigger)
            .Add<CreateJobRequest, NameResponse>("CreateJob", CreateJob)
            .Add<GetJobRequest, GetJobResponse>("GetJob", GetJob)
            .Add<BatchGetJobsRequest, BatchGetJobsResponse>("BatchGetJobs", BatchGetJobs)
            .Add<StartJobRunRequest, StartJobRunResponse>("StartJobRun", StartJobRun)
            .Add<GetJobRunRequest, GetJobRunResponse>("GetJobRun", GetJobRun)
            .Add<GetJobRunsRequest, GetJobRunsResponse>("GetJobRuns", GetJobRuns)
            .Add<CreateCrawlerRequest, Empty>("CreateCrawler", CreateCrawler)
            .Add<GetCrawlerRequest, GetCrawlerResponse>("GetCrawler", GetCrawler)
            .Add<BatchGetCrawlersRequest, BatchGetCrawlersResponse>("BatchGetCrawlers", BatchGetCrawlers)
            .Add<GetCrawlerRequest, Empty>("StartCrawler", StartCrawler)
            .Add<StartWorkflowRunRequest, RunIdResponse>("StartWorkflowRun", StartWorkflowRun)
            .Add<GetWorkflowRunRequest, GetWorkflowRunResponse>("GetWorkflowRun", GetWorkflowRun)
            .Add<GetWorkflowRunsRequest, GetWorkflowRunsResponse>("GetWorkflowRuns", GetWorkflowRuns)
            .Add<WorkflowRunRequest, Empty>("StopWorkflowRun", StopWorkflowRun)
            .Add<ResumeWorkflowRunRequest, ResumeWorkflowRunResponse>("ResumeWorkflowRun", ResumeWorkflowRun)
            .Add<WorkflowRunRequest, GetWorkflowRunPropertiesResponse>("GetWorkflowRunProperties", GetWorkflowRunProperties)
            .Add<PutWorkflowRunPropertiesRequest, Empty>("PutWorkflowRunProperties", PutWorkflowRunProperties);
        AddCatalogOperations(Operations, this);
        Restore(durable ?? DurableStore.Disabled);
    }

    public string SigningName => "glue";

    public string? TargetPrefix => "AWSGlue";

    public string? QueryNamespace => null;

    public OperationTable Operations { get; }

    private GlueState State(RequestContext context) => State(context.Account, context.Region);

    private GlueState State(string account, string region) => _states.GetOrAdd((account, region), key => new GlueState(key.Account, key.Region));

    private T Locked<T>(GlueState state, Func<T> action)
    {
        lock (state.Gate)
        {
            try
            {
                return action();
            }
            finally
            {
                Persist(state);
            }
        }
    }

    private static string Required(string? value, string member) =>
        string.IsNullOrWhiteSpace(value) ? throw AwsServiceException.InvalidInput($"{member} is required.") : value;

    private static AwsServiceException NotFound(string what) => new("EntityNotFoundException", $"{what} not found");

    private static WorkflowEntity WorkflowOf(GlueState state, string? name) =>
        state.Workflows.GetValueOrDefault(Required(name, "Name")) ?? throw NotFound($"Workflow {name}");
}
