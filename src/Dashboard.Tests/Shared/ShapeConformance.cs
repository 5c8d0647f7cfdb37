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
    /// <summary>
    /// Checks every <c>XAsync(XRequest, CancellationToken)</c> method of a client interface against the model.
    /// Returns the operation count (so callers pin it) and every problem found.
    /// </summary>
    public static (int Operations, IReadOnlyList<string> Problems) CheckApi(Type api, JsonElement model)
    {
        var operations = api.GetMethods().Where(m => m.Name.EndsWith("Async", StringComparison.Ordinal)).ToList();
        var problems = operations.SelectMany(m => Check(
            model,
            m.Name[..^"Async".Length],
            m.GetParameters()[0].ParameterType,
            m.ReturnType.GetGenericArguments()[0])).ToList();
        return (operations.Count, problems);
    }

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

        if (ShapeReflection.IsScalar(target))
        {
            if (kind is "structure" or "list" or "map")
            {
                problems.Add($"{path}: {target.Name} is a scalar but shape {shapeName} is a {kind}");
            }

            return;
        }

        if (ShapeReflection.MapValueType(target) is { } valueType)
        {
            if (kind != "map")
            {
                problems.Add($"{path}: a map but shape {shapeName} is a {kind}");
                return;
            }

            Compare(shapes, shape.GetProperty("value").GetProperty("shape").GetString()!, valueType, path + "{}", problems, seen);
            return;
        }

        if (ShapeReflection.ListElementType(target) is { } itemType)
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

    private static IEnumerable<System.Reflection.PropertyInfo> ShapeMembers(Type type) => ShapeReflection.MembersOf(type);
}
