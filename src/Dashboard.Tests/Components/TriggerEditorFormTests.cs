using System.Net;
using Bunit;
using Dashboard.Audit;
using Dashboard.Aws.Glue;
using Dashboard.Aws.Protocol;
using Dashboard.Batching;
using Dashboard.Cloud;
using Dashboard.Components.Controls;
using Dashboard.Security;
using Dashboard.Tests.Shared;

namespace Dashboard.Tests.Components;

public sealed class TriggerEditorFormTests : DashboardComponentTest
{
    private readonly FakeGlue _glue = new();
    private readonly MemoryAuditLog _audit = new();

    public TriggerEditorFormTests()
    {
        Services.AddSingleton<IGlueApi>(_glue);
        Services.AddSingleton<IAuditLog>(_audit);
        Services.AddSingleton(new CloudEnvironment(CloudEnvironment.Local));
        Services.AddSingleton<TriggerEditor>();
        Services.AddWorkflowTuning();
        _glue.AddWorkflow("products", FakeGlue.EventTrigger("products-start", 5, 300) with { Description = "Converts product uploads" });
    }

    private IRenderedComponent<TriggerEditorForm> RenderForm(Actor? actor = null, Action<SaveResult>? written = null)
    {
        Services.AddSingleton<ICurrentActor>(new FixedActor(actor ?? FixedActor.Operator));
        var form = Render<TriggerEditorForm>(parameters => parameters
            .Add(p => p.Workflow, "products")
            .Add(p => p.OnWritten, result => written?.Invoke(result)));
        form.WaitForAssertion(() => Assert.NotNull(form.Find("[data-testid=batch-size] input")));
        return form;
    }

    private static void Type(IRenderedComponent<TriggerEditorForm> form, string testId, string value) =>
        form.Find($"[data-testid={testId}] input").Input(value);

    /// <summary>The open's two reads (GetWorkflow, then GetTrigger) and nothing else.</summary>
    private void AssertOnlyTheOpen()
    {
        Assert.Equal(1, _glue.Calls.GetValueOrDefault("GetWorkflow"));
        Assert.Equal(1, _glue.Calls.GetValueOrDefault("GetTrigger"));
        Assert.Equal(0, _glue.Calls.GetValueOrDefault("UpdateTrigger"));
        Assert.Empty(_glue.Updates);
    }

    [Theory]
    [InlineData("batch-size", "0", "Batch size must be a whole number of events from 1 to 100; 0 events would never start a run.")]
    [InlineData("batch-size", "101", "Batch size must be a whole number of events from 1 to 100; 101 is more than AWS's maximum of 100.")]
    [InlineData("batch-size", "-1", "Batch size must be a whole number of events from 1 to 100; -1 is negative.")]
    [InlineData("batch-size", "ten", "Batch size must be a whole number of events from 1 to 100; \"ten\" is not a number.")]
    [InlineData("batch-size", "", "Batch size is required: enter a whole number of events from 1 to 100.")]
    [InlineData("batch-window", "901", "Batch window must be a whole number of seconds from 1 to 900, or empty for AWS's default of 900; 901 seconds is more than AWS's maximum of 900 (15 minutes).")]
    [InlineData("batch-window", "-1", "Batch window must be a whole number of seconds from 1 to 900, or empty for AWS's default of 900; -1 is negative.")]
    [InlineData("batch-window", "abc", "Batch window must be a whole number of seconds from 1 to 900, or empty for AWS's default of 900; \"abc\" is not a number.")]
    public void InvalidInput_SaysWhyAsYouType_AndIsRefusedBeforeAnyAwsCall(string field, string value, string message)
    {
        var form = RenderForm();

        Type(form, field, value);

        form.WaitForAssertion(() => Assert.Contains(message, form.Find($"[data-testid={field}]").TextContent, StringComparison.Ordinal));
        Assert.NotNull(form.Find("[data-testid=trigger-diff-pending]"));
        Assert.True(form.Find("[data-testid=trigger-save]").HasAttribute("disabled"));
        form.Find("[data-testid=trigger-save]").Click();
        Assert.Empty(form.FindAll("[data-testid=trigger-result]"));
        AssertOnlyTheOpen();
        Assert.Empty(_audit.Records);
    }

    [Fact]
    public void EmptyWindow_MeansTheDefault_AndTheDiffShowsTheWindowGoing()
    {
        var form = RenderForm();

        Type(form, "batch-window", "");

        form.WaitForAssertion(() => Assert.Contains("EventBatchingCondition.BatchWindow", form.Find("[data-testid=trigger-diff]").TextContent, StringComparison.Ordinal));
        Assert.Contains("(not set)", form.Find("[data-testid=trigger-diff]").TextContent, StringComparison.Ordinal);
        Assert.False(form.Find("[data-testid=trigger-save]").HasAttribute("disabled"));
    }

    [Fact]
    public void SameValues_SayNothingChanges_AndCannotBeSaved()
    {
        var form = RenderForm();

        Assert.Contains("Nothing: this is the trigger's batching now.", form.Find("[data-testid=trigger-diff]").TextContent, StringComparison.Ordinal);
        Assert.True(form.Find("[data-testid=trigger-save]").HasAttribute("disabled"));
    }

    [Fact]
    public void ValidChange_Saves_ConfirmsInWords_AndTellsThePage()
    {
        SaveResult? written = null;
        var form = RenderForm(written: result => written = result);

        Type(form, "batch-size", "10");
        Type(form, "batch-window", "120");
        form.Find("[data-testid=trigger-reason] input").Change("bursts of ten");
        form.WaitForAssertion(() => Assert.Contains("120", form.Find("[data-testid=trigger-diff]").TextContent, StringComparison.Ordinal));
        form.Find("[data-testid=trigger-save]").Click();

        form.WaitForAssertion(() => Assert.Contains("Saved: products-start now batches 10 events / 120 s, confirmed by reading it back.", form.Find("[data-testid=trigger-result]").TextContent, StringComparison.Ordinal));
        Assert.Equal(SaveOutcome.Saved, written?.Outcome);
        var trigger = _glue.TriggerNamed("products-start");
        Assert.Equal((10, (int?)120), (trigger.EventBatchingCondition?.BatchSize ?? 0, trigger.EventBatchingCondition?.BatchWindow));
        Assert.Equal("Converts product uploads", trigger.Description);
        Assert.Contains(_audit.Records, r => r is { Result: AuditResult.Succeeded, Actor: "ana", Reason: "bursts of ten" });
        Assert.Contains("Now: 10 events / 120 s", form.Find("[data-testid=trigger-now]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Viewer_SeesItReadOnlyWithTheReason_AndNothingIsSent()
    {
        var form = RenderForm(FixedActor.Viewer);

        Assert.Contains("vic has the Viewer role, and only an Operator may change a trigger's batching.", form.Find("[data-testid=trigger-read-only]").TextContent, StringComparison.Ordinal);
        Assert.True(form.Find("[data-testid=batch-size] input").HasAttribute("disabled"));
        Assert.True(form.Find("[data-testid=trigger-save]").HasAttribute("disabled"));
        AssertOnlyTheOpen();
    }

    [Fact]
    public void Conflict_ShowsTheirsYoursAndTheMerge_ThenSavingTheMergeKeepsTheirChange()
    {
        var form = RenderForm();
        _glue.PutTrigger(_glue.TriggerNamed("products-start") with { Description = "changed by a colleague", EventBatchingCondition = new() { BatchSize = 7, BatchWindow = 300 } });

        Type(form, "batch-size", "10");
        form.Find("[data-testid=trigger-save]").Click();

        form.WaitForAssertion(() => Assert.Contains("changed by a colleague", form.Find("[data-testid=trigger-conflict]").TextContent, StringComparison.Ordinal));
        Assert.Contains("Conflict.", form.Find("[data-testid=trigger-result]").TextContent, StringComparison.Ordinal);
        var versions = form.FindAll("[data-testid=trigger-conflict-versions] dd").Select(dd => dd.TextContent.Trim()).ToList();
        Assert.Equal(["7 events / 300 s", "10 events / 300 s, on the trigger as you opened it", "their trigger, with your batching: 10 events / 300 s"], versions);
        Assert.Empty(_glue.Updates);

        form.Find("[data-testid=trigger-save-merge]").Click();

        form.WaitForAssertion(() => Assert.Contains("Saved.", form.Find("[data-testid=trigger-result]").TextContent, StringComparison.Ordinal));
        var trigger = _glue.TriggerNamed("products-start");
        Assert.Equal("changed by a colleague", trigger.Description);
        Assert.Equal(10, trigger.EventBatchingCondition?.BatchSize);
    }

    [Fact]
    public void AwsRefusesTheUpdate_SaysWhyInWords_AndTheTriggerIsUnchanged()
    {
        var form = RenderForm();
        _glue.FailingOperations["UpdateTrigger"] = AwsErrors.Create(new("Glue", "UpdateTrigger", "AccessDeniedException", "User is not authorized to perform: glue:UpdateTrigger", "req-9", HttpStatusCode.BadRequest, Amazon.Runtime.ErrorType.Sender));

        Type(form, "batch-size", "10");
        form.Find("[data-testid=trigger-save]").Click();

        form.WaitForAssertion(() => Assert.Contains("AWS refused the update, so the trigger is unchanged.", form.Find("[data-testid=trigger-result]").TextContent, StringComparison.Ordinal));
        Assert.Contains("glue:UpdateTrigger", form.Find("[data-testid=trigger-result]").TextContent, StringComparison.Ordinal);
        Assert.Equal(5, _glue.TriggerNamed("products-start").EventBatchingCondition?.BatchSize);
    }

    [Fact]
    public void NotEventDriven_SaysWhyItCannotBeEdited()
    {
        _glue.AddWorkflow("nightly", FakeGlue.ScheduledTrigger("nightly-start", "cron(0 2 * * ? *)"));
        Services.AddSingleton<ICurrentActor>(new FixedActor(FixedActor.Operator));

        var form = Render<TriggerEditorForm>(parameters => parameters.Add(p => p.Workflow, "nightly"));

        form.WaitForAssertion(() => Assert.Contains("nightly-start is a SCHEDULED trigger. Only EVENT triggers have event batching", form.Find("[data-testid=trigger-open-error]").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public void WhileReading_ShowsTheLoadingState()
    {
        _glue.Gate = new TaskCompletionSource();
        Services.AddSingleton<ICurrentActor>(new FixedActor(FixedActor.Operator));

        var form = Render<TriggerEditorForm>(parameters => parameters.Add(p => p.Workflow, "products"));

        Assert.Contains("Reading the start trigger of products", form.Find("[data-testid=trigger-loading]").TextContent, StringComparison.Ordinal);
        _glue.Gate.SetResult();
        form.WaitForAssertion(() => Assert.NotNull(form.Find("[data-testid=batch-size] input")));
    }
}
