using System.Collections.Concurrent;
using Amazon.Runtime;
using Dashboard.Aws.Glue;
using Dashboard.Aws.Protocol;

namespace Dashboard.Tests.Shared;

/// <summary>
/// An in-memory Glue for service and component tests. It honours page sizes and tokens like Glue does, counts
/// calls per operation, and can hold calls (to show loading states) or fail them (to show error states).
/// </summary>
public sealed class FakeGlue : IGlueApi
{
    private readonly List<Workflow> _workflows = [];
    private readonly List<Trigger> _triggers = [];
    private readonly Dictionary<string, List<WorkflowRun>> _runs = new(StringComparer.Ordinal);

    public ConcurrentDictionary<string, int> Calls { get; } = new();

    /// <summary>When set, every call waits for it first.</summary>
    public TaskCompletionSource? Gate { get; set; }

    /// <summary>When set, every call throws it.</summary>
    public Exception? Failure { get; set; }

    /// <summary>Whether BatchGetWorkflows returns the graph (moto, for example, never does).</summary>
    public bool ReturnsGraph { get; set; } = true;

    /// <summary>Whether GetWorkflowRun returns the run properties; GetWorkflowRunProperties always does.</summary>
    public bool ReturnsRunProperties { get; set; } = true;

    public IClientConfig Config { get; } = new AwsClientConfig(GlueClient.Spec);

    public int TotalCalls => Calls.Values.Sum();

    /// <summary>Per operation: every call to it throws this.</summary>
    public ConcurrentDictionary<string, Exception> FailingOperations { get; } = new(StringComparer.Ordinal);

    /// <summary>Every UpdateTrigger request, in order.</summary>
    public List<UpdateTriggerRequest> Updates { get; } = [];

    /// <summary>Runs after an UpdateTrigger is applied, before it answers: someone else's change in between.</summary>
    public Action<FakeGlue>? AfterUpdateTrigger { get; set; }

    /// <summary>When set, UpdateTrigger applies the update and then throws this, as a lost answer would look.</summary>
    public Exception? LoseUpdateAnswer { get; set; }

    /// <summary>A trigger without a workflow, or replacing the trigger of the same name.</summary>
    public FakeGlue PutTrigger(Trigger trigger)
    {
        lock (_triggers)
        {
            var index = _triggers.FindIndex(t => t.Name == trigger.Name);
            if (index >= 0)
            {
                _triggers[index] = trigger;
            }
            else
            {
                _triggers.Add(trigger);
            }
        }

        return this;
    }

    public Trigger TriggerNamed(string name)
    {
        lock (_triggers)
        {
            return FindTrigger(name, "Trigger");
        }
    }

    public FakeGlue AddWorkflow(string name, Trigger? startTrigger = null, WorkflowRun? lastRun = null)
    {
        var trigger = startTrigger is null ? null : startTrigger with { WorkflowName = name };
        _workflows.Add(new Workflow
        {
            Name = name,
            LastRun = lastRun,
            Graph = new WorkflowGraph
            {
                Nodes = trigger is null ? [] : [new Node { Type = "TRIGGER", Name = trigger.Name, UniqueId = "n-" + trigger.Name, TriggerDetails = new() { Trigger = trigger } }],
                Edges = [],
            },
        });
        if (trigger is not null)
        {
            _triggers.Add(trigger);
        }

        return this;
    }

    /// <summary>A workflow as given, graph and all (several start triggers, MaxConcurrentRuns); its graph's triggers are registered too.</summary>
    public FakeGlue AddWorkflow(Workflow workflow)
    {
        _workflows.Add(workflow);
        _triggers.AddRange((workflow.Graph?.Nodes ?? []).Select(n => n.TriggerDetails?.Trigger).OfType<Trigger>());
        return this;
    }

    /// <summary>Adds a run to a workflow's history; runs are listed newest first, as Glue lists them.</summary>
    public FakeGlue AddRun(string workflow, WorkflowRun run)
    {
        (_runs.TryGetValue(workflow, out var runs) ? runs : _runs[workflow] = []).Insert(0, run with { Name = workflow });
        return this;
    }

    public static Trigger EventTrigger(string name, int batchSize, int? batchWindow) => new()
    {
        Name = name,
        Type = "EVENT",
        State = "CREATED",
        EventBatchingCondition = new() { BatchSize = batchSize, BatchWindow = batchWindow },
        Actions = [new() { JobName = "job" }],
    };

    public static Trigger ScheduledTrigger(string name, string schedule) => new()
    {
        Name = name,
        Type = "SCHEDULED",
        State = "ACTIVATED",
        Schedule = schedule,
        Actions = [new() { JobName = "job" }],
    };

    public async Task<ListWorkflowsResponse> ListWorkflowsAsync(ListWorkflowsRequest request, CancellationToken cancellationToken = default)
    {
        await EnterAsync("ListWorkflows", cancellationToken);
        var (page, next) = Page(_workflows.Select(w => w.Name ?? string.Empty).ToList(), request.NextToken, request.MaxResults ?? 25, 25);
        return new() { Workflows = page, NextToken = next };
    }

    public async Task<BatchGetWorkflowsResponse> BatchGetWorkflowsAsync(BatchGetWorkflowsRequest request, CancellationToken cancellationToken = default)
    {
        await EnterAsync("BatchGetWorkflows", cancellationToken);
        if (request.Names.Count is < 1 or > 25)
        {
            throw new ArgumentException($"BatchGetWorkflows takes 1-25 names, got {request.Names.Count}.");
        }

        var found = _workflows.Where(w => request.Names.Contains(w.Name ?? string.Empty))
            .Select(w => ReturnsGraph && request.IncludeGraph == true ? WithCurrentTriggers(w) : w with { Graph = null })
            .ToList();
        return new() { Workflows = found, MissingWorkflows = request.Names.Except(found.Select(w => w.Name ?? string.Empty)).ToList() };
    }

    public async Task<ListTriggersResponse> ListTriggersAsync(ListTriggersRequest request, CancellationToken cancellationToken = default)
    {
        await EnterAsync("ListTriggers", cancellationToken);
        var (page, next) = Page(_triggers.Select(t => t.Name ?? string.Empty).ToList(), request.NextToken, request.MaxResults ?? 200, 200);
        return new() { TriggerNames = page, NextToken = next };
    }

    public async Task<BatchGetTriggersResponse> BatchGetTriggersAsync(BatchGetTriggersRequest request, CancellationToken cancellationToken = default)
    {
        await EnterAsync("BatchGetTriggers", cancellationToken);
        var found = _triggers.Where(t => request.TriggerNames.Contains(t.Name ?? string.Empty)).ToList();
        return new() { Triggers = found, TriggersNotFound = request.TriggerNames.Except(found.Select(t => t.Name ?? string.Empty)).ToList() };
    }

    public async Task<GetWorkflowResponse> GetWorkflowAsync(GetWorkflowRequest request, CancellationToken cancellationToken = default)
    {
        await EnterAsync("GetWorkflow", cancellationToken);
        var workflow = _workflows.FirstOrDefault(w => w.Name == request.Name)
            ?? throw AwsErrors.Create(new("Glue", "GetWorkflow", "EntityNotFoundException", $"Workflow with name: {request.Name} not found", null, System.Net.HttpStatusCode.BadRequest, Amazon.Runtime.ErrorType.Sender));
        var lastRun = _runs.GetValueOrDefault(request.Name)?.FirstOrDefault() ?? workflow.LastRun;
        return new() { Workflow = workflow with { LastRun = lastRun, Graph = request.IncludeGraph == true ? WithCurrentTriggers(workflow).Graph : null } };
    }

    /// <summary>The graph's trigger nodes as the triggers are now, as Glue answers: an update shows in the next read.</summary>
    private Workflow WithCurrentTriggers(Workflow workflow)
    {
        if (workflow.Graph?.Nodes is not { } nodes)
        {
            return workflow;
        }

        lock (_triggers)
        {
            var current = nodes.Select(node => node.TriggerDetails?.Trigger?.Name is { } name && _triggers.FirstOrDefault(t => t.Name == name) is { } trigger
                ? node with { TriggerDetails = new() { Trigger = trigger } }
                : node).ToList();
            return workflow with { Graph = workflow.Graph with { Nodes = current } };
        }
    }

    public async Task<GetWorkflowRunsResponse> GetWorkflowRunsAsync(GetWorkflowRunsRequest request, CancellationToken cancellationToken = default)
    {
        await EnterAsync("GetWorkflowRuns", cancellationToken);
        var runs = _runs.GetValueOrDefault(request.Name) ?? [];
        var (page, next) = Page(runs.Select(r => r.WorkflowRunId ?? string.Empty).ToList(), request.NextToken, request.MaxResults ?? 100, 1000);
        return new() { Runs = runs.Where(r => page.Contains(r.WorkflowRunId ?? string.Empty)).ToList(), NextToken = next };
    }

    public async Task<GetWorkflowRunResponse> GetWorkflowRunAsync(GetWorkflowRunRequest request, CancellationToken cancellationToken = default)
    {
        await EnterAsync("GetWorkflowRun", cancellationToken);
        var run = RunOf("GetWorkflowRun", request.Name, request.RunId);
        run = request.IncludeGraph == true ? run : run with { Graph = null };
        return new() { Run = ReturnsRunProperties ? run : run with { WorkflowRunProperties = null } };
    }

    public async Task<GetWorkflowRunPropertiesResponse> GetWorkflowRunPropertiesAsync(GetWorkflowRunPropertiesRequest request, CancellationToken cancellationToken = default)
    {
        await EnterAsync("GetWorkflowRunProperties", cancellationToken);
        return new() { RunProperties = RunOf("GetWorkflowRunProperties", request.Name, request.RunId).WorkflowRunProperties ?? new Dictionary<string, string>() };
    }

    public async Task<GetTriggerResponse> GetTriggerAsync(GetTriggerRequest request, CancellationToken cancellationToken = default)
    {
        await EnterAsync("GetTrigger", cancellationToken);
        lock (_triggers)
        {
            return new() { Trigger = FindTrigger(request.Name, "GetTrigger") };
        }
    }

    /// <summary>Overwrites the whole definition as Glue does: members left out of the update are cleared.</summary>
    public async Task<UpdateTriggerResponse> UpdateTriggerAsync(UpdateTriggerRequest request, CancellationToken cancellationToken = default)
    {
        await EnterAsync("UpdateTrigger", cancellationToken);
        Trigger updated;
        lock (_triggers)
        {
            Updates.Add(request);
            var existing = FindTrigger(request.Name, "UpdateTrigger");
            var update = request.TriggerUpdate;
            if (update.EventBatchingCondition is { } batching && (batching.BatchSize is < 1 or > 100 || batching.BatchWindow is < 1 or > 900))
            {
                throw Error("UpdateTrigger", "InvalidInputException", "EventBatchingCondition is out of range.");
            }

            updated = existing with
            {
                Description = update.Description,
                Schedule = update.Schedule,
                Actions = update.Actions,
                Predicate = update.Predicate,
                EventBatchingCondition = update.EventBatchingCondition,
            };
            _triggers[_triggers.IndexOf(existing)] = updated;
        }

        if (LoseUpdateAnswer is { } lost)
        {
            throw lost;
        }

        AfterUpdateTrigger?.Invoke(this);
        return new() { Trigger = updated };
    }

    /// <summary>Every ResumeWorkflowRun call, in order.</summary>
    public List<ResumeWorkflowRunRequest> Resumes { get; } = [];

    /// <summary>When set, ResumeWorkflowRun throws it (the other calls still work).</summary>
    public Exception? ResumeFailure { get; set; }

    /// <summary>Starts a RUNNING run that names the resumed one as its previous run, as Glue does.</summary>
    public async Task<ResumeWorkflowRunResponse> ResumeWorkflowRunAsync(ResumeWorkflowRunRequest request, CancellationToken cancellationToken = default)
    {
        await EnterAsync("ResumeWorkflowRun", cancellationToken);
        Resumes.Add(request);
        if (ResumeFailure is { } failure)
        {
            throw failure;
        }

        var previous = RunOf("ResumeWorkflowRun", request.Name, request.RunId);
        var id = $"wr_resumed_{Resumes.Count}";
        AddRun(request.Name, previous with
        {
            WorkflowRunId = id,
            PreviousRunId = previous.WorkflowRunId,
            Status = "RUNNING",
            CompletedOn = null,
            Statistics = new() { TotalActions = request.NodeIds.Count, RunningActions = request.NodeIds.Count },
        });
        return new() { RunId = id, NodeIds = request.NodeIds };
    }

    public Task<StartWorkflowRunResponse> StartWorkflowRunAsync(StartWorkflowRunRequest request, CancellationToken cancellationToken = default) => NotUsed<StartWorkflowRunResponse>();

    /// <summary>Every StopWorkflowRun call, in order.</summary>
    public List<StopWorkflowRunRequest> Stops { get; } = [];

    /// <summary>Marks a RUNNING run STOPPING, as Glue does; any other status is refused with IllegalWorkflowStateException.</summary>
    public async Task<StopWorkflowRunResponse> StopWorkflowRunAsync(StopWorkflowRunRequest request, CancellationToken cancellationToken = default)
    {
        await EnterAsync("StopWorkflowRun", cancellationToken);
        Stops.Add(request);
        var run = RunOf("StopWorkflowRun", request.Name, request.RunId);
        if (run.Status != "RUNNING")
        {
            throw Error("StopWorkflowRun", "IllegalWorkflowStateException", $"Workflow run {request.RunId} is {run.Status}; only a RUNNING run can be stopped.");
        }

        var runs = _runs[request.Name];
        runs[runs.IndexOf(run)] = run with { Status = "STOPPING" };
        return new();
    }

    /// <summary>The jobs BatchGetJobs knows, by name.</summary>
    public ConcurrentDictionary<string, Job> Jobs { get; } = new(StringComparer.Ordinal);

    public async Task<BatchGetJobsResponse> BatchGetJobsAsync(BatchGetJobsRequest request, CancellationToken cancellationToken = default)
    {
        await EnterAsync("BatchGetJobs", cancellationToken);
        var names = request.JobNames;
        return new() { Jobs = [.. names.Where(Jobs.ContainsKey).Select(n => Jobs[n])], JobsNotFound = [.. names.Where(n => !Jobs.ContainsKey(n))] };
    }

    /// <summary>The runs GetJobRuns lists, by job; listed newest first, as Glue lists them.</summary>
    public ConcurrentDictionary<string, List<JobRun>> JobRuns { get; } = new(StringComparer.Ordinal);

    public FakeGlue AddJobRun(string job, JobRun run)
    {
        JobRuns.GetOrAdd(job, _ => []).Add(run with { JobName = job, Id = run.Id ?? $"jr_{job}_{JobRuns[job].Count}" });
        return this;
    }

    public async Task<GetJobRunsResponse> GetJobRunsAsync(GetJobRunsRequest request, CancellationToken cancellationToken = default)
    {
        await EnterAsync("GetJobRuns", cancellationToken);
        var runs = (JobRuns.GetValueOrDefault(request.JobName) ?? []).OrderByDescending(r => r.StartedOn).ToList();
        var (page, next) = Page(runs, request.NextToken, request.MaxResults ?? 100, 200);
        return new() { JobRuns = page, NextToken = next };
    }

    /// <summary>The crawlers BatchGetCrawlers knows, by name.</summary>
    public ConcurrentDictionary<string, Crawler> Crawlers { get; } = new(StringComparer.Ordinal);

    public async Task<BatchGetCrawlersResponse> BatchGetCrawlersAsync(BatchGetCrawlersRequest request, CancellationToken cancellationToken = default)
    {
        await EnterAsync("BatchGetCrawlers", cancellationToken);
        var names = request.CrawlerNames ?? [];
        return new() { Crawlers = [.. names.Where(Crawlers.ContainsKey).Select(n => Crawlers[n])], CrawlersNotFound = [.. names.Where(n => !Crawlers.ContainsKey(n))] };
    }

    public void Dispose()
    {
    }

    internal static (List<T> Page, string? Next) Page<T>(List<T> all, string? token, int size, int max)
    {
        if (size < 1 || size > max)
        {
            throw new ArgumentOutOfRangeException(nameof(size), size, $"MaxResults must be 1-{max}.");
        }

        var start = token is null ? 0 : int.Parse(token, System.Globalization.CultureInfo.InvariantCulture);
        var page = all.Skip(start).Take(size).ToList();
        var next = start + size < all.Count ? (start + size).ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
        return (page, next);
    }

    private async Task EnterAsync(string operation, CancellationToken cancellationToken)
    {
        Calls.AddOrUpdate(operation, 1, (_, n) => n + 1);
        cancellationToken.ThrowIfCancellationRequested();
        if (Gate is { } gate)
        {
            await gate.Task.WaitAsync(cancellationToken);
        }

        if (Failure is { } failure)
        {
            throw failure;
        }

        if (FailingOperations.TryGetValue(operation, out var operationFailure))
        {
            throw operationFailure;
        }
    }

    private WorkflowRun RunOf(string operation, string workflow, string runId)
    {
        if (_runs.GetValueOrDefault(workflow)?.FirstOrDefault(r => r.WorkflowRunId == runId) is { } run)
        {
            return run;
        }

        throw _workflows.Any(w => w.Name == workflow) || _runs.ContainsKey(workflow)
            ? NotFound(operation, $"Workflow run {runId} of {workflow} not found.")
            : NotFound(operation, $"Workflow {workflow} not found.");
    }

    private static AwsApiException NotFound(string operation, string message) =>
        AwsErrors.Create(new("Glue", operation, "EntityNotFoundException", message, null, System.Net.HttpStatusCode.BadRequest, ErrorType.Sender));

    private Trigger FindTrigger(string name, string operation) =>
        _triggers.FirstOrDefault(t => t.Name == name) ?? throw Error(operation, "EntityNotFoundException", $"Trigger with name: {name} not found");

    public static AwsApiException Error(string operation, string code, string message) =>
        AwsErrors.Create(new("Glue", operation, code, message, "req-1", System.Net.HttpStatusCode.BadRequest, Amazon.Runtime.ErrorType.Sender));

    private static Task<T> NotUsed<T>([System.Runtime.CompilerServices.CallerMemberName] string operation = "") =>
        throw new NotSupportedException($"FakeGlue does not implement {operation}; the code under test should not call it.");
}

/// <summary>A fixed caller identity.</summary>
public sealed class FakeCloudIdentity(string account = "123456789012", string region = "eu-west-1") : Dashboard.Cloud.ICloudIdentity
{
    public Exception? Failure { get; set; }

    public Dashboard.Configuration.CloudMode Mode { get; init; } = Dashboard.Configuration.CloudMode.Aws;

    public Uri? LocalEndpoint => null;

    public string Region => region;

    public Task<Dashboard.Cloud.CloudIdentityInfo> GetAsync(CancellationToken cancellationToken) => Failure is { } failure
        ? Task.FromException<Dashboard.Cloud.CloudIdentityInfo>(failure)
        : Task.FromResult(new Dashboard.Cloud.CloudIdentityInfo(Mode, account, region, $"arn:aws:iam::{account}:user/tester", null));
}
