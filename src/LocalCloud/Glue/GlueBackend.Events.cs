using LocalCloud.Protocol;

namespace LocalCloud.Glue;

public sealed partial class GlueBackend
{
    /// <summary>
    /// EventBridge's <c>glue:notifyEvent</c>: buffers the event for the workflow's EVENT start trigger, and starts a
    /// run when the batch is full or its window, counted from the first event, has passed.
    /// </summary>
    public Task NotifyEventAsync(string account, string region, string workflowName, string eventId, string eventJson, CancellationToken cancellationToken)
    {
        var state = State(account, region);
        lock (state.Gate)
        {
            var workflow = state.Workflows.GetValueOrDefault(workflowName) ?? throw NotFound($"Workflow {workflowName}");
            var trigger = state.StartTriggerOf(workflowName);
            if (trigger?.Type != TriggerTypes.Event)
            {
                throw AwsServiceException.InvalidInput(
                    $"Workflow {workflowName} cannot be started by events: its start trigger is {(trigger is null ? "missing" : $"{trigger.Name} of type {trigger.Type}")}, not EVENT.");
            }

            var batch = workflow.Batch;
            if (batch is null)
            {
                // The condition is captured when the batch opens: an edit applies from the next batch.
                var condition = trigger.EventBatchingCondition ?? new EventBatchingCondition(1, null);
                batch = workflow.Batch = new OpenBatch(condition, _time.GetUtcNow());
                ArmWindow(state, workflow, batch);
            }

            batch.EventIds.Add(eventId);
            batch.EventBodies[eventId] = eventJson;
            if (batch.EventIds.Count >= batch.Condition.BatchSize)
            {
                Flush(state, workflow, batch, sizeReached: true);
            }

            Persist(state);
        }

        return Task.CompletedTask;
    }

    /// <summary>The events buffered for a workflow right now, for tests and diagnostics.</summary>
    public IReadOnlyList<string> OpenBatch(string account, string region, string workflowName)
    {
        var state = State(account, region);
        lock (state.Gate)
        {
            return state.Workflows.GetValueOrDefault(workflowName)?.Batch?.EventIds.ToList() ?? [];
        }
    }

    private void Flush(GlueState state, WorkflowEntity workflow, OpenBatch batch, bool sizeReached)
    {
        if (!ReferenceEquals(workflow.Batch, batch) || batch.EventIds.Count == 0)
        {
            // This batch was already flushed (the window timer lost the race with the size, or the reverse).
            return;
        }

        workflow.Batch = null;
        batch.WindowTimer?.Dispose();
        var condition = sizeReached
            ? new StartingEventBatchCondition(batch.EventIds.Count, null)
            : new StartingEventBatchCondition(null, batch.Condition.BatchWindow ?? 900);
        var properties = new Dictionary<string, string> { [RunProperties.EventIds] = RunProperties.FormatEventIds(batch.EventIds) };

        if (workflow.MaxConcurrentRuns is { } limit && workflow.ActiveRuns >= limit)
        {
            // Glue does not start the run and does not retry it: the batch is consumed, and the refusal is recorded.
            var refused = new RunEntity(workflow.Name, "wr_" + Guid.NewGuid().ToString("N"), _time.GetUtcNow())
            {
                BatchCondition = condition,
                Triggers = state.Triggers.Values.Where(t => t.WorkflowName == workflow.Name).ToList(),
            };
            foreach (var (key, value) in properties)
            {
                refused.Properties[key] = value;
            }

            refused.Status = RunStatus.Error;
            refused.ErrorMessage = $"Concurrent runs exceeded for workflow: {workflow.Name}.";
            refused.CompletedOn = refused.StartedOn;
            workflow.Runs.Add(refused);
            return;
        }

        StartRun(state, workflow, properties, condition, previousRunId: null, resumeNodes: null, eventBodies: batch.EventBodies);
    }
}
