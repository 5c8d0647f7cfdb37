using System.Collections.Concurrent;
using System.Reflection;

namespace Dashboard.Aws.Protocol;

/// <summary>
/// What the Query protocol needs to know about a shape record: its members and their kinds. Computed once per type.
/// </summary>
internal static class ShapeReflection
{
    private static readonly ConcurrentDictionary<Type, PropertyInfo[]> Members = new();

    public static PropertyInfo[] MembersOf(Type type) => Members.GetOrAdd(
        type,
        static t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanRead && p.GetIndexParameters().Length == 0 && p.GetCustomAttribute<ShapeIgnoreAttribute>() is null)
            .ToArray());

    public static bool IsScalar(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal)
            || type == typeof(DateTimeOffset) || type == typeof(DateTime);
    }

    /// <summary>The element type of a list member (<c>IReadOnlyList&lt;T&gt;</c>, <c>List&lt;T&gt;</c>, <c>T[]</c>), if it is one.</summary>
    public static Type? ListElementType(Type type)
    {
        if (type.IsArray)
        {
            return type.GetElementType();
        }

        if (type.IsGenericType && type.GetGenericArguments().Length == 1 && type != typeof(string)
            && typeof(System.Collections.IEnumerable).IsAssignableFrom(type))
        {
            return type.GetGenericArguments()[0];
        }

        return null;
    }

    /// <summary>The value type of a string-keyed map member, if it is one.</summary>
    public static Type? MapValueType(Type type)
    {
        if (type.IsGenericType && type.GetGenericArguments() is [var key, var value] && key == typeof(string))
        {
            var definition = type.GetGenericTypeDefinition();
            if (definition == typeof(IReadOnlyDictionary<,>) || definition == typeof(Dictionary<,>) || definition == typeof(IDictionary<,>))
            {
                return value;
            }
        }

        return null;
    }
}

/// <summary>Marks a convenience property of a shape record that is not an AWS member.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ShapeIgnoreAttribute : Attribute;
