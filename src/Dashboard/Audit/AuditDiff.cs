using System.Text.Json;
using System.Text.Json.Nodes;
using Dashboard.Batching;

namespace Dashboard.Audit;

/// <summary>The Before and After JSON of a write, field by field, with the paths the trigger editor shows.</summary>
/// <param name="Lines">The fields that differ, in path order.</param>
/// <param name="Unchanged">How many fields are the same on both sides.</param>
/// <param name="Problem">Why the JSON could not be compared (it is shown as stored instead); null when it could.</param>
public sealed record AuditDiff(IReadOnlyList<DiffLine> Lines, int Unchanged, string? Problem)
{
    /// <summary>Compares two JSON texts; a missing side counts as an empty object, so every field of the other is new or gone.</summary>
    public static AuditDiff Compare(string? before, string? after)
    {
        if (!TryParse(before, out var a, out var beforeProblem))
        {
            return new AuditDiff([], 0, $"Before is not JSON ({beforeProblem}).");
        }

        if (!TryParse(after, out var b, out var afterProblem))
        {
            return new AuditDiff([], 0, $"After is not JSON ({afterProblem}).");
        }

        var lines = TriggerText.Diff(a, b);
        var fields = TriggerText.Flatten(a).Keys.Union(TriggerText.Flatten(b).Keys, StringComparer.Ordinal).Count();
        return new AuditDiff(lines, fields - lines.Count, null);
    }

    private static bool TryParse(string? json, out JsonNode node, out string? problem)
    {
        problem = null;
        node = new JsonObject();
        if (string.IsNullOrWhiteSpace(json))
        {
            return true;
        }

        try
        {
            node = JsonNode.Parse(json) ?? new JsonObject();
            return true;
        }
        catch (JsonException error)
        {
            problem = error.Message;
            return false;
        }
    }
}
