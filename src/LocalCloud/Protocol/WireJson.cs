using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace LocalCloud.Protocol;

/// <summary>
/// JSON as the AWS JSON protocols write it: the shapes' own member names, absent members left out, timestamps as
/// epoch seconds. Reading is lenient about scalars written as strings, because Query and CBOR inputs are turned
/// into JSON before they are read.
/// </summary>
public static class WireJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = null,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            NumberHandling = JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.AllowNamedFloatingPointLiterals,
            RespectRequiredConstructorParameters = false,
        };
        options.Converters.Add(new EpochSecondsConverter());
        options.Converters.Add(new LenientBooleanConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    public static object Deserialize(ReadOnlySpan<byte> json, Type type)
    {
        if (json.IsEmpty || json.Trim(" \r\n\t"u8).IsEmpty)
        {
            json = "{}"u8;
        }

        try
        {
            return JsonSerializer.Deserialize(json, type, Options)
                ?? throw AwsServiceException.Serialization("The request body must be a JSON object, not null.");
        }
        catch (JsonException error)
        {
            throw AwsServiceException.Serialization($"The request body is not valid for this operation: {error.Message}");
        }
    }

    public static byte[] Serialize(object value) => JsonSerializer.SerializeToUtf8Bytes(value, value.GetType(), Options);

    private sealed class EpochSecondsConverter : JsonConverter<DateTimeOffset>
    {
        public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType == JsonTokenType.Number)
            {
                return FromEpoch(reader.GetDouble());
            }

            var text = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var epoch))
            {
                return FromEpoch(epoch);
            }

            if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
            {
                return parsed;
            }

            throw new JsonException($"'{text}' is not a timestamp (epoch seconds or ISO 8601).");
        }

        public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
            writer.WriteNumberValue(Math.Round((value - DateTimeOffset.UnixEpoch).TotalSeconds, 3));

        private static DateTimeOffset FromEpoch(double seconds) =>
            DateTimeOffset.UnixEpoch.AddTicks((long)Math.Round(seconds * TimeSpan.TicksPerSecond));
    }

    private sealed class LenientBooleanConverter : JsonConverter<bool>
    {
        public override bool Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
        {
            JsonTokenType.True => true,
            JsonTokenType.False => false,
            JsonTokenType.String when bool.TryParse(reader.GetString(), out var value) => value,
            _ => throw new JsonException($"Expected a boolean, got {reader.TokenType}."),
        };

        public override void Write(Utf8JsonWriter writer, bool value, JsonSerializerOptions options) => writer.WriteBooleanValue(value);
    }
}
