using Dashboard.Security;

namespace Dashboard.Tests.Shared;

/// <summary>A circuit's user fixed for a test: an Operator by default.</summary>
public sealed class FixedActor(Actor actor) : ICurrentActor
{
    public static Actor Operator { get; } = new("ana", DashboardRoles.Operator);

    public static Actor Viewer { get; } = new("vic", DashboardRoles.Viewer);

    public Task<Actor> GetAsync(CancellationToken cancellationToken) => Task.FromResult(actor);
}
