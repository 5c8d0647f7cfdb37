using Dashboard.Aws.Glue;
using Dashboard.Aws.Protocol;
using Dashboard.Workflows.Graph;
using Microsoft.Extensions.Caching.Hybrid;

namespace Dashboard.Workflows;

/// <summary>
/// Reads one workflow run with its graph (<c>GetWorkflowRun</c>, <c>IncludeGraph</c>); <see cref="RunControl"/> resumes and stops it. A first read is
/// cached briefly and shared, so a run link pasted into an incident channel costs Glue one call however many people
/// open it; live pages poll <see cref="LoadAsync"/> through <see cref="Live.LiveData"/>.
/// </summary>
public sealed class RunDetails(IGlueApi glue, HybridCache cache)
{
    private static readonly HybridCacheEntryOptions CacheOptions = new() { Expiration = TimeSpan.FromSeconds(30), LocalCacheExpiration = TimeSpan.FromSeconds(30) };

    public ValueTask<RunLookup> GetAsync(string workflow, string runId, CancellationToken cancellationToken) =>
        cache.GetOrCreateAsync(CacheKey(workflow, runId), (this, workflow, runId),
            static (state, ct) => new ValueTask<RunLookup>(state.Item1.LoadAsync(state.workflow, state.runId, ct)), CacheOptions, cancellationToken: cancellationToken);

    /// <summary>Drops the cached run, so the next <see cref="GetAsync"/> reads Glue again.</summary>
    public ValueTask InvalidateAsync(string workflow, string runId, CancellationToken cancellationToken) =>
        cache.RemoveAsync(CacheKey(workflow, runId), cancellationToken);

    /// <summary>Reads the run from Glue now. A missing workflow or run is an answer, not an error.</summary>
    public async Task<RunLookup> LoadAsync(string workflow, string runId, CancellationToken cancellationToken)
    {
        WorkflowRun? run;
        try
        {
            run = (await glue.GetWorkflowRunAsync(new() { Name = workflow, RunId = runId, IncludeGraph = true }, cancellationToken)).Run;
        }
        catch (AwsNotFoundException)
        {
            return new RunLookup(null, await WorkflowExistsAsync(workflow, cancellationToken) ? RunMissing.Run : RunMissing.Workflow);
        }

        if (run is null)
        {
            return new RunLookup(null, RunMissing.Run);
        }

        // GetWorkflowRun carries the run properties; ask for them only if Glue left them out.
        var properties = run.WorkflowRunProperties
            ?? (await glue.GetWorkflowRunPropertiesAsync(new() { Name = workflow, RunId = runId }, cancellationToken)).RunProperties;
        return RunLookup.Found(Describe(workflow, run with { WorkflowRunProperties = properties }));
    }

    public static RunDetail Describe(string workflow, WorkflowRun run)
    {
        var summary = WorkflowRuns.Summarize(run);
        return new RunDetail(
            workflow,
            summary,
            run.Statistics ?? new WorkflowRunStatistics(),
            RunGraphReader.StartBatching(run.Graph),
            run.StartingEventBatchCondition?.BatchSize is > 0 and var size ? size : null,
            run.StartingEventBatchCondition?.BatchWindow is > 0 and var window ? window : null,
            run.Graph?.Nodes is not null,
            WorkflowGraphModel.FromRun(run.Graph),
            RunGraphReader.Attempts(run.Graph),
            WorkflowRuns.EventIds(run.WorkflowRunProperties),
            ResumePlanner.For(run));
    }

    private async Task<bool> WorkflowExistsAsync(string workflow, CancellationToken cancellationToken)
    {
        var response = await glue.BatchGetWorkflowsAsync(new() { Names = [workflow], IncludeGraph = false }, cancellationToken);
        return response.Workflows?.Any(w => w.Name == workflow) == true;
    }

    private static string CacheKey(string workflow, string runId) => $"workflow-run:{workflow}:{runId}";
}
