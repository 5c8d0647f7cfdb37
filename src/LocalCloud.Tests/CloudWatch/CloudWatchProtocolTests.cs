using System.Formats.Cbor;
using System.Net;
using System.Text.Json;
using System.Xml.Linq;
using LocalCloud.Protocol;
using LocalCloud.Tests.Shared;

namespace LocalCloud.Tests.CloudWatch;

/// <summary>
/// CloudWatch on the wire in its three protocols: AWS JSON 1.0 (query-compatible), Query (XML) and Smithy RPC v2
/// CBOR. Each puts data in its own encoding and reads it back, and gets errors in its own shape.
/// </summary>
public sealed class CloudWatchProtocolTests(LocalCloudFixture cloud) : IClassFixture<LocalCloudFixture>
{
    private const long Epoch1158 = 1_795_607_880; // 2026-11-25T11:58:00Z, two minutes before the fixture's clock.
    private static readonly XNamespace Ns = CloudWatchWire.QueryNamespace;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private CloudWatchWire Wire() => new(cloud.Endpoint, LocalCloudFixture.NewAccount(), Cancellation);

    [Fact]
    public async Task Json_PutThenGetMetricData_EpochTimestampsAndNumbers()
    {
        using var wire = Wire();

        var put = await wire.JsonAsync("PutMetricData", $$$"""
            {"Namespace":"App","MetricData":[
              {"MetricName":"Jobs","Dimensions":[{"Name":"Stage","Value":"prod"}],"Timestamp":{{{Epoch1158}}},"Values":[1,2],"Counts":[2,1],"Unit":"Count"}]}
            """);
        var get = await wire.JsonAsync("GetMetricData", $$$"""
            {"MetricDataQueries":[{"Id":"m1","MetricStat":{"Metric":{"Namespace":"App","MetricName":"Jobs",
              "Dimensions":[{"Name":"Stage","Value":"prod"}]},"Period":60,"Stat":"Sum"}}],
             "StartTime":{{{Epoch1158 - 3600}}},"EndTime":{{{Epoch1158 + 120}}}}
            """);

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal("{}", await put.Content.ReadAsStringAsync(Cancellation));
        Assert.Equal("application/x-amz-json-1.0", get.Content.Headers.ContentType?.MediaType);
        var result = (await JsonDocument.ParseAsync(await get.Content.ReadAsStreamAsync(Cancellation), cancellationToken: Cancellation))
            .RootElement.GetProperty("MetricDataResults")[0];
        Assert.Equal("""{"Id":"m1","Label":"Jobs","Timestamps":[1795607880],"Values":[4],"StatusCode":"Complete"}""", result.GetRawText());
    }

    [Fact]
    public async Task Json_Error_HasTypeMessageAndQueryErrorHeader_WhenQueryCompatible()
    {
        using var wire = Wire();
        const string BadPeriod = """{"Namespace":"App","MetricName":"Jobs","StartTime":1795600000,"EndTime":1795608000,"Period":45,"Statistics":["Sum"]}""";

        var compatible = await wire.JsonAsync("GetMetricStatistics", BadPeriod);
        var plain = await wire.JsonAsync("GetMetricStatistics", BadPeriod, queryMode: false);

        Assert.Equal(HttpStatusCode.BadRequest, compatible.StatusCode);
        Assert.Equal("InvalidParameterValue;Sender", compatible.Headers.GetValues("x-amzn-query-error").Single());
        var body = JsonDocument.Parse(await compatible.Content.ReadAsStringAsync(Cancellation)).RootElement;
        Assert.Equal("InvalidParameterValue", body.GetProperty("__type").GetString());
        Assert.Contains("Period must be", body.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.False(plain.Headers.Contains("x-amzn-query-error"));
    }

    [Fact]
    public async Task Query_PutThenGetMetricData_XmlWithMemberListsAndIsoTimestamps()
    {
        using var wire = Wire();

        var put = await wire.QueryAsync(
            "PutMetricData",
            ("Namespace", "App"),
            ("MetricData.member.1.MetricName", "Jobs"),
            ("MetricData.member.1.Dimensions.member.1.Name", "Stage"),
            ("MetricData.member.1.Dimensions.member.1.Value", "prod"),
            ("MetricData.member.1.Timestamp", "2026-11-25T11:58:10Z"),
            ("MetricData.member.1.Value", "2.5"),
            ("MetricData.member.2.MetricName", "Jobs"),
            ("MetricData.member.2.Dimensions.member.1.Name", "Stage"),
            ("MetricData.member.2.Dimensions.member.1.Value", "prod"),
            ("MetricData.member.2.Timestamp", "2026-11-25T11:57:00Z"),
            ("MetricData.member.2.StatisticValues.SampleCount", "2"),
            ("MetricData.member.2.StatisticValues.Sum", "3"),
            ("MetricData.member.2.StatisticValues.Minimum", "1"),
            ("MetricData.member.2.StatisticValues.Maximum", "2"));
        var get = await wire.QueryAsync(
            "GetMetricData",
            ("MetricDataQueries.member.1.Id", "m1"),
            ("MetricDataQueries.member.1.MetricStat.Metric.Namespace", "App"),
            ("MetricDataQueries.member.1.MetricStat.Metric.MetricName", "Jobs"),
            ("MetricDataQueries.member.1.MetricStat.Metric.Dimensions.member.1.Name", "Stage"),
            ("MetricDataQueries.member.1.MetricStat.Metric.Dimensions.member.1.Value", "prod"),
            ("MetricDataQueries.member.1.MetricStat.Period", "60"),
            ("MetricDataQueries.member.1.MetricStat.Stat", "Sum"),
            ("MetricDataQueries.member.1.ReturnData", "true"),
            ("StartTime", "2026-11-25T11:00:00Z"),
            ("EndTime", "2026-11-25T12:00:00Z"),
            ("ScanBy", "TimestampAscending"));

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal(Ns + "PutMetricDataResponse", XDocument.Parse(await put.Content.ReadAsStringAsync(Cancellation)).Root?.Name);
        var root = XDocument.Parse(await get.Content.ReadAsStringAsync(Cancellation)).Root;
        Assert.Equal(Ns + "GetMetricDataResponse", root?.Name);
        var result = root?.Element(Ns + "GetMetricDataResult")?.Element(Ns + "MetricDataResults")?.Element(Ns + "member");
        Assert.Equal("m1", result?.Element(Ns + "Id")?.Value);
        Assert.Equal(["2026-11-25T11:57:00.000Z", "2026-11-25T11:58:00.000Z"], result?.Element(Ns + "Timestamps")?.Elements(Ns + "member").Select(e => e.Value));
        Assert.Equal(["3", "2.5"], result?.Element(Ns + "Values")?.Elements(Ns + "member").Select(e => e.Value));
        Assert.Equal("Complete", result?.Element(Ns + "StatusCode")?.Value);
        Assert.NotNull(root?.Element(Ns + "ResponseMetadata")?.Element(Ns + "RequestId"));
    }

    [Fact]
    public async Task Query_GetMetricStatisticsAndListMetrics_UseTheirResultWrappers()
    {
        using var wire = Wire();
        await wire.QueryAsync("PutMetricData", ("Namespace", "App"), ("MetricData.member.1.MetricName", "Jobs"), ("MetricData.member.1.Value", "1"), ("MetricData.member.1.Unit", "Count"));

        var statistics = XDocument.Parse(await (await wire.QueryAsync(
            "GetMetricStatistics",
            ("Namespace", "App"),
            ("MetricName", "Jobs"),
            ("StartTime", "2026-11-25T11:00:00Z"),
            ("EndTime", "2026-11-25T12:30:00Z"),
            ("Period", "3600"),
            ("Statistics.member.1", "Sum"),
            ("Statistics.member.2", "SampleCount"))).Content.ReadAsStringAsync(Cancellation)).Root;
        var list = XDocument.Parse(await (await wire.QueryAsync("ListMetrics", ("Namespace", "App")))
            .Content.ReadAsStringAsync(Cancellation)).Root;

        var datapoint = statistics?.Element(Ns + "GetMetricStatisticsResult")?.Element(Ns + "Datapoints")?.Element(Ns + "member");
        Assert.Equal("Jobs", statistics?.Element(Ns + "GetMetricStatisticsResult")?.Element(Ns + "Label")?.Value);
        Assert.Equal(
            ["Timestamp", "SampleCount", "Sum", "Unit"],
            datapoint?.Elements().Select(e => e.Name.LocalName));
        Assert.Equal("2026-11-25T12:00:00.000Z", datapoint?.Element(Ns + "Timestamp")?.Value);
        var metric = list?.Element(Ns + "ListMetricsResult")?.Element(Ns + "Metrics")?.Element(Ns + "member");
        Assert.Equal(("App", "Jobs"), (metric?.Element(Ns + "Namespace")?.Value, metric?.Element(Ns + "MetricName")?.Value));
    }

    [Fact]
    public async Task Query_Error_IsAnErrorResponse_WithTheCode()
    {
        using var wire = Wire();

        var response = await wire.QueryAsync("PutMetricData", ("Namespace", "AWS/Events"), ("MetricData.member.1.MetricName", "Invocations"), ("MetricData.member.1.Value", "1"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = XDocument.Parse(await response.Content.ReadAsStringAsync(Cancellation)).Root?.Element(Ns + "Error");
        Assert.Equal(("Sender", "InvalidParameterValue", "The value AWS/ for parameter Namespace is invalid."), (error?.Element(Ns + "Type")?.Value, error?.Element(Ns + "Code")?.Value, error?.Element(Ns + "Message")?.Value));
    }

    [Fact]
    public async Task Cbor_PutThenGetMetricData_Tag1TimestampsAndIndefiniteLengthInput()
    {
        using var wire = Wire();

        var put = await wire.CborAsync("PutMetricData", PutMetricDataIndefinite());
        var get = await wire.CborAsync("GetMetricData", GetMetricDataCbor());

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal(CborFrontEnd.ContentType, get.Content.Headers.ContentType?.MediaType);
        Assert.Equal(CborFrontEnd.ProtocolName, get.Headers.GetValues(CborFrontEnd.ProtocolHeader).Single());
        var body = await get.Content.ReadAsByteArrayAsync(Cancellation);
        Assert.Equal(
            """{"MetricDataResults":[{"Id":"m1","Label":"Jobs","Timestamps":[1795607880],"Values":[6],"StatusCode":"Complete"}],"Messages":[]}""",
            CborJson.ToJson(body)?.ToJsonString());
        Assert.Equal([1_795_607_880L], TaggedTimestamps(body));
    }

    [Fact]
    public async Task Cbor_Error_IsACborMapWithTypeAndMessage_AndTheQueryErrorHeader()
    {
        using var wire = Wire();
        var writer = new CborWriter();
        writer.WriteStartMap(1);
        writer.WriteTextString("Namespace");
        writer.WriteTextString("App");
        writer.WriteEndMap();

        var response = await wire.CborAsync("PutMetricData", writer.Encode());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(CborFrontEnd.ContentType, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("MissingParameter;Sender", response.Headers.GetValues("x-amzn-query-error").Single());
        Assert.Equal(
            """{"__type":"MissingParameter","message":"The parameter MetricData is required."}""",
            CborJson.ToJson(await response.Content.ReadAsByteArrayAsync(Cancellation))?.ToJsonString());
    }

    /// <summary>PutMetricData as a streaming encoder would write it: indefinite-length maps, arrays and strings.</summary>
    private static byte[] PutMetricDataIndefinite()
    {
        var writer = new CborWriter();
        writer.WriteStartMap(null);
        writer.WriteTextString("Namespace");
        writer.WriteStartIndefiniteLengthTextString();
        writer.WriteTextString("Ap");
        writer.WriteTextString("p");
        writer.WriteEndIndefiniteLengthTextString();
        writer.WriteTextString("MetricData");
        writer.WriteStartArray(null);
        writer.WriteStartMap(null);
        writer.WriteTextString("MetricName");
        writer.WriteTextString("Jobs");
        writer.WriteTextString("Timestamp");
        writer.WriteTag(CborTag.UnixTimeSeconds);
        writer.WriteDouble(Epoch1158 + 0.5);
        writer.WriteTextString("Values");
        writer.WriteStartArray(null);
        writer.WriteHalf((Half)1.5);
        writer.WriteSingle(2.5f);
        writer.WriteInt32(2);
        writer.WriteEndArray();
        writer.WriteTextString("StorageResolution");
        writer.WriteInt32(60);
        writer.WriteEndMap();
        writer.WriteEndArray();
        writer.WriteEndMap();
        return writer.Encode();
    }

    private static byte[] GetMetricDataCbor() =>
        CborWithTimes(
            """{"MetricDataQueries":[{"Id":"m1","MetricStat":{"Metric":{"Namespace":"App","MetricName":"Jobs"},"Period":60,"Stat":"Sum"}}]}""",
            ("StartTime", Epoch1158 - 3600),
            ("EndTime", Epoch1158 + 120));

    /// <summary>A JSON body as CBOR, with timestamps added as tag 1 as botocore sends them.</summary>
    internal static byte[] CborWithTimes(string json, params (string Name, long Seconds)[] times)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(json)?.AsObject() ?? [];
        var writer = new CborWriter();
        writer.WriteStartMap(node.Count + times.Length);
        foreach (var (name, value) in node)
        {
            writer.WriteTextString(name);
            CborJson.Write(writer, value);
        }

        foreach (var (name, seconds) in times)
        {
            writer.WriteTextString(name);
            writer.WriteTag(CborTag.UnixTimeSeconds);
            writer.WriteInt64(seconds);
        }

        writer.WriteEndMap();
        return writer.Encode();
    }

    /// <summary>Every tag 1 value in a CBOR document.</summary>
    private static List<long> TaggedTimestamps(byte[] cbor)
    {
        var found = new List<long>();
        var reader = new CborReader(cbor);
        while (reader.BytesRemaining > 0)
        {
            switch (reader.PeekState())
            {
                case CborReaderState.StartMap:
                    reader.ReadStartMap();
                    break;
                case CborReaderState.EndMap:
                    reader.ReadEndMap();
                    break;
                case CborReaderState.StartArray:
                    reader.ReadStartArray();
                    break;
                case CborReaderState.EndArray:
                    reader.ReadEndArray();
                    break;
                case CborReaderState.Tag:
                    reader.ReadTag();
                    found.Add(reader.ReadInt64());
                    break;
                default:
                    reader.SkipValue();
                    break;
            }
        }

        return found;
    }
}
