using Bunit;
using Dashboard.Audit;
using Dashboard.Aws.EventBridge;
using Dashboard.Aws.Glue;
using Dashboard.Batching;
using Dashboard.Cloud;
using Dashboard.Components.Pages;
using Dashboard.Security;
using Dashboard.Tests.Shared;
using Dashboard.Workflows;

namespace Dashboard.Tests.Components;

/// <summary>The batching editor as a dialog on the workflow page.</summary>
public sealed class TriggerEditorDialogTests : DashboardComponentTest
{
    private readonly FakeGlue _glue = new();
    private readonly MemoryAuditLog _audit = new();

    public TriggerEditorDialogTests()
    {
        Services.AddSingleton<IGlueApi>(_glue);
        Services.AddSingleton<IEventBridgeApi>(new FakeEventBridge());
        Services.AddSingleton<ICloudIdentity>(new FakeCloudIdentity("123456789012", "eu-west-1"));
        Services.AddHybridCache();
        Services.AddSingleton<WorkflowDetails>();
        Services.AddSingleton<WorkflowRuns>();
        Services.AddSingleton<IAuditLog>(_audit);
        Services.AddSingleton(new CloudEnvironment(CloudEnvironment.Local));
        Services.AddSingleton<TriggerEditor>();
        Services.AddWorkflowTuning();
        _glue.AddWorkflow("products", FakeGlue.EventTrigger("products-start", 5, 300));
    }

    private async Task<IRenderedComponent<Microsoft.AspNetCore.Components.IComponent>> OpenDialogAsync(Actor actor)
    {
        Services.AddSingleton<ICurrentActor>(new FixedActor(actor));
        var page = RenderInLayout<WorkflowPage>(("Name", "products"));
        page.WaitForAssertion(() => Assert.Equal("5 events / 300 s", page.Find("[data-testid=workflow-batching]").TextContent));
        await page.InvokeAsync(() => page.Find("[data-testid=edit-batching]").Click());
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=trigger-dialog] [data-testid=batch-size] input")));
        return page;
    }

    [Fact]
    public async Task EditBatching_OpensTheFormInADialog_WithALinkToTheFullPage()
    {
        var page = await OpenDialogAsync(FixedActor.Operator);

        Assert.Contains("Edit the batching of products", page.Find(".mud-dialog-title").TextContent, StringComparison.Ordinal);
        Assert.Equal("/workflows/products/trigger", page.Find("[data-testid=trigger-dialog-page-link]").GetAttribute("href"));
        Assert.Equal("5", page.Find("[data-testid=batch-size] input").GetAttribute("value"));
        Assert.Equal("300", page.Find("[data-testid=batch-window] input").GetAttribute("value"));
    }

    [Fact]
    public async Task Save_ClosesTheDialog_AndThePageShowsTheNewBatching()
    {
        var page = await OpenDialogAsync(FixedActor.Operator);

        await page.InvokeAsync(() => page.Find("[data-testid=batch-size] input").Input("10"));
        await page.InvokeAsync(() => page.Find("[data-testid=batch-window] input").Input("60"));
        page.WaitForAssertion(() => Assert.False(page.Find("[data-testid=trigger-save]").HasAttribute("disabled")));
        await page.InvokeAsync(() => page.Find("[data-testid=trigger-save]").Click());

        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=trigger-dialog]")));
        page.WaitForAssertion(() => Assert.Equal("10 events / 60 s", page.Find("[data-testid=workflow-batching]").TextContent));
        Assert.Contains("Saved: products-start now batches 10 events / 60 s", page.Find(".mud-snackbar").TextContent, StringComparison.Ordinal);
        Assert.Single(_glue.Updates);
    }

    [Fact]
    public async Task Cancel_ClosesWithoutWriting()
    {
        var page = await OpenDialogAsync(FixedActor.Operator);

        await page.InvokeAsync(() => page.Find("[data-testid=batch-size] input").Input("10"));
        await page.InvokeAsync(() => page.Find("[data-testid=trigger-cancel]").Click());

        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=trigger-dialog]")));
        Assert.Empty(_glue.Updates);
        Assert.Equal("5 events / 300 s", page.Find("[data-testid=workflow-batching]").TextContent);
    }

    [Fact]
    public async Task Conflict_StaysInTheDialog_WithTheirChanges()
    {
        var page = await OpenDialogAsync(FixedActor.Operator);
        _glue.PutTrigger(_glue.TriggerNamed("products-start") with { Description = "changed by a colleague" });

        await page.InvokeAsync(() => page.Find("[data-testid=batch-size] input").Input("10"));
        await page.InvokeAsync(() => page.Find("[data-testid=trigger-save]").Click());

        page.WaitForAssertion(() => Assert.Contains("changed by a colleague", page.Find("[data-testid=trigger-dialog] [data-testid=trigger-conflict]").TextContent, StringComparison.Ordinal));
        Assert.Empty(_glue.Updates);
    }

    [Fact]
    public async Task Viewer_SeesTheDialogReadOnlyWithTheReason()
    {
        var page = await OpenDialogAsync(FixedActor.Viewer);

        page.WaitForAssertion(() => Assert.Contains(
            "only an Operator may change a trigger's batching", page.Find("[data-testid=trigger-dialog] [data-testid=trigger-read-only]").TextContent, StringComparison.Ordinal));
        Assert.True(page.Find("[data-testid=batch-size] input").HasAttribute("disabled"));
        Assert.True(page.Find("[data-testid=trigger-save]").HasAttribute("disabled"));
    }
}
