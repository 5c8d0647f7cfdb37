namespace LocalCloud.Faults;

/// <summary>What an injected fault does to a call.</summary>
public enum FaultKind
{
    /// <summary>The service's throttling error, which SDKs retry with backoff.</summary>
    Throttle,

    /// <summary>The service's 500 error, which SDKs retry.</summary>
    ServerError,

    /// <summary>The call succeeds after <see cref="FaultRule.LatencyMs"/> more milliseconds.</summary>
    Latency,
}

/// <summary>
/// One fault: calls to <see cref="Service"/> (the SigV4 signing name: <c>glue</c>, <c>events</c>, <c>s3</c>, <c>sqs</c>, …)
/// and <see cref="Operation"/> (<c>*</c> for all) get <see cref="Kind"/> at <see cref="Rate"/> (0–1). A rule is known by
/// its service, operation and kind: adding one with the same three replaces it.
/// </summary>
public sealed record FaultRule(string Service, string Operation, FaultKind Kind, double Rate, int LatencyMs = 0)
{
    public const string AnyOperation = "*";

    public bool Matches(string service, string operation) =>
        string.Equals(Service, service, StringComparison.OrdinalIgnoreCase)
        && (Operation == AnyOperation || string.Equals(Operation, operation, StringComparison.Ordinal));

    public bool SameIdentity(FaultRule other) =>
        string.Equals(Service, other.Service, StringComparison.OrdinalIgnoreCase) && Operation == other.Operation && Kind == other.Kind;
}
