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
    private readonly ConcurrentDictionary<(string Service, string Operation, string Fault), StrongBox<long>> _faults = new();

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

    /// <summary>Counts a fault that LocalCloud injected (<c>Throttle</c>, <c>ServerError</c>, <c>Latency</c>) into a call.</summary>
    public void RecordFault(string service, string operation, string fault)
    {
        var count = _faults.GetOrAdd((service, operation, fault), static _ => new StrongBox<long>());
        Interlocked.Increment(ref count.Value);
    }

    /// <summary>The injected faults now, by service, operation and kind.</summary>
    public IReadOnlyList<FaultCount> FaultSnapshot() =>
    [
        .. _faults
            .Select(entry => new FaultCount(entry.Key.Service, entry.Key.Operation, entry.Key.Fault, Interlocked.Read(ref entry.Value.Value)))
            .OrderBy(count => count.Service, StringComparer.Ordinal)
            .ThenBy(count => count.Operation, StringComparer.Ordinal)
            .ThenBy(count => count.Fault, StringComparer.Ordinal),
    ];

    /// <summary>How many faults of <paramref name="fault"/> were injected into <paramref name="operation"/> of <paramref name="service"/>.</summary>
    public long FaultCount(string service, string operation, string fault) =>
        _faults.TryGetValue((service, operation, fault), out var count) ? Interlocked.Read(ref count.Value) : 0;

    /// <summary>Starts counting again from zero.</summary>
    public void Clear()
    {
        _counts.Clear();
        _faults.Clear();
    }
}

/// <summary>How many times one operation was called.</summary>
public sealed record RequestCount(string Service, string Operation, long Count);

/// <summary>How many times a fault was injected into one operation.</summary>
public sealed record FaultCount(string Service, string Operation, string Fault, long Count);
