using Dashboard.Aws.Glue;
using Dashboard.Diagnostics;
using Dashboard.Diagnostics.Checks;
using Dashboard.Tests.Shared;

namespace Dashboard.Tests.Diagnostics;

/// <summary>
/// Check 1 with fake Glue. The check has no warn state: a start trigger is EVENT or every event fails, so each case
/// below also asserts it never warns.
/// </summary>
public sealed class StartTriggerCheckTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<Finding> RunAsync(WiringTestBed bed)
    {
        var finding = Assert.Single(await new StartTriggerCheck().RunAsync(bed.Facts(), Ct));
        Assert.NotEqual(CheckStatus.Warn, finding.Status);
        return finding;
    }

    private static Workflow WithStarts(params Trigger[] starts) => new()
    {
        Name = WiringTestBed.Workflow,
        Graph = new WorkflowGraph
        {
            Nodes = [.. starts.Select(t => new Node { Type = "TRIGGER", Name = t.Name, UniqueId = "n-" + t.Name, TriggerDetails = new() { Trigger = t with { WorkflowName = WiringTestBed.Workflow } } })],
            Edges = [],
        },
    };

    [Fact]
    public async Task StartTrigger_OneEventTrigger_PassesWithItsBatching()
    {
        using var bed = new WiringTestBed();
        bed.Glue.AddWorkflow(WiringTestBed.Workflow, FakeGlue.EventTrigger("products_event", 5, 300));

        var finding = await RunAsync(bed);

        Assert.Equal(CheckStatus.Pass, finding.Status);
        Assert.Contains("products_event", finding.Explanation, StringComparison.Ordinal);
        Assert.Contains(finding.Evidence, e => e.Label == "Start trigger products_event" && e.Text == "type EVENT, batch size 5, window 300 s");
        Assert.Empty(finding.Fixes);
    }

    [Fact]
    public async Task StartTrigger_OnDemandTrigger_FailsWithCreateEventTriggerForTheSameJob()
    {
        using var bed = new WiringTestBed();
        bed.Glue.AddWorkflow(WiringTestBed.Workflow, new Trigger { Name = "products_start", Type = "ON_DEMAND", Actions = [new() { JobName = "load-products" }] });

        var finding = await RunAsync(bed);

        Assert.Equal(CheckStatus.Fail, finding.Status);
        Assert.Contains("products_start is ON_DEMAND, not EVENT", finding.Explanation, StringComparison.Ordinal);
        var cli = Assert.Single(finding.Fixes, f => f.Kind == FixKind.Cli);
        Assert.Equal("aws glue create-trigger --name products_event_trigger --workflow-name products --type EVENT --event-batching-condition BatchSize=1,BatchWindow=900 --actions JobName=load-products", cli.Text);
        Assert.Contains("aws glue delete-trigger --name products_start", cli.Summary, StringComparison.Ordinal);
        Assert.Contains(finding.Fixes, f => f.Kind == FixKind.Console && f.Text.Contains("Remove trigger", StringComparison.Ordinal));
    }

    [Fact]
    public async Task StartTrigger_ScheduledTrigger_FailsNamingTheScheduleAndTheCreateTriggerFix()
    {
        using var bed = new WiringTestBed();
        bed.Glue.AddWorkflow(WiringTestBed.Workflow, FakeGlue.ScheduledTrigger("nightly", "cron(0 2 * * ? *)"));

        var finding = await RunAsync(bed);

        Assert.Equal(CheckStatus.Fail, finding.Status);
        Assert.Contains("nightly is SCHEDULED", finding.Explanation, StringComparison.Ordinal);
        Assert.Contains(finding.Evidence, e => e.Text == "type SCHEDULED, schedule cron(0 2 * * ? *)");
        Assert.Contains(finding.Fixes, f => f.Kind == FixKind.Cli && f.Text.StartsWith("aws glue create-trigger --name products_event_trigger --workflow-name products --type EVENT", StringComparison.Ordinal) && f.Text.EndsWith("--actions JobName=job", StringComparison.Ordinal));
    }

    [Fact]
    public async Task StartTrigger_NoStartTrigger_FailsWithCreateTriggerPlaceholderJob()
    {
        using var bed = new WiringTestBed();
        bed.Glue.AddWorkflow(WiringTestBed.Workflow);

        var finding = await RunAsync(bed);

        Assert.Equal(CheckStatus.Fail, finding.Status);
        Assert.Contains("no start trigger", finding.Explanation, StringComparison.Ordinal);
        var fix = Assert.Single(finding.Fixes);
        Assert.Equal(FixKind.Cli, fix.Kind);
        Assert.EndsWith("--actions JobName=<first-job-name>", fix.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartTrigger_EventAndScheduledStartTriggers_FailsDeletingOnlyTheNonEventOne()
    {
        using var bed = new WiringTestBed();
        bed.Glue.AddWorkflow(WithStarts(FakeGlue.EventTrigger("products_event", 1, 900), FakeGlue.ScheduledTrigger("nightly", "cron(0 2 * * ? *)")));

        var finding = await RunAsync(bed);

        Assert.Equal(CheckStatus.Fail, finding.Status);
        Assert.Contains("2 start triggers (products_event: EVENT, nightly: SCHEDULED)", finding.Explanation, StringComparison.Ordinal);
        Assert.Equal(2, finding.Evidence.Count);
        Assert.Equal("aws glue delete-trigger --name nightly", Assert.Single(finding.Fixes).Text);
    }

    [Fact]
    public async Task StartTrigger_ConditionalTriggersBesideTheEventOne_AreNotStartTriggersAndPass()
    {
        using var bed = new WiringTestBed();
        bed.Glue.AddWorkflow(WithStarts(FakeGlue.EventTrigger("products_event", 1, 900), new Trigger { Name = "after-load", Type = "CONDITIONAL", Actions = [new() { JobName = "report" }] }));

        var finding = await RunAsync(bed);

        Assert.Equal(CheckStatus.Pass, finding.Status);
        Assert.Single(finding.Evidence);
    }

    [Fact]
    public async Task StartTrigger_WorkflowMissing_FailsNamingIt()
    {
        using var bed = new WiringTestBed();
        bed.Glue.AddWorkflow("other", FakeGlue.EventTrigger("other_event", 1, 900));

        var finding = await RunAsync(bed);

        Assert.Equal(CheckStatus.Fail, finding.Status);
        Assert.Contains("no workflow named products", finding.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartTrigger_GetWorkflowDenied_UnknownNamingTheAction()
    {
        using var bed = new WiringTestBed();
        bed.Glue.AddWorkflow(WiringTestBed.Workflow, FakeGlue.EventTrigger("products_event", 1, 900));
        bed.Glue.FailingOperations["GetWorkflow"] = WiringTestBed.Denied("Glue", "GetWorkflow", "glue:GetWorkflow");

        var finding = await RunAsync(bed);

        Assert.Equal(CheckStatus.Unknown, finding.Status);
        Assert.Equal("glue:GetWorkflow", finding.MissingPermission);
        Assert.Contains("glue:GetWorkflow", finding.Explanation, StringComparison.Ordinal);
    }
}
