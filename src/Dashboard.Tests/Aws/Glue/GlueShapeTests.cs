using Dashboard.Aws.Glue;
using Dashboard.Tests.Shared;

namespace Dashboard.Tests.Aws.Glue;

public sealed class GlueShapeTests
{
    [Fact]
    public void EveryRecord_UsesMemberNamesFromTheGlueModel()
    {
        var model = BotocoreModels.Load("glue");
        var operations = typeof(IGlueApi).GetMethods().Where(m => m.Name.EndsWith("Async", StringComparison.Ordinal)).ToList();
        Assert.Equal(16, operations.Count);

        var problems = operations.SelectMany(m => ShapeConformance.Check(
            model,
            m.Name[..^"Async".Length],
            m.GetParameters()[0].ParameterType,
            m.ReturnType.GetGenericArguments()[0])).ToList();

        Assert.Empty(problems);
    }
}
