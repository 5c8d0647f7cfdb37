using Dashboard.Playground;
using Dashboard.Security;

namespace Dashboard.Tests.Shared;

/// <summary>
/// LocalCloud's fault rules in memory, with its replace-by-identity rule, the calls it got, and a refusal to hand out
/// for the next write, as the control endpoint's 400 would come back.
/// </summary>
public sealed class FakeLocalCloudFaults : ILocalCloudFaults
{
    private readonly List<InjectedFault> _faults = [];

    public List<InjectedFault> Puts { get; } = [];

    public int Writes { get; private set; }

    /// <summary>The message of a refusal for the next write; null lets it through.</summary>
    public string? RefuseNextWith { get; set; }

    public IReadOnlyList<InjectedFault> Current => [.. _faults];

    public void Add(InjectedFault fault) => _faults.Add(fault);

    public Task<IReadOnlyList<InjectedFault>> ListAsync(CancellationToken cancellationToken) => Task.FromResult(Current);

    public Task<IReadOnlyList<InjectedFault>> PutAsync(InjectedFault fault, Actor actor, CancellationToken cancellationToken)
    {
        Write(actor);
        Puts.Add(fault);
        var index = _faults.FindIndex(f => Same(f, fault));
        if (index >= 0)
        {
            _faults[index] = fault;
        }
        else
        {
            _faults.Add(fault);
        }

        return Task.FromResult(Current);
    }

    public Task<IReadOnlyList<InjectedFault>> RemoveAsync(InjectedFault fault, Actor actor, CancellationToken cancellationToken)
    {
        Write(actor);
        if (_faults.RemoveAll(f => Same(f, fault)) == 0)
        {
            throw new FaultInjectionException($"LocalCloud has no rule \"{fault.Describe()}\" any more: someone removed it already.");
        }

        return Task.FromResult(Current);
    }

    public Task<IReadOnlyList<InjectedFault>> ClearAsync(Actor actor, CancellationToken cancellationToken)
    {
        Write(actor);
        _faults.Clear();
        return Task.FromResult(Current);
    }

    private void Write(Actor actor)
    {
        Writes++;
        if (actor.WriteRefusal("change LocalCloud's faults") is { } refusal)
        {
            throw new FaultInjectionException(refusal, refused: true);
        }

        if (RefuseNextWith is { } message)
        {
            RefuseNextWith = null;
            throw new FaultInjectionException(message, refused: true);
        }
    }

    private static bool Same(InjectedFault a, InjectedFault b) =>
        a.Service == b.Service && a.Operation == b.Operation && a.Kind == b.Kind;
}
