using System.Net;
using LocalCloud.CloudWatch;
using LocalCloud.Protocol;
using LocalCloud.Tests.CloudWatch;
using LocalCloud.Tests.Shared;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;

namespace LocalCloud.Tests.Protocol;

/// <summary>Smithy RPC v2 CBOR framing: which requests are CBOR, and how bad ones are answered.</summary>
public sealed class CborFrontEndTests(LocalCloudFixture cloud) : IClassFixture<LocalCloudFixture>
{
    private static readonly CborFrontEnd FrontEnd = new([new CloudWatchBackend(new FakeTimeProvider())]);

    private static HttpRequest Request(string method, string path, string? protocol)
    {
        var http = new DefaultHttpContext();
        http.Request.Method = method;
        http.Request.Path = path;
        if (protocol is not null)
        {
            http.Request.Headers[CborFrontEnd.ProtocolHeader] = protocol;
        }

        return http.Request;
    }

    [Theory]
    [InlineData("POST", "/service/GraniteServiceVersion20100801/operation/GetMetricData", "rpc-v2-cbor", true)]
    [InlineData("POST", "/custom/prefix/service/GraniteServiceVersion20100801/operation/ListMetrics", "rpc-v2-cbor", true)]
    [InlineData("POST", "/service/GraniteServiceVersion20100801/operation/GetMetricData", null, false)]
    [InlineData("POST", "/service/GraniteServiceVersion20100801/operation/GetMetricData", "rpc-v2-json", false)]
    [InlineData("GET", "/service/GraniteServiceVersion20100801/operation/GetMetricData", "rpc-v2-cbor", false)]
    [InlineData("POST", "/service/GraniteServiceVersion20100801/GetMetricData", "rpc-v2-cbor", false)]
    [InlineData("POST", "/", "rpc-v2-cbor", false)]
    public void Accepts_PostsToServiceOperationPaths_WithTheProtocolHeader(string method, string path, string? protocol, bool accepted) =>
        Assert.Equal(accepted, FrontEnd.Accepts(Request(method, path, protocol)));

    [Fact]
    public async Task EmptyBody_IsAnEmptyInput()
    {
        using var wire = new CloudWatchWire(cloud.Endpoint, LocalCloudFixture.NewAccount(), TestContext.Current.CancellationToken);

        var response = await wire.CborAsync("ListMetrics", []);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""{"Metrics":[]}""", CborJson.ToJson(await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken))?.ToJsonString());
    }

    [Theory]
    [InlineData("GraniteServiceVersion20100801", "DeleteEverything", "UnknownOperationException")]
    [InlineData("NoSuchService", "ListMetrics", "UnknownOperationException")]
    public async Task UnknownServiceOrOperation_IsACborError(string service, string operation, string code)
    {
        using var wire = new CloudWatchWire(cloud.Endpoint, LocalCloudFixture.NewAccount(), TestContext.Current.CancellationToken);

        var response = await wire.CborAsync(operation, [0xA0], service: service);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = CborJson.ToJson(await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
        Assert.Equal(code, error?["__type"]?.GetValue<string>());
    }

    [Theory]
    [InlineData("A2616101")]
    [InlineData("FF")]
    [InlineData("A1694E616D657370616365 01")]
    public async Task MalformedOrMistypedBody_IsASerializationException(string hex)
    {
        using var wire = new CloudWatchWire(cloud.Endpoint, LocalCloudFixture.NewAccount(), TestContext.Current.CancellationToken);

        var response = await wire.CborAsync("ListMetrics", Convert.FromHexString(hex.Replace(" ", string.Empty)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("SerializationException;Sender", response.Headers.GetValues("x-amzn-query-error").Single());
    }

    [Fact]
    public async Task WithoutTheProtocolHeader_TheRequestIsNotTreatedAsCbor()
    {
        using var wire = new CloudWatchWire(cloud.Endpoint, LocalCloudFixture.NewAccount(), TestContext.Current.CancellationToken);

        var response = await wire.CborAsync("ListMetrics", [0xA0], smithyHeader: false);

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains(CborFrontEnd.ProtocolHeader));
    }
}
