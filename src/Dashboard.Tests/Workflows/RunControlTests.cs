using Dashboard.Audit;
using Dashboard.Cloud;
using Dashboard.Security;
using Dashboard.Tests.Shared;
using Dashboard.Workflows;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Tests.Workflows;

/// <summary>Resume and stop: who may, what reaches Glue, and the audit records each attempt leaves.</summary>
public sealed class RunControlTests
{
    private static readonly DateTimeOffset Started = new(2026, 11, 25, 11, 0, 0, TimeSpan.Zero);
    private const string Node = "wnode_crawler_products_parquet_crawler";

    private readonly FakeGlue _glue = new();
    private readonly MemoryAuditLog _audit = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Actor Viewer => new("vic", DashboardRoles.Viewer);

    private static Actor Operator => new("olga", DashboardRoles.Operator);

    public RunControlTests() => _glue.AddWorkflow(TestRuns.Workflow)
        .AddRun(TestRuns.Workflow, TestRuns.Products("wr_done", Started, "COMPLETED", "SUCCEEDED", "FAILED"))
        .AddRun(TestRuns.Workflow, TestRuns.Products("wr_running", Started, "RUNNING", "RUNNING", null));

    private RunControl Control(IAuditLog? audit = null)
    {
        var cache = new ServiceCollection().AddHybridCache().Services.BuildServiceProvider().GetRequiredService<HybridCache>();
        return new(_glue, audit ?? _audit, new RunDetails(_glue, cache), new CloudEnvironment("prod"), _clock, NullLogger<RunControl>.Instance);
    }

    [Fact]
    public async Task Resume_ByAViewer_IsRefusedBeforeAnyAwsCall_AndAudited()
    {
        var result = await Control().ResumeAsync(TestRuns.Workflow, "wr_done", [Node], Viewer, Ct);

        Assert.Equal(RunWriteOutcome.Refused, result.Outcome);
        Assert.Equal("Nothing was sent: vic has the Viewer role, and only an Operator may resume a workflow run.", result.Message);
        Assert.Equal(0, _glue.TotalCalls);
        var record = Assert.Single(_audit.Records);
        Assert.Equal(("vic", AuditActions.ResumeWorkflowRun, "workflow/products/run/wr_done", AuditResult.Refused), (record.Actor, record.Action, record.Target, record.Result));
        Assert.Equal((TestRuns.Workflow, "prod"), (record.Workflow, record.Environment));
        Assert.Equal(record.CorrelationId, result.CorrelationId);
    }

    [Fact]
    public async Task Resume_ByAnOperator_SendsTheNodes_AndAuditsPendingThenSucceeded()
    {
        var result = await Control().ResumeAsync(TestRuns.Workflow, "wr_done", [Node], Operator, Ct);

        Assert.Equal(RunWriteOutcome.Done, result.Outcome);
        Assert.Equal("wr_resumed_1", result.NewRunId);
        var request = Assert.Single(_glue.Resumes);
        Assert.Equal((TestRuns.Workflow, "wr_done", Node), (request.Name, request.RunId, Assert.Single(request.NodeIds)));
        Assert.Collection(_audit.Records,
            pending =>
            {
                Assert.Equal((AuditResult.Pending, "olga", AuditActions.ResumeWorkflowRun), (pending.Result, pending.Actor, pending.Action));
                Assert.Equal($$"""{"NodeIds":["{{Node}}"]}""", pending.After);
            },
            done =>
            {
                Assert.Equal((AuditResult.Succeeded, "workflow/products/run/wr_done"), (done.Result, done.Target));
                Assert.Contains("wr_resumed_1", done.After, StringComparison.Ordinal);
            });
        Assert.Equal(_audit.Records[0].CorrelationId, _audit.Records[1].CorrelationId);
        Assert.Equal(_audit.Records[0].CorrelationId, result.CorrelationId);
    }

    [Fact]
    public async Task Resume_NoNodes_IsRefusedBeforeCallingGlue_AndAudited()
    {
        var result = await Control().ResumeAsync(TestRuns.Workflow, "wr_done", [], Operator, Ct);

        Assert.Equal(RunWriteOutcome.Refused, result.Outcome);
        Assert.Equal("Nothing was sent: Resuming run wr_done of products needs at least one failed node to run again.", result.Message);
        Assert.Empty(_glue.Resumes);
        Assert.Equal(AuditResult.Refused, Assert.Single(_audit.Records).Result);
    }

    [Fact]
    public async Task Resume_GlueRefuses_IsAuditedAsFailedWithGluesReason()
    {
        _glue.ResumeFailure = FakeGlue.Error("ResumeWorkflowRun", "IllegalWorkflowStateException", "Workflow run is not in a resumable state.");

        var result = await Control().ResumeAsync(TestRuns.Workflow, "wr_done", [Node], Operator, Ct);

        Assert.Equal(RunWriteOutcome.Failed, result.Outcome);
        Assert.Contains("Workflow run is not in a resumable state.", result.Message, StringComparison.Ordinal);
        Assert.Equal([AuditResult.Pending, AuditResult.Failed], _audit.Records.Select(r => r.Result));
    }

    [Fact]
    public async Task Resume_AuditLogDown_SendsNothing()
    {
        var audit = new ScriptedAuditLog(_audit);
        audit.FailOn.Add(AuditResult.Pending);

        var result = await Control(audit).ResumeAsync(TestRuns.Workflow, "wr_done", [Node], Operator, Ct);

        Assert.Equal(RunWriteOutcome.Failed, result.Outcome);
        Assert.StartsWith("Nothing was sent: the request could not be recorded in the audit log", result.Message, StringComparison.Ordinal);
        Assert.Empty(_glue.Resumes);
    }

    [Fact]
    public async Task Stop_ByAViewer_IsRefusedBeforeAnyAwsCall_AndAudited()
    {
        var result = await Control().StopAsync(TestRuns.Workflow, "wr_running", Viewer, Ct);

        Assert.Equal(RunWriteOutcome.Refused, result.Outcome);
        Assert.Equal("Nothing was sent: vic has the Viewer role, and only an Operator may stop a workflow run.", result.Message);
        Assert.Equal(0, _glue.TotalCalls);
        var record = Assert.Single(_audit.Records);
        Assert.Equal(("vic", AuditActions.StopWorkflowRun, "workflow/products/run/wr_running", AuditResult.Refused), (record.Actor, record.Action, record.Target, record.Result));
    }

    [Fact]
    public async Task Stop_ByAnOperator_StopsTheRun_AndAuditsPendingThenSucceeded()
    {
        var result = await Control().StopAsync(TestRuns.Workflow, "wr_running", Operator, Ct);

        Assert.Equal(RunWriteOutcome.Done, result.Outcome);
        Assert.Equal(("products", "wr_running"), (Assert.Single(_glue.Stops).Name, _glue.Stops[0].RunId));
        Assert.Equal([AuditResult.Pending, AuditResult.Succeeded], _audit.Records.Select(r => r.Result));
        Assert.All(_audit.Records, r => Assert.Equal(("olga", AuditActions.StopWorkflowRun, "workflow/products/run/wr_running"), (r.Actor, r.Action, r.Target)));
        Assert.Equal(_audit.Records[0].CorrelationId, _audit.Records[1].CorrelationId);
    }

    [Fact]
    public async Task Stop_AFinishedRun_GlueRefuses_IsAuditedAsFailed()
    {
        var result = await Control().StopAsync(TestRuns.Workflow, "wr_done", Operator, Ct);

        Assert.Equal(RunWriteOutcome.Failed, result.Outcome);
        Assert.Contains("only a RUNNING run can be stopped", result.Message, StringComparison.Ordinal);
        Assert.Equal([AuditResult.Pending, AuditResult.Failed], _audit.Records.Select(r => r.Result));
    }

    [Fact]
    public async Task Stop_NoAnswer_IsUnconfirmed()
    {
        _glue.FailingOperations["StopWorkflowRun"] = new HttpRequestException("connection reset");

        var result = await Control().StopAsync(TestRuns.Workflow, "wr_running", Operator, Ct);

        Assert.Equal(RunWriteOutcome.Unconfirmed, result.Outcome);
        Assert.Contains("may or may not have applied it", result.Message, StringComparison.Ordinal);
        Assert.Equal([AuditResult.Pending, AuditResult.Failed], _audit.Records.Select(r => r.Result));
    }
}
