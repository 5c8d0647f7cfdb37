using Dashboard.Aws.CloudWatch;
using Dashboard.Tests.Shared;

namespace Dashboard.Tests.Aws.CloudWatch;

public sealed class CloudWatchShapeTests
{
    [Fact]
    public void EveryRecord_UsesMemberNamesFromTheCloudWatchModel()
    {
        var model = BotocoreModels.Load("cloudwatch");
        var (operations, problems) = ShapeConformance.CheckApi(typeof(ICloudWatchApi), model);
        Assert.Equal(2, operations);

        Assert.Empty(problems);
    }
}
