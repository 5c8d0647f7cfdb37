using Dashboard.Components;

namespace Dashboard.Cloud;

/// <summary>What a navigation inside a circuit does about the environment it shows.</summary>
public enum EnvironmentMove
{
    /// <summary>Same environment: navigate as asked.</summary>
    Stay,

    /// <summary>The target names no environment but the circuit's URL did: go to the target with that <c>env</c>.</summary>
    KeepEnvironment,

    /// <summary>Another environment: load the page anew, so the new circuit holds that environment's services.</summary>
    Reload,
}

/// <summary>
/// Keeps <c>?env=</c> across navigation: a link or a <c>NavigateTo</c> that names no environment keeps the circuit's,
/// and one that names another reloads, since a circuit shows one environment for its whole life.
/// </summary>
public static class EnvironmentNavigation
{
    /// <param name="target">Where the navigation goes (absolute or relative).</param>
    /// <param name="requested">The <c>env</c> the circuit's URL named, if any (known or not).</param>
    /// <param name="current">The environment the circuit shows.</param>
    public static (EnvironmentMove Move, string Target) Decide(string target, string? requested, CloudEnvironment current)
    {
        var named = EnvironmentSelection.NameIn(target);
        if (named is null)
        {
            return requested is null ? (EnvironmentMove.Stay, target) : (EnvironmentMove.KeepEnvironment, DashboardUrls.WithEnvironment(target, requested));
        }

        return named == requested || (requested is null && named == current.Name)
            ? (EnvironmentMove.Stay, target)
            : (EnvironmentMove.Reload, target);
    }
}
