using System.Text.Json;
using Dashboard.Aws.Glue;

namespace Dashboard.Workflows;

/// <summary>One run in a workflow's history, judged from its statistics.</summary>
public sealed record RunSummary(
    string RunId,
    string Status,
    RunHealth Health,
    RunCause Cause,
    DateTimeOffset? StartedOn,
    DateTimeOffset? CompletedOn,
    int EventCount,
    string? PreviousRunId,
    string? ErrorMessage,
    WorkflowRunStatistics? Statistics)
{
    /// <summary>For a run its window started, the window in force (<c>StartingEventBatchCondition.BatchWindow</c>).</summary>
    public int? StartingBatchWindowSeconds { get; init; }

    public TimeSpan? Duration(DateTimeOffset now) => StartedOn is { } started ? (CompletedOn ?? now) - started : null;
}

/// <summary>A page of a workflow's run history, newest first.</summary>
public sealed record RunHistoryPage(IReadOnlyList<RunSummary> Runs, string? NextToken);

/// <summary>The runs that started in a time range, newest first; <see cref="Truncated"/> when the page cap stopped the read.</summary>
public sealed record RunsInRange(DateTimeOffset Start, DateTimeOffset End, IReadOnlyList<RunSummary> Runs, bool Truncated, int AwsRequests);

/// <summary>Reads a workflow's runs through <c>GetWorkflowRuns</c>, without graphs, a page at a time.</summary>
public sealed class WorkflowRuns(IGlueApi glue)
{
    public const int PageSize = 50;

    /// <summary>The run property in which Glue lists the events that started a run.</summary>
    public const string EventIdsProperty = "aws:eventIds";

    /// <summary>For charts: big pages, and a cap that keeps a busy workflow's 7 days to a few calls.</summary>
    public const int RangePageSize = 200;

    public const int MaxRangePages = 10;

    public async Task<RunHistoryPage> GetPageAsync(string workflow, string? nextToken, CancellationToken cancellationToken)
    {
        var response = await glue.GetWorkflowRunsAsync(new() { Name = workflow, IncludeGraph = false, MaxResults = PageSize, NextToken = nextToken }, cancellationToken);
        return new RunHistoryPage((response.Runs ?? []).Select(Summarize).ToList(), response.NextToken);
    }

    /// <summary>Pages back through the history until the runs start before <paramref name="start"/>, or the cap.</summary>
    public async Task<RunsInRange> GetRangeAsync(string workflow, DateTimeOffset start, DateTimeOffset end, CancellationToken cancellationToken)
    {
        var runs = new List<RunSummary>();
        string? token = null;
        for (var page = 1; page <= MaxRangePages; page++)
        {
            var response = await glue.GetWorkflowRunsAsync(new() { Name = workflow, IncludeGraph = false, MaxResults = RangePageSize, NextToken = token }, cancellationToken);
            var batch = (response.Runs ?? []).Select(Summarize).ToList();
            runs.AddRange(batch.Where(r => r.StartedOn is { } started && started >= start && started < end));
            token = response.NextToken;
            if (token is null || batch.Any(r => r.StartedOn < start))
            {
                return new RunsInRange(start, end, runs, Truncated: false, page);
            }
        }

        return new RunsInRange(start, end, runs, Truncated: true, MaxRangePages);
    }

    public static RunSummary Summarize(WorkflowRun run) => new(
        run.WorkflowRunId ?? "(unknown)",
        run.Status ?? "UNKNOWN",
        RunAssessment.HealthOf(run),
        RunAssessment.CauseOf(run),
        run.StartedOn,
        run.CompletedOn,
        EventCount(run.WorkflowRunProperties),
        run.PreviousRunId,
        run.ErrorMessage,
        run.Statistics)
    {
        StartingBatchWindowSeconds = run.StartingEventBatchCondition?.BatchWindow is { } window and > 0 ? window : null,
    };

    /// <summary>How many events started the run: the length of the <c>aws:eventIds</c> list, 0 when absent or unreadable.</summary>
    public static int EventCount(IReadOnlyDictionary<string, string>? properties) => EventIds(properties).Count;

    /// <summary>
    /// The EventBridge event ids that started the run, from the <c>aws:eventIds</c> run property; empty when absent.
    /// </summary>
    public static IReadOnlyList<string> EventIds(IReadOnlyDictionary<string, string>? properties)
    {
        if (properties?.GetValueOrDefault(EventIdsProperty) is not { Length: > 0 } ids)
        {
            return [];
        }

        try
        {
            return JsonSerializer.Deserialize<string[]>(ids) ?? [];
        }
        catch (JsonException)
        {
            // Glue documents the value as a serialized list; older runs use "[a, b]" without quotes.
            return ids.Trim('[', ']').Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        }
    }
}
