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

    /// <summary>
    /// UpdateTrigger overwrites the whole trigger, so the shapes the editor reads and sends back must hold every member
    /// Glue has: a member we lack would be wiped on save.
    /// </summary>
    [Theory]
    [InlineData("Trigger", typeof(Trigger))]
    [InlineData("TriggerUpdate", typeof(TriggerUpdate))]
    [InlineData("Action", typeof(GlueAction))]
    [InlineData("NotificationProperty", typeof(NotificationProperty))]
    [InlineData("Predicate", typeof(Predicate))]
    [InlineData("Condition", typeof(Condition))]
    [InlineData("EventBatchingCondition", typeof(EventBatchingCondition))]
    public void TriggerShapes_DeclareEveryMemberOfTheGlueModel(string shape, Type type)
    {
        var model = BotocoreModels.Load("glue");

        var members = model.GetProperty("shapes").GetProperty(shape).GetProperty("members").EnumerateObject().Select(m => m.Name);

        Assert.Empty(members.Except(type.GetProperties().Select(p => p.Name)));
    }
}
