using AngleSharp.Dom;
using Bunit;
using Dashboard.Audit;
using Dashboard.Aws.CloudWatch;
using Dashboard.Aws.EventBridge;
using Dashboard.Aws.Glue;
using Dashboard.Batching;
using Dashboard.Cloud;
using Dashboard.Components.Pages;
using Dashboard.Metrics;
using Dashboard.Security;
using Dashboard.Tests.Shared;
using Dashboard.Workflows;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Tests.Components;

/// <summary>Selecting workflows on the overview and editing their batching at once.</summary>
public sealed class BulkBatchingTests : DashboardComponentTest
{
    private readonly FakeGlue _glue = new();
    private readonly MemoryAuditLog _audit = new();

    public BulkBatchingTests()
    {
        Services.AddSingleton<IGlueApi>(_glue);
        Services.AddSingleton<IEventBridgeApi>(new FakeEventBridge());
        Services.AddSingleton<ICloudWatchApi>(new FakeCloudWatch());
        Services.AddSingleton<ICloudIdentity>(new FakeCloudIdentity("123456789012", "eu-west-1"));
        Services.AddHybridCache();
        Services.AddSingleton<WorkflowCatalog>();
        Services.AddSingleton<RuleMetrics>();
        Services.AddSingleton<WorkflowOverview>();
        Services.AddSingleton<IAuditLog>(_audit);
        Services.AddSingleton(new CloudEnvironment(CloudEnvironment.Local));
        Services.AddSingleton<TriggerEditor>();
        _glue.AddWorkflow("clicks", FakeGlue.EventTrigger("clicks-start", 5, 300));
        _glue.AddWorkflow("orders", FakeGlue.EventTrigger("orders-start", 5, 300));
        _glue.AddWorkflow("products", FakeGlue.EventTrigger("products-start", 5, 300));
        _glue.AddWorkflow("refunds", FakeGlue.EventTrigger("refunds-start", 25, 300));
    }

    private IRenderedComponent<IComponent> RenderOverview(Actor? actor = null)
    {
        Services.AddSingleton<ICurrentActor>(new FixedActor(actor ?? FixedActor.Operator));
        var page = RenderInLayout<WorkflowsPage>();
        page.WaitForAssertion(() => Assert.Equal(4, page.FindAll("[data-testid=select-workflow]").Count));
        return page;
    }

    private static IElement Checkbox(IRenderedComponent<IComponent> page, string workflow) =>
        page.Find($"input[aria-label='Select {workflow}']");

    private static IElement Line(IRenderedComponent<IComponent> page, string workflow) =>
        page.Find($"[data-testid=bulk-line][data-workflow='{workflow}']");

    private static async Task OpenBulkAsync(IRenderedComponent<IComponent> page)
    {
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=bulk-edit]")));
        await page.InvokeAsync(() => page.Find("[data-testid=bulk-edit]").Click());
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=bulk-batch-size] input")));
    }

    [Fact]
    public async Task Selection_CountsAndSurvivesTheNextPoll()
    {
        var page = RenderOverview();
        Assert.Empty(page.FindAll("[data-testid=selection-bar]"));

        await page.InvokeAsync(() => Checkbox(page, "orders").Change(true));
        await page.InvokeAsync(() => Checkbox(page, "products").Change(true));

        page.WaitForAssertion(() => Assert.Equal("2 selected", page.Find("[data-testid=selection-count]").TextContent));
        Assert.Contains("Edit batching of 2 workflows", page.Find("[data-testid=bulk-edit]").TextContent, StringComparison.Ordinal);

        _glue.AddWorkflow("audits", FakeGlue.EventTrigger("audits-start", 5, 300));
        Clock.Advance(LiveInterval);

        page.WaitForAssertion(() => Assert.Equal(5, page.FindAll("[data-testid=select-workflow]").Count));
        Assert.True(Checkbox(page, "orders").HasAttribute("checked"));
        Assert.True(Checkbox(page, "products").HasAttribute("checked"));
        Assert.False(Checkbox(page, "audits").HasAttribute("checked"));
        Assert.Equal("2 selected", page.Find("[data-testid=selection-count]").TextContent);
    }

    [Fact]
    public async Task SelectAllShown_SelectsTheRowsTheFiltersShow_AndClearsThem()
    {
        var page = RenderInLayoutFiltered();

        await page.InvokeAsync(() => page.Find("[data-testid=select-all]").Change(true));

        page.WaitForAssertion(() => Assert.Equal("2 selected", page.Find("[data-testid=selection-count]").TextContent));
        Assert.True(page.Find("[data-testid=select-all]").HasAttribute("checked"));

        await page.InvokeAsync(() => page.Find("[data-testid=select-all]").Change(false));
        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=selection-bar]")));
    }

    private IRenderedComponent<IComponent> RenderInLayoutFiltered()
    {
        Services.AddSingleton<ICurrentActor>(new FixedActor(FixedActor.Operator));
        Services.GetRequiredService<NavigationManager>().NavigateTo("/?q=o");
        var page = RenderInLayout<WorkflowsPage>();
        page.WaitForAssertion(() => Assert.Equal(["orders", "products"], page.FindAll("[data-testid=workflow-name]").Select(e => e.TextContent)));
        return page;
    }

    [Fact]
    public async Task InvalidInput_SaysWhyAsYouType_AndNothingIsSent()
    {
        var page = RenderOverview();
        await page.InvokeAsync(() => Checkbox(page, "orders").Change(true));
        await page.InvokeAsync(() => Checkbox(page, "products").Change(true));
        await OpenBulkAsync(page);
        var reads = _glue.Calls.GetValueOrDefault("GetTrigger");

        foreach (var (field, value, message) in new[]
        {
            ("bulk-batch-size", "0", "0 events would never start a run."),
            ("bulk-batch-size", "101", "101 is more than AWS's maximum of 100."),
            ("bulk-batch-size", "-1", "-1 is negative."),
            ("bulk-batch-size", "many", "\"many\" is not a number."),
            ("bulk-batch-size", "", "Batch size is required"),
            ("bulk-batch-window", "901", "901 seconds is more than AWS's maximum of 900"),
        })
        {
            await page.InvokeAsync(() => page.Find($"[data-testid=bulk-batch-size] input").Input("10"));
            await page.InvokeAsync(() => page.Find($"[data-testid=bulk-batch-window] input").Input("60"));
            await page.InvokeAsync(() => page.Find($"[data-testid={field}] input").Input(value));
            page.WaitForAssertion(() => Assert.Contains(message, page.Find($"[data-testid={field}]").TextContent, StringComparison.Ordinal));
            Assert.Equal("Fix the fields to see the change.", page.Find("[data-testid=bulk-summary]").TextContent);
            Assert.True(page.Find("[data-testid=bulk-save]").HasAttribute("disabled"));
        }

        await page.InvokeAsync(() => page.Find("[data-testid=bulk-save]").Click());
        Assert.Equal(reads, _glue.Calls.GetValueOrDefault("GetTrigger"));
        Assert.Empty(_glue.Updates);
        Assert.Empty(_audit.Records);
    }

    [Fact]
    public async Task Preview_ShowsEachChange_WhatWouldNotChange_AndWhatCannotBeEdited()
    {
        _glue.AddWorkflow("nightly", FakeGlue.ScheduledTrigger("nightly-start", "cron(0 2 * * ? *)"));
        Services.AddSingleton<ICurrentActor>(new FixedActor(FixedActor.Operator));
        Services.GetRequiredService<NavigationManager>().NavigateTo("/?all=true");
        var page = RenderInLayout<WorkflowsPage>();
        page.WaitForAssertion(() => Assert.Equal(5, page.FindAll("[data-testid=select-workflow]").Count));
        foreach (var workflow in new[] { "nightly", "orders", "refunds" })
        {
            await page.InvokeAsync(() => Checkbox(page, workflow).Change(true));
        }

        await OpenBulkAsync(page);
        await page.InvokeAsync(() => page.Find("[data-testid=bulk-batch-size] input").Input("25"));

        page.WaitForAssertion(() => Assert.Equal("1 trigger will change, 1 already has this batching, 1 workflow cannot be edited.", page.Find("[data-testid=bulk-summary]").TextContent));
        Assert.Equal("WillChange", Line(page, "orders").GetAttribute("data-state"));
        Assert.Contains("5 events / 300 s", Line(page, "orders").TextContent, StringComparison.Ordinal);
        Assert.Contains("25 events / 300 s", Line(page, "orders").TextContent, StringComparison.Ordinal);
        Assert.Contains("No change: it already has this batching", Line(page, "refunds").TextContent, StringComparison.Ordinal);
        Assert.Contains("Cannot be edited: nightly-start is a SCHEDULED trigger", Line(page, "nightly").TextContent, StringComparison.Ordinal);
        Assert.Contains("Save 1 trigger", page.Find("[data-testid=bulk-save]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Save_OneSavedOneConflictOneRefused_EachWithItsResult_AndTheListShowsTheNewBatching()
    {
        var page = RenderOverview();
        foreach (var workflow in new[] { "clicks", "orders", "products" })
        {
            await page.InvokeAsync(() => Checkbox(page, workflow).Change(true));
        }

        await OpenBulkAsync(page);
        await page.InvokeAsync(() => page.Find("[data-testid=bulk-batch-size] input").Input("20"));
        page.WaitForAssertion(() => Assert.Contains("3 triggers will change", page.Find("[data-testid=bulk-summary]").TextContent, StringComparison.Ordinal));

        // Meanwhile: someone edits the orders trigger, and the clicks trigger stops being an EVENT trigger.
        _glue.PutTrigger(_glue.TriggerNamed("orders-start") with { Description = "changed by a colleague" });
        _glue.PutTrigger(_glue.TriggerNamed("clicks-start") with { Type = "ON_DEMAND", EventBatchingCondition = null });
        await page.InvokeAsync(() => page.Find("[data-testid=bulk-save]").Click());

        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("[data-testid=bulk-result]").Count));
        Assert.Equal("Saved", Line(page, "products").QuerySelector("[data-testid=bulk-result]")?.GetAttribute("data-outcome"));
        Assert.Equal("Conflict", Line(page, "orders").QuerySelector("[data-testid=bulk-result]")?.GetAttribute("data-outcome"));
        Assert.Equal("Refused", Line(page, "clicks").QuerySelector("[data-testid=bulk-result]")?.GetAttribute("data-outcome"));
        Assert.Contains("orders-start changed since you opened it", Line(page, "orders").TextContent, StringComparison.Ordinal);
        Assert.Contains("Open its editor", Line(page, "orders").TextContent, StringComparison.Ordinal);
        Assert.Contains("clicks-start is a ON_DEMAND trigger", Line(page, "clicks").TextContent, StringComparison.Ordinal);
        Assert.Equal("1 saved, 1 conflict, 1 refused.", page.Find("[data-testid=bulk-summary]").TextContent);
        Assert.Equal([20, 5], new[] { "products-start", "orders-start" }.Select(t => _glue.TriggerNamed(t).EventBatchingCondition?.BatchSize ?? 0));
        Assert.Single(_glue.Updates);

        await page.InvokeAsync(() => page.Find("[data-testid=bulk-close]").Click());

        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=bulk-dialog]")));
        page.WaitForAssertion(() => Assert.Contains("20 events / 300 s", page.FindAll("tr.workflow-row").Single(r => r.TextContent.Contains("products-start", StringComparison.Ordinal)).TextContent, StringComparison.Ordinal));
        Assert.Contains("1 of 3 triggers saved.", page.Find(".mud-snackbar").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Viewer_SeesThePreviewReadOnly_AndCannotSave()
    {
        var page = RenderOverview(FixedActor.Viewer);
        await page.InvokeAsync(() => Checkbox(page, "orders").Change(true));
        await OpenBulkAsync(page);

        Assert.Contains("only an Operator may change a trigger's batching", page.Find("[data-testid=bulk-read-only]").TextContent, StringComparison.Ordinal);
        Assert.True(page.Find("[data-testid=bulk-batch-size] input").HasAttribute("disabled"));
        Assert.True(page.Find("[data-testid=bulk-save]").HasAttribute("disabled"));
    }
}
