namespace Dashboard.Workflows;

/// <summary>
/// What the workflow's rules did lately, summed over every rule that targets it: 24 hours of Invocations and
/// FailedInvocations for the sparklines, and the batch the trigger is filling.
/// </summary>
public sealed record WorkflowActivity(
    IReadOnlyList<double> Invocations,
    IReadOnlyList<double> FailedInvocations,
    TimeSpan Step,
    BatchFillEstimate Fill)
{
    public double InvocationsTotal => Invocations.Sum();

    public double FailedInvocationsTotal => FailedInvocations.Sum();
}
