using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dashboard.Aws.Protocol;

/// <summary>
/// JSON settings for the AWS JSON protocols. Member names are the shapes' own (PascalCase), absent members are
/// not sent, and timestamps travel as epoch seconds with a fraction, as botocore sends and reads them.
/// </summary>
public static class AwsJson
{
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    public static byte[] Serialize(object input) => JsonSerializer.SerializeToUtf8Bytes(input, input.GetType(), Options);

    public static T Deserialize<T>(ReadOnlySpan<byte> json)
    {
        if (json.IsEmpty)
        {
            json = "{}"u8;
        }

        return JsonSerializer.Deserialize<T>(json, Options)
            ?? throw new JsonException($"The response body was JSON null where {typeof(T).Name} was expected.");
    }

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = null,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        };
        options.Converters.Add(new EpochSecondsConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    /// <summary>AWS JSON timestamps: epoch seconds, possibly fractional; also accepts ISO 8601 strings.</summary>
    private sealed class EpochSecondsConverter : JsonConverter<DateTimeOffset>
    {
        public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType == JsonTokenType.Number)
            {
                var seconds = reader.GetDouble();
                return DateTimeOffset.UnixEpoch.AddTicks((long)Math.Round(seconds * TimeSpan.TicksPerSecond));
            }

            if (reader.TokenType == JsonTokenType.String)
            {
                var text = reader.GetString();
                if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var epoch))
                {
                    return DateTimeOffset.UnixEpoch.AddTicks((long)Math.Round(epoch * TimeSpan.TicksPerSecond));
                }

                if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
                {
                    return parsed;
                }
            }

            throw new JsonException($"Expected a timestamp (epoch seconds or ISO 8601), got {reader.TokenType}.");
        }

        public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
        {
            var ticks = (value - DateTimeOffset.UnixEpoch).Ticks;
            if (ticks % TimeSpan.TicksPerSecond == 0)
            {
                writer.WriteNumberValue(ticks / TimeSpan.TicksPerSecond);
            }
            else
            {
                writer.WriteNumberValue(Math.Round((double)ticks / TimeSpan.TicksPerSecond, 3));
            }
        }
    }
}
