using System.Text.Json;

namespace LocalCloud.Tests.EventBridge.Patterns;

/// <summary>
/// One parity case from <c>Parity/*.json</c>: a pattern, an event, and what EventBridge does with them.
/// A file is <c>{"events": {name: event}, "cases": [...]}</c>; a case's <c>event</c> is an inline object or the name
/// of a shared event, and its <c>pattern</c> is JSON (or <c>patternText</c>, for text that is not JSON at all).
/// </summary>
public sealed record ParityCase(string File, string Name, string Doc, string PatternText, string? EventJson, string Expected, string? ErrorContains)
{
    public string Id => $"{Path.GetFileNameWithoutExtension(File)}: {Name}";

    public override string ToString() => Id;
}

public static class ParityCases
{
    private static readonly Lazy<IReadOnlyList<ParityCase>> All = new(Load);

    public static IReadOnlyList<ParityCase> Cases => All.Value;

    public static ParityCase Get(string id) => Cases.Single(c => c.Id == id);

    private static List<ParityCase> Load()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "EventBridge", "Patterns", "Parity");
        var cases = new List<ParityCase>();
        foreach (var file in Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal))
        {
            using var document = JsonDocument.Parse(File.ReadAllText(file));
            var root = document.RootElement;
            var events = root.TryGetProperty("events", out var shared)
                ? shared.EnumerateObject().ToDictionary(e => e.Name, e => e.Value.GetRawText())
                : [];
            foreach (var c in root.GetProperty("cases").EnumerateArray())
            {
                var name = c.GetProperty("name").GetString()!;
                string? eventJson = null;
                if (c.TryGetProperty("event", out var ev))
                {
                    eventJson = ev.ValueKind == JsonValueKind.String
                        ? events.TryGetValue(ev.GetString()!, out var named) ? named : throw new InvalidDataException($"{file}: case '{name}' names unknown event '{ev.GetString()}'")
                        : ev.GetRawText();
                }

                var patternText = c.TryGetProperty("patternText", out var text) ? text.GetString()! : c.GetProperty("pattern").GetRawText();
                var expected = c.GetProperty("expected").GetString()!;
                if (expected is not ("match" or "no match" or "error"))
                {
                    throw new InvalidDataException($"{file}: case '{name}' expects '{expected}'");
                }

                if (expected != "error" && eventJson is null)
                {
                    throw new InvalidDataException($"{file}: case '{name}' has no event");
                }

                cases.Add(new ParityCase(
                    file,
                    name,
                    c.GetProperty("doc").GetString()!,
                    patternText,
                    eventJson,
                    expected,
                    c.TryGetProperty("errorContains", out var contains) ? contains.GetString() : null));
            }
        }

        return cases;
    }
}
