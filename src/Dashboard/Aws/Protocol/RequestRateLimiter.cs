namespace Dashboard.Aws.Protocol;

/// <summary>
/// A token bucket on an injected clock: <see cref="PermitsPerSecond"/> requests a second on average, with bursts of up
/// to <see cref="Burst"/>. Callers are served in arrival order: each one reserves the next free slot and waits for it,
/// so a queue of callers never spins and never starves.
/// </summary>
public sealed class RequestRateLimiter
{
    private readonly Lock _lock = new();
    private readonly TimeProvider _time;
    private double _tokens;
    private long _refilledAt;
    private long _delayed;

    public RequestRateLimiter(double permitsPerSecond, int burst, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(permitsPerSecond);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(burst);
        PermitsPerSecond = permitsPerSecond;
        Burst = burst;
        _time = time;
        _tokens = burst;
        _refilledAt = time.GetTimestamp();
    }

    public double PermitsPerSecond { get; }

    public int Burst { get; }

    /// <summary>How many callers had to wait for a permit since start.</summary>
    public long Delayed => Interlocked.Read(ref _delayed);

    /// <summary>Waits until this caller may send one request.</summary>
    public Task WaitAsync(CancellationToken cancellationToken)
    {
        TimeSpan wait;
        lock (_lock)
        {
            var now = _time.GetTimestamp();
            _tokens = Math.Min(Burst, _tokens + (_time.GetElapsedTime(_refilledAt, now).TotalSeconds * PermitsPerSecond));
            _refilledAt = now;
            _tokens -= 1;
            if (_tokens >= 0)
            {
                return Task.CompletedTask;
            }

            wait = TimeSpan.FromSeconds(-_tokens / PermitsPerSecond);
        }

        var delay = Task.Delay(wait, _time, cancellationToken);
        Interlocked.Increment(ref _delayed);
        return delay;
    }
}
