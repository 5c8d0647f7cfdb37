using System.Globalization;

namespace Dashboard.Playground;

/// <summary>What a LocalCloud fault does to a call; the names are the ones <c>/_localcloud/faults</c> takes.</summary>
public enum InjectedFaultKind
{
    /// <summary>The service's throttling error, which the SDKs retry with backoff.</summary>
    Throttle,

    /// <summary>The service's 500, which the SDKs retry.</summary>
    ServerError,

    /// <summary>The call succeeds, later.</summary>
    Latency,
}

/// <summary>
/// One fault rule as LocalCloud's control endpoint lists it: calls to <see cref="Service"/> (a signing name) and
/// <see cref="Operation"/> (<c>*</c> for all) get <see cref="Kind"/> at <see cref="Rate"/> (0–1). The dashboard's own
/// type, read off the wire, so that a field LocalCloud renames shows up as a failing test rather than a silent zero.
/// </summary>
public sealed record InjectedFault(string Service, string Operation, InjectedFaultKind Kind, double Rate, int LatencyMs = 0)
{
    public const string AnyOperation = "*";

    /// <summary>The rate as the panel shows it, in whole percent.</summary>
    public int RatePercent => (int)Math.Round(Rate * 100, MidpointRounding.AwayFromZero);

    /// <summary>One line for people: "glue GetWorkflowRuns: Throttle, 50 % of calls".</summary>
    public string Describe()
    {
        var operation = Operation == AnyOperation ? "every operation" : Operation;
        var what = Kind == InjectedFaultKind.Latency
            ? string.Create(CultureInfo.InvariantCulture, $"+{LatencyMs} ms")
            : Kind == InjectedFaultKind.Throttle ? "throttled" : "5xx";
        return string.Create(CultureInfo.InvariantCulture, $"{Service} {operation}: {what}, {RatePercent} % of calls");
    }
}

/// <summary>A named set of rules the panel adds in one click.</summary>
public sealed record FaultPreset(string Name, string Explanation, IReadOnlyList<InjectedFault> Faults)
{
    /// <summary>
    /// The presets: the failures a data engineer meets on AWS, each aimed at what the dashboard or LocalCloud does
    /// with it (the stale-data banner, the SDK's retries, EventBridge's retry policy).
    /// </summary>
    public static IReadOnlyList<FaultPreset> All { get; } =
    [
        new("Throttle Glue reads (50 %)", "Half of the dashboard's workflow and run reads get ThrottlingException; the SDK retries, and pages may turn stale.",
        [
            new("glue", "ListWorkflows", InjectedFaultKind.Throttle, 0.5),
            new("glue", "BatchGetWorkflows", InjectedFaultKind.Throttle, 0.5),
            new("glue", "GetWorkflowRuns", InjectedFaultKind.Throttle, 0.5),
            new("glue", "GetWorkflowRun", InjectedFaultKind.Throttle, 0.5),
        ]),
        new("CloudWatch 5xx", "Every CloudWatch call fails with InternalFailure: the rule's charts keep their last data under a stale banner.",
            [new("monitoring", InjectedFault.AnyOperation, InjectedFaultKind.ServerError, 1)]),
        new("Slow EventBridge (+800 ms)", "Every EventBridge call takes 800 ms longer, the dashboard's and the CLI's alike.",
            [new("events", InjectedFault.AnyOperation, InjectedFaultKind.Latency, 1, 800)]),
        new("Throttle Glue NotifyEvent (100 %)", "EventBridge cannot hand events to the workflows: it retries within the target's retry policy, then counts FailedInvocations.",
            [new("glue", "NotifyEvent", InjectedFaultKind.Throttle, 1)]),
    ];
}
