namespace LocalCloud.Glue;

public sealed partial class GlueBackend
{
    /// <summary>One action of a past run: which job or crawler, and how it ended.</summary>
    public sealed record PastAction(string Kind, string Name, string State, TimeSpan Duration, string? ErrorMessage = null);

    /// <summary>
    /// Records a run that happened before LocalCloud started, for the demo's history. The clock cannot go back, so
    /// this is the one way in that is not an AWS API; everything after it runs through the real batcher and runner.
    /// </summary>
    public string RecordPastRun(string account, string region, string workflowName, DateTimeOffset startedOn, IReadOnlyList<string> eventIds, StartingEventBatchCondition? condition, IReadOnlyList<PastAction> actions, string status = "COMPLETED", string? errorMessage = null)
    {
        var state = State(account, region);
        lock (state.Gate)
        {
            var workflow = WorkflowOf(state, workflowName);
            var run = new RunEntity(workflow.Name, "wr_" + Guid.NewGuid().ToString("N"), startedOn)
            {
                BatchCondition = condition,
                Triggers = state.Triggers.Values.Where(t => t.WorkflowName == workflow.Name).ToList(),
                Status = status,
                ErrorMessage = errorMessage,
            };
            if (eventIds.Count > 0)
            {
                run.Properties[RunProperties.EventIds] = RunProperties.FormatEventIds(eventIds);
            }

            var at = startedOn;
            foreach (var past in actions)
            {
                var action = new ActionRun(past.Kind, past.Name, (past.Kind == ActionRun.JobKind ? "jr_" : string.Empty) + Guid.NewGuid().ToString("N"), null, at)
                {
                    Run = run,
                    State = past.State,
                    ErrorMessage = past.ErrorMessage,
                    CompletedOn = at + past.Duration,
                };
                run.Actions.Add(action);
                if (past.Kind == ActionRun.JobKind && state.Jobs.GetValueOrDefault(past.Name) is { } job)
                {
                    job.Runs.Add(action);
                }
                else if (state.Crawlers.GetValueOrDefault(past.Name) is { } crawler)
                {
                    crawler.Crawls.Add(action);
                }

                at += past.Duration;
            }

            run.CompletedOn = status == RunStatus.Running ? null : at;
            workflow.Runs.Add(run);
            Persist(state);
            return run.Id;
        }
    }
}
