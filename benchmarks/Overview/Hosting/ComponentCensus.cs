using Microsoft.AspNetCore.Components;

namespace Overview.Hosting;

/// <summary>
/// Creates every component the dashboard renders, as the default activator does, and remembers each weakly, so that
/// the memory probe can count the live ones by type after a full collection: what a circuit's render tree holds.
/// </summary>
public sealed class ComponentCensus : IComponentActivator
{
    private readonly Lock _gate = new();
    private List<WeakReference<IComponent>> _created = [];

    public IComponent CreateInstance(Type componentType)
    {
        var component = Activator.CreateInstance(componentType) as IComponent
            ?? throw new ArgumentException($"{componentType.FullName} is not a component.", nameof(componentType));
        lock (_gate)
        {
            _created.Add(new WeakReference<IComponent>(component));
        }

        return component;
    }

    /// <summary>The live components by type name, most first; call after a full collection. Forgets the collected ones.</summary>
    public IReadOnlyDictionary<string, int> Count()
    {
        lock (_gate)
        {
            _created = [.. _created.Where(reference => reference.TryGetTarget(out _))];
            return _created
                .Select(reference => reference.TryGetTarget(out var component) ? TypeName(component.GetType()) : null)
                .OfType<string>()
                .GroupBy(name => name)
                .OrderByDescending(group => group.Count())
                .ToDictionary(group => group.Key, group => group.Count());
        }
    }

    /// <summary>MudTooltip, or MudChip&lt;String&gt; for a generic one.</summary>
    private static string TypeName(Type type) => type.IsGenericType
        ? $"{type.Name[..type.Name.IndexOf('`')]}<{string.Join(", ", type.GetGenericArguments().Select(TypeName))}>"
        : type.Name;
}
