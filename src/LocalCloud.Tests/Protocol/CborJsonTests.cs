using System.Formats.Cbor;
using System.Text.Json.Nodes;
using CsCheck;
using LocalCloud.Protocol;

namespace LocalCloud.Tests.Protocol;

/// <summary>CBOR to JSON and back, byte for byte where the encoding matters (RFC 8949 examples and Smithy's uses).</summary>
public sealed class CborJsonTests
{
    private static string Json(string hex) => CborJson.ToJson(Convert.FromHexString(hex))?.ToJsonString() ?? "null";

    private static readonly DateTimeOffset Noon = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("A3616101616283F5F4F661636178", """{"a":1,"b":[true,false,null],"c":"x"}""")]
    [InlineData("A0", "{}")]
    [InlineData("80", "[]")]
    [InlineData("6449455446", "\"IETF\"")]
    [InlineData("62C3BC", "\"\\u00FC\"")]
    [InlineData("F6", "null")]
    [InlineData("A16161F7", """{"a":null}""")]
    public void MapsArraysStringsBooleansAndNull_ReadAsJson(string hex, string json) => Assert.Equal(json, Json(hex));

    [Theory]
    [InlineData("00", "0")]
    [InlineData("17", "23")]
    [InlineData("1818", "24")]
    [InlineData("1903E8", "1000")]
    [InlineData("1A000F4240", "1000000")]
    [InlineData("1B000000E8D4A51000", "1000000000000")]
    [InlineData("1B8000000000000000", "9223372036854775808")]
    [InlineData("20", "-1")]
    [InlineData("3863", "-100")]
    [InlineData("3B7FFFFFFFFFFFFFFF", "-9223372036854775808")]
    public void Integers_OfEveryWidth_ReadAsJsonNumbers(string hex, string json) => Assert.Equal(json, Json(hex));

    [Theory]
    [InlineData("F93C00", "1")]
    [InlineData("F93E00", "1.5")]
    [InlineData("F9C400", "-4")]
    [InlineData("FA47C35000", "100000")]
    [InlineData("FB3FF199999999999A", "1.1")]
    [InlineData("FBC010666666666666", "-4.1")]
    public void HalfSingleAndDoubleFloats_ReadAsJsonNumbers(string hex, string json) => Assert.Equal(json, Json(hex));

    [Theory]
    [InlineData("BF61619F0102FFFF", """{"a":[1,2]}""")]
    [InlineData("9F018202039F0405FFFF", "[1,[2,3],[4,5]]")]
    [InlineData("7F62686563 6C6C6FFF", "\"hello\"")]
    [InlineData("5F42010241 03FF", "\"AQID\"")]
    [InlineData("BF7F61616162FF01FF", """{"ab":1}""")]
    public void IndefiniteLengthContainersAndStrings_Read(string hex, string json) => Assert.Equal(json, Json(hex.Replace(" ", string.Empty)));

    [Fact]
    public void ByteStrings_ReadAsBase64_LikeBlobsInJson() => Assert.Equal("\"AQID\"", Json("43010203"));

    [Theory]
    [InlineData("C11A6B06CDC0", 0)]
    [InlineData("C1FB41DAC1B370200000", 500)]
    public void Tag1Timestamps_ReadAsEpochSeconds_ThatWireJsonTurnsIntoTimes(string hex, int milliseconds)
    {
        var json = "{\"T\":" + Json(hex) + "}";

        var record = (Stamped)WireJson.Deserialize(System.Text.Encoding.UTF8.GetBytes(json), typeof(Stamped));

        Assert.Equal(Noon.AddMilliseconds(milliseconds), record.T);
    }

    [Fact]
    public void EmptyBody_IsAnEmptyObject() => Assert.Equal("{}", CborJson.ToJson(ReadOnlyMemory<byte>.Empty)?.ToJsonString());

    [Theory]
    [InlineData("A10102", "map keys are text strings")]
    [InlineData("C24101", "tag 2 is not supported")]
    [InlineData("C1616178", "must hold a number of seconds")]
    [InlineData("0102", "bytes follow")]
    [InlineData("F0", "simple value 16")]
    public void CborThatSmithyDoesNotUse_IsRefused(string hex, string reason)
    {
        var error = Assert.Throws<CborContentException>(() => CborJson.ToJson(Convert.FromHexString(hex)));

        Assert.Contains(reason, error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void TruncatedCbor_IsRefused() =>
        Assert.ThrowsAny<Exception>(() => CborJson.ToJson(Convert.FromHexString("A2616101")));

    [Fact]
    public void Json_WritesDefiniteLengthCbor()
    {
        var cbor = CborJson.FromJson(JsonNode.Parse("""{"a":1,"b":[true,false,null],"c":"x"}"""));

        Assert.Equal("A3616101616283F5F4F661636178", Convert.ToHexString(cbor));
    }

    [Fact]
    public void Json_RoundTripsThroughCbor()
    {
        var scalar = Gen.OneOf<JsonNode?>(
            Gen.Bool.Select(b => (JsonNode?)JsonValue.Create(b)),
            Gen.Int.Select(i => (JsonNode?)JsonValue.Create(i)),
            Gen.Long.Select(l => (JsonNode?)JsonValue.Create(l)),
            Gen.Double.Where(double.IsFinite).Select(d => (JsonNode?)JsonValue.Create(d)),
            Gen.String.Select(s => (JsonNode?)JsonValue.Create(s)),
            Gen.Const(() => (JsonNode?)null));
        var node = Gen.Recursive<JsonNode?>((depth, inner) => depth >= 4
            ? scalar
            : Gen.OneOf(
                scalar,
                inner.Array[0, 4].Select(items => (JsonNode?)new JsonArray(items)),
                Gen.Dictionary(Gen.String[Gen.Char.AlphaNumeric, 1, 6], inner)[0, 4]
                    .Select(map => (JsonNode?)new JsonObject(map.Select(p => KeyValuePair.Create(p.Key, p.Value))))));

        node.Sample(json => (json?.ToJsonString() ?? "null") == (CborJson.ToJson(CborJson.FromJson(json))?.ToJsonString() ?? "null"), iter: 2000);
    }

    [Fact]
    public void Records_WriteTimestampsAsTag1_AndLeaveNullMembersOut()
    {
        var cbor = ShapeCbor.Serialize(new Shaped("m1", [Noon, Noon.AddMilliseconds(250)], [1.5, 2], null, 3));

        var reader = new CborReader(cbor);
        Assert.Equal(4, reader.ReadStartMap());
        Assert.Equal("Id", reader.ReadTextString());
        Assert.Equal("m1", reader.ReadTextString());
        Assert.Equal("Timestamps", reader.ReadTextString());
        Assert.Equal(2, reader.ReadStartArray());
        Assert.Equal(CborTag.UnixTimeSeconds, reader.ReadTag());
        Assert.Equal(1_795_608_000, reader.ReadInt64());
        Assert.Equal(CborTag.UnixTimeSeconds, reader.ReadTag());
        Assert.Equal(1_795_608_000.25, reader.ReadDouble());
        reader.ReadEndArray();
        Assert.Equal("Values", reader.ReadTextString());
        Assert.Equal(2, reader.ReadStartArray());
        Assert.Equal(CborReaderState.HalfPrecisionFloat, reader.PeekState());
        Assert.Equal(1.5, (double)reader.ReadHalf());
        Assert.Equal(2.0, (double)reader.ReadHalf());
        reader.ReadEndArray();
        Assert.Equal("Count", reader.ReadTextString());
        Assert.Equal(3, reader.ReadInt32());
        reader.ReadEndMap();
    }

    [Fact]
    public void Records_RoundTripThroughCborAndWireJson()
    {
        var original = new Shaped("m1", [Noon, Noon.AddMilliseconds(250)], [1.5, -2e300], new Dictionary<string, string> { ["k"] = "v" }, 7);

        var json = CborJson.ToJson(ShapeCbor.Serialize(original))?.ToJsonString() ?? string.Empty;
        var back = (Shaped)WireJson.Deserialize(System.Text.Encoding.UTF8.GetBytes(json), typeof(Shaped));

        Assert.Equal(original.Timestamps, back.Timestamps);
        Assert.Equal(original.Values, back.Values);
        Assert.Equal(original.Tags, back.Tags);
        Assert.Equal((original.Id, original.Count), (back.Id, back.Count));
    }

    public sealed record Stamped(DateTimeOffset T);

    public sealed record Shaped(string Id, IReadOnlyList<DateTimeOffset> Timestamps, IReadOnlyList<double> Values, Dictionary<string, string>? Tags, int Count);
}
