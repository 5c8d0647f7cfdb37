namespace LocalCloud.Faults;

/// <summary>
/// The faults in force, consulted by every AWS request LocalCloud answers and by LocalCloud's own calls between
/// services (EventBridge delivering to Glue asks for <c>glue</c> / <c>NotifyEvent</c>), so a test can make a dependency
/// throttle, fail or slow down and watch the caller cope.
/// </summary>
public interface IFaultInjector
{
    /// <summary>The rules now, in the order they were added.</summary>
    IReadOnlyList<FaultRule> Rules { get; }

    /// <summary>Adds the rule, or replaces the one with the same service, operation and kind.</summary>
    void Put(FaultRule rule);

    /// <summary>Removes the rules that match every filter given (null matches all); returns how many went.</summary>
    int Remove(string? service = null, string? operation = null, FaultKind? kind = null);

    /// <summary>
    /// Rolls the dice for one call: waits the latency of each matching Latency rule that fires (on the injected clock),
    /// then returns the first Throttle or ServerError that fires, or null for the call to go ahead. Every fault that
    /// fires is counted in the request log.
    /// </summary>
    ValueTask<FaultKind?> ApplyAsync(string service, string operation, CancellationToken cancellationToken);
}
