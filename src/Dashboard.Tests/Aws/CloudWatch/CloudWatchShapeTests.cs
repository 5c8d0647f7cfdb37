using Dashboard.Aws.CloudWatch;
using Dashboard.Tests.Shared;

namespace Dashboard.Tests.Aws.CloudWatch;

public sealed class CloudWatchShapeTests
{
    [Fact]
    public void EveryRecord_UsesMemberNamesFromTheCloudWatchModel()
    {
        var model = BotocoreModels.Load("cloudwatch");
        var operations = typeof(ICloudWatchApi).GetMethods().Where(m => m.Name.EndsWith("Async", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, operations.Count);

        var problems = operations.SelectMany(m => ShapeConformance.Check(
            model,
            m.Name[..^"Async".Length],
            m.GetParameters()[0].ParameterType,
            m.ReturnType.GetGenericArguments()[0])).ToList();

        Assert.Empty(problems);
    }
}
