using System.Text.Json;

namespace LocalCloud.Faults;

/// <summary>
/// <c>/_localcloud/faults</c>, the control endpoint for fault injection, outside the AWS APIs:
/// <c>GET</c> lists the rules; <c>PUT</c> or <c>POST</c> a JSON rule
/// (<c>{"service":"glue","operation":"GetWorkflowRuns","kind":"Throttle","rate":0.25}</c>) adds it or replaces the one
/// with the same service, operation and kind; <c>DELETE</c> clears them all, or with <c>?service=&amp;operation=&amp;kind=</c>
/// those that match. Bad input gets a 400 whose message names the field. Like <c>/_localcloud/requests</c>, only
/// unsigned requests reach it.
/// </summary>
public static class FaultsEndpoint
{
    public const string Path = "/_localcloud/faults";

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        // Messages quote field names; keep the quotes readable for curl users.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    private static readonly string[] Fields = ["service", "operation", "kind", "rate", "latencyMs"];

    public static bool Matches(HttpContext http) =>
        http.Request.Path.Equals(Path, StringComparison.Ordinal)
        && !http.Request.Headers.ContainsKey("Authorization")
        && !http.Request.Query.ContainsKey("X-Amz-Credential");

    public static async Task HandleAsync(HttpContext http)
    {
        var faults = http.RequestServices.GetRequiredService<IFaultInjector>();
        var cancellationToken = http.RequestAborted;
        if (HttpMethods.IsGet(http.Request.Method))
        {
            await http.Response.WriteAsJsonAsync(new { Faults = faults.Rules }, JsonOptions, cancellationToken);
        }
        else if (HttpMethods.IsPut(http.Request.Method) || HttpMethods.IsPost(http.Request.Method))
        {
            var (rule, problems) = await ReadRuleAsync(http.Request, cancellationToken);
            if (rule is null)
            {
                await BadRequestAsync(http, string.Join(" ", problems), cancellationToken);
                return;
            }

            faults.Put(rule);
            await http.Response.WriteAsJsonAsync(new { Faults = faults.Rules }, JsonOptions, cancellationToken);
        }
        else if (HttpMethods.IsDelete(http.Request.Method))
        {
            await DeleteAsync(http, faults, cancellationToken);
        }
        else
        {
            http.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            http.Response.Headers.Allow = "GET, PUT, POST, DELETE";
        }
    }

    private static async Task DeleteAsync(HttpContext http, IFaultInjector faults, CancellationToken cancellationToken)
    {
        var query = http.Request.Query;
        if (query.Keys.FirstOrDefault(k => k is not ("service" or "operation" or "kind")) is { } unknown)
        {
            await BadRequestAsync(http, $"Unknown query parameter '{unknown}': DELETE takes service, operation and kind, or nothing to clear every fault.", cancellationToken);
            return;
        }

        FaultKind? kind = null;
        if (query["kind"].ToString() is { Length: > 0 } kindText)
        {
            if (!Enum.TryParse<FaultKind>(kindText, ignoreCase: true, out var parsed) || int.TryParse(kindText, out _))
            {
                await BadRequestAsync(http, $"Query parameter 'kind' is '{kindText}', but it must be Throttle, ServerError or Latency.", cancellationToken);
                return;
            }

            kind = parsed;
        }

        var service = query["service"].ToString() is { Length: > 0 } s ? s : null;
        var operation = query["operation"].ToString() is { Length: > 0 } o ? o : null;
        var removed = faults.Remove(service, operation, kind);
        if (removed == 0 && (service ?? operation ?? kind?.ToString()) is not null)
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            await http.Response.WriteAsJsonAsync(new { Message = "No fault matches the service, operation and kind given." }, JsonOptions, cancellationToken);
            return;
        }

        http.Response.StatusCode = StatusCodes.Status204NoContent;
    }

    /// <summary>A rule from a JSON object body; each wrong field gets a message naming it.</summary>
    internal static async Task<(FaultRule? Rule, List<string> Problems)> ReadRuleAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(request.Body, cancellationToken: cancellationToken);
        }
        catch (JsonException error)
        {
            problems.Add($"The body must be a JSON object describing one fault: {error.Message}");
            return (null, problems);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                problems.Add($"The body must be a JSON object describing one fault, not {root.ValueKind}.");
                return (null, problems);
            }

            foreach (var property in root.EnumerateObject().Where(p => !Fields.Contains(p.Name, StringComparer.Ordinal)))
            {
                problems.Add($"Unknown field '{property.Name}': the fields are {string.Join(", ", Fields)}.");
            }

            var text = new Dictionary<string, string?>(StringComparer.Ordinal);
            foreach (var field in Fields)
            {
                text[field] = root.TryGetProperty(field, out var value) ? Text(field, value, problems) : null;
            }

            var rule = FaultRuleParser.Parse(text["service"], text["operation"], text["kind"], text["rate"], text["latencyMs"], field => $"Field '{char.ToLowerInvariant(field[0])}{field[1..]}'", problems);
            return (problems.Count == 0 ? rule : null, problems);
        }
    }

    /// <summary>Strings for service, operation and kind; numbers for rate and latencyMs.</summary>
    private static string? Text(string field, JsonElement value, List<string> problems)
    {
        var numeric = field is "rate" or "latencyMs";
        switch (value.ValueKind)
        {
            case JsonValueKind.Null:
                return null;
            case JsonValueKind.Number when numeric:
                return value.GetRawText();
            case JsonValueKind.String when !numeric:
                return value.GetString();
            default:
                problems.Add($"Field '{field}' must be a {(numeric ? "number" : "string")}, not {value.ValueKind}.");
                return null;
        }
    }

    private static async Task BadRequestAsync(HttpContext http, string message, CancellationToken cancellationToken)
    {
        http.Response.StatusCode = StatusCodes.Status400BadRequest;
        await http.Response.WriteAsJsonAsync(new { Message = message }, JsonOptions, cancellationToken);
    }
}
