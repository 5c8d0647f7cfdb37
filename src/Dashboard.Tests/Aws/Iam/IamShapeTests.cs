using Dashboard.Aws.Iam;
using Dashboard.Tests.Shared;

namespace Dashboard.Tests.Aws.Iam;

public sealed class IamShapeTests
{
    [Fact]
    public void EveryRecord_UsesMemberNamesFromTheIamModel()
    {
        var model = BotocoreModels.Load("iam");
        var operations = typeof(IIamApi).GetMethods().Where(m => m.Name.EndsWith("Async", StringComparison.Ordinal)).ToList();
        Assert.Equal(7, operations.Count);

        var problems = operations.SelectMany(m => ShapeConformance.Check(
            model,
            m.Name[..^"Async".Length],
            m.GetParameters()[0].ParameterType,
            m.ReturnType.GetGenericArguments()[0])).ToList();

        Assert.Empty(problems);
    }
}
