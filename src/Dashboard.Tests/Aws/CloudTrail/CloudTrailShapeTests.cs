using Dashboard.Aws.CloudTrail;
using Dashboard.Aws.Protocol;
using Dashboard.Tests.Shared;

namespace Dashboard.Tests.Aws.CloudTrail;

public sealed class CloudTrailShapeTests
{
    [Fact]
    public void EveryRecord_UsesMemberNamesFromTheCloudTrailModel()
    {
        var model = BotocoreModels.Load("cloudtrail");
        var (operations, problems) = ShapeConformance.CheckApi(typeof(ICloudTrailApi), model);
        Assert.Equal(4, operations);

        Assert.Empty(problems);
    }

    [Fact]
    public void Spec_MatchesTheCloudTrailModelMetadata()
    {
        var metadata = BotocoreModels.Load("cloudtrail").GetProperty("metadata");

        Assert.Equal(metadata.GetProperty("serviceId").GetString(), CloudTrailClient.Spec.ServiceId);
        Assert.Equal(metadata.GetProperty("endpointPrefix").GetString(), CloudTrailClient.Spec.EndpointPrefix);
        Assert.Equal(metadata.GetProperty("apiVersion").GetString(), CloudTrailClient.Spec.ApiVersion);
        Assert.Equal(metadata.GetProperty("targetPrefix").GetString(), CloudTrailClient.Spec.TargetPrefix);
        Assert.Equal("1.1", metadata.GetProperty("jsonVersion").GetString());
        Assert.Equal(WireProtocol.AwsJson11, CloudTrailClient.Spec.Protocol);
        Assert.Equal(metadata.TryGetProperty("signingName", out var signing) ? signing.GetString() : metadata.GetProperty("endpointPrefix").GetString(), CloudTrailClient.Spec.SigningName);
    }
}
