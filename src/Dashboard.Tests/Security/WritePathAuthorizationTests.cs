using Dashboard.Audit;
using Dashboard.Batching;
using Dashboard.Cloud;
using Dashboard.Security;
using Dashboard.Tests.Shared;
using Dashboard.Workflows;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Tests.Security;

/// <summary>
/// Every write path the dashboard has, on the server side: as a Viewer each is refused before any AWS call and audited
/// as Refused; as an Operator each is sent and audited Pending, then Succeeded, under one correlation id.
/// </summary>
public sealed class WritePathAuthorizationTests
{
    public enum WritePath
    {
        TriggerSave,
        TriggerBulkSave,
        ResumeRun,
        StopRun,
    }

    private static readonly DateTimeOffset Started = new(2026, 11, 25, 11, 0, 0, TimeSpan.Zero);

    private readonly FakeGlue _glue = new();
    private readonly MemoryAuditLog _audit = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public WritePathAuthorizationTests()
    {
        _glue.AddWorkflow(TestRuns.Workflow, FakeGlue.EventTrigger("products_start", 5, 900))
            .AddWorkflow("orders", FakeGlue.EventTrigger("orders_start", 5, 900))
            .AddRun(TestRuns.Workflow, TestRuns.Products("wr_done", Started, "COMPLETED", "SUCCEEDED", "FAILED"))
            .AddRun(TestRuns.Workflow, TestRuns.Products("wr_running", Started, "RUNNING", "RUNNING", null));
    }

    private static string ActionOf(WritePath path) => path switch
    {
        WritePath.ResumeRun => AuditActions.ResumeWorkflowRun,
        WritePath.StopRun => AuditActions.StopWorkflowRun,
        _ => AuditActions.UpdateTrigger,
    };

    private static string GlueOperationOf(WritePath path) => path switch
    {
        WritePath.ResumeRun => "ResumeWorkflowRun",
        WritePath.StopRun => "StopWorkflowRun",
        _ => "UpdateTrigger",
    };

    /// <summary>Runs the write as <paramref name="who"/>; returns whether it was done and how many triggers it covered.</summary>
    private async Task<(bool Done, int Targets)> WriteAsync(WritePath path, Actor who)
    {
        var editor = new TriggerEditor(_glue, _audit, new CloudEnvironment("prod"), _clock, NullLogger<TriggerEditor>.Instance);
        var cache = new ServiceCollection().AddHybridCache().Services.BuildServiceProvider().GetRequiredService<HybridCache>();
        var runs = new RunControl(_glue, _audit, new RunDetails(_glue, cache), new CloudEnvironment("prod"), _clock, NullLogger<RunControl>.Instance);
        var change = new BatchingChange(10, 120);
        switch (path)
        {
            case WritePath.TriggerSave:
                var session = (await editor.OpenAsync(EditTarget.Workflow(TestRuns.Workflow), Ct)).Session!;
                ResetCalls();
                return ((await editor.SaveAsync(session, change, who, "tuning", Ct)).Outcome == SaveOutcome.Saved, 1);
            case WritePath.TriggerBulkSave:
                var sessions = new List<EditSession>();
                foreach (var workflow in new[] { TestRuns.Workflow, "orders" })
                {
                    sessions.Add((await editor.OpenAsync(EditTarget.Workflow(workflow), Ct)).Session!);
                }

                ResetCalls();
                var results = await editor.BulkSaveAsync(sessions, change, who, "tuning", Ct);
                return (results.All(r => r.Outcome == SaveOutcome.Saved), 2);
            case WritePath.ResumeRun:
                return ((await runs.ResumeAsync(TestRuns.Workflow, "wr_done", ["wnode_crawler_products_parquet_crawler"], who, Ct)).Succeeded, 1);
            default:
                return ((await runs.StopAsync(TestRuns.Workflow, "wr_running", who, Ct)).Succeeded, 1);
        }
    }

    private void ResetCalls() => _glue.Calls.Clear();

    [Theory]
    [InlineData(WritePath.TriggerSave)]
    [InlineData(WritePath.TriggerBulkSave)]
    [InlineData(WritePath.ResumeRun)]
    [InlineData(WritePath.StopRun)]
    public async Task AsAViewer_IsRefusedBeforeAnyAwsCall_AndAuditedAsRefused(WritePath path)
    {
        var (done, targets) = await WriteAsync(path, new Actor("vic@example.com", DashboardRoles.Viewer));

        Assert.False(done);
        Assert.Equal(0, _glue.TotalCalls);
        Assert.Equal(targets, _audit.Records.Count);
        Assert.All(_audit.Records, r => Assert.Equal(("vic@example.com", ActionOf(path), AuditResult.Refused), (r.Actor, r.Action, r.Result)));
        Assert.All(_audit.Records, r => Assert.Contains("only an Operator may", r.Message, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(WritePath.TriggerSave)]
    [InlineData(WritePath.TriggerBulkSave)]
    [InlineData(WritePath.ResumeRun)]
    [InlineData(WritePath.StopRun)]
    public async Task AsAnOperator_IsSent_AndAuditedPendingThenSucceeded(WritePath path)
    {
        var (done, targets) = await WriteAsync(path, new Actor("olga@example.com", DashboardRoles.Operator));

        Assert.True(done);
        Assert.Equal(targets, _glue.Calls[GlueOperationOf(path)]);
        Assert.Equal(targets * 2, _audit.Records.Count);
        foreach (var write in _audit.Records.GroupBy(r => r.CorrelationId))
        {
            Assert.Equal([AuditResult.Pending, AuditResult.Succeeded], write.Select(r => r.Result));
            Assert.All(write, r => Assert.Equal(("olga@example.com", ActionOf(path)), (r.Actor, r.Action)));
        }
    }
}
