using Dashboard.Workflows;

namespace Dashboard.Tests.Workflows;

public sealed class WorkflowHealthTests
{
    private static readonly StartTriggerSummary EventTrigger = new("start", TriggerTypes.Event, "CREATED", new(5, 300), null);
    private static readonly RuleReference Enabled = new("default", "uploads", "ENABLED");
    private static readonly RuleReference Disabled = new("default", "replay", "DISABLED");

    private static WorkflowSummary Workflow(
        RunHealth? lastRun = null, IReadOnlyList<RuleReference>? rules = null, string? rulesProblem = null, WorkflowActivity? activity = null, StartTriggerSummary? trigger = null) => new(
        "products",
        trigger ?? EventTrigger,
        lastRun is { } health ? new LastRunSummary("wr_1", "COMPLETED", health, RunCause.BatchSizeReached, DateTimeOffset.UnixEpoch, null, null, null) : null,
        rules ?? [Enabled],
        rulesProblem,
        activity);

    private static WorkflowActivity Activity(double failed = 0, BatchFillState fill = BatchFillState.Empty) =>
        new([3, 2], [failed, 0], TimeSpan.FromMinutes(15), new BatchFillEstimate(fill, 0, 5, null));

    [Fact]
    public void Assess_EnabledRuleAndSucceededRun_IsHealthyWithoutReasons()
    {
        var report = WorkflowHealth.Assess(Workflow(RunHealth.Succeeded, activity: Activity()));

        Assert.Equal(HealthLevel.Healthy, report.Level);
        Assert.Empty(report.Reasons);
    }

    [Theory]
    [InlineData(RunHealth.Failed, HealthLevel.Critical, "The last run failed: none of its actions succeeded.")]
    [InlineData(RunHealth.Error, HealthLevel.Critical, "The last run ended in error.")]
    [InlineData(RunHealth.PartialFailure, HealthLevel.Warning, "Some actions of the last run failed.")]
    [InlineData(RunHealth.RefusedForConcurrency, HealthLevel.Warning, "The last batch was refused: the workflow was at MaxConcurrentRuns, and the batch's events were consumed.")]
    [InlineData(RunHealth.Running, HealthLevel.Healthy, null)]
    [InlineData(RunHealth.Stopped, HealthLevel.Healthy, null)]
    public void Assess_LastRunHealth_SetsTheLevel(RunHealth run, HealthLevel expected, string? reason)
    {
        var report = WorkflowHealth.Assess(Workflow(run));

        Assert.Equal(expected, report.Level);
        Assert.Equal(reason is null ? [] : [reason], report.Reasons);
    }

    [Fact]
    public void Assess_NoRule_IsCriticalBecauseNothingCanStartIt() =>
        Assert.Equal(HealthLevel.Critical, WorkflowHealth.Assess(Workflow(rules: [])).Level);

    [Fact]
    public void Assess_EveryRuleDisabled_IsCritical() =>
        Assert.Equal(["Every rule that targets this workflow is disabled."], WorkflowHealth.Assess(Workflow(rules: [Disabled])).Reasons);

    [Fact]
    public void Assess_OneOfTwoRulesDisabled_IsAWarning() =>
        Assert.Equal(HealthLevel.Warning, WorkflowHealth.Assess(Workflow(rules: [Enabled, Disabled])).Level);

    [Fact]
    public void Assess_RulesUnknown_IsAWarningNamingTheProblem() =>
        Assert.Equal(["The rules are unknown: no events:ListRules"], WorkflowHealth.Assess(Workflow(rules: [], rulesProblem: "no events:ListRules")).Reasons);

    [Fact]
    public void Assess_FailedInvocations_IsCriticalEvenWhenTheLastRunSucceeded()
    {
        var report = WorkflowHealth.Assess(Workflow(RunHealth.Succeeded, activity: Activity(failed: 4)));

        Assert.Equal(HealthLevel.Critical, report.Level);
        Assert.Equal(["4 failed invocations in the last 24 hours: events did not reach the workflow."], report.Reasons);
    }

    [Fact]
    public void Assess_OverdueBatch_IsAWarning() =>
        Assert.Equal(HealthLevel.Warning, WorkflowHealth.Assess(Workflow(RunHealth.Succeeded, activity: Activity(fill: BatchFillState.Overdue))).Level);

    [Fact]
    public void Assess_SeveralProblems_ListsCriticalReasonsFirst()
    {
        var report = WorkflowHealth.Assess(Workflow(RunHealth.PartialFailure, rules: [Enabled, Disabled], activity: Activity(failed: 1)));

        Assert.Equal(HealthLevel.Critical, report.Level);
        Assert.StartsWith("1 failed invocations", report.Reasons[0], StringComparison.Ordinal);
        Assert.Equal(3, report.Reasons.Count);
    }

    [Fact]
    public void Assess_ScheduledWorkflowNeverRun_IsNeutral() =>
        Assert.Equal(HealthLevel.Neutral, WorkflowHealth.Assess(Workflow(rules: [], trigger: new("nightly", TriggerTypes.Scheduled, "ACTIVATED", null, "cron(0 2 * * ? *)"))).Level);
}
