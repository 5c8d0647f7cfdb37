using Dashboard.Aws.Glue;
using Dashboard.Tests.Shared;
using Dashboard.Workflows;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Tests.Workflows;

public sealed class RunEventSourcesTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));
    private readonly FakeCloudTrail _cloudTrail = new();
    private readonly FakeGlue _glue = new();
    private readonly HybridCache _cache = new ServiceCollection().AddHybridCache().Services.BuildServiceProvider().GetRequiredService<HybridCache>();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private DateTimeOffset Started => _clock.GetUtcNow().AddHours(-1);

    private RunEventSources Sources() => new(_cloudTrail, _glue, _cache, _clock, NullLogger<RunEventSources>.Instance);

    private RunDetail Run(IReadOnlyList<string> eventIds, DateTimeOffset? started = null, string status = "COMPLETED") =>
        RunDetails.Describe(TestRuns.Workflow, TestRuns.Products("wr_1", started ?? Started, status, "SUCCEEDED", "SUCCEEDED", eventIds));

    [Fact]
    public async Task Get_BothEventShapes_NamesEachObject()
    {
        _cloudTrail
            .AddNotifyEvent("e1", Started.AddMinutes(-3), FakeCloudTrail.CloudTrailUpload("landing", "data/products_raw/p1.json"))
            .AddNotifyEvent("e2", Started.AddMinutes(-2), FakeCloudTrail.ObjectCreated("landing", "data/products_raw/p2.json"));

        var batch = await Sources().GetAsync(Run(["e1", "e2"]), Ct);

        Assert.Equal(EventLookupOutcome.AllFound, batch.Outcome);
        Assert.Equal(["s3://landing/data/products_raw/p1.json", "s3://landing/data/products_raw/p2.json"], batch.Events.Select(e => e.Origin?.S3Object?.Uri));
        Assert.Equal(Started.AddMinutes(-3), batch.Events[0].DeliveredAt);
        Assert.Equal("All 2 events were found in CloudTrail's event history.", EventLookupText.Summary(batch));
    }

    [Fact]
    public async Task Get_AsksForNotifyEventInTheBatchWindow()
    {
        await Sources().GetAsync(Run(["e1"]), Ct);

        var request = Assert.Single(_cloudTrail.Lookups);
        var attribute = Assert.Single(request.LookupAttributes ?? []);
        Assert.Equal(("EventName", "NotifyEvent"), (attribute.AttributeKey, attribute.AttributeValue));
        Assert.Equal(Started, request.EndTime);
        Assert.Equal(Started.AddSeconds(-900) - EventLookupWindow.Margin, request.StartTime);
        Assert.Equal(RunEventSources.PageSize, request.MaxResults);
    }

    [Fact]
    public async Task Get_MissingIds_AreListedWithAnExplanation()
    {
        _cloudTrail.AddNotifyEvent("e1", Started.AddMinutes(-3), FakeCloudTrail.ObjectCreated("landing", "a.json"));

        var batch = await Sources().GetAsync(Run(["e1", "e2"]), Ct);

        Assert.Equal(EventLookupOutcome.SomeNotInHistory, batch.Outcome);
        var missing = Assert.Single(batch.Events, e => !e.Found);
        Assert.Equal(("e2", MissingReason.NotInWindow), (missing.EventId, missing.Missing));
        Assert.Equal("1 of 2 events found in CloudTrail's event history.", EventLookupText.Summary(batch));
        Assert.Contains("No NotifyEvent record carries this id between", EventLookupText.Explain(MissingReason.NotInWindow, batch.Window), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_EventOutsideTheWindow_IsNotMatched()
    {
        _cloudTrail.AddNotifyEvent("e1", Started.AddMinutes(-30), FakeCloudTrail.ObjectCreated("landing", "a.json"));

        var batch = await Sources().GetAsync(Run(["e1"]), Ct);

        Assert.False(Assert.Single(batch.Events).Found);
    }

    [Fact]
    public async Task Get_StopsReadingOnceEveryIdIsFound()
    {
        // The newest record is the run's; hundreds of other workflows' deliveries are older.
        for (var i = 0; i < 200; i++)
        {
            _cloudTrail.AddNotifyEvent($"other-{i}", Started.AddMinutes(-10).AddSeconds(i), FakeCloudTrail.ObjectCreated("other", $"{i}.json"), workflow: "other");
        }

        _cloudTrail.AddNotifyEvent("e1", Started.AddSeconds(-5), FakeCloudTrail.ObjectCreated("landing", "a.json"));

        var batch = await Sources().GetAsync(Run(["e1"]), Ct);

        Assert.Equal(EventLookupOutcome.AllFound, batch.Outcome);
        Assert.Equal(1, batch.PagesRead);
    }

    [Fact]
    public async Task Get_PageLimitReached_SaysPartialWithCounts()
    {
        _cloudTrail.AddNotifyEvent("e1", Started.AddSeconds(-1), FakeCloudTrail.ObjectCreated("landing", "a.json"));
        for (var i = 0; i < RunEventSources.PageSize * (RunEventSources.MaxPages + 1); i++)
        {
            _cloudTrail.AddNotifyEvent($"other-{i}", Started.AddSeconds(-2).AddMilliseconds(-i), "{}", workflow: "other");
        }

        var batch = await Sources().GetAsync(Run(["e1", "e2"]), Ct);

        Assert.Equal(EventLookupOutcome.Partial, batch.Outcome);
        Assert.Equal(RunEventSources.MaxPages, batch.PagesRead);
        Assert.Equal(RunEventSources.MaxPages, _cloudTrail.Calls["LookupEvents"]);
        Assert.Equal(MissingReason.PageLimit, batch.Events.Single(e => e.EventId == "e2").Missing);
        Assert.StartsWith("Partial: 1 of 2 events found. The lookup stopped after 10 pages (500 NotifyEvent records)", EventLookupText.Summary(batch), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_UnreadableRecords_AreCountedNotThrown()
    {
        _cloudTrail.AddRecord("{not json", Started.AddMinutes(-1)).AddRecord(null, Started.AddMinutes(-2));

        var batch = await Sources().GetAsync(Run(["e1"]), Ct);

        Assert.Equal(2, batch.UnreadableRecords);
        Assert.Equal(EventLookupOutcome.SomeNotInHistory, batch.Outcome);
    }

    [Fact]
    public async Task Get_AccessDenied_NamesTheMissingPermission()
    {
        _cloudTrail.Failure = FakeCloudTrail.AccessDenied();

        var batch = await Sources().GetAsync(Run(["e1", "e2"]), Ct);

        Assert.Equal(EventLookupOutcome.Unavailable, batch.Outcome);
        Assert.True(batch.IsPartial);
        Assert.Contains("cloudtrail:LookupEvents", batch.Problem, StringComparison.Ordinal);
        Assert.Equal(["e1", "e2"], batch.Events.Select(e => e.EventId));
        Assert.All(batch.Events, e => Assert.Equal(MissingReason.LookupFailed, e.Missing));
    }

    [Fact]
    public async Task Get_FailureIsNotCached_TheNextVisitTriesAgain()
    {
        _cloudTrail.Failure = FakeCloudTrail.AccessDenied();
        var sources = Sources();
        await sources.GetAsync(Run(["e1"]), Ct);

        _cloudTrail.Failure = null;
        var batch = await sources.GetAsync(Run(["e1"]), Ct);

        Assert.Equal(2, _cloudTrail.Calls["LookupEvents"]);
        Assert.NotEqual(EventLookupOutcome.Unavailable, batch.Outcome);
    }

    [Fact]
    public async Task Get_SettledRun_IsLookedUpOnceForEveryone()
    {
        _cloudTrail.AddNotifyEvent("e1", Started.AddMinutes(-3), FakeCloudTrail.ObjectCreated("landing", "a.json"));

        await Sources().GetAsync(Run(["e1"]), Ct);
        var again = await Sources().GetAsync(Run(["e1"]), Ct);

        Assert.Equal(1, _cloudTrail.Calls["LookupEvents"]);
        Assert.True(Assert.Single(again.Events).Found);
    }

    [Fact]
    public async Task Get_RecentRun_MissingIdsMayNotBeRecordedYet()
    {
        var batch = await Sources().GetAsync(Run(["e1"], started: _clock.GetUtcNow().AddMinutes(-2), status: "RUNNING"), Ct);

        Assert.Equal(MissingReason.NotYetRecorded, Assert.Single(batch.Events).Missing);
    }

    [Fact]
    public async Task Get_RunOlderThan90Days_DoesNotCallCloudTrail()
    {
        var batch = await Sources().GetAsync(Run(["e1"], started: _clock.GetUtcNow().AddDays(-100)), Ct);

        Assert.Equal(EventLookupOutcome.OutsideRetention, batch.Outcome);
        Assert.Equal(MissingReason.BeyondRetention, Assert.Single(batch.Events).Missing);
        Assert.False(_cloudTrail.Calls.ContainsKey("LookupEvents"));
    }

    [Fact]
    public async Task Get_NoEventIds_DoesNotCallCloudTrail()
    {
        var batch = await Sources().GetAsync(Run([]), Ct);

        Assert.Equal(EventLookupOutcome.NoEventIds, batch.Outcome);
        Assert.Empty(_cloudTrail.Lookups);
    }

    [Fact]
    public async Task Get_ResumedRun_SearchesAroundTheOriginalRunsStart()
    {
        var original = TestRuns.Products("wr_1", Started, "COMPLETED", "SUCCEEDED", "FAILED", ["e1"]);
        _glue.AddWorkflow(TestRuns.Workflow).AddRun(TestRuns.Workflow, original);
        var resumed = original with { WorkflowRunId = "wr_2", PreviousRunId = "wr_1", StartedOn = Started.AddMinutes(40), StartingEventBatchCondition = null };
        _cloudTrail.AddNotifyEvent("e1", Started.AddMinutes(-1), FakeCloudTrail.ObjectCreated("landing", "a.json"));

        var batch = await Sources().GetAsync(RunDetails.Describe(TestRuns.Workflow, resumed), Ct);

        Assert.Equal(Started, Assert.Single(_cloudTrail.Lookups).EndTime);
        Assert.True(Assert.Single(batch.Events).Found);
    }

    [Fact]
    public async Task Get_WindowExpiredRun_UsesTheWindowFromItsStartCondition()
    {
        var run = TestRuns.Products("wr_1", Started, "COMPLETED", "SUCCEEDED", "SUCCEEDED", ["e1"]) with
        {
            StartingEventBatchCondition = new StartingEventBatchCondition { BatchWindow = 120 },
        };

        await Sources().GetAsync(RunDetails.Describe(TestRuns.Workflow, run), Ct);

        Assert.Equal(Started.AddSeconds(-120) - EventLookupWindow.Margin, Assert.Single(_cloudTrail.Lookups).StartTime);
    }
}
