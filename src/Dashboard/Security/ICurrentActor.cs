using Dashboard.Cloud;
using Dashboard.Configuration;
using Microsoft.Extensions.Options;

namespace Dashboard.Security;

/// <summary>Who the current circuit's user is, for the write paths and the audit trail. Scoped: one per circuit.</summary>
public interface ICurrentActor
{
    Task<Actor> GetAsync(CancellationToken cancellationToken);
}

/// <summary>
/// Without sign-in: the local user, an Operator, in Local mode; otherwise an anonymous visitor with the role that
/// <c>SignIn:Anonymous</c> grants on purpose (a Viewer, who may read but never write, unless it says Operator).
/// Sign-in replaces it with <see cref="SignedInActor"/>.
/// </summary>
public sealed class AnonymousActor(CloudEnvironment environment, IOptions<SignInOptions> signIn) : ICurrentActor
{
    public static Actor AnonymousViewer { get; } = new("anonymous", DashboardRoles.Viewer);

    public Task<Actor> GetAsync(CancellationToken cancellationToken) => Task.FromResult(
        environment.Name == CloudEnvironment.Local ? Actor.LocalUser
        : signIn.Value.Anonymous is { } role ? new Actor(AnonymousViewer.Name, role)
        : AnonymousViewer);
}
