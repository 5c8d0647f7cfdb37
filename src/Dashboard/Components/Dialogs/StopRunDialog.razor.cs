using Dashboard.Security;
using Dashboard.Workflows;

namespace Dashboard.Components.Dialogs;

/// <summary>Asks before <c>StopWorkflowRun</c>. Closes with the result's message.</summary>
public partial class StopRunDialog
{
    protected override string Doing => "Stopping";

    protected override Task<RunWriteResult> WriteAsync(Actor who, CancellationToken cancellationToken) =>
        Control.StopAsync(Workflow, RunId, who, cancellationToken);

    protected override object ClosingValue(RunWriteResult result) => result.Message;
}
