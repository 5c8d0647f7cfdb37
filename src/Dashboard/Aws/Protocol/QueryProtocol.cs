using System.Globalization;
using System.Net;
using System.Xml.Linq;
using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Amazon.Runtime.Internal.Transform;

namespace Dashboard.Aws.Protocol;

/// <summary>
/// Writes an operation as an AWS Query request: <c>Action</c>, <c>Version</c> and the input flattened into
/// form parameters (<c>List.member.1</c>, <c>Struct.Member</c>, <c>Map.entry.1.key</c>).
/// </summary>
internal sealed class QueryRequestMarshaller(AwsServiceSpec spec) : IMarshaller<IRequest, AmazonWebServiceRequest>
{
    public IRequest Marshall(AmazonWebServiceRequest input)
    {
        var operation = (OperationRequest)input;
        var request = new DefaultRequest(input, spec.ServiceId) { HttpMethod = "POST", ResourcePath = "/" };
        request.Parameters["Action"] = operation.Operation;
        request.Parameters["Version"] = spec.ApiVersion;
        foreach (var (key, value) in QuerySerializer.Flatten(operation.Input))
        {
            request.Parameters[key] = value;
        }

        return request;
    }
}

/// <summary>Flattens a shape record into AWS Query parameters.</summary>
public static class QuerySerializer
{
    public static IEnumerable<KeyValuePair<string, string>> Flatten(object input) => FlattenStructure(string.Empty, input);

    private static IEnumerable<KeyValuePair<string, string>> FlattenStructure(string prefix, object value)
    {
        foreach (var member in ShapeReflection.MembersOf(value.GetType()))
        {
            if (member.GetValue(value) is { } memberValue)
            {
                foreach (var pair in FlattenValue(prefix + member.Name, memberValue))
                {
                    yield return pair;
                }
            }
        }
    }

    private static IEnumerable<KeyValuePair<string, string>> FlattenValue(string key, object value)
    {
        var type = value.GetType();
        if (ShapeReflection.IsScalar(type))
        {
            yield return new(key, FormatScalar(value));
            yield break;
        }

        if (ShapeReflection.MapValueType(type) is not null)
        {
            var index = 1;
            foreach (System.Collections.DictionaryEntry entry in (System.Collections.IDictionary)value)
            {
                yield return new($"{key}.entry.{index}.key", (string)entry.Key);
                if (entry.Value is not null)
                {
                    foreach (var pair in FlattenValue($"{key}.entry.{index}.value", entry.Value))
                    {
                        yield return pair;
                    }
                }

                index++;
            }

            yield break;
        }

        if (ShapeReflection.ListElementType(type) is not null)
        {
            var index = 1;
            var any = false;
            foreach (var item in (System.Collections.IEnumerable)value)
            {
                any = true;
                foreach (var pair in FlattenValue($"{key}.member.{index++}", item))
                {
                    yield return pair;
                }
            }

            // An empty list is sent as the bare key, as botocore does.
            if (!any)
            {
                yield return new(key, string.Empty);
            }

            yield break;
        }

        foreach (var pair in FlattenStructure(key + ".", value))
        {
            yield return pair;
        }
    }

    private static string FormatScalar(object value) => value switch
    {
        string s => s,
        bool b => b ? "true" : "false",
        DateTimeOffset t => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
        DateTime t => t.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };
}

/// <summary>Reads the <c>&lt;OperationResult&gt;</c> element of an AWS Query XML response into a shape record.</summary>
public static class QueryXmlReader
{
    public static T ReadResult<T>(XDocument document, string operation)
    {
        var root = document.Root ?? throw new FormatException("The XML response has no root element.");
        var result = root.Elements().FirstOrDefault(e => e.Name.LocalName == operation + "Result");

        // Operations without output members (for example PutRolePolicy) return no Result element.
        return result is null ? Activator.CreateInstance<T>() : (T)ReadStructure(typeof(T), result);
    }

    private static object ReadStructure(Type type, XElement element)
    {
        var instance = Activator.CreateInstance(type)
            ?? throw new InvalidOperationException($"{type.Name} needs a parameterless constructor.");
        foreach (var member in ShapeReflection.MembersOf(type))
        {
            if (!member.CanWrite)
            {
                continue;
            }

            var child = element.Elements().FirstOrDefault(e => e.Name.LocalName == member.Name);
            if (child is not null)
            {
                member.SetValue(instance, ReadValue(member.PropertyType, child));
            }
        }

        return instance;
    }

    private static object? ReadValue(Type type, XElement element)
    {
        var target = Nullable.GetUnderlyingType(type) ?? type;
        if (ShapeReflection.IsScalar(target))
        {
            return ParseScalar(target, element.Value);
        }

        if (ShapeReflection.MapValueType(target) is { } valueType)
        {
            var map = (System.Collections.IDictionary)Activator.CreateInstance(typeof(Dictionary<,>).MakeGenericType(typeof(string), valueType))!;
            foreach (var entry in element.Elements().Where(e => e.Name.LocalName == "entry"))
            {
                var key = entry.Elements().FirstOrDefault(e => e.Name.LocalName == "key")?.Value;
                var value = entry.Elements().FirstOrDefault(e => e.Name.LocalName == "value");
                if (key is not null && value is not null)
                {
                    map[key] = ReadValue(valueType, value);
                }
            }

            return map;
        }

        if (ShapeReflection.ListElementType(target) is { } itemType)
        {
            var list = (System.Collections.IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(itemType))!;
            foreach (var item in element.Elements().Where(e => e.Name.LocalName == "member"))
            {
                list.Add(ReadValue(itemType, item));
            }

            if (target.IsArray)
            {
                var array = Array.CreateInstance(itemType, list.Count);
                list.CopyTo(array, 0);
                return array;
            }

            return list;
        }

        return ReadStructure(target, element);
    }

    private static object ParseScalar(Type type, string text) => type switch
    {
        _ when type == typeof(string) => text,
        _ when type == typeof(bool) => bool.Parse(text),
        _ when type == typeof(int) => int.Parse(text, CultureInfo.InvariantCulture),
        _ when type == typeof(long) => long.Parse(text, CultureInfo.InvariantCulture),
        _ when type == typeof(double) => double.Parse(text, CultureInfo.InvariantCulture),
        _ when type == typeof(decimal) => decimal.Parse(text, CultureInfo.InvariantCulture),
        _ when type == typeof(DateTimeOffset) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
        _ when type == typeof(DateTime) => DateTime.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal),
        _ when type.IsEnum => Enum.Parse(type, text, ignoreCase: true),
        _ => throw new NotSupportedException($"Query XML cannot read a {type.Name}."),
    };
}

/// <summary>Reads an AWS Query XML response into <typeparamref name="TOutput"/>, and errors into typed exceptions.</summary>
internal sealed class QueryResponseUnmarshaller<TOutput>(AwsServiceSpec spec, string operation) : XmlResponseUnmarshaller
{
    public override AmazonWebServiceResponse Unmarshall(XmlUnmarshallerContext context)
    {
        var document = XDocument.Load(context.Stream);
        return new OperationResponse<TOutput> { Output = QueryXmlReader.ReadResult<TOutput>(document, operation) };
    }

    public override AmazonServiceException UnmarshallException(
        XmlUnmarshallerContext context, Exception innerException, HttpStatusCode statusCode)
    {
        var error = XmlErrorResponseUnmarshaller.GetInstance().Unmarshall(context);
        var details = new AwsErrorDetails(
            spec.ServiceId,
            operation,
            AwsErrors.NormalizeCode(error.Code),
            error.Message ?? string.Empty,
            error.RequestId,
            statusCode,
            error.Type);
        return AwsErrors.Create(details, innerException);
    }
}
