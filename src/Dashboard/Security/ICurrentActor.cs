using Dashboard.Cloud;

namespace Dashboard.Security;

/// <summary>Who the current circuit's user is, for the write paths and the audit trail. Scoped: one per circuit.</summary>
public interface ICurrentActor
{
    Task<Actor> GetAsync(CancellationToken cancellationToken);
}

/// <summary>
/// Without sign-in: the local user, an Operator, in Local mode; an anonymous Viewer otherwise, who may read but never
/// write. Sign-in replaces it with the signed-in user.
/// </summary>
public sealed class AnonymousActor(CloudEnvironment environment) : ICurrentActor
{
    public static Actor AnonymousViewer { get; } = new("anonymous", DashboardRoles.Viewer);

    public Task<Actor> GetAsync(CancellationToken cancellationToken) =>
        Task.FromResult(environment.Name == CloudEnvironment.Local ? Actor.LocalUser : AnonymousViewer);
}
