using Dashboard.Security;
using Dashboard.Workflows;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Components.Dialogs;

/// <summary>Asks before <c>ResumeWorkflowRun</c>, naming the nodes that will run again. Closes with the new run's id.</summary>
public partial class ResumeRunDialog
{
    [Parameter, EditorRequired]
    public IReadOnlyList<ResumableNode> Nodes { get; set; } = [];

    protected override string Doing => "Resuming";

    protected override Task<RunWriteResult> WriteAsync(Actor who, CancellationToken cancellationToken) =>
        Control.ResumeAsync(Workflow, RunId, [.. Nodes.Select(n => n.NodeId)], who, cancellationToken);

    protected override object ClosingValue(RunWriteResult result) =>
        result.NewRunId ?? throw new InvalidOperationException("A resume that succeeded has the new run's id.");
}
