using Dashboard.Aws.Glue;
using Dashboard.Workflows;

namespace Dashboard.Diagnostics.Checks;

/// <summary>
/// Check 1: the workflow has exactly one start trigger, and it is <c>EVENT</c>. An EventBridge rule can target any
/// workflow, but Glue refuses <c>glue:notifyEvent</c> for a workflow whose start trigger is ON_DEMAND or SCHEDULED, so
/// every event the rule sends fails.
/// </summary>
public sealed class StartTriggerCheck : IDiagnosticCheck
{
    public string Id => "start-trigger";

    public string Title => "The start trigger is EVENT";

    public Uri Documentation { get; } = new("https://docs.aws.amazon.com/glue/latest/dg/starting-workflow-eventbridge.html");

    public async Task<IReadOnlyList<Finding>> RunAsync(WorkflowFacts facts, CancellationToken cancellationToken)
    {
        var workflow = await facts.WorkflowAsync(cancellationToken);
        if (workflow.Unavailable is { } why)
        {
            return [Finding.Unknown(this, why)];
        }

        if (workflow.Value is null)
        {
            return [Fail($"Glue has no workflow named {facts.WorkflowName}, so EventBridge has nothing to start.", [], [])];
        }

        var starts = (await facts.StartTriggersAsync(cancellationToken)).Value ?? [];
        if (starts.Count == 0)
        {
            return [Fail(
                "The workflow has no start trigger, so no event can start it.",
                [],
                [CreateTriggerFix(facts.WorkflowName, $"{facts.WorkflowName}_event_trigger", "<first-job-name>")])];
        }

        var evidence = starts.Select(t => new Evidence($"Start trigger {t.Name}", Describe(t))).ToList();
        if (starts.Count > 1)
        {
            return [Fail(
                $"The workflow has {starts.Count} start triggers ({string.Join(", ", starts.Select(t => $"{t.Name}: {t.Type}"))}). Glue allows one; keep only the EVENT trigger.",
                evidence,
                [new Fix("Delete the extra start triggers", FixKind.Cli, string.Join(Environment.NewLine, starts.Where(t => t.Type != TriggerTypes.Event).Select(t => $"aws glue delete-trigger --name {t.Name}")))])];
        }

        var start = starts[0];
        if (start.Type == TriggerTypes.Event)
        {
            return [Finding.Pass(this, $"{start.Name} is an EVENT trigger, so EventBridge events start the workflow.", evidence)];
        }

        var firstActions = start.Actions?.Select(a => a.JobName ?? a.CrawlerName).OfType<string>().ToList() ?? [];
        return [Fail(
            $"The start trigger {start.Name} is {start.Type}, not EVENT. Glue refuses every event EventBridge sends this workflow (the rule's FailedInvocations count them). A trigger's type cannot be changed: replace it with an EVENT trigger that starts the same actions.",
            evidence,
            [
                CreateTriggerFix(facts.WorkflowName, $"{facts.WorkflowName}_event_trigger", firstActions.FirstOrDefault() ?? "<first-job-name>") with
                {
                    Summary = $"Replace {start.Name} with an EVENT trigger (delete it first: aws glue delete-trigger --name {start.Name})",
                },
                new Fix("In the console", FixKind.Console,
                    $"AWS Glue → Workflows → {facts.WorkflowName} → select the start trigger {start.Name} → Remove trigger. Then Add trigger → Add new → Trigger type: EventBridge event, with the batching you want → connect it to the first job."),
            ])];
    }

    private Finding Fail(string explanation, IReadOnlyList<Evidence> evidence, IReadOnlyList<Fix> fixes) =>
        new(Id, Title, CheckStatus.Fail, explanation, evidence, fixes, Documentation);

    private static Fix CreateTriggerFix(string workflow, string trigger, string job) => new(
        "Create an EVENT start trigger",
        FixKind.Cli,
        $"aws glue create-trigger --name {trigger} --workflow-name {workflow} --type EVENT --event-batching-condition BatchSize=1,BatchWindow=900 --actions JobName={job}");

    private static string Describe(Trigger trigger) =>
        trigger.Type == TriggerTypes.Event && trigger.EventBatchingCondition is { } batching
            ? $"type EVENT, batch size {batching.BatchSize}, window {batching.BatchWindow ?? 900} s"
            : $"type {trigger.Type}{(trigger.Schedule is { } schedule ? $", schedule {schedule}" : string.Empty)}";
}
