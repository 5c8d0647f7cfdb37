namespace Dashboard.Aws.Glue;

// Glue request and response shapes, named and spelled as in the service model (glue 2017-03-31).
// Only the members the dashboard reads or must send back are declared; unknown members are ignored on read.

public sealed record ListWorkflowsRequest
{
    public string? NextToken { get; init; }

    /// <summary>1–25.</summary>
    public int? MaxResults { get; init; }
}

public sealed record ListWorkflowsResponse
{
    public IReadOnlyList<string>? Workflows { get; init; }

    public string? NextToken { get; init; }
}

public sealed record BatchGetWorkflowsRequest
{
    /// <summary>1–25 names.</summary>
    public required IReadOnlyList<string> Names { get; init; }

    public bool? IncludeGraph { get; init; }
}

public sealed record BatchGetWorkflowsResponse
{
    public IReadOnlyList<Workflow>? Workflows { get; init; }

    public IReadOnlyList<string>? MissingWorkflows { get; init; }
}

public sealed record GetWorkflowRequest
{
    public required string Name { get; init; }

    public bool? IncludeGraph { get; init; }
}

public sealed record GetWorkflowResponse
{
    public Workflow? Workflow { get; init; }
}

public sealed record GetWorkflowRunsRequest
{
    public required string Name { get; init; }

    public bool? IncludeGraph { get; init; }

    public string? NextToken { get; init; }

    /// <summary>1–1000.</summary>
    public int? MaxResults { get; init; }
}

public sealed record GetWorkflowRunsResponse
{
    public IReadOnlyList<WorkflowRun>? Runs { get; init; }

    public string? NextToken { get; init; }
}

public sealed record GetWorkflowRunRequest
{
    public required string Name { get; init; }

    public required string RunId { get; init; }

    public bool? IncludeGraph { get; init; }
}

public sealed record GetWorkflowRunResponse
{
    public WorkflowRun? Run { get; init; }
}

public sealed record GetWorkflowRunPropertiesRequest
{
    public required string Name { get; init; }

    public required string RunId { get; init; }
}

public sealed record GetWorkflowRunPropertiesResponse
{
    public IReadOnlyDictionary<string, string>? RunProperties { get; init; }
}

public sealed record ListTriggersRequest
{
    public string? NextToken { get; init; }

    public string? DependentJobName { get; init; }

    /// <summary>1–200.</summary>
    public int? MaxResults { get; init; }

    public IReadOnlyDictionary<string, string>? Tags { get; init; }
}

public sealed record ListTriggersResponse
{
    public IReadOnlyList<string>? TriggerNames { get; init; }

    public string? NextToken { get; init; }
}

public sealed record BatchGetTriggersRequest
{
    public required IReadOnlyList<string> TriggerNames { get; init; }
}

public sealed record BatchGetTriggersResponse
{
    public IReadOnlyList<Trigger>? Triggers { get; init; }

    public IReadOnlyList<string>? TriggersNotFound { get; init; }
}

public sealed record GetTriggerRequest
{
    public required string Name { get; init; }
}

public sealed record GetTriggerResponse
{
    public Trigger? Trigger { get; init; }
}

public sealed record UpdateTriggerRequest
{
    public required string Name { get; init; }

    /// <summary>Overwrites the whole trigger definition: send back everything that must be kept.</summary>
    public required TriggerUpdate TriggerUpdate { get; init; }
}

public sealed record UpdateTriggerResponse
{
    public Trigger? Trigger { get; init; }
}

public sealed record ResumeWorkflowRunRequest
{
    public required string Name { get; init; }

    public required string RunId { get; init; }

    public required IReadOnlyList<string> NodeIds { get; init; }
}

public sealed record ResumeWorkflowRunResponse
{
    public string? RunId { get; init; }

    public IReadOnlyList<string>? NodeIds { get; init; }
}

public sealed record StartWorkflowRunRequest
{
    public required string Name { get; init; }

    public IReadOnlyDictionary<string, string>? RunProperties { get; init; }
}

public sealed record StartWorkflowRunResponse
{
    public string? RunId { get; init; }
}

public sealed record StopWorkflowRunRequest
{
    public required string Name { get; init; }

    public required string RunId { get; init; }
}

public sealed record StopWorkflowRunResponse;

public sealed record BatchGetJobsRequest
{
    public required IReadOnlyList<string> JobNames { get; init; }
}

public sealed record BatchGetJobsResponse
{
    public IReadOnlyList<Job>? Jobs { get; init; }

    public IReadOnlyList<string>? JobsNotFound { get; init; }
}

public sealed record GetJobRunsRequest
{
    public required string JobName { get; init; }

    public string? NextToken { get; init; }

    /// <summary>1–200.</summary>
    public int? MaxResults { get; init; }
}

public sealed record GetJobRunsResponse
{
    public IReadOnlyList<JobRun>? JobRuns { get; init; }

    public string? NextToken { get; init; }
}

public sealed record BatchGetCrawlersRequest
{
    public required IReadOnlyList<string> CrawlerNames { get; init; }
}

public sealed record BatchGetCrawlersResponse
{
    public IReadOnlyList<Crawler>? Crawlers { get; init; }

    public IReadOnlyList<string>? CrawlersNotFound { get; init; }
}

// Structures

public sealed record Workflow
{
    public string? Name { get; init; }

    public string? Description { get; init; }

    public IReadOnlyDictionary<string, string>? DefaultRunProperties { get; init; }

    public DateTimeOffset? CreatedOn { get; init; }

    public DateTimeOffset? LastModifiedOn { get; init; }

    public WorkflowRun? LastRun { get; init; }

    public WorkflowGraph? Graph { get; init; }

    public int? MaxConcurrentRuns { get; init; }
}

public sealed record WorkflowRun
{
    public string? Name { get; init; }

    public string? WorkflowRunId { get; init; }

    public string? PreviousRunId { get; init; }

    public IReadOnlyDictionary<string, string>? WorkflowRunProperties { get; init; }

    public DateTimeOffset? StartedOn { get; init; }

    public DateTimeOffset? CompletedOn { get; init; }

    /// <summary>RUNNING | COMPLETED | STOPPING | STOPPED | ERROR. COMPLETED does not mean every action succeeded.</summary>
    public string? Status { get; init; }

    public string? ErrorMessage { get; init; }

    public WorkflowRunStatistics? Statistics { get; init; }

    public WorkflowGraph? Graph { get; init; }

    public StartingEventBatchCondition? StartingEventBatchCondition { get; init; }
}

public sealed record WorkflowRunStatistics
{
    public int TotalActions { get; init; }

    public int TimeoutActions { get; init; }

    public int FailedActions { get; init; }

    public int StoppedActions { get; init; }

    public int SucceededActions { get; init; }

    public int RunningActions { get; init; }

    public int ErroredActions { get; init; }

    public int WaitingActions { get; init; }
}

public sealed record StartingEventBatchCondition
{
    /// <summary>Non-zero when the run started because the batch size was reached.</summary>
    public int? BatchSize { get; init; }

    /// <summary>Non-zero when the run started because the batch window expired.</summary>
    public int? BatchWindow { get; init; }
}

public sealed record WorkflowGraph
{
    public IReadOnlyList<Node>? Nodes { get; init; }

    public IReadOnlyList<Edge>? Edges { get; init; }
}

public sealed record Node
{
    /// <summary>CRAWLER | JOB | TRIGGER.</summary>
    public string? Type { get; init; }

    public string? Name { get; init; }

    public string? UniqueId { get; init; }

    public TriggerNodeDetails? TriggerDetails { get; init; }

    public JobNodeDetails? JobDetails { get; init; }

    public CrawlerNodeDetails? CrawlerDetails { get; init; }
}

public sealed record Edge
{
    public string? SourceId { get; init; }

    public string? DestinationId { get; init; }
}

public sealed record TriggerNodeDetails
{
    public Trigger? Trigger { get; init; }
}

public sealed record JobNodeDetails
{
    public IReadOnlyList<JobRun>? JobRuns { get; init; }
}

public sealed record CrawlerNodeDetails
{
    public IReadOnlyList<Crawl>? Crawls { get; init; }
}

public sealed record Crawl
{
    public string? State { get; init; }

    public DateTimeOffset? StartedOn { get; init; }

    public DateTimeOffset? CompletedOn { get; init; }

    public string? ErrorMessage { get; init; }

    public string? LogGroup { get; init; }

    public string? LogStream { get; init; }
}

public sealed record Trigger
{
    public string? Name { get; init; }

    public string? WorkflowName { get; init; }

    public string? Id { get; init; }

    /// <summary>SCHEDULED | CONDITIONAL | ON_DEMAND | EVENT.</summary>
    public string? Type { get; init; }

    public string? State { get; init; }

    public string? Description { get; init; }

    public string? Schedule { get; init; }

    public IReadOnlyList<GlueAction>? Actions { get; init; }

    public Predicate? Predicate { get; init; }

    public EventBatchingCondition? EventBatchingCondition { get; init; }
}

/// <summary>The whole new definition of a trigger: <c>UpdateTrigger</c> overwrites every member.</summary>
public sealed record TriggerUpdate
{
    public string? Name { get; init; }

    public string? Description { get; init; }

    public string? Schedule { get; init; }

    public IReadOnlyList<GlueAction>? Actions { get; init; }

    public Predicate? Predicate { get; init; }

    public EventBatchingCondition? EventBatchingCondition { get; init; }
}

/// <summary>The model's <c>Action</c> shape, renamed in C# only to avoid <see cref="System.Action"/>.</summary>
public sealed record GlueAction
{
    public string? JobName { get; init; }

    public IReadOnlyDictionary<string, string>? Arguments { get; init; }

    public int? Timeout { get; init; }

    public string? SecurityConfiguration { get; init; }

    public NotificationProperty? NotificationProperty { get; init; }

    public string? CrawlerName { get; init; }
}

public sealed record NotificationProperty
{
    public int? NotifyDelayAfter { get; init; }
}

public sealed record Predicate
{
    /// <summary>AND | ANY.</summary>
    public string? Logical { get; init; }

    public IReadOnlyList<Condition>? Conditions { get; init; }
}

public sealed record Condition
{
    public string? LogicalOperator { get; init; }

    public string? JobName { get; init; }

    public string? State { get; init; }

    public string? CrawlerName { get; init; }

    public string? CrawlState { get; init; }
}

public sealed record EventBatchingCondition
{
    /// <summary>1–100 events.</summary>
    public int BatchSize { get; init; }

    /// <summary>1–900 seconds; AWS uses 900 when absent.</summary>
    public int? BatchWindow { get; init; }
}

public sealed record Job
{
    public string? Name { get; init; }

    public string? Description { get; init; }

    public string? Role { get; init; }

    public DateTimeOffset? CreatedOn { get; init; }

    public DateTimeOffset? LastModifiedOn { get; init; }

    public ExecutionProperty? ExecutionProperty { get; init; }

    public JobCommand? Command { get; init; }

    public IReadOnlyDictionary<string, string>? DefaultArguments { get; init; }

    public int? MaxRetries { get; init; }

    public int? Timeout { get; init; }

    public double? MaxCapacity { get; init; }

    public string? WorkerType { get; init; }

    public int? NumberOfWorkers { get; init; }

    public string? GlueVersion { get; init; }

    public string? ExecutionClass { get; init; }
}

public sealed record ExecutionProperty
{
    public int? MaxConcurrentRuns { get; init; }
}

public sealed record JobCommand
{
    public string? Name { get; init; }

    public string? ScriptLocation { get; init; }

    public string? PythonVersion { get; init; }
}

public sealed record JobRun
{
    public string? Id { get; init; }

    public int? Attempt { get; init; }

    public string? PreviousRunId { get; init; }

    public string? TriggerName { get; init; }

    public string? JobName { get; init; }

    public DateTimeOffset? StartedOn { get; init; }

    public DateTimeOffset? LastModifiedOn { get; init; }

    public DateTimeOffset? CompletedOn { get; init; }

    /// <summary>STARTING | RUNNING | STOPPING | STOPPED | SUCCEEDED | FAILED | TIMEOUT | ERROR | WAITING | EXPIRED.</summary>
    public string? JobRunState { get; init; }

    public IReadOnlyDictionary<string, string>? Arguments { get; init; }

    public string? ErrorMessage { get; init; }

    public IReadOnlyList<Predecessor>? PredecessorRuns { get; init; }

    /// <summary>Seconds.</summary>
    public int? ExecutionTime { get; init; }

    public int? Timeout { get; init; }

    public double? MaxCapacity { get; init; }

    public string? WorkerType { get; init; }

    public int? NumberOfWorkers { get; init; }

    public string? GlueVersion { get; init; }

    public double? DPUSeconds { get; init; }
}

public sealed record Predecessor
{
    public string? JobName { get; init; }

    public string? RunId { get; init; }
}

public sealed record Crawler
{
    public string? Name { get; init; }

    public string? Role { get; init; }

    public CrawlerTargets? Targets { get; init; }

    public string? DatabaseName { get; init; }

    public string? Description { get; init; }

    /// <summary>READY | RUNNING | STOPPING.</summary>
    public string? State { get; init; }

    public DateTimeOffset? CreationTime { get; init; }

    public DateTimeOffset? LastUpdated { get; init; }

    public LastCrawlInfo? LastCrawl { get; init; }
}

public sealed record CrawlerTargets
{
    public IReadOnlyList<S3Target>? S3Targets { get; init; }
}

public sealed record S3Target
{
    public string? Path { get; init; }

    public IReadOnlyList<string>? Exclusions { get; init; }
}

public sealed record LastCrawlInfo
{
    /// <summary>SUCCEEDED | CANCELLED | FAILED.</summary>
    public string? Status { get; init; }

    public string? ErrorMessage { get; init; }

    public DateTimeOffset? StartTime { get; init; }
}
