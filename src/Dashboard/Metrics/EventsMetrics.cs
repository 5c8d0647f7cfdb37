namespace Dashboard.Metrics;

/// <summary>The <c>AWS/Events</c> metrics of a rule, all read as Sum (AWS's "Monitoring Amazon EventBridge").</summary>
public static class EventsMetrics
{
    public const string Namespace = "AWS/Events";
    public const string Statistic = "Sum";

    public const string Invocations = "Invocations";
    public const string FailedInvocations = "FailedInvocations";
    public const string TriggeredRules = "TriggeredRules";
    public const string MatchedEvents = "MatchedEvents";
    public const string InvocationAttempts = "InvocationAttempts";
    public const string SuccessfulInvocationAttempts = "SuccessfulInvocationAttempts";
    public const string RetryInvocationAttempts = "RetryInvocationAttempts";
    public const string ThrottledRules = "ThrottledRules";
    public const string InvocationsSentToDlq = "InvocationsSentToDlq";
    public const string InvocationsFailedToBeSentToDlq = "InvocationsFailedToBeSentToDlq";

    /// <summary>Every series the rule page charts, in one GetMetricData call.</summary>
    public static readonly IReadOnlyList<string> RulePage =
    [
        Invocations, FailedInvocations, TriggeredRules, MatchedEvents, InvocationAttempts,
        SuccessfulInvocationAttempts, RetryInvocationAttempts, ThrottledRules, InvocationsSentToDlq, InvocationsFailedToBeSentToDlq,
    ];
}
