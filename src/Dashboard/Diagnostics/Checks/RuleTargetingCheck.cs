namespace Dashboard.Diagnostics.Checks;

/// <summary>
/// Check 2: at least one EventBridge rule, on some bus, targets the workflow, and each such rule is enabled. Without an
/// enabled rule nothing calls <c>glue:notifyEvent</c>, so the EVENT trigger waits for ever; a disabled rule is the
/// quietest way to get there, because nothing fails and no metric moves.
/// </summary>
public sealed class RuleTargetingCheck : IDiagnosticCheck
{
    public string Id => "rule-targeting";

    public string Title => "A rule targets the workflow";

    public Uri Documentation { get; } = new("https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-rules.html");

    public async Task<IReadOnlyList<Finding>> RunAsync(WorkflowFacts facts, CancellationToken cancellationToken)
    {
        var rules = await facts.RulesAsync(cancellationToken);
        if (rules.Unavailable is { } why)
        {
            return [Finding.Unknown(this, why)];
        }

        var found = rules.Value ?? [];
        if (found.Count == 0)
        {
            var identity = await facts.IdentityAsync(cancellationToken);
            var arn = identity.WorkflowArn(facts.WorkflowName);
            return [new Finding(Id, Title, CheckStatus.Fail,
                $"No rule on any event bus targets {facts.WorkflowName} (ListRuleNamesByTarget found none for {arn}). Its EVENT trigger waits for events that nothing sends.",
                [new Evidence("Target ARN looked up on every bus", arn)],
                [
                    new Fix("Create a rule for the uploads and target the workflow", FixKind.Cli, string.Join(Environment.NewLine,
                        $"aws events put-rule --name {facts.WorkflowName}_rule --event-pattern '{{\"source\":[\"aws.s3\"],\"detail-type\":[\"Object Created\"],\"detail\":{{\"bucket\":{{\"name\":[\"<bucket>\"]}},\"object\":{{\"key\":[{{\"prefix\":\"<prefix>/\"}}]}}}}}}' --state ENABLED",
                        $"aws events put-targets --rule {facts.WorkflowName}_rule --targets 'Id=workflow,Arn={arn},RoleArn=arn:{identity.Partition}:iam::{identity.AccountId}:role/<role-events-may-assume>'")),
                    new Fix("In the console", FixKind.Console,
                        $"Amazon EventBridge → Rules → Create rule → Rule with an event pattern → the S3 event and bucket → Target: AWS service, Glue workflow, {facts.WorkflowName}, with a role that may call glue:notifyEvent."),
                ],
                Documentation)];
        }

        return [.. found.Select(rule => rule.IsEnabled
            ? Finding.Pass(this, $"The rule {rule.RuleName} on the {rule.EventBusName} bus is {rule.State} and targets the workflow.", Evidence(rule), rule.Label)
            : new Finding(Id, Title, CheckStatus.Fail,
                $"The rule {rule.RuleName} on the {rule.EventBusName} bus targets the workflow but is {rule.State}: it matches nothing and sends nothing, and no metric shows it.",
                Evidence(rule),
                [
                    new Fix("Enable the rule", FixKind.Cli, $"aws events enable-rule --name {rule.RuleName}{BusArgument(rule)}"),
                    new Fix("In the console", FixKind.Console, $"Amazon EventBridge → Rules → event bus {rule.EventBusName} → {rule.RuleName} → Enable."),
                ],
                Documentation,
                rule.Label))];
    }

    private static string BusArgument(RuleTarget rule) =>
        rule.EventBusName == Workflows.RuleReference.DefaultBus ? string.Empty : $" --event-bus-name {rule.EventBusName}";

    private static IReadOnlyList<Evidence> Evidence(RuleTarget rule) =>
    [
        new("Rule", $"{rule.RuleName} ({rule.RuleArn})"),
        new("Event bus", rule.EventBusName),
        new("State", rule.State),
        new("Target", $"{rule.Target.Id}: {rule.Target.Arn}"),
    ];
}
