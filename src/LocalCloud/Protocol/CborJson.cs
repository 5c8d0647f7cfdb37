using System.Collections;
using System.Formats.Cbor;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace LocalCloud.Protocol;

/// <summary>
/// CBOR as Smithy RPC v2 uses it, converted to and from the JSON the AWS JSON protocols use, so that one set of
/// input records serves every protocol. Tag 1 (epoch-seconds) timestamps read as numbers, which
/// <see cref="WireJson"/> reads as epoch seconds; byte strings read as base64 strings, as blobs are in JSON.
/// </summary>
public static class CborJson
{
    private const int MaxDepth = 64;

    /// <summary>The CBOR data item in <paramref name="cbor"/> as JSON; an empty body is an empty object.</summary>
    public static JsonNode? ToJson(ReadOnlyMemory<byte> cbor)
    {
        if (cbor.IsEmpty)
        {
            return new JsonObject();
        }

        var reader = new CborReader(cbor, CborConformanceMode.Lax);
        var node = Read(reader, 0);
        if (reader.BytesRemaining > 0)
        {
            throw new CborContentException($"{reader.BytesRemaining} bytes follow the CBOR data item.");
        }

        return node;
    }

    /// <summary>JSON as CBOR, with definite lengths: objects as maps with text keys, integers as integers, other numbers as floats.</summary>
    public static byte[] FromJson(JsonNode? node)
    {
        var writer = new CborWriter(CborConformanceMode.Lax);
        Write(writer, node);
        return writer.Encode();
    }

    public static void Write(CborWriter writer, JsonNode? node)
    {
        switch (node)
        {
            case null:
                writer.WriteNull();
                break;
            case JsonObject obj:
                writer.WriteStartMap(obj.Count);
                foreach (var (key, value) in obj)
                {
                    writer.WriteTextString(key);
                    Write(writer, value);
                }

                writer.WriteEndMap();
                break;
            case JsonArray array:
                writer.WriteStartArray(array.Count);
                foreach (var item in array)
                {
                    Write(writer, item);
                }

                writer.WriteEndArray();
                break;
            case JsonValue value:
                WriteScalar(writer, value);
                break;
        }
    }

    private static void WriteScalar(CborWriter writer, JsonValue value)
    {
        // Through a JsonElement, so that a value holding any .NET number (or a date, as its JSON string) is written
        // as it would be in JSON.
        var element = JsonSerializer.SerializeToElement(value, WireJson.Options);
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                writer.WriteTextString(element.GetString() ?? string.Empty);
                break;
            case JsonValueKind.True:
            case JsonValueKind.False:
                writer.WriteBoolean(element.GetBoolean());
                break;
            case JsonValueKind.Number when element.TryGetInt64(out var integer):
                writer.WriteInt64(integer);
                break;
            case JsonValueKind.Number when element.TryGetUInt64(out var large):
                writer.WriteUInt64(large);
                break;
            case JsonValueKind.Number:
                writer.WriteDouble(element.GetDouble());
                break;
            default:
                writer.WriteNull();
                break;
        }
    }

    private static JsonNode? Read(CborReader reader, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new CborContentException($"CBOR nested deeper than {MaxDepth} levels.");
        }

        switch (reader.PeekState())
        {
            case CborReaderState.StartMap:
                reader.ReadStartMap();
                var obj = new JsonObject();
                while (reader.PeekState() != CborReaderState.EndMap)
                {
                    if (reader.PeekState() is not (CborReaderState.TextString or CborReaderState.StartIndefiniteLengthTextString))
                    {
                        throw new CborContentException($"A CBOR map key is {reader.PeekState()}; Smithy RPC v2 CBOR map keys are text strings.");
                    }

                    var key = reader.ReadTextString();
                    obj[key] = Read(reader, depth + 1);
                }

                reader.ReadEndMap();
                return obj;
            case CborReaderState.StartArray:
                reader.ReadStartArray();
                var array = new JsonArray();
                while (reader.PeekState() != CborReaderState.EndArray)
                {
                    array.Add(Read(reader, depth + 1));
                }

                reader.ReadEndArray();
                return array;
            case CborReaderState.TextString:
            case CborReaderState.StartIndefiniteLengthTextString:
                return JsonValue.Create(reader.ReadTextString());
            case CborReaderState.ByteString:
            case CborReaderState.StartIndefiniteLengthByteString:
                return JsonValue.Create(Convert.ToBase64String(reader.ReadByteString()));
            case CborReaderState.UnsignedInteger:
                var unsigned = reader.ReadUInt64();
                return unsigned <= long.MaxValue ? JsonValue.Create((long)unsigned) : JsonValue.Create(unsigned);
            case CborReaderState.NegativeInteger:
                return JsonValue.Create(reader.ReadInt64());
            case CborReaderState.HalfPrecisionFloat:
                return JsonValue.Create((double)reader.ReadHalf());
            case CborReaderState.SinglePrecisionFloat:
                return JsonValue.Create((double)reader.ReadSingle());
            case CborReaderState.DoublePrecisionFloat:
                return JsonValue.Create(reader.ReadDouble());
            case CborReaderState.Boolean:
                return JsonValue.Create(reader.ReadBoolean());
            case CborReaderState.Null:
                reader.ReadNull();
                return null;
            case CborReaderState.SimpleValue:
                var simple = reader.ReadSimpleValue();
                return simple == CborSimpleValue.Undefined
                    ? null
                    : throw new CborContentException($"The CBOR simple value {(int)simple} has no meaning in Smithy RPC v2 CBOR.");
            case CborReaderState.Tag:
                var tag = reader.ReadTag();
                if (tag != CborTag.UnixTimeSeconds)
                {
                    throw new CborContentException($"The CBOR tag {(ulong)tag} is not supported; timestamps are tag 1 (epoch seconds).");
                }

                return reader.PeekState() is CborReaderState.UnsignedInteger or CborReaderState.NegativeInteger
                    or CborReaderState.HalfPrecisionFloat or CborReaderState.SinglePrecisionFloat or CborReaderState.DoublePrecisionFloat
                    ? Read(reader, depth + 1)
                    : throw new CborContentException($"A tag 1 timestamp holds {reader.PeekState()}; it must hold a number of seconds.");
            case var state:
                throw new CborContentException($"Unexpected CBOR data: {state}.");
        }
    }
}

/// <summary>
/// Writes output records as CBOR, with the member names and omissions of <see cref="WireJson"/> (its contract is the
/// one used), and the types CBOR can say and JSON cannot: timestamps as tag 1 epoch seconds, blobs as byte strings.
/// </summary>
public static class ShapeCbor
{
    public static byte[] Serialize(object value)
    {
        var writer = new CborWriter(CborConformanceMode.Lax);
        Write(writer, value);
        return writer.Encode();
    }

    public static void Write(CborWriter writer, object? value)
    {
        switch (value)
        {
            case null:
                writer.WriteNull();
                break;
            case string text:
                writer.WriteTextString(text);
                break;
            case bool flag:
                writer.WriteBoolean(flag);
                break;
            case DateTimeOffset time:
                WriteTimestamp(writer, time);
                break;
            case DateTime time:
                WriteTimestamp(writer, new DateTimeOffset(DateTime.SpecifyKind(time, time.Kind == DateTimeKind.Unspecified ? DateTimeKind.Utc : time.Kind)));
                break;
            case byte[] bytes:
                writer.WriteByteString(bytes);
                break;
            case double number:
                writer.WriteDouble(number);
                break;
            case float number:
                writer.WriteSingle(number);
                break;
            case decimal number:
                writer.WriteDouble((double)number);
                break;
            case ulong number:
                writer.WriteUInt64(number);
                break;
            case sbyte or byte or short or ushort or int or uint or long:
                writer.WriteInt64(Convert.ToInt64(value, CultureInfo.InvariantCulture));
                break;
            case Enum member:
                writer.WriteTextString(member.ToString());
                break;
            case JsonNode node:
                CborJson.Write(writer, node);
                break;
            case IDictionary map:
                writer.WriteStartMap(map.Count);
                foreach (DictionaryEntry entry in map)
                {
                    writer.WriteTextString(Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? string.Empty);
                    Write(writer, entry.Value);
                }

                writer.WriteEndMap();
                break;
            case IEnumerable list:
                var items = list.Cast<object?>().ToList();
                writer.WriteStartArray(items.Count);
                foreach (var item in items)
                {
                    Write(writer, item);
                }

                writer.WriteEndArray();
                break;
            default:
                WriteStructure(writer, value);
                break;
        }
    }

    private static void WriteStructure(CborWriter writer, object value)
    {
        var members = WireJson.Options.GetTypeInfo(value.GetType()).Properties
            .Select(p => (p.Name, Value: p.Get?.Invoke(value)))
            .Where(m => m.Value is not null)
            .ToList();
        writer.WriteStartMap(members.Count);
        foreach (var (name, member) in members)
        {
            writer.WriteTextString(name);
            Write(writer, member);
        }

        writer.WriteEndMap();
    }

    /// <summary>Tag 1 with whole seconds as an integer, as botocore writes them, or with milliseconds as a float.</summary>
    private static void WriteTimestamp(CborWriter writer, DateTimeOffset time)
    {
        writer.WriteTag(CborTag.UnixTimeSeconds);
        var seconds = Math.Round((time - DateTimeOffset.UnixEpoch).TotalSeconds, 3);
        if (seconds == Math.Floor(seconds) && Math.Abs(seconds) < 1e15)
        {
            writer.WriteInt64((long)seconds);
        }
        else
        {
            writer.WriteDouble(seconds);
        }
    }
}
