using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Xml.Linq;

namespace LocalCloud.Protocol;

/// <summary>
/// AWS Query: <c>Action</c>, <c>Version</c> and flattened parameters in a form body (or the query string), and an
/// XML response: <c>&lt;OpResponse&gt;&lt;OpResult&gt;…&lt;/OpResult&gt;&lt;ResponseMetadata&gt;</c>. Errors are <c>ErrorResponse</c>.
/// </summary>
public sealed class QueryFrontEnd(IEnumerable<IAwsService> services)
{
    private readonly Dictionary<string, IAwsService> _bySigningName = services
        .Where(s => s.QueryNamespace is not null)
        .ToDictionary(s => s.SigningName, StringComparer.Ordinal);

    public bool Serves(string signingName) => _bySigningName.ContainsKey(signingName);

    public async Task HandleAsync(HttpContext http, RequestContext context, CancellationToken cancellationToken)
    {
        var parameters = await ReadParametersAsync(http.Request, cancellationToken);
        var action = parameters.GetValueOrDefault("Action") ?? string.Empty;
        var service = _bySigningName.GetValueOrDefault(context.Service);
        try
        {
            if (service is null)
            {
                throw AwsServiceException.UnknownOperation($"{context.Service}:{action}");
            }

            if (action.Length == 0)
            {
                throw new AwsServiceException("MissingAction", "The request must contain the parameter Action.");
            }

            var operation = service.Operations.Get(action);
            var input = WireJson.Deserialize(System.Text.Encoding.UTF8.GetBytes(Unflatten(parameters).ToJsonString()), operation.InputType);
            var output = await operation.Invoke(context, input, cancellationToken);

            XNamespace ns = service.QueryNamespace!;
            var document = new XElement(
                ns + $"{action}Response",
                ShapeXml.IsEmpty(output) ? null : ShapeXml.Write(ns + $"{action}Result", output, ns),
                new XElement(ns + "ResponseMetadata", new XElement(ns + "RequestId", context.RequestId)));
            await WriteXmlAsync(http, StatusCodes.Status200OK, document, context, cancellationToken);
        }
        catch (AwsServiceException error)
        {
            XNamespace ns = service?.QueryNamespace ?? string.Empty;
            var document = new XElement(
                ns + "ErrorResponse",
                new XElement(ns + "Error",
                    new XElement(ns + "Type", error.SenderFault ? "Sender" : "Receiver"),
                    new XElement(ns + "Code", error.Code),
                    new XElement(ns + "Message", error.Message)),
                new XElement(ns + "RequestId", context.RequestId));
            await WriteXmlAsync(http, (int)error.Status, document, context, cancellationToken);
        }
    }

    public static async Task WriteXmlAsync(HttpContext http, int status, XElement document, RequestContext context, CancellationToken cancellationToken)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "text/xml";
        http.Response.Headers["x-amzn-RequestId"] = context.RequestId;
        await http.Response.WriteAsync(new XDocument(new XDeclaration("1.0", "UTF-8", null), document).Declaration + document.ToString(SaveOptions.DisableFormatting), cancellationToken);
    }

    /// <summary>The request's <c>Action</c>; reading it leaves the form cached for <see cref="HandleAsync"/>.</summary>
    public static async Task<string> ReadActionAsync(HttpRequest request, CancellationToken cancellationToken) =>
        (await ReadParametersAsync(request, cancellationToken)).GetValueOrDefault("Action") ?? string.Empty;

    public static async Task<Dictionary<string, string>> ReadParametersAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in request.Query)
        {
            parameters[key] = value.ToString();
        }

        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(cancellationToken);
            foreach (var (key, value) in form)
            {
                parameters[key] = value.ToString();
            }
        }

        return parameters;
    }

    /// <summary>
    /// Turns <c>A.member.1.B=x</c>, <c>A.entry.1.key=k</c> / <c>A.entry.1.value=v</c> and <c>A.B=y</c> into JSON,
    /// so the same input records serve the Query and JSON protocols.
    /// </summary>
    public static JsonObject Unflatten(IReadOnlyDictionary<string, string> parameters)
    {
        var root = new JsonObject();
        foreach (var (key, value) in parameters.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (key is "Action" or "Version" || key.StartsWith("X-Amz-", StringComparison.Ordinal))
            {
                continue;
            }

            var segments = key.Split('.');
            JsonNode current = root;
            for (var i = 0; i < segments.Length; i++)
            {
                var last = i == segments.Length - 1;
                var segment = segments[i];
                if (segment is "member" && i + 1 < segments.Length && int.TryParse(segments[i + 1], CultureInfo.InvariantCulture, out var index))
                {
                    // current is the list's owner slot, already converted to an array by the previous step.
                    var array = current.AsArray();
                    while (array.Count < index)
                    {
                        array.Add(null);
                    }

                    i++;
                    last = i == segments.Length - 1;
                    if (last)
                    {
                        array[index - 1] = JsonValue.Create(value);
                    }
                    else
                    {
                        if (array[index - 1] is not { } item)
                        {
                            array[index - 1] = item = segments[i + 1] == "member" ? new JsonArray() : new JsonObject();
                        }

                        current = item;
                    }

                    continue;
                }

                if (segment is "entry" && i + 2 < segments.Length && int.TryParse(segments[i + 1], CultureInfo.InvariantCulture, out _))
                {
                    // Maps: remember key/value pairs under a hidden slot, resolved below.
                    var entries = current.AsObject();
                    var slot = $"\u0001{segments[i + 1]}";
                    if (entries[slot] is not JsonObject entry)
                    {
                        entries[slot] = entry = new JsonObject();
                    }

                    entry[segments[i + 2]] = JsonValue.Create(value);
                    break;
                }

                var obj = current.AsObject();
                if (last)
                {
                    // A bare key with no value (how botocore sends an empty list) means the member is absent.
                    if (value.Length > 0)
                    {
                        obj[segment] = JsonValue.Create(value);
                    }
                }
                else
                {
                    if (obj[segment] is not { } child)
                    {
                        obj[segment] = child = segments[i + 1] == "member" ? new JsonArray() : new JsonObject();
                    }

                    current = child;
                }
            }
        }

        ResolveMaps(root);
        return root;
    }

    private static void ResolveMaps(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                var slots = obj.Where(p => p.Key.StartsWith('\u0001')).ToList();
                foreach (var (slot, entry) in slots)
                {
                    obj.Remove(slot);
                    if (entry?["key"]?.GetValue<string>() is { } key)
                    {
                        obj[key] = entry["value"]?.DeepClone();
                    }
                }

                foreach (var (_, child) in obj.ToList())
                {
                    ResolveMaps(child);
                }

                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    ResolveMaps(child);
                }

                break;
        }
    }
}

/// <summary>Writes output records as Query XML: members as elements, lists as <c>member</c>, maps as <c>entry</c>.</summary>
public static class ShapeXml
{
    public static bool IsEmpty(object value) => value is Empty;

    public static XElement Write(XName name, object value, XNamespace ns)
    {
        var element = new XElement(name);
        foreach (var property in value.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length > 0 || property.GetCustomAttribute<JsonIgnoreAttribute>() is not null)
            {
                continue;
            }

            var memberName = property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? property.Name;
            if (property.GetValue(value) is { } memberValue)
            {
                element.Add(WriteValue(ns + memberName, memberValue, ns));
            }
        }

        return element;
    }

    private static XElement WriteValue(XName name, object value, XNamespace ns) => value switch
    {
        string s => new XElement(name, s),
        bool b => new XElement(name, b ? "true" : "false"),
        DateTimeOffset t => new XElement(name, t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)),
        IFormattable f when value.GetType().IsPrimitive || value is decimal => new XElement(name, f.ToString(null, CultureInfo.InvariantCulture)),
        Enum e => new XElement(name, e.ToString()),
        IDictionary map => new XElement(name, map.Keys.Cast<object>().Select(k => new XElement(ns + "entry", new XElement(ns + "key", k), map[k] is { } v ? WriteValue(ns + "value", v, ns) : null))),
        IEnumerable list => new XElement(name, list.Cast<object?>().Where(i => i is not null).Select(i => WriteValue(ns + "member", i!, ns))),
        _ => Write(name, value, ns),
    };
}
