using LocalCloud.Protocol;

namespace LocalCloud.Glue;

public sealed partial class GlueBackend
{
    private RunIdResponse StartWorkflowRun(RequestContext context, StartWorkflowRunRequest request)
    {
        var state = State(context);
        return Locked(state, () =>
        {
            var workflow = WorkflowOf(state, request.Name);
            if (workflow.MaxConcurrentRuns is { } limit && workflow.ActiveRuns >= limit)
            {
                throw new AwsServiceException("ConcurrentRunsExceededException", $"Concurrent runs exceeded for workflow: {workflow.Name}.");
            }

            return new RunIdResponse(StartRun(state, workflow, request.RunProperties, batch: null, previousRunId: null, resumeNodes: null).Id);
        });
    }

    private GetWorkflowRunResponse GetWorkflowRun(RequestContext context, GetWorkflowRunRequest request)
    {
        var state = State(context);
        return Locked(state, () => new GetWorkflowRunResponse(Project(state, RunOf(state, request.Name, request.RunId), request.IncludeGraph == true)));
    }

    private GetWorkflowRunsResponse GetWorkflowRuns(RequestContext context, GetWorkflowRunsRequest request)
    {
        var state = State(context);
        var runs = Locked(state, () => Enumerable.Reverse(WorkflowOf(state, request.Name).Runs).ToList());
        var (page, next) = Pagination.Page(runs, request.NextToken, request.MaxResults, 100, 1000);
        return new GetWorkflowRunsResponse(Locked(state, () => page.Select(r => Project(state, r, request.IncludeGraph != false)).ToList()), next);
    }

    private Empty StopWorkflowRun(RequestContext context, WorkflowRunRequest request)
    {
        var state = State(context);
        return Locked(state, () =>
        {
            var run = RunOf(state, request.Name, request.RunId);
            if (run.Status != RunStatus.Running)
            {
                throw new AwsServiceException("IllegalWorkflowStateException", $"Workflow run {run.Id} is {run.Status}; only a RUNNING run can be stopped.");
            }

            run.Status = RunStatus.Stopping;
            foreach (var action in run.Actions.Where(a => a.State == ActionState.Running).ToList())
            {
                action.Timer?.Dispose();
                Finish(state, action, ActionState.Stopped, "Stopped by StopWorkflowRun.");
            }

            CompleteIfIdle(state, run);
            return new Empty();
        });
    }

    /// <summary>
    /// Re-runs the named failed nodes of a COMPLETED run, and what follows them, as a new run whose
    /// <c>PreviousRunId</c> is the old one.
    /// </summary>
    private ResumeWorkflowRunResponse ResumeWorkflowRun(RequestContext context, ResumeWorkflowRunRequest request)
    {
        var nodeIds = request.NodeIds is { Count: > 0 } ids ? ids : throw AwsServiceException.InvalidInput("NodeIds must name at least one node.");
        var state = State(context);
        return Locked(state, () =>
        {
            var workflow = WorkflowOf(state, request.Name);
            var previous = RunOf(state, request.Name, request.RunId);
            var failed = previous.Actions.Where(a => a.State is not ActionState.Succeeded and not ActionState.Running)
                .Select(a => NodeId(a.Kind, a.Name)).ToHashSet(StringComparer.Ordinal);
            if (previous.Status != RunStatus.Completed || failed.Count == 0)
            {
                throw new AwsServiceException("IllegalWorkflowStateException", $"Workflow run {previous.Id} cannot be resumed: only a COMPLETED run with failed jobs or crawlers can.");
            }

            var unknown = nodeIds.Where(n => !failed.Contains(n)).ToList();
            if (unknown.Count > 0)
            {
                throw AwsServiceException.InvalidInput($"These nodes did not fail in run {previous.Id}, so they cannot be resumed: {string.Join(", ", unknown)}.");
            }

            var run = StartRun(state, workflow, previous.Properties, batch: previous.BatchCondition, previousRunId: previous.Id, resumeNodes: nodeIds, eventBodies: previous.EventBodies);
            return new ResumeWorkflowRunResponse(run.Id, nodeIds);
        });
    }

    private GetWorkflowRunPropertiesResponse GetWorkflowRunProperties(RequestContext context, WorkflowRunRequest request)
    {
        var state = State(context);
        return Locked(state, () => new GetWorkflowRunPropertiesResponse(new Dictionary<string, string>(RunOf(state, request.Name, request.RunId).Properties)));
    }

    private Empty PutWorkflowRunProperties(RequestContext context, PutWorkflowRunPropertiesRequest request)
    {
        var properties = request.RunProperties ?? throw AwsServiceException.InvalidInput("RunProperties is required.");
        var state = State(context);
        return Locked(state, () =>
        {
            var run = RunOf(state, request.Name, request.RunId);
            foreach (var (key, value) in properties)
            {
                if (run.Properties.ContainsKey(key))
                {
                    throw new AwsServiceException("AlreadyExistsException", $"Run property {key} already exists and cannot be overwritten.");
                }

                run.Properties[key] = value;
            }

            Changed(state, run);
            return new Empty();
        });
    }

    private static RunEntity RunOf(GlueState state, string? workflowName, string? runId)
    {
        var workflow = WorkflowOf(state, workflowName);
        return workflow.Runs.FirstOrDefault(r => r.Id == Required(runId, "RunId")) ?? throw NotFound($"Workflow run {runId}");
    }

    /// <summary>Starts a run: snapshots the triggers, then fires the start trigger's actions (or the resumed nodes).</summary>
    private RunEntity StartRun(GlueState state, WorkflowEntity workflow, IReadOnlyDictionary<string, string>? properties, StartingEventBatchCondition? batch, string? previousRunId, IReadOnlyList<string>? resumeNodes, IReadOnlyDictionary<string, string>? eventBodies = null)
    {
        var run = new RunEntity(workflow.Name, "wr_" + Guid.NewGuid().ToString("N"), _time.GetUtcNow())
        {
            PreviousRunId = previousRunId,
            BatchCondition = batch,
            EventBodies = eventBodies,
            Triggers = state.Triggers.Values.Where(t => t.WorkflowName == workflow.Name).ToList(),
        };
        foreach (var (key, value) in workflow.DefaultRunProperties ?? [])
        {
            run.Properties[key] = value;
        }

        foreach (var (key, value) in properties ?? new Dictionary<string, string>())
        {
            run.Properties[key] = value;
        }

        workflow.Runs.Add(run);
        if (resumeNodes is not null)
        {
            foreach (var node in resumeNodes)
            {
                var (kind, name) = ParseNodeId(node);
                StartAction(state, run, kind, name, arguments: null, triggerName: null);
            }
        }
        else if (run.Triggers.FirstOrDefault(t => t.Type != TriggerTypes.Conditional) is { } start)
        {
            Fire(state, run, start);
        }

        CompleteIfIdle(state, run);
        return run;
    }

    private static (string Kind, string Name) ParseNodeId(string nodeId)
    {
        foreach (var kind in new[] { ActionRun.JobKind, ActionRun.CrawlerKind })
        {
            var prefix = NodeId(kind, string.Empty);
            if (nodeId.StartsWith(prefix, StringComparison.Ordinal))
            {
                return (kind, nodeId[prefix.Length..]);
            }
        }

        throw AwsServiceException.InvalidInput($"{nodeId} is not a job or crawler node of this workflow.");
    }

    private void Fire(GlueState state, RunEntity run, Trigger trigger)
    {
        if (!run.FiredTriggers.Add(trigger.Name))
        {
            return;
        }

        foreach (var action in trigger.Actions)
        {
            var (kind, name) = action.JobName is { } job ? (ActionRun.JobKind, job) : (ActionRun.CrawlerKind, action.CrawlerName ?? string.Empty);
            StartAction(state, run, kind, name, action.Arguments, trigger.Name);
        }
    }

    private void StartAction(GlueState state, RunEntity run, string kind, string name, Dictionary<string, string>? arguments, string? triggerName)
    {
        if (kind == ActionRun.JobKind && state.Jobs.GetValueOrDefault(name) is { } job)
        {
            var merged = new Dictionary<string, string>(arguments ?? [], StringComparer.Ordinal);
            foreach (var (key, value) in run.Properties.Where(p => p.Key.StartsWith("--localcloud-", StringComparison.Ordinal)))
            {
                merged[key] = value;
            }

            StartJob(state, job, merged, triggerName, run);
        }
        else if (kind == ActionRun.CrawlerKind && state.Crawlers.GetValueOrDefault(name) is { } crawler)
        {
            StartCrawl(state, crawler, triggerName, run);
        }
        else
        {
            // The job or crawler was deleted after the trigger named it: the action errors, as in Glue.
            var missing = new ActionRun(kind, name, Guid.NewGuid().ToString("N"), triggerName, _time.GetUtcNow()) { Run = run };
            run.Actions.Add(missing);
            missing.State = ActionState.Error;
            missing.CompletedOn = _time.GetUtcNow();
            missing.ErrorMessage = $"{(kind == ActionRun.JobKind ? "Job" : "Crawler")} {name} not found.";
        }
    }

    /// <summary>Ends a job run or crawl, fires the conditional triggers it satisfies, and completes the run when nothing is left.</summary>
    private void Finish(GlueState state, ActionRun action, string outcome, string? message)
    {
        if (ActionState.IsFinal(action.State))
        {
            return;
        }

        action.State = outcome;
        action.ErrorMessage = message;
        action.CompletedOn = _time.GetUtcNow();
        action.Timer?.Dispose();
        if (action.Kind == ActionRun.CrawlerKind && state.Crawlers.GetValueOrDefault(action.Name) is { } crawler)
        {
            crawler.Definition = crawler.Definition with
            {
                State = "READY",
                LastUpdated = action.CompletedOn.Value,
                LastCrawl = new LastCrawlInfo(outcome == ActionState.Succeeded ? "SUCCEEDED" : outcome == ActionState.Stopped ? "CANCELLED" : "FAILED", message, "/aws-glue/crawlers", action.Name, action.StartedOn),
            };
        }

        if (action.Run is not { } run)
        {
            return;
        }

        if (run.Status == RunStatus.Running)
        {
            foreach (var trigger in run.Triggers.Where(t => t.Type == TriggerTypes.Conditional && !run.FiredTriggers.Contains(t.Name)))
            {
                if (PredicateHolds(run, trigger.Predicate))
                {
                    Fire(state, run, trigger);
                }
            }
        }

        CompleteIfIdle(state, run);
    }

    /// <summary>AND: every condition holds. ANY: at least one does. A condition holds on the latest run of its node.</summary>
    internal static bool PredicateHolds(RunEntity run, Predicate? predicate)
    {
        var conditions = predicate?.Conditions ?? [];
        bool Holds(Condition condition)
        {
            var (kind, name, wanted) = condition.JobName is { } job
                ? (ActionRun.JobKind, job, condition.State)
                : (ActionRun.CrawlerKind, condition.CrawlerName ?? string.Empty, CrawlToActionState(condition.CrawlState));
            var latest = run.Actions.LastOrDefault(a => a.Kind == kind && a.Name == name);
            return latest is not null && ActionState.IsFinal(latest.State) && string.Equals(latest.State, wanted, StringComparison.Ordinal);
        }

        return conditions.Count > 0 && (predicate?.Logical == "ANY" ? conditions.Any(Holds) : conditions.All(Holds));
    }

    private static string? CrawlToActionState(string? crawlState) => crawlState switch
    {
        "SUCCEEDED" => ActionState.Succeeded,
        "FAILED" => ActionState.Failed,
        "CANCELLED" => ActionState.Stopped,
        _ => crawlState,
    };

    private void CompleteIfIdle(GlueState state, RunEntity run)
    {
        if (run.Status is not (RunStatus.Running or RunStatus.Stopping) || run.Actions.Any(a => !ActionState.IsFinal(a.State)))
        {
            return;
        }

        run.Status = run.Status == RunStatus.Stopping ? RunStatus.Stopped : RunStatus.Completed;
        run.CompletedOn = _time.GetUtcNow();
        _logger.LogDebug("Workflow run {Run} of {Workflow} is {Status}.", run.Id, run.Workflow, run.Status);
    }

    private static WorkflowRun Project(GlueState state, RunEntity run, bool includeGraph)
    {
        int Count(params string[] states) => run.Actions.Count(a => states.Contains(a.State));
        var statistics = new WorkflowRunStatistics(
            run.Actions.Count,
            Count(ActionState.Timeout),
            Count(ActionState.Failed),
            Count(ActionState.Stopped),
            Count(ActionState.Succeeded),
            Count(ActionState.Running),
            Count(ActionState.Error),
            0);
        return new WorkflowRun(
            run.Workflow,
            run.Id,
            run.PreviousRunId,
            new Dictionary<string, string>(run.Properties),
            run.StartedOn,
            run.CompletedOn,
            run.Status,
            run.ErrorMessage,
            statistics,
            includeGraph ? Graph(state, run.Triggers, run) : null,
            run.BatchCondition);
    }
}
