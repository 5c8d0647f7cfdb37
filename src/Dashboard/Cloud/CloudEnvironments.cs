using Dashboard.Configuration;
using Microsoft.Extensions.Options;

namespace Dashboard.Cloud;

/// <summary>
/// Every environment the dashboard can show, and each one's services, made on first use and kept for the app's life.
/// Local mode has one, <c>local</c>; Aws mode has those of <c>Cloud:Environments</c>, or <c>aws</c> without them.
/// </summary>
public sealed class CloudEnvironments : IAsyncDisposable
{
    private readonly Dictionary<string, Lazy<EnvironmentServices>> _services;

    public CloudEnvironments(IOptions<CloudOptions> cloud, IOptions<EnvironmentsOptions> options, EnvironmentServiceTemplate template, IServiceProvider root)
    {
        Root = root;
        var configured = options.Value;
        All = cloud.Value.Mode == CloudMode.Local || configured.Environments.Count == 0
            ? [CloudEnvironment.From(cloud.Value)]
            : [.. configured.Environments.Select(CloudEnvironment.From)];
        Default = configured.DefaultEnvironment is { } name && All.FirstOrDefault(e => e.Name == name) is { } chosen ? chosen : All[0];
        _services = All.ToDictionary(
            e => e.Name,
            e => new Lazy<EnvironmentServices>(() => new EnvironmentServices(root, template, e)),
            StringComparer.Ordinal);
    }

    /// <summary>The app's container, as singletons see it.</summary>
    internal IServiceProvider Root { get; }

    /// <summary>In configuration order.</summary>
    public IReadOnlyList<CloudEnvironment> All { get; }

    /// <summary>The one a link without <c>env</c> opens.</summary>
    public CloudEnvironment Default { get; }

    /// <summary>True when more than one environment is configured, so the app bar offers a switch.</summary>
    public bool HasChoice => All.Count > 1;

    public CloudEnvironment? Find(string? name) => All.FirstOrDefault(e => e.Name == name);

    /// <summary>The services of <paramref name="environment"/>.</summary>
    public EnvironmentServices ServicesOf(CloudEnvironment environment) =>
        _services.TryGetValue(environment.Name, out var services)
            ? services.Value
            : throw new ArgumentException($"No environment named '{environment.Name}': known are {string.Join(", ", All.Select(e => e.Name))}.", nameof(environment));

    /// <summary>The services of the environment named <paramref name="name"/>.</summary>
    public EnvironmentServices ServicesOf(string name) =>
        ServicesOf(Find(name) ?? new CloudEnvironment(name));

    public async ValueTask DisposeAsync()
    {
        foreach (var services in _services.Values.Where(s => s.IsValueCreated))
        {
            await services.Value.DisposeAsync();
        }
    }
}
