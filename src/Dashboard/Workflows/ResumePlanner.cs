using Dashboard.Aws.Glue;
using Dashboard.Workflows.Graph;

namespace Dashboard.Workflows;

/// <summary>Which nodes <c>ResumeWorkflowRun</c> should restart.</summary>
public static class ResumePlanner
{
    /// <summary>
    /// Glue resumes only a COMPLETED run, from jobs or crawlers that had a run attempt in it and did not succeed: those
    /// whose latest attempt failed, errored, timed out, expired or was stopped (a crawl: failed or cancelled). The nodes
    /// after them run again too, so they are not named.
    /// </summary>
    public static ResumePlan For(WorkflowRun run)
    {
        var status = run.Status ?? "UNKNOWN";
        if (status != RunStatuses.Completed)
        {
            var blocker = status switch
            {
                RunStatuses.Running => "The run is still running. Glue resumes only a COMPLETED run.",
                RunStatuses.Stopping or RunStatuses.Stopped => "The run was stopped. Glue resumes only a COMPLETED run.",
                RunStatuses.Error when RunAssessment.HealthOf(run) == RunHealth.RefusedForConcurrency =>
                    "Glue refused this run for the workflow's concurrency limit: no node ran, so there is nothing to resume.",
                _ => $"The run is {status}. Glue resumes only a COMPLETED run.",
            };
            return new ResumePlan([], blocker);
        }

        if (run.Graph?.Nodes is null)
        {
            return new ResumePlan([], "Glue did not return this run's graph, so its failed nodes are not known.");
        }

        var nodes = WorkflowGraphModel.FromRun(run.Graph).Nodes
            .Where(n => n.Kind is NodeKind.Job or NodeKind.Crawler && n.State is NodeState.Failed or NodeState.Stopped)
            .Select(n => new ResumableNode(n.Id, n.Name, n.Kind, n.GlueState, n.ErrorMessage))
            .ToList();
        return nodes.Count == 0
            ? new ResumePlan([], "Every job and crawler that ran in this run succeeded: there is nothing to resume.")
            : new ResumePlan(nodes, null);
    }
}
