using Bunit;
using Dashboard.Components.Controls;
using Dashboard.Tests.Shared;
using Dashboard.Workflows;

namespace Dashboard.Tests.Components;

public sealed class OptionSelectTests : DashboardComponentTest
{
    private static readonly IReadOnlyList<(WorkflowSort, string)> Options =
        [(WorkflowSort.Name, "Name"), (WorkflowSort.Health, "Health"), (WorkflowSort.LastRun, "Last run")];

    private readonly List<WorkflowSort> _chosen = [];

    private IRenderedComponent<OptionSelect<WorkflowSort>> RenderSelect(WorkflowSort value) =>
        Render<OptionSelect<WorkflowSort>>(p => p
            .Add(c => c.Label, "Sort by")
            .Add(c => c.Options, Options)
            .Add(c => c.Value, value)
            .Add(c => c.ValueChanged, chosen => _chosen.Add(chosen)));

    [Fact]
    public void Render_LabelsTheSelectAndSelectsTheValuesOption()
    {
        var select = RenderSelect(WorkflowSort.Health);

        Assert.Equal("Sort by", select.Find("label .outlined-field-label").TextContent);
        Assert.Equal(["Name", "Health", "Last run"], select.FindAll("option").Select(o => o.TextContent));
        Assert.Equal("1", select.Find("select").GetAttribute("value"));
    }

    [Fact]
    public void Change_ToAnOptionsIndex_ReportsThatOptionsValue()
    {
        RenderSelect(WorkflowSort.Name).Find("select").Change("2");

        Assert.Equal([WorkflowSort.LastRun], _chosen);
    }

    [Theory]
    [InlineData("3")]
    [InlineData("-1")]
    [InlineData("LastRun")]
    [InlineData("")]
    public void Change_ToAnythingButAnOptionsIndex_ChangesNothing(string sent)
    {
        RenderSelect(WorkflowSort.Name).Find("select").Change(sent);

        Assert.Empty(_chosen);
    }
}
