using Bunit;
using Dashboard.Audit;
using Dashboard.Aws.Glue;
using Dashboard.Batching;
using Dashboard.Cloud;
using Dashboard.Components;
using Dashboard.Components.Pages;
using Dashboard.Security;
using Dashboard.Tests.Shared;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Tests.Components;

public sealed class TriggerPageTests : DashboardComponentTest
{
    private readonly FakeGlue _glue = new();
    private readonly MemoryAuditLog _audit = new();

    public TriggerPageTests()
    {
        Services.AddSingleton<IGlueApi>(_glue);
        Services.AddSingleton<IAuditLog>(_audit);
        Services.AddSingleton(new CloudEnvironment(CloudEnvironment.Local));
        Services.AddSingleton<TriggerEditor>();
        Services.AddWorkflowTuning();
        _glue.AddWorkflow("products", FakeGlue.EventTrigger("products-start", 5, 300));
    }

    private IRenderedComponent<TriggerPage> RenderPage(string role = DashboardRoles.Operator, string? address = null)
    {
        Services.AddScoped<ICurrentActor>(_ => new FixedActor(new Actor("olga", role)));

        // Query parameters come from the address, as in the browser.
        Services.GetRequiredService<NavigationManager>().NavigateTo(address ?? DashboardUrls.WorkflowTrigger("products"));
        return Render<TriggerPage>(parameters => parameters.Add(p => p.Name, "products"));
    }

    private static string FieldValue(IRenderedComponent<TriggerPage> page, string testId) =>
        page.Find($"[data-testid={testId}] input").GetAttribute("value") ?? string.Empty;

    [Fact]
    public void ProposedSetting_FillsTheFields_ShowsTheDiffAndTheNote_AndSavesNothing()
    {
        var page = RenderPage(address: DashboardUrls.WorkflowTrigger("products", 36, 630));

        page.WaitForAssertion(() => Assert.Equal("36", FieldValue(page, "batch-size")));
        Assert.Equal("630", FieldValue(page, "batch-window"));
        var diff = page.Find("[data-testid=trigger-diff]").TextContent;
        Assert.Contains("36", diff, StringComparison.Ordinal);
        Assert.Contains("630", diff, StringComparison.Ordinal);
        Assert.Contains("Proposed by the what-if simulator", page.Find("[data-testid=trigger-proposed]").TextContent, StringComparison.Ordinal);
        Assert.Equal(DashboardUrls.WorkflowTuning("products"), page.Find("[data-testid=trigger-proposed-link]").GetAttribute("href"));
        Assert.Contains("Now: 5 events / 300 s", page.Find("[data-testid=trigger-now]").TextContent, StringComparison.Ordinal);
        Assert.False(page.Find("[data-testid=trigger-save]").HasAttribute("disabled"));
        Assert.Empty(_glue.Updates);
    }

    [Fact]
    public void ProposedSizeOnly_KeepsTheCurrentWindow()
    {
        var page = RenderPage(address: "/workflows/products/trigger?size=12");

        page.WaitForAssertion(() => Assert.Equal("12", FieldValue(page, "batch-size")));
        Assert.Equal("300", FieldValue(page, "batch-window"));
        Assert.NotNull(page.Find("[data-testid=trigger-proposed]"));
    }

    [Fact]
    public void NoProposal_ShowsTheCurrentValues_WithoutTheNote()
    {
        var page = RenderPage();

        page.WaitForAssertion(() => Assert.Equal("5", FieldValue(page, "batch-size")));
        Assert.Equal("300", FieldValue(page, "batch-window"));
        Assert.Empty(page.FindAll("[data-testid=trigger-proposed]"));
    }

    [Theory]
    [InlineData("size=abc&window=630", "batch-size", "abc", "Batch size must be a whole number of events from 1 to 100; \"abc\" is not a number.")]
    [InlineData("size=0&window=630", "batch-size", "0", "0 events would never start a run.")]
    [InlineData("size=36&window=901", "batch-window", "901", "901 seconds is more than AWS's maximum of 900 (15 minutes).")]
    [InlineData("size=36&window=-5", "batch-window", "-5", "-5 is negative.")]
    public void BadProposedValue_IsShownInTheFieldWithItsMessage_AndCannotBeSaved(string query, string field, string shown, string message)
    {
        var page = RenderPage(address: $"/workflows/products/trigger?{query}");

        page.WaitForAssertion(() => Assert.Equal(shown, FieldValue(page, field)));
        Assert.Contains(message, page.Find($"[data-testid={field}]").TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.Find("[data-testid=trigger-diff-pending]"));
        Assert.True(page.Find("[data-testid=trigger-save]").HasAttribute("disabled"));
        Assert.Empty(_glue.Updates);
    }

    private static void Type(IRenderedComponent<TriggerPage> page, string testId, string value) =>
        page.Find($"[data-testid={testId}] input").Input(value);

    [Theory]
    [InlineData("batch-size", "0", "BatchSize")]
    [InlineData("batch-size", "101", "BatchSize")]
    [InlineData("batch-size", "abc", "BatchSize")]
    [InlineData("batch-size", "", "BatchSize")]
    [InlineData("batch-window", "901", "BatchWindow")]
    [InlineData("batch-window", "-1", "BatchWindow")]
    public void InvalidInput_SaysWhyAndCannotBeSaved(string field, string value, string named)
    {
        var page = RenderPage();
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=batch-size] input")));

        Type(page, field, value);

        page.WaitForAssertion(() => Assert.Contains(named, page.Find($"[data-testid={field}]").TextContent, StringComparison.Ordinal));
        Assert.True(page.Find("[data-testid=trigger-save]").HasAttribute("disabled"));
        Assert.Empty(_glue.Updates);
    }

    [Fact]
    public void ValidChange_ShowsTheDiffThenSavesWithThreeRequestsAndAnAuditTrail()
    {
        var page = RenderPage();
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=batch-size] input")));

        Type(page, "batch-size", "10");
        page.WaitForAssertion(() => Assert.Contains("5", page.Find("[data-testid=trigger-diff]").TextContent, StringComparison.Ordinal));
        Assert.Contains("10", page.Find("[data-testid=trigger-diff]").TextContent, StringComparison.Ordinal);
        page.Find("[data-testid=trigger-save]").Click();

        page.WaitForAssertion(() => Assert.Contains("Saved.", page.Find("[data-testid=trigger-result]").TextContent, StringComparison.Ordinal));
        Assert.Equal(10, _glue.TriggerNamed("products-start").EventBatchingCondition?.BatchSize);
        Assert.Equal(300, _glue.TriggerNamed("products-start").EventBatchingCondition?.BatchWindow);
        Assert.Contains(_audit.Records, r => r.Action == AuditActions.UpdateTrigger && r.Result == AuditResult.Succeeded && r.Actor == "olga");
    }

    [Fact]
    public void SomeoneElseChangedIt_ShowsTheConflictAndWritesNothing()
    {
        var page = RenderPage();
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=batch-size] input")));
        _glue.PutTrigger(FakeGlue.EventTrigger("products-start", 5, 300) with { WorkflowName = "products", Description = "changed by a colleague" });

        Type(page, "batch-size", "10");
        page.Find("[data-testid=trigger-save]").Click();

        page.WaitForAssertion(() => Assert.Contains("changed by a colleague", page.Find("[data-testid=trigger-conflict]").TextContent, StringComparison.Ordinal));
        Assert.Empty(_glue.Updates);
    }

    [Fact]
    public void AsAViewer_IsReadOnly()
    {
        var page = RenderPage(DashboardRoles.Viewer);

        page.WaitForAssertion(() => Assert.Contains("only an Operator may change a trigger's batching", page.Find("[data-testid=trigger-read-only]").TextContent, StringComparison.Ordinal));
        page.WaitForAssertion(() => Assert.True(page.Find("[data-testid=batch-size] input").HasAttribute("disabled")));
        Assert.Empty(_glue.Updates);
    }
}
