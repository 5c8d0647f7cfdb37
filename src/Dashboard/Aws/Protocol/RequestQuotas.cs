using System.Collections.Concurrent;

namespace Dashboard.Aws.Protocol;

/// <summary>
/// The client-side request rates the dashboard keeps to, one bucket per service (and per operation where AWS sets
/// its own quota), shared by every caller in the process. They sit under AWS's default quotas, so the dashboard
/// never throttles itself, or the account's other users, however many tabs are open.
/// </summary>
public sealed class RequestQuotas(TimeProvider time)
{
    /// <summary>Requests a second per service id, below AWS's defaults.</summary>
    public static IReadOnlyDictionary<string, double> ServiceRates { get; } = new Dictionary<string, double>(StringComparer.Ordinal)
    {
        // Glue's control-plane APIs have per-account TPS quotas from 10 upwards; stay at the low end of those.
        ["Glue"] = 10,

        // EventBridge: 50 TPS for every API but PutEvents.
        ["EventBridge"] = 40,

        // GetMetricData: 50 TPS.
        ["CloudWatch"] = 40,

        // IAM: the control plane is global and shared by the whole account.
        ["IAM"] = 10,

        ["CloudTrail"] = 10,
    };

    /// <summary>Operations with a quota of their own.</summary>
    public static IReadOnlyDictionary<(string Service, string Operation), double> OperationRates { get; } = new Dictionary<(string, string), double>
    {
        // "LookupEvents: 2 requests per second per account per Region."
        [("CloudTrail", "LookupEvents")] = 2,

        // ListMetrics: 25 TPS.
        [("CloudWatch", "ListMetrics")] = 20,
    };

    private readonly ConcurrentDictionary<(string, string?), RequestRateLimiter> _limiters = new();

    /// <summary>The bucket that one call of <paramref name="operation"/> draws from; null when the service has no limit.</summary>
    public RequestRateLimiter? For(string serviceId, string operation)
    {
        if (OperationRates.TryGetValue((serviceId, operation), out var own))
        {
            return _limiters.GetOrAdd((serviceId, operation), _ => new RequestRateLimiter(own, burst: 1, time));
        }

        return ServiceRates.TryGetValue(serviceId, out var rate)
            ? _limiters.GetOrAdd((serviceId, null), _ => new RequestRateLimiter(rate, burst: (int)rate, time))
            : null;
    }
}
