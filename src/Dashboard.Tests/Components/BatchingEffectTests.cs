using System.Net;
using Amazon.Runtime;
using Bunit;
using Dashboard.Audit;
using Dashboard.Aws.CloudWatch;
using Dashboard.Aws.EventBridge;
using Dashboard.Aws.Glue;
using Dashboard.Aws.Protocol;
using Dashboard.Batching;
using Dashboard.Cloud;
using Dashboard.Components.Controls;
using Dashboard.Metrics;
using Dashboard.Security;
using Dashboard.Tests.Shared;

namespace Dashboard.Tests.Components;

/// <summary>The editor's diff with the what-if simulator's expected effect of the change, before and after.</summary>
public sealed class BatchingEffectTests : DashboardComponentTest
{
    private const string Arn = "arn:aws:glue:eu-west-1:123456789012:workflow/products";
    private static readonly RuleKey Rule = new("default", "products-upload");

    private readonly FakeGlue _glue = new();
    private readonly FakeEventBridge _events = new();
    private readonly FakeCloudWatch _cloudWatch = new();

    public BatchingEffectTests()
    {
        Services.AddSingleton<IGlueApi>(_glue);
        Services.AddSingleton<IEventBridgeApi>(_events);
        Services.AddSingleton<ICloudWatchApi>(_cloudWatch);
        Services.AddSingleton<IAuditLog>(new MemoryAuditLog());
        Services.AddSingleton(new CloudEnvironment(CloudEnvironment.Local));
        Services.AddSingleton<TriggerEditor>();
        Services.AddSingleton<ICurrentActor>(new FixedActor(FixedActor.Operator));
        Services.AddWorkflowTuning();

        // 5 events / 300 s now; at most one run at a time.
        var trigger = FakeGlue.EventTrigger("products-start", 5, 300) with { WorkflowName = "products" };
        _glue.AddWorkflow(new Workflow
        {
            Name = "products",
            MaxConcurrentRuns = 1,
            Graph = new() { Nodes = [new Node { Type = "TRIGGER", Name = trigger.Name, UniqueId = "n-start", TriggerDetails = new() { Trigger = trigger } }], Edges = [] },
        });
    }

    private DateTimeOffset Now => Clock.GetUtcNow();

    /// <summary>
    /// Two bursts of 10 events, at 10:00 and at 11:00, an hour apart; one run in the week, started by hand, took 10
    /// minutes: with MaxConcurrentRuns 1 a run holds the only slot for 10 minutes.
    /// </summary>
    private void TwoBurstsOfTen()
    {
        _events.AddRule(Rule.RuleName, Arn);
        _cloudWatch.Add(EventsMetrics.Invocations, Rule.MetricDimensions, Now.AddHours(-2), 10)
            .Add(EventsMetrics.Invocations, Rule.MetricDimensions, Now.AddHours(-1), 10);
        _glue.AddRun("products", new WorkflowRun
        {
            WorkflowRunId = "wr_manual",
            Status = "COMPLETED",
            StartedOn = Now.AddDays(-2),
            CompletedOn = Now.AddDays(-2).AddMinutes(10),
            Statistics = new() { TotalActions = 1, SucceededActions = 1 },
        });
    }

    private IRenderedComponent<TriggerEditorForm> RenderForm()
    {
        var form = Render<TriggerEditorForm>(parameters => parameters.Add(p => p.Workflow, "products"));
        form.WaitForAssertion(() => Assert.NotNull(form.Find("[data-testid=batch-size] input")));
        return form;
    }

    private static void Type(IRenderedComponent<TriggerEditorForm> form, string testId, string value) =>
        form.Find($"[data-testid={testId}] input").Input(value);

    private static List<string[]> Rows(IRenderedComponent<TriggerEditorForm> form) =>
        [.. form.FindAll("[data-testid=effect-table] tbody tr").Select(tr => tr.Children.Select(c => c.TextContent.Trim()).ToArray())];

    [Fact]
    public void Change_ShowsRunsP95WaitAndRefusalsBeforeAndAfter_AsHandComputed()
    {
        TwoBurstsOfTen();
        var form = RenderForm();

        Type(form, "batch-size", "10");
        Type(form, "batch-window", "60");

        // Before, 5 / 300: each burst fills two batches at once; the second is refused while the first runs for 10
        // minutes. 2 runs in 7 days; 2 refused. Spread evenly (an event every 6 s from :03), the 5 accepted events of a
        // burst wait 24, 18, 12, 6 and 0 s, so p95 is 24 s; bunched at the minute's start, nobody waits.
        // After, 10 / 60: one batch per burst, filled at :57 when spread, at :00 when bunched: 2 runs, none refused,
        // waits 54 s down to 0, p95 54 s.
        form.WaitForAssertion(() => Assert.Equal(
            [
                ["Runs per day", "0.3", "0.3"],
                ["p95 wait", "0 s – 24 s", "0 s – 54 s"],
                ["Refused batches", "2", "0"],
            ],
            Rows(form)));
        Assert.Equal("/workflows/products/tuning", form.Find("[data-testid=effect-tuning-link]").GetAttribute("href"));
        Assert.Contains("Expected effect (last 7 days replayed)", form.Find("[data-testid=batching-effect]").TextContent, StringComparison.Ordinal);
        Assert.Empty(_glue.Updates);
    }

    [Fact]
    public void TypingOn_ReplaysTheNewValue_AndReadsAwsOnce()
    {
        TwoBurstsOfTen();
        var form = RenderForm();

        Type(form, "batch-size", "10");
        form.WaitForAssertion(() => Assert.Equal(["Refused batches", "2", "0"], Rows(form)[2]));

        // 1 / 300: every event is its own batch; with one slot for 10 minutes, only the first of each burst runs.
        Type(form, "batch-size", "1");

        form.WaitForAssertion(() => Assert.Equal(["Refused batches", "2", "18"], Rows(form)[2]));
        Assert.Equal(1, _glue.Calls.GetValueOrDefault("GetWorkflowRuns"));
        Assert.Single(_cloudWatch.Requests);
    }

    [Fact]
    public void NoChange_ShowsNoEffect_AndReadsNothingForIt()
    {
        TwoBurstsOfTen();
        var form = RenderForm();

        Type(form, "batch-size", "abc");
        Type(form, "batch-size", "5");

        form.WaitForAssertion(() => Assert.NotNull(form.Find("[data-testid=trigger-diff]")));
        Assert.Empty(form.FindAll("[data-testid=batching-effect]"));
        Assert.Equal(0, _glue.Calls.GetValueOrDefault("GetWorkflowRuns"));
        Assert.Empty(_cloudWatch.Requests);
    }

    [Fact]
    public void WhileReading_ShowsALoadingLine_AndTheFieldsStayEditable()
    {
        TwoBurstsOfTen();
        _cloudWatch.Gate = new TaskCompletionSource();
        var form = RenderForm();

        Type(form, "batch-size", "10");

        form.WaitForAssertion(() => Assert.Contains("Replaying the last 7 days of products's events", form.Find("[data-testid=effect-loading]").TextContent, StringComparison.Ordinal));
        Assert.False(form.Find("[data-testid=batch-size] input").HasAttribute("disabled"));
        Assert.False(form.Find("[data-testid=trigger-save]").HasAttribute("disabled"));
        _cloudWatch.Gate.SetResult();
        form.WaitForAssertion(() => Assert.Equal(3, Rows(form).Count));
    }

    [Fact]
    public void NoRuleTargetsTheWorkflow_SaysWhyThereIsNoEstimate()
    {
        var form = RenderForm();

        Type(form, "batch-size", "10");

        form.WaitForAssertion(() => Assert.Contains(
            "The simulator cannot estimate this change: No EventBridge rule targets it",
            form.Find("[data-testid=effect-blocked]").TextContent,
            StringComparison.Ordinal));
        Assert.NotNull(form.Find("[data-testid=effect-tuning-link]"));
        Assert.Empty(form.FindAll("[data-testid=effect-table]"));
    }

    [Fact]
    public void ReadingTheRunsIsDenied_SaysWhatToGrant_AndSavingStillWorks()
    {
        TwoBurstsOfTen();
        _glue.FailingOperations["GetWorkflowRuns"] = AwsErrors.Create(new("Glue", "GetWorkflowRuns", "AccessDeniedException", "User is not authorized to perform: glue:GetWorkflowRuns", "req-2", HttpStatusCode.BadRequest, ErrorType.Sender));
        var form = RenderForm();

        Type(form, "batch-size", "10");

        form.WaitForAssertion(() => Assert.Contains(
            "The simulator's data could not be read: The dashboard's credentials may not call glue:GetWorkflowRuns.",
            form.Find("[data-testid=effect-error]").TextContent,
            StringComparison.Ordinal));
        form.Find("[data-testid=trigger-save]").Click();
        form.WaitForAssertion(() => Assert.Contains("Saved.", form.Find("[data-testid=trigger-result]").TextContent, StringComparison.Ordinal));
    }
}
