using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using LocalCloud.Protocol;

namespace LocalCloud.Sqs;

/// <summary>
/// SQS's Query dialect, whose lists and maps are flattened: <c>AttributeName.1=All</c>,
/// <c>Attribute.1.Name=VisibilityTimeout&amp;Attribute.1.Value=60</c>,
/// <c>MessageAttribute.1.Name=k&amp;MessageAttribute.1.Value.DataType=String&amp;MessageAttribute.1.Value.StringValue=v</c>;
/// responses repeat <c>&lt;Message&gt;</c>, <c>&lt;Attribute&gt;&lt;Name/&gt;&lt;Value/&gt;&lt;/Attribute&gt;</c> and <c>&lt;QueueUrl&gt;</c>.
/// </summary>
internal static partial class SqsQuery
{
    public const string Namespace = "http://queue.amazonaws.com/doc/2012-11-05/";

    private static readonly Dictionary<string, string> Lists = new(StringComparer.Ordinal)
    {
        ["AttributeName"] = "AttributeNames",
        ["MessageAttributeName"] = "MessageAttributeNames",
        ["MessageSystemAttributeName"] = "MessageSystemAttributeNames",
    };

    private static readonly Dictionary<string, (string Member, string Key, string Value)> Maps = new(StringComparer.Ordinal)
    {
        ["Attribute"] = ("Attributes", "Name", "Value"),
        ["Tag"] = ("tags", "Key", "Value"),
        ["MessageAttribute"] = ("MessageAttributes", "Name", "Value"),
        ["MessageSystemAttribute"] = ("MessageSystemAttributes", "Name", "Value"),
    };

    /// <summary>The JSON protocol's form of the parameters, so both protocols read into the same records.</summary>
    public static JsonObject ToJson(IReadOnlyDictionary<string, string> parameters)
    {
        var root = new JsonObject();
        var entries = new Dictionary<(string Map, int Index), Dictionary<string, string>>();
        foreach (var (key, value) in parameters.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (key is "Action" or "Version" || key.StartsWith("X-Amz-", StringComparison.Ordinal))
            {
                continue;
            }

            var match = Flattened().Match(key);
            if (match.Success && Lists.TryGetValue(match.Groups["name"].Value, out var list) && match.Groups["rest"].Length == 0)
            {
                (root[list] ??= new JsonArray()).AsArray().Add(value);
            }
            else if (match.Success && Maps.ContainsKey(match.Groups["name"].Value) && match.Groups["rest"].Length > 0)
            {
                var slot = (match.Groups["name"].Value, int.Parse(match.Groups["index"].Value, CultureInfo.InvariantCulture));
                if (!entries.TryGetValue(slot, out var entry))
                {
                    entries[slot] = entry = new Dictionary<string, string>(StringComparer.Ordinal);
                }

                entry[match.Groups["rest"].Value] = value;
            }
            else
            {
                root[key] = value;
            }
        }

        foreach (var ((map, _), entry) in entries.OrderBy(e => e.Key.Index))
        {
            var (member, keyName, valueName) = Maps[map];
            if (!entry.TryGetValue(keyName, out var name))
            {
                throw SqsErrors.MissingParameter($"{map}.N.{keyName}");
            }

            var target = (root[member] ??= new JsonObject()).AsObject();
            if (entry.TryGetValue(valueName, out var scalar))
            {
                target[name] = scalar;
            }
            else
            {
                // A typed attribute value: Value.DataType, Value.StringValue, Value.BinaryValue (base64, as JSON carries it).
                var typed = new JsonObject();
                foreach (var (field, text) in entry.Where(e => e.Key.StartsWith(valueName + ".", StringComparison.Ordinal)))
                {
                    typed[field[(valueName.Length + 1)..]] = text;
                }

                target[name] = typed;
            }
        }

        return root;
    }

    /// <summary><c>&lt;{Action}Response&gt;&lt;{Action}Result&gt;…&lt;/…&gt;&lt;ResponseMetadata/&gt;</c>, the Result left out for empty outputs.</summary>
    public static XElement Response(string action, object output, string requestId)
    {
        XNamespace ns = Namespace;
        return new XElement(
            ns + $"{action}Response",
            output is Empty ? null : new XElement(ns + $"{action}Result", Members(output, ns)),
            new XElement(ns + "ResponseMetadata", new XElement(ns + "RequestId", requestId)));
    }

    private static IEnumerable<XElement> Members(object output, XNamespace ns) => output switch
    {
        CreateQueueResult r => [new XElement(ns + "QueueUrl", r.QueueUrl)],
        GetQueueUrlResult r => [new XElement(ns + "QueueUrl", r.QueueUrl)],
        ListQueuesResult r => [.. (r.QueueUrls ?? []).Select(u => new XElement(ns + "QueueUrl", u)), .. Optional(ns + "NextToken", r.NextToken)],
        GetQueueAttributesResult r => NameValues(ns + "Attribute", r.Attributes, ns),
        SendMessageResult r =>
        [
            new XElement(ns + "MessageId", r.MessageId),
            new XElement(ns + "MD5OfMessageBody", r.MD5OfMessageBody),
            .. Optional(ns + "MD5OfMessageAttributes", r.MD5OfMessageAttributes),
            .. Optional(ns + "MD5OfMessageSystemAttributes", r.MD5OfMessageSystemAttributes),
            .. Optional(ns + "SequenceNumber", r.SequenceNumber),
        ],
        ReceiveMessageResult r => (r.Messages ?? []).Select(m => Message(m, ns)),
        _ => throw new InvalidOperationException($"No Query form for {output.GetType().Name}."),
    };

    private static XElement Message(SqsMessage message, XNamespace ns) => new(
        ns + "Message",
        new XElement(ns + "MessageId", message.MessageId),
        new XElement(ns + "ReceiptHandle", message.ReceiptHandle),
        new XElement(ns + "MD5OfBody", message.MD5OfBody),
        new XElement(ns + "Body", message.Body),
        NameValues(ns + "Attribute", message.Attributes, ns),
        Optional(ns + "MD5OfMessageAttributes", message.MD5OfMessageAttributes),
        (message.MessageAttributes ?? []).Select(a => new XElement(
            ns + "MessageAttribute",
            new XElement(ns + "Name", a.Key),
            new XElement(
                ns + "Value",
                Optional(ns + "StringValue", a.Value.StringValue),
                Optional(ns + "BinaryValue", a.Value.BinaryValue is { } bytes ? Convert.ToBase64String(bytes) : null),
                new XElement(ns + "DataType", a.Value.DataType)))));

    private static IEnumerable<XElement> NameValues(XName name, Dictionary<string, string>? map, XNamespace ns) =>
        (map ?? []).Select(a => new XElement(name, new XElement(ns + "Name", a.Key), new XElement(ns + "Value", a.Value)));

    private static IEnumerable<XElement> Optional(XName name, string? value) => value is null ? [] : [new XElement(name, value)];

    [GeneratedRegex(@"^(?<name>[A-Za-z]+)\.(?<index>\d+)(\.(?<rest>.+))?$")]
    private static partial Regex Flattened();
}
