using Dashboard.Aws.EventBridge;
using Dashboard.Aws.Protocol;
using Dashboard.Tests.Shared;

namespace Dashboard.Tests.Aws.EventBridge;

public sealed class EventBridgeShapeTests
{
    [Fact]
    public void EveryRecord_UsesMemberNamesFromTheEventsModel()
    {
        var model = BotocoreModels.Load("events");
        var (operations, problems) = ShapeConformance.CheckApi(typeof(IEventBridgeApi), model);
        Assert.Equal(6, operations);

        Assert.Empty(problems);
    }

    [Fact]
    public void Spec_MatchesTheEventsModelMetadata()
    {
        var metadata = BotocoreModels.Load("events").GetProperty("metadata");

        Assert.Equal(metadata.GetProperty("serviceId").GetString(), EventBridgeClient.Spec.ServiceId);
        Assert.Equal(metadata.GetProperty("endpointPrefix").GetString(), EventBridgeClient.Spec.EndpointPrefix);
        Assert.Equal(metadata.GetProperty("apiVersion").GetString(), EventBridgeClient.Spec.ApiVersion);
        Assert.Equal(metadata.GetProperty("targetPrefix").GetString(), EventBridgeClient.Spec.TargetPrefix);
        Assert.Equal("1.1", metadata.GetProperty("jsonVersion").GetString());
        Assert.Equal(WireProtocol.AwsJson11, EventBridgeClient.Spec.Protocol);
        Assert.Equal(metadata.TryGetProperty("signingName", out var signing) ? signing.GetString() : metadata.GetProperty("endpointPrefix").GetString(), EventBridgeClient.Spec.SigningName);
    }
}
