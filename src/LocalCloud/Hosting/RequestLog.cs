using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace LocalCloud.Hosting;

/// <summary>
/// Counts the requests LocalCloud has answered, per service (the SigV4 signing name) and operation, so that a test or
/// a benchmark can see what a client really costs AWS, counted outside the client. JSON, Query and RPC requests are
/// counted by operation name; REST requests (S3) by HTTP method. Read it in-process, or with an unsigned
/// <c>GET /_localcloud/requests</c> (<see cref="RequestLogEndpoint"/>).
/// </summary>
public sealed class RequestLog
{
    private readonly ConcurrentDictionary<(string Service, string Operation), StrongBox<long>> _counts = new();

    /// <summary>Requests counted since the start or the last <see cref="Clear"/>.</summary>
    public long Total => _counts.Values.Sum(count => Interlocked.Read(ref count.Value));

    public void Record(string service, string operation)
    {
        var count = _counts.GetOrAdd((service, operation), static _ => new StrongBox<long>());
        Interlocked.Increment(ref count.Value);
    }

    /// <summary>The counts now, by service then operation.</summary>
    public IReadOnlyList<RequestCount> Snapshot() =>
    [
        .. _counts
            .Select(entry => new RequestCount(entry.Key.Service, entry.Key.Operation, Interlocked.Read(ref entry.Value.Value)))
            .OrderBy(count => count.Service, StringComparer.Ordinal)
            .ThenBy(count => count.Operation, StringComparer.Ordinal),
    ];

    /// <summary>How many times <paramref name="operation"/> of <paramref name="service"/> was called.</summary>
    public long Count(string service, string operation) =>
        _counts.TryGetValue((service, operation), out var count) ? Interlocked.Read(ref count.Value) : 0;

    /// <summary>Starts counting again from zero.</summary>
    public void Clear() => _counts.Clear();
}

/// <summary>How many times one operation was called.</summary>
public sealed record RequestCount(string Service, string Operation, long Count);
