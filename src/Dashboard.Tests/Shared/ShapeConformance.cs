using System.Text.Json;
using System.Text.Json.Serialization;
using Dashboard.Aws.Protocol;

namespace Dashboard.Tests.Shared;

/// <summary>
/// Compares our request and response records with botocore's shapes: every member we declare, at any depth, must
/// exist in the matching shape, with a compatible kind (structure, list, map, scalar).
/// </summary>
public static class ShapeConformance
{
    public static IReadOnlyList<string> Check(JsonElement model, string operation, Type input, Type output)
    {
        var problems = new List<string>();
        var shapes = model.GetProperty("shapes");
        if (!model.GetProperty("operations").TryGetProperty(operation, out var op))
        {
            return [$"{operation}: no such operation in the model"];
        }

        if (op.TryGetProperty("input", out var inputRef))
        {
            Compare(shapes, inputRef.GetProperty("shape").GetString()!, input, $"{operation} input", problems, []);
        }
        else
        {
            problems.Add($"{operation}: the model has no input shape");
        }

        if (op.TryGetProperty("output", out var outputRef))
        {
            Compare(shapes, outputRef.GetProperty("shape").GetString()!, output, $"{operation} output", problems, []);
        }
        else if (ShapeMembers(output).Any())
        {
            problems.Add($"{operation}: the model has no output shape, but {output.Name} declares members");
        }

        return problems;
    }

    /// <summary>For Query services the response members sit in the output shape itself (the wrapper is the protocol's).</summary>
    private static void Compare(JsonElement shapes, string shapeName, Type type, string path, List<string> problems, HashSet<(string, Type)> seen)
    {
        if (!seen.Add((shapeName, type)))
        {
            return;
        }

        var shape = shapes.GetProperty(shapeName);
        var kind = shape.GetProperty("type").GetString();
        var target = Nullable.GetUnderlyingType(type) ?? type;

        if (ShapeReflectionProxy.IsScalar(target))
        {
            if (kind is "structure" or "list" or "map")
            {
                problems.Add($"{path}: {target.Name} is a scalar but shape {shapeName} is a {kind}");
            }

            return;
        }

        if (ShapeReflectionProxy.MapValueType(target) is { } valueType)
        {
            if (kind != "map")
            {
                problems.Add($"{path}: a map but shape {shapeName} is a {kind}");
                return;
            }

            Compare(shapes, shape.GetProperty("value").GetProperty("shape").GetString()!, valueType, path + "{}", problems, seen);
            return;
        }

        if (ShapeReflectionProxy.ListElementType(target) is { } itemType)
        {
            if (kind != "list")
            {
                problems.Add($"{path}: a list but shape {shapeName} is a {kind}");
                return;
            }

            Compare(shapes, shape.GetProperty("member").GetProperty("shape").GetString()!, itemType, path + "[]", problems, seen);
            return;
        }

        if (kind != "structure")
        {
            problems.Add($"{path}: {target.Name} is a structure but shape {shapeName} is a {kind}");
            return;
        }

        var members = shape.GetProperty("members");
        foreach (var property in ShapeMembers(target))
        {
            var name = WireName(property);
            if (!members.TryGetProperty(name, out var member))
            {
                problems.Add($"{path}.{name}: shape {shapeName} has no member '{name}' (it has: {string.Join(", ", members.EnumerateObject().Select(m => m.Name))})");
                continue;
            }

            Compare(shapes, member.GetProperty("shape").GetString()!, property.PropertyType, $"{path}.{name}", problems, seen);
        }
    }

    /// <summary>The member's name on the wire: its [JsonPropertyName] where the C# name differs (camelCase members, Equals).</summary>
    private static string WireName(System.Reflection.PropertyInfo property) =>
        property.GetCustomAttributes(typeof(JsonPropertyNameAttribute), inherit: true).OfType<JsonPropertyNameAttribute>().FirstOrDefault()?.Name ?? property.Name;

    private static IEnumerable<System.Reflection.PropertyInfo> ShapeMembers(Type type) =>
        type.GetProperties().Where(p => p.GetIndexParameters().Length == 0
            && p.GetCustomAttributes(typeof(ShapeIgnoreAttribute), inherit: true).Length == 0
            && p.Name != "EqualityContract");

    /// <summary>The production code's own notion of scalars, lists and maps, so both sides agree by construction.</summary>
    private static class ShapeReflectionProxy
    {
        public static bool IsScalar(Type type) => type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal)
            || type == typeof(DateTimeOffset) || type == typeof(DateTime);

        public static Type? ListElementType(Type type) =>
            type.IsArray ? type.GetElementType()
            : type.IsGenericType && type.GetGenericArguments().Length == 1 && typeof(System.Collections.IEnumerable).IsAssignableFrom(type) ? type.GetGenericArguments()[0]
            : null;

        public static Type? MapValueType(Type type) =>
            type.IsGenericType && type.GetGenericArguments() is [var key, var value] && key == typeof(string)
                && typeof(System.Collections.IEnumerable).IsAssignableFrom(type) ? value : null;
    }
}
