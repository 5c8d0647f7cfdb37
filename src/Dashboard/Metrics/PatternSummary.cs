using System.Globalization;
using System.Text.Json;

namespace Dashboard.Metrics;

/// <summary>One field of an event pattern and what it must be, for example <c>detail.object.key</c>: prefix "data/".</summary>
public sealed record PatternCondition(string Field, string Condition);

/// <summary>
/// An event pattern as a data engineer reads it: one line per field, each with its accepted values. Operators are
/// spelled out (prefix, anything but, numeric, exists, wildcard); alternatives are joined with "or".
/// </summary>
public static class PatternSummary
{
    /// <summary>The pattern's conditions, in the order written; an empty list for an empty or unreadable pattern.</summary>
    public static IReadOnlyList<PatternCondition> Describe(string? pattern)
    {
        if (string.IsNullOrWhiteSpace(pattern))
        {
            return [];
        }

        try
        {
            using var document = JsonDocument.Parse(pattern);
            var conditions = new List<PatternCondition>();
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                Walk(document.RootElement, prefix: null, conditions);
            }

            return conditions;
        }
        catch (JsonException)
        {
            // EventBridge stores only valid patterns; anything else is shown raw by the page.
            return [];
        }
    }

    private static void Walk(JsonElement element, string? prefix, List<PatternCondition> conditions)
    {
        foreach (var property in element.EnumerateObject())
        {
            if (property.Name == "$or" && property.Value.ValueKind == JsonValueKind.Array)
            {
                var alternatives = property.Value.EnumerateArray()
                    .Select(alternative =>
                    {
                        var inner = new List<PatternCondition>();
                        Walk(alternative, prefix, inner);
                        return string.Join(" and ", inner.Select(c => $"{c.Field} {c.Condition}"));
                    });
                conditions.Add(new PatternCondition(prefix ?? "(event)", "one of: " + string.Join(" | ", alternatives)));
                continue;
            }

            var field = prefix is null ? property.Name : $"{prefix}.{property.Name}";
            switch (property.Value.ValueKind)
            {
                case JsonValueKind.Object:
                    Walk(property.Value, field, conditions);
                    break;
                case JsonValueKind.Array:
                    conditions.Add(new PatternCondition(field, string.Join(" or ", property.Value.EnumerateArray().Select(Matcher))));
                    break;
                default:
                    conditions.Add(new PatternCondition(field, Matcher(property.Value)));
                    break;
            }
        }
    }

    private static string Matcher(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => Quote(value.GetString()),
        JsonValueKind.Null => "null",
        JsonValueKind.Object => Operator(value),
        _ => value.GetRawText(),
    };

    private static string Operator(JsonElement value)
    {
        var parts = new List<string>();
        foreach (var op in value.EnumerateObject())
        {
            parts.Add(op.Name switch
            {
                "prefix" or "suffix" or "wildcard" or "equals-ignore-case" => $"{op.Name} {Operand(op.Value)}",
                "anything-but" => $"anything but {Operand(op.Value)}",
                "exists" => op.Value.ValueKind == JsonValueKind.False ? "absent" : "present",
                "numeric" => "numeric " + string.Join(" ", op.Value.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.String ? v.GetString() : v.GetRawText())),
                "cidr" => $"in {Operand(op.Value)}",
                _ => $"{op.Name} {op.Value.GetRawText()}",
            });
        }

        return string.Join(", ", parts);
    }

    private static string Operand(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => Quote(value.GetString()),
        JsonValueKind.Array => string.Join(" or ", value.EnumerateArray().Select(Operand)),
        JsonValueKind.Object => Operator(value),
        _ => value.GetRawText(),
    };

    private static string Quote(string? text) => string.Create(CultureInfo.InvariantCulture, $"\"{text}\"");
}
