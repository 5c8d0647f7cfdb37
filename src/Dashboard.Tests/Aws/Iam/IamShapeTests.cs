using Dashboard.Aws.Iam;
using Dashboard.Tests.Shared;

namespace Dashboard.Tests.Aws.Iam;

public sealed class IamShapeTests
{
    [Fact]
    public void EveryRecord_UsesMemberNamesFromTheIamModel()
    {
        var model = BotocoreModels.Load("iam");
        var (operations, problems) = ShapeConformance.CheckApi(typeof(IIamApi), model);
        Assert.Equal(7, operations);

        Assert.Empty(problems);
    }
}
