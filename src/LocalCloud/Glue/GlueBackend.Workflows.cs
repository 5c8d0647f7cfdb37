using LocalCloud.Protocol;

namespace LocalCloud.Glue;

public sealed partial class GlueBackend
{
    private NameResponse CreateWorkflow(RequestContext context, CreateWorkflowRequest request)
    {
        var name = Required(request.Name, "Name");
        ValidateMaxConcurrentRuns(request.MaxConcurrentRuns);
        var state = State(context);
        return Locked(state, () =>
        {
            if (state.Workflows.ContainsKey(name))
            {
                throw new AwsServiceException("AlreadyExistsException", $"Workflow {name} already exists.");
            }

            state.Workflows[name] = new WorkflowEntity(name, _time.GetUtcNow())
            {
                Description = request.Description,
                DefaultRunProperties = request.DefaultRunProperties,
                MaxConcurrentRuns = request.MaxConcurrentRuns,
            };
            return new NameResponse(name);
        });
    }

    private GetWorkflowResponse GetWorkflow(RequestContext context, GetWorkflowRequest request)
    {
        var state = State(context);
        return Locked(state, () => new GetWorkflowResponse(Project(state, WorkflowOf(state, request.Name), request.IncludeGraph == true)));
    }

    private ListWorkflowsResponse ListWorkflows(RequestContext context, ListRequest request)
    {
        var state = State(context);
        var names = Locked(state, () => state.Workflows.Keys.Order(StringComparer.Ordinal).ToList());
        var (page, next) = Pagination.Page(names, request.NextToken, request.MaxResults, 25, 25);
        return new ListWorkflowsResponse(page, next);
    }

    private BatchGetWorkflowsResponse BatchGetWorkflows(RequestContext context, BatchGetWorkflowsRequest request)
    {
        var names = request.Names ?? throw AwsServiceException.InvalidInput("Names is required.");
        if (names.Count is < 1 or > 25)
        {
            throw AwsServiceException.InvalidInput($"Names must hold 1 to 25 workflow names, but held {names.Count}.");
        }

        var state = State(context);
        return Locked(state, () =>
        {
            var found = names.Distinct(StringComparer.Ordinal).Where(state.Workflows.ContainsKey)
                .Select(n => Project(state, state.Workflows[n], request.IncludeGraph == true)).ToList();
            return new BatchGetWorkflowsResponse(found, names.Where(n => !state.Workflows.ContainsKey(n)).Distinct(StringComparer.Ordinal).ToList());
        });
    }

    private NameResponse UpdateWorkflow(RequestContext context, UpdateWorkflowRequest request)
    {
        ValidateMaxConcurrentRuns(request.MaxConcurrentRuns);
        var state = State(context);
        return Locked(state, () =>
        {
            var workflow = WorkflowOf(state, request.Name);
            workflow.Description = request.Description ?? workflow.Description;
            workflow.DefaultRunProperties = request.DefaultRunProperties ?? workflow.DefaultRunProperties;
            workflow.MaxConcurrentRuns = request.MaxConcurrentRuns ?? workflow.MaxConcurrentRuns;
            workflow.LastModifiedOn = _time.GetUtcNow();
            return new NameResponse(workflow.Name);
        });
    }

    private NameResponse DeleteWorkflow(RequestContext context, DeleteRequest request)
    {
        var name = Required(request.Name, "Name");
        var state = State(context);
        return Locked(state, () =>
        {
            // Like Glue: deleting a missing workflow succeeds, and the workflow's triggers go with it.
            if (state.Workflows.Remove(name, out var workflow))
            {
                workflow.Batch?.WindowTimer?.Dispose();
                foreach (var trigger in state.Triggers.Values.Where(t => t.WorkflowName == name).ToList())
                {
                    state.Triggers.Remove(trigger.Name);
                }
            }

            return new NameResponse(name);
        });
    }

    private static void ValidateMaxConcurrentRuns(int? value)
    {
        if (value is < 1)
        {
            throw AwsServiceException.InvalidInput($"MaxConcurrentRuns must be at least 1, but was {value}.");
        }
    }

    private static Workflow Project(GlueState state, WorkflowEntity workflow, bool includeGraph) => new(
        workflow.Name,
        workflow.Description,
        workflow.DefaultRunProperties,
        workflow.CreatedOn,
        workflow.LastModifiedOn,
        workflow.Runs.Count == 0 ? null : Project(state, workflow.Runs[^1], includeGraph: false),
        includeGraph ? Graph(state, state.Triggers.Values.Where(t => t.WorkflowName == workflow.Name).ToList(), run: null) : null,
        workflow.MaxConcurrentRuns);

    /// <summary>
    /// The workflow's graph: every trigger, the jobs and crawlers they start or watch, and the edges between them.
    /// With a run, job and crawler nodes carry that run's job runs and crawls.
    /// </summary>
    private static WorkflowGraph Graph(GlueState state, List<Trigger> triggers, RunEntity? run)
    {
        var nodes = new Dictionary<string, Node>(StringComparer.Ordinal);
        var edges = new HashSet<Edge>();

        void AddAction(string kind, string name)
        {
            var id = NodeId(kind, name);
            if (nodes.ContainsKey(id))
            {
                return;
            }

            var runs = run?.Actions.Where(a => a.Kind == kind && a.Name == name).ToList() ?? [];
            nodes[id] = kind == ActionRun.JobKind
                ? new Node(kind, name, id, null, new JobNodeDetails(runs.Select(r => ProjectJobRun(state, r)).ToList()), null)
                : new Node(kind, name, id, null, null, new CrawlerNodeDetails(runs.Select(ProjectCrawl).ToList()));
        }

        foreach (var trigger in triggers)
        {
            var triggerId = NodeId("TRIGGER", trigger.Name);
            nodes[triggerId] = new Node("TRIGGER", trigger.Name, triggerId, new TriggerNodeDetails(trigger), null, null);
            foreach (var action in trigger.Actions)
            {
                var (kind, name) = action.JobName is { } job ? (ActionRun.JobKind, job) : (ActionRun.CrawlerKind, action.CrawlerName ?? string.Empty);
                AddAction(kind, name);
                edges.Add(new Edge(triggerId, NodeId(kind, name)));
            }

            foreach (var condition in trigger.Predicate?.Conditions ?? [])
            {
                var (kind, name) = condition.JobName is { } job ? (ActionRun.JobKind, job) : (ActionRun.CrawlerKind, condition.CrawlerName ?? string.Empty);
                AddAction(kind, name);
                edges.Add(new Edge(NodeId(kind, name), triggerId));
            }
        }

        return new WorkflowGraph(nodes.Values.ToList(), edges.ToList());
    }

    internal static string NodeId(string kind, string name) => $"wnode_{kind.ToLowerInvariant()}_{name}";
}
