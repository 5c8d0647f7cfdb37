using Microsoft.Extensions.Caching.Hybrid;

namespace Dashboard.Cloud;

/// <summary>
/// One environment's view of the app's <see cref="HybridCache"/>: every key and tag starts with the environment's
/// name, so two accounts never share an entry and coalescing still works within each.
/// </summary>
public sealed class EnvironmentCache(HybridCache inner, string environment) : HybridCache
{
    public string Prefix { get; } = environment + "/";

    public override ValueTask<T> GetOrCreateAsync<TState, T>(
        string key,
        TState state,
        Func<TState, CancellationToken, ValueTask<T>> factory,
        HybridCacheEntryOptions? options = null,
        IEnumerable<string>? tags = null,
        CancellationToken cancellationToken = default) =>
        inner.GetOrCreateAsync(Prefix + key, state, factory, options, Tags(tags), cancellationToken);

    public override ValueTask SetAsync<T>(
        string key, T value, HybridCacheEntryOptions? options = null, IEnumerable<string>? tags = null, CancellationToken cancellationToken = default) =>
        inner.SetAsync(Prefix + key, value, options, Tags(tags), cancellationToken);

    public override ValueTask RemoveAsync(string key, CancellationToken cancellationToken = default) =>
        inner.RemoveAsync(Prefix + key, cancellationToken);

    public override ValueTask RemoveByTagAsync(string tag, CancellationToken cancellationToken = default) =>
        inner.RemoveByTagAsync(Prefix + tag, cancellationToken);

    private IEnumerable<string>? Tags(IEnumerable<string>? tags) => tags?.Select(t => Prefix + t);
}
