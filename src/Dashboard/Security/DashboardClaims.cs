using System.Security.Claims;
using Dashboard.Configuration;

namespace Dashboard.Security;

/// <summary>
/// Turns a provider's claims into the dashboard's principal: a name (email, else the subject) and at most one role,
/// from the configured claim's values. Shared by OpenID Connect and the ALB header, so both map roles the same way.
/// </summary>
public static class DashboardClaims
{
    /// <summary>The authentication type of every principal the dashboard builds.</summary>
    public const string AuthenticationType = "Dashboard";

    public static ClaimsPrincipal Principal(IEnumerable<Claim> claims, SignInOptions options)
    {
        var all = claims.ToList();
        string? First(string type) => all.FirstOrDefault(c => c.Type == type && c.Value.Length > 0)?.Value;
        var name = First("email") ?? First(ClaimTypes.Email) ?? First("preferred_username") ?? First("sub") ?? First(ClaimTypes.NameIdentifier) ?? "unknown";

        var identity = new ClaimsIdentity(AuthenticationType, ClaimTypes.Name, ClaimTypes.Role);
        identity.AddClaim(new Claim(ClaimTypes.Name, name));
        if (First("sub") is { } subject)
        {
            identity.AddClaim(new Claim("sub", subject));
        }

        var values = all.Where(c => c.Type == options.RoleClaim).Select(c => c.Value).ToList();
        foreach (var value in values)
        {
            identity.AddClaim(new Claim(options.RoleClaim, value));
        }

        if (options.RoleFor(values) is { } role)
        {
            identity.AddClaim(new Claim(ClaimTypes.Role, role));
        }

        return new ClaimsPrincipal(identity);
    }

    /// <summary>The actor a signed-in principal is, or null when it has no dashboard role.</summary>
    public static Actor? ActorOf(ClaimsPrincipal user) =>
        user.Identity is { IsAuthenticated: true, Name: { } name }
            ? user.IsInRole(DashboardRoles.Operator) ? new Actor(name, DashboardRoles.Operator)
            : user.IsInRole(DashboardRoles.Viewer) ? new Actor(name, DashboardRoles.Viewer)
            : null
            : null;
}
