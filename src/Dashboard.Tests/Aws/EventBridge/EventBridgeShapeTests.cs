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
        var operations = typeof(IEventBridgeApi).GetMethods().Where(m => m.Name.EndsWith("Async", StringComparison.Ordinal)).ToList();
        Assert.Equal(6, operations.Count);

        var problems = operations.SelectMany(m => ShapeConformance.Check(
            model,
            m.Name[..^"Async".Length],
            m.GetParameters()[0].ParameterType,
            m.ReturnType.GetGenericArguments()[0])).ToList();

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
