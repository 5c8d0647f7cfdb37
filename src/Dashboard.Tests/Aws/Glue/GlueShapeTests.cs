using Dashboard.Aws.Glue;
using Dashboard.Tests.Shared;

namespace Dashboard.Tests.Aws.Glue;

public sealed class GlueShapeTests
{
    [Fact]
    public void EveryRecord_UsesMemberNamesFromTheGlueModel()
    {
        var model = BotocoreModels.Load("glue");
        var (operations, problems) = ShapeConformance.CheckApi(typeof(IGlueApi), model);
        Assert.Equal(16, operations);

        Assert.Empty(problems);
    }
}
