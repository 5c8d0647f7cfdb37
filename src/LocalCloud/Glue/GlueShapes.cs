namespace LocalCloud.Glue;

// Glue's shapes as LocalCloud serves them (glue 2017-03-31). Output members are left null when AWS omits them.

public sealed record CreateWorkflowRequest(string? Name, string? Description, Dictionary<string, string>? DefaultRunProperties, int? MaxConcurrentRuns, Dictionary<string, string>? Tags);

public sealed record NameResponse(string? Name);

public sealed record GetWorkflowRequest(string? Name, bool? IncludeGraph);

public sealed record GetWorkflowResponse(Workflow Workflow);

public sealed record ListRequest(string? NextToken, int? MaxResults);

public sealed record ListWorkflowsResponse(List<string> Workflows, string? NextToken);

public sealed record BatchGetWorkflowsRequest(List<string>? Names, bool? IncludeGraph);

public sealed record BatchGetWorkflowsResponse(List<Workflow> Workflows, List<string> MissingWorkflows);

public sealed record UpdateWorkflowRequest(string? Name, string? Description, Dictionary<string, string>? DefaultRunProperties, int? MaxConcurrentRuns);

public sealed record DeleteRequest(string? Name);

public sealed record CreateTriggerRequest(
    string? Name,
    string? WorkflowName,
    string? Type,
    string? Schedule,
    Predicate? Predicate,
    List<GlueAction>? Actions,
    string? Description,
    bool? StartOnCreation,
    Dictionary<string, string>? Tags,
    EventBatchingCondition? EventBatchingCondition);

public sealed record GetTriggerRequest(string? Name);

public sealed record GetTriggerResponse(Trigger Trigger);

public sealed record GetTriggersRequest(string? NextToken, string? DependentJobName, int? MaxResults);

public sealed record GetTriggersResponse(List<Trigger> Triggers, string? NextToken);

public sealed record ListTriggersRequest(string? NextToken, string? DependentJobName, int? MaxResults, Dictionary<string, string>? Tags);

public sealed record ListTriggersResponse(List<string> TriggerNames, string? NextToken);

public sealed record BatchGetTriggersRequest(List<string>? TriggerNames);

public sealed record BatchGetTriggersResponse(List<Trigger> Triggers, List<string> TriggersNotFound);

public sealed record UpdateTriggerRequest(string? Name, TriggerUpdate? TriggerUpdate);

public sealed record TriggerUpdate(string? Name, string? Description, string? Schedule, List<GlueAction>? Actions, Predicate? Predicate, EventBatchingCondition? EventBatchingCondition);

public sealed record CreateJobRequest(
    string? Name,
    string? Description,
    string? Role,
    ExecutionProperty? ExecutionProperty,
    JobCommand? Command,
    Dictionary<string, string>? DefaultArguments,
    int? MaxRetries,
    int? Timeout,
    double? MaxCapacity,
    string? WorkerType,
    int? NumberOfWorkers,
    string? GlueVersion,
    Dictionary<string, string>? Tags);

public sealed record GetJobRequest(string? JobName);

public sealed record GetJobResponse(Job Job);

public sealed record BatchGetJobsRequest(List<string>? JobNames);

public sealed record BatchGetJobsResponse(List<Job> Jobs, List<string> JobsNotFound);

public sealed record StartJobRunRequest(string? JobName, string? JobRunId, Dictionary<string, string>? Arguments, int? Timeout);

public sealed record StartJobRunResponse(string JobRunId);

public sealed record GetJobRunRequest(string? JobName, string? RunId);

public sealed record GetJobRunResponse(JobRun JobRun);

public sealed record GetJobRunsRequest(string? JobName, string? NextToken, int? MaxResults);

public sealed record GetJobRunsResponse(List<JobRun> JobRuns, string? NextToken);

public sealed record CreateCrawlerRequest(string? Name, string? Role, string? DatabaseName, string? Description, CrawlerTargets? Targets, string? Schedule, Dictionary<string, string>? Tags);

public sealed record GetCrawlerRequest(string? Name);

public sealed record GetCrawlerResponse(Crawler Crawler);

public sealed record BatchGetCrawlersRequest(List<string>? CrawlerNames);

public sealed record BatchGetCrawlersResponse(List<Crawler> Crawlers, List<string> CrawlersNotFound);

public sealed record StartWorkflowRunRequest(string? Name, Dictionary<string, string>? RunProperties);

public sealed record RunIdResponse(string RunId);

public sealed record GetWorkflowRunRequest(string? Name, string? RunId, bool? IncludeGraph);

public sealed record GetWorkflowRunResponse(WorkflowRun Run);

public sealed record GetWorkflowRunsRequest(string? Name, bool? IncludeGraph, string? NextToken, int? MaxResults);

public sealed record GetWorkflowRunsResponse(List<WorkflowRun> Runs, string? NextToken);

public sealed record WorkflowRunRequest(string? Name, string? RunId);

public sealed record ResumeWorkflowRunRequest(string? Name, string? RunId, List<string>? NodeIds);

public sealed record ResumeWorkflowRunResponse(string RunId, List<string> NodeIds);

public sealed record GetWorkflowRunPropertiesResponse(Dictionary<string, string> RunProperties);

public sealed record PutWorkflowRunPropertiesRequest(string? Name, string? RunId, Dictionary<string, string>? RunProperties);

// Structures

public sealed record Workflow(
    string Name,
    string? Description,
    Dictionary<string, string>? DefaultRunProperties,
    DateTimeOffset CreatedOn,
    DateTimeOffset LastModifiedOn,
    WorkflowRun? LastRun,
    WorkflowGraph? Graph,
    int? MaxConcurrentRuns);

public sealed record WorkflowRun(
    string Name,
    string WorkflowRunId,
    string? PreviousRunId,
    Dictionary<string, string> WorkflowRunProperties,
    DateTimeOffset StartedOn,
    DateTimeOffset? CompletedOn,
    string Status,
    string? ErrorMessage,
    WorkflowRunStatistics Statistics,
    WorkflowGraph? Graph,
    StartingEventBatchCondition? StartingEventBatchCondition);

public sealed record WorkflowRunStatistics(
    int TotalActions,
    int TimeoutActions,
    int FailedActions,
    int StoppedActions,
    int SucceededActions,
    int RunningActions,
    int ErroredActions,
    int WaitingActions);

public sealed record StartingEventBatchCondition(int? BatchSize, int? BatchWindow);

public sealed record WorkflowGraph(List<Node> Nodes, List<Edge> Edges);

public sealed record Node(string Type, string Name, string UniqueId, TriggerNodeDetails? TriggerDetails, JobNodeDetails? JobDetails, CrawlerNodeDetails? CrawlerDetails);

public sealed record Edge(string SourceId, string DestinationId);

public sealed record TriggerNodeDetails(Trigger Trigger);

public sealed record JobNodeDetails(List<JobRun> JobRuns);

public sealed record CrawlerNodeDetails(List<Crawl> Crawls);

public sealed record Crawl(string State, DateTimeOffset StartedOn, DateTimeOffset? CompletedOn, string? ErrorMessage, string LogGroup, string LogStream);

public sealed record Trigger(
    string Name,
    string? WorkflowName,
    string Id,
    string Type,
    string State,
    string? Description,
    string? Schedule,
    List<GlueAction> Actions,
    Predicate? Predicate,
    EventBatchingCondition? EventBatchingCondition);

/// <summary>The model's <c>Action</c> shape.</summary>
public sealed record GlueAction(string? JobName, Dictionary<string, string>? Arguments, int? Timeout, string? SecurityConfiguration, NotificationProperty? NotificationProperty, string? CrawlerName);

public sealed record NotificationProperty(int? NotifyDelayAfter);

public sealed record Predicate(string? Logical, List<Condition>? Conditions);

public sealed record Condition(string? LogicalOperator, string? JobName, string? State, string? CrawlerName, string? CrawlState);

public sealed record EventBatchingCondition(int BatchSize, int? BatchWindow);

public sealed record Job(
    string Name,
    string? Description,
    string? Role,
    DateTimeOffset CreatedOn,
    DateTimeOffset LastModifiedOn,
    ExecutionProperty ExecutionProperty,
    JobCommand? Command,
    Dictionary<string, string>? DefaultArguments,
    int MaxRetries,
    int Timeout,
    double? MaxCapacity,
    string? WorkerType,
    int? NumberOfWorkers,
    string GlueVersion);

public sealed record ExecutionProperty(int? MaxConcurrentRuns);

public sealed record JobCommand(string? Name, string? ScriptLocation, string? PythonVersion);

public sealed record JobRun(
    string Id,
    int Attempt,
    string? TriggerName,
    string JobName,
    DateTimeOffset StartedOn,
    DateTimeOffset LastModifiedOn,
    DateTimeOffset? CompletedOn,
    string JobRunState,
    Dictionary<string, string>? Arguments,
    string? ErrorMessage,
    int ExecutionTime,
    int Timeout,
    double? MaxCapacity,
    string GlueVersion,
    double? DPUSeconds);

public sealed record Crawler(
    string Name,
    string? Role,
    CrawlerTargets? Targets,
    string? DatabaseName,
    string? Description,
    string State,
    DateTimeOffset CreationTime,
    DateTimeOffset LastUpdated,
    LastCrawlInfo? LastCrawl,
    CrawlerSchedule? Schedule);

public sealed record CrawlerSchedule(string? ScheduleExpression, string? State);

public sealed record CrawlerTargets(List<S3Target>? S3Targets);

public sealed record S3Target(string? Path, List<string>? Exclusions);

public sealed record LastCrawlInfo(string Status, string? ErrorMessage, string LogGroup, string LogStream, DateTimeOffset StartTime);
