using LocalCloud.Hosting;

namespace LocalCloud.Faults;

/// <summary>
/// The rules, seeded from <c>LocalCloud:Faults</c>, changed through <c>/_localcloud/faults</c>. Chance comes from the
/// injected <see cref="Random"/> (a seeded one makes a test repeatable) and latency from the injected clock.
/// </summary>
public sealed class FaultInjector(LocalCloudSettings settings, Random random, TimeProvider time, RequestLog requests) : IFaultInjector
{
    private readonly Lock _gate = new();
    private List<FaultRule> _rules = [.. settings.Faults];

    public IReadOnlyList<FaultRule> Rules
    {
        get
        {
            lock (_gate)
            {
                return _rules;
            }
        }
    }

    public void Put(FaultRule rule)
    {
        lock (_gate)
        {
            var index = _rules.FindIndex(r => r.SameIdentity(rule));
            var next = new List<FaultRule>(_rules);
            if (index >= 0)
            {
                next[index] = rule;
            }
            else
            {
                next.Add(rule);
            }

            _rules = next;
        }
    }

    public int Remove(string? service = null, string? operation = null, FaultKind? kind = null)
    {
        lock (_gate)
        {
            var keep = _rules.Where(r =>
                !((service is null || string.Equals(r.Service, service, StringComparison.OrdinalIgnoreCase))
                  && (operation is null || r.Operation == operation)
                  && (kind is null || r.Kind == kind))).ToList();
            var removed = _rules.Count - keep.Count;
            _rules = keep;
            return removed;
        }
    }

    public async ValueTask<FaultKind?> ApplyAsync(string service, string operation, CancellationToken cancellationToken)
    {
        var rules = Rules;
        if (rules.Count == 0)
        {
            return null;
        }

        var latency = TimeSpan.Zero;
        FaultKind? failure = null;
        foreach (var rule in rules.Where(r => r.Matches(service, operation)))
        {
            if (rule.Kind != FaultKind.Latency && failure is not null)
            {
                continue;
            }

            if (!Fires(rule.Rate))
            {
                continue;
            }

            requests.RecordFault(service, operation, rule.Kind.ToString());
            if (rule.Kind == FaultKind.Latency)
            {
                latency += TimeSpan.FromMilliseconds(rule.LatencyMs);
            }
            else
            {
                failure = rule.Kind;
            }
        }

        if (latency > TimeSpan.Zero)
        {
            await Task.Delay(latency, time, cancellationToken);
        }

        return failure;
    }

    private bool Fires(double rate)
    {
        if (rate >= 1)
        {
            return true;
        }

        lock (_gate)
        {
            return random.NextDouble() < rate;
        }
    }
}
