using Dashboard.Aws.CloudTrail;
using Dashboard.Aws.Glue;
using Dashboard.Aws.Protocol;
using Dashboard.Cloud;
using Microsoft.Extensions.Caching.Hybrid;

namespace Dashboard.Workflows;

/// <summary>
/// Finds the S3 objects that made up a run's batch. Glue keeps only the event ids (<c>aws:eventIds</c>); CloudTrail
/// keeps EventBridge's <c>glue:NotifyEvent</c> calls, each with the delivered event. So this reads CloudTrail's event
/// history for NotifyEvent in the batch's <see cref="EventLookupWindow"/> and matches the ids.
/// </summary>
/// <remarks>
/// LookupEvents allows 2 calls a second per account and region, for every caller together: the client keeps to that
/// pace, and one lookup reads at most <see cref="MaxPages"/> pages, then says how much it found. What a settled run's
/// lookup finds never changes, so it is cached for hours and shared by every circuit; a recent run's lookup is kept
/// only a minute, because CloudTrail may not show its events yet.
/// </remarks>
public sealed class RunEventSources(ICloudTrailApi cloudTrail, IGlueApi glue, HybridCache cache, TimeProvider time, ILogger<RunEventSources> logger)
{
    /// <summary>LookupEvents' largest page.</summary>
    public const int PageSize = 50;

    /// <summary>The most pages one lookup reads: five seconds of CloudTrail's quota, 500 NotifyEvent records.</summary>
    public const int MaxPages = 10;

    /// <summary>How long after a run starts CloudTrail is taken to show all of its batch's events.</summary>
    public static readonly TimeSpan SettleTime = TimeSpan.FromMinutes(15);

    /// <summary>How far back a chain of resumed runs is followed to the run that the events started.</summary>
    public const int MaxResumeHops = 10;

    private static readonly HybridCacheEntryOptions SettledCache = new() { Expiration = TimeSpan.FromHours(12), LocalCacheExpiration = TimeSpan.FromHours(12) };
    private static readonly HybridCacheEntryOptions RecentCache = new() { Expiration = TimeSpan.FromMinutes(1), LocalCacheExpiration = TimeSpan.FromMinutes(1) };

    /// <summary>The run's events with their S3 objects. CloudTrail failures become an answer that says what went wrong.</summary>
    public async Task<RunEventBatch> GetAsync(RunDetail run, CancellationToken cancellationToken)
    {
        if (run.EventIds.Count == 0)
        {
            return RunEventBatch.Without([], EventLookupOutcome.NoEventIds, null, null, MissingReason.NotInWindow);
        }

        if (run.Summary.StartedOn is not { } startedOn)
        {
            return RunEventBatch.Without(run.EventIds, EventLookupOutcome.Unavailable, null,
                "Glue did not say when this run started, so there is no time range to search CloudTrail in.", MissingReason.LookupFailed);
        }

        var settled = time.GetUtcNow() - startedOn >= SettleTime;
        try
        {
            return await cache.GetOrCreateAsync(
                $"run-events:{run.Workflow}:{run.RunId}",
                (Sources: this, Run: run),
                static (state, ct) => new ValueTask<RunEventBatch>(state.Sources.LookupAsync(state.Run, ct)),
                settled ? SettledCache : RecentCache,
                cancellationToken: cancellationToken);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            // The rest of the run page stands without CloudTrail; this part says what is missing and why.
            logger.LogWarning(error, "Looking up the events of run {RunId} of {Workflow} in CloudTrail failed.", run.RunId, run.Workflow);
            return RunEventBatch.Without(run.EventIds, EventLookupOutcome.Unavailable, null, AwsErrorText.Explain(error), MissingReason.LookupFailed);
        }
    }

    /// <summary>Reads CloudTrail now, bypassing the cache. AWS errors are thrown, so that they are never cached.</summary>
    public async Task<RunEventBatch> LookupAsync(RunDetail run, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var startedOn = run.Summary.StartedOn ?? now;
        var batchStartedOn = await BatchStartedOnAsync(run, startedOn, cancellationToken);
        var window = EventLookupWindow.For(batchStartedOn, run.StartingBatchWindow ?? run.Batching?.BatchWindowSeconds, now);
        if (window.OutsideRetention)
        {
            return RunEventBatch.Without(run.EventIds, EventLookupOutcome.OutsideRetention, window, null, MissingReason.BeyondRetention);
        }

        var wanted = run.EventIds.ToHashSet(StringComparer.Ordinal);
        var found = new Dictionary<string, NotifyEventRecord>(StringComparer.Ordinal);
        var (pages, records, unreadable, stoppedAtLimit) = (0, 0, 0, false);
        var request = new LookupEventsRequest
        {
            LookupAttributes = [new LookupAttribute { AttributeKey = "EventName", AttributeValue = "NotifyEvent" }],
            StartTime = window.Start,
            EndTime = window.End,
            MaxResults = PageSize,
        };

        string? token = null;
        do
        {
            var page = await cloudTrail.LookupEventsAsync(request with { NextToken = token }, cancellationToken);
            pages++;
            foreach (var cloudTrailEvent in page.Events ?? [])
            {
                records++;
                if (NotifyEventRecords.Read(cloudTrailEvent.CloudTrailEvent, cloudTrailEvent.EventTime) is not { } record)
                {
                    unreadable++;
                }
                else if (wanted.Contains(record.EventId))
                {
                    found.TryAdd(record.EventId, record);
                }
            }

            token = page.NextToken;
            if (found.Count == wanted.Count)
            {
                break;
            }

            stoppedAtLimit = token is not null && pages >= MaxPages;
        }
        while (token is not null && !stoppedAtLimit);

        var missing = stoppedAtLimit ? MissingReason.PageLimit
            : window.ClippedByRetention ? MissingReason.BeyondRetention
            : now - startedOn < SettleTime ? MissingReason.NotYetRecorded
            : MissingReason.NotInWindow;
        var outcome = found.Count == wanted.Count ? EventLookupOutcome.AllFound
            : stoppedAtLimit || window.ClippedByRetention ? EventLookupOutcome.Partial
            : EventLookupOutcome.SomeNotInHistory;
        logger.LogDebug("Found {Found} of {Wanted} events of run {RunId} in {Pages} LookupEvents pages.", found.Count, wanted.Count, run.RunId, pages);
        return new RunEventBatch(NotifyEventRecords.Match(run.EventIds, found, missing), outcome, window, pages, records, unreadable, null);
    }

    /// <summary>
    /// When the batch's run started. A resumed run keeps the events of the run it resumes, which started earlier:
    /// follow <c>PreviousRunId</c> back to it.
    /// </summary>
    private async Task<DateTimeOffset> BatchStartedOnAsync(RunDetail run, DateTimeOffset startedOn, CancellationToken cancellationToken)
    {
        var previous = run.Summary.PreviousRunId;
        for (var hop = 0; previous is not null && hop < MaxResumeHops; hop++)
        {
            WorkflowRun? earlier;
            try
            {
                earlier = (await glue.GetWorkflowRunAsync(new() { Name = run.Workflow, RunId = previous, IncludeGraph = false }, cancellationToken)).Run;
            }
            catch (AwsNotFoundException)
            {
                // Past Glue's 90 days of run history: the earliest run still known is the best start there is.
                break;
            }

            startedOn = earlier?.StartedOn ?? startedOn;
            previous = earlier?.PreviousRunId;
        }

        return startedOn;
    }
}
