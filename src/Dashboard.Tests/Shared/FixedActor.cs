using Dashboard.Security;

namespace Dashboard.Tests.Shared;

/// <summary>A circuit whose user is always <paramref name="actor"/>: for component tests of what each role may do.</summary>
public sealed class FixedActor(Actor actor) : ICurrentActor
{
    public Task<Actor> GetAsync(CancellationToken cancellationToken) => Task.FromResult(actor);
}
