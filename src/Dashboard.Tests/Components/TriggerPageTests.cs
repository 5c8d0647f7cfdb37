using Bunit;
using Dashboard.Audit;
using Dashboard.Aws.Glue;
using Dashboard.Batching;
using Dashboard.Cloud;
using Dashboard.Components.Pages;
using Dashboard.Security;
using Dashboard.Tests.Shared;

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

    private IRenderedComponent<TriggerPage> RenderPage(string role = DashboardRoles.Operator)
    {
        Services.AddScoped<ICurrentActor>(_ => new FixedActor(new Actor("olga", role)));
        return Render<TriggerPage>(parameters => parameters.Add(p => p.Name, "products"));
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
