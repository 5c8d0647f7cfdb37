using Dashboard.Live;

namespace Dashboard.Cloud;

/// <summary>
/// The services of one environment: its AWS clients, rate limits, identity, cache view and the caching services built
/// on them, each made once for the environment on first use. Anything else (the clock, logging, options, the audit
/// log) comes from the app's container. A service the app's container registers itself, such as a test's fake client,
/// serves every environment.
/// </summary>
public sealed class EnvironmentServices : IServiceProvider, IServiceProviderIsService, IAsyncDisposable
{
    private readonly IServiceProvider _root;
    private readonly EnvironmentServiceTemplate _template;
    private readonly Dictionary<Type, object> _created = [];
    private readonly List<object> _order = [];
    private readonly Lock _lock = new();
    private bool _disposed;

    internal EnvironmentServices(IServiceProvider root, EnvironmentServiceTemplate template, CloudEnvironment environment)
    {
        _root = root;
        _template = template;
        Environment = environment;
    }

    public CloudEnvironment Environment { get; }

    public object? GetService(Type serviceType)
    {
        if (serviceType == typeof(CloudEnvironment))
        {
            return Environment;
        }

        if (serviceType == typeof(IServiceProvider) || serviceType == typeof(IServiceProviderIsService))
        {
            return this;
        }

        if (_template.Find(serviceType) is not { } descriptor || _template.IsOverriddenByApp(serviceType))
        {
            return _root.GetService(serviceType);
        }

        // Monitor-style lock: a service's factory may ask for another service of this environment.
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_created.TryGetValue(serviceType, out var existing))
            {
                return existing;
            }

            var created = descriptor.ImplementationInstance
                ?? descriptor.ImplementationFactory?.Invoke(this)
                ?? ActivatorUtilities.CreateInstance(this, descriptor.ImplementationType
                    ?? throw new InvalidOperationException($"The environment service {serviceType.Name} has no implementation."));
            _created[serviceType] = created;
            if (descriptor.ImplementationInstance is null)
            {
                _order.Add(created);
            }

            return created;
        }
    }

    public bool IsService(Type serviceType) =>
        serviceType == typeof(CloudEnvironment)
        || _template.Find(serviceType) is not null
        || (_root.GetService(typeof(IServiceProviderIsService)) as IServiceProviderIsService)?.IsService(serviceType) == true;

    /// <summary>Stops the environment's live feeds and disposes the clients it made, newest first.</summary>
    public async ValueTask DisposeAsync()
    {
        object[] created;
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            created = [.. _order];
            _created.Clear();
            _order.Clear();
        }

        foreach (var service in created.Reverse())
        {
            switch (service)
            {
                case LiveData live:
                    await live.StopAsync();
                    break;
                case IAsyncDisposable asyncDisposable:
                    await asyncDisposable.DisposeAsync();
                    break;
                case IDisposable disposable:
                    disposable.Dispose();
                    break;
            }
        }
    }
}

/// <summary>
/// What each environment gets its own of: the registrations it is built from, and, for the app's container, which of
/// them the app overrides (a test's fake, registered after the dashboard's own).
/// </summary>
public sealed class EnvironmentServiceTemplate(IServiceCollection app)
{
    private readonly Dictionary<Type, ServiceDescriptor> _services = [];
    private readonly HashSet<ServiceDescriptor> _forwarders = [];
    private readonly System.Collections.Concurrent.ConcurrentDictionary<Type, bool> _overridden = new();

    /// <summary>Adds <paramref name="descriptor"/> unless its type already has one, as <c>TryAdd</c> does.</summary>
    /// <param name="descriptor">How the environment makes its instance.</param>
    /// <param name="wrapsApp">True when the environment's service wraps the app's own registration of the same type
    /// (the cache), which then is no override.</param>
    public EnvironmentServiceTemplate TryAdd(ServiceDescriptor descriptor, bool wrapsApp = false)
    {
        if (_services.TryAdd(descriptor.ServiceType, descriptor) && wrapsApp)
        {
            _overridden[descriptor.ServiceType] = false;
        }

        return this;
    }

    public EnvironmentServiceTemplate TryAdd<TService>(Func<IServiceProvider, TService> factory)
        where TService : class =>
        TryAdd(ServiceDescriptor.Singleton(factory));

    public EnvironmentServiceTemplate TryAdd<TService>()
        where TService : class =>
        TryAdd(ServiceDescriptor.Singleton<TService, TService>());

    public EnvironmentServiceTemplate TryAdd<TService, TImplementation>()
        where TService : class
        where TImplementation : class, TService =>
        TryAdd(ServiceDescriptor.Singleton<TService, TImplementation>());

    internal ServiceDescriptor? Find(Type serviceType) => _services.GetValueOrDefault(serviceType);

    /// <summary>Remembers the app's registration that hands out the circuit's environment's instance of a type.</summary>
    internal void AddForwarder(ServiceDescriptor forwarder) => _forwarders.Add(forwarder);

    /// <summary>True when the app's own last registration of <paramref name="serviceType"/> is not the dashboard's forwarder.</summary>
    internal bool IsOverriddenByApp(Type serviceType) => _overridden.GetOrAdd(serviceType, LastIsNotForwarder);

    // The app's collection is read-only once its container is built, so the answer never changes.
    private bool LastIsNotForwarder(Type serviceType)
    {
        ServiceDescriptor? last = null;
        foreach (var descriptor in app)
        {
            if (descriptor.ServiceType == serviceType && !descriptor.IsKeyedService)
            {
                last = descriptor;
            }
        }

        return last is not null && !_forwarders.Contains(last);
    }
}
