using LocalCloud.CloudWatch;
using LocalCloud.Protocol;
using static LocalCloud.Tests.CloudWatch.CloudWatchHarness;

namespace LocalCloud.Tests.CloudWatch;

/// <summary>PutMetricData's validation: what AWS refuses is refused with its code, and nothing of a bad request is stored.</summary>
public sealed class PutMetricDataTests
{
    private readonly CloudWatchHarness _cw = new();

    private AwsServiceException Refused(string? metricNamespace, params MetricDatum[] data) =>
        Assert.Throws<AwsServiceException>(() => _cw.Backend.PutMetricData(_cw.Context, new PutMetricDataInput(metricNamespace, data, null, null)));

    private static MetricDatum Valid => Datum("Jobs", 1, Noon);

    [Fact]
    public void AwsNamespaces_AreReserved()
    {
        var error = Refused("AWS/Events", Valid);

        Assert.Equal(("InvalidParameterValue", "The value AWS/ for parameter Namespace is invalid."), (error.Code, error.Message));
    }

    [Theory]
    [InlineData(":App")]
    [InlineData("   ")]
    [InlineData("App!")]
    [InlineData("Äpp")]
    public void InvalidNamespaces_AreRefused(string metricNamespace) =>
        Assert.Equal("InvalidParameterValue", Refused(metricNamespace, Valid).Code);

    [Fact]
    public void NamespaceWithAllowedPunctuation_IsAccepted()
    {
        _cw.Put("My App/etl-1_v2.#:x", Valid);

        Assert.Single(_cw.Statistics("My App/etl-1_v2.#:x", "Jobs", Noon.AddHours(-1), Noon.AddHours(1), 60, ["Sum"]).Datapoints);
    }

    [Fact]
    public void MissingNamespaceOrData_IsAMissingParameter()
    {
        Assert.Equal(("MissingParameter", "The parameter Namespace is required."), (Refused(null, Valid).Code, Refused(null, Valid).Message));
        Assert.Equal(("MissingParameter", "The parameter MetricData is required."), (Refused("App").Code, Refused("App").Message));
    }

    [Fact]
    public void MoreThan1000Metrics_AreRefused() =>
        Assert.Equal("InvalidParameterValue", Refused("App", Enumerable.Repeat(Valid, 1001).ToArray()).Code);

    [Fact]
    public void ValueAndStatisticValues_AreMutuallyExclusive()
    {
        var error = Refused("App", Valid with { StatisticValues = new StatisticSet(1, 1, 1, 1) });

        Assert.Equal("InvalidParameterCombination", error.Code);
        Assert.Equal("The parameters MetricData.member.1.Value and MetricData.member.1.StatisticValues are mutually exclusive and you have specified both.", error.Message);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(1e109)]
    [InlineData(1e-79)]
    public void ValuesCloudWatchCannotStore_AreRefused(double value) =>
        Assert.Equal("InvalidParameterValue", Refused("App", Valid with { Value = value }).Code);

    [Fact]
    public void EveryBadDatum_IsNamed_OnItsOwnLine_AndNothingIsStored()
    {
        var error = Refused(
            "App",
            Valid,
            Valid with { Timestamp = Noon.AddDays(-15) },
            Valid with { Unit = "Furlongs" },
            Valid with { Timestamp = Noon.AddHours(3) });

        Assert.Equal("InvalidParameterValue", error.Code);
        Assert.Equal(
            [
                "The parameter MetricData.member.2.Timestamp must specify a time within the past two weeks.",
                "The value Furlongs for parameter MetricData.member.3.Unit is invalid.",
                "The parameter MetricData.member.4.Timestamp must specify a time no more than two hours in the future.",
            ],
            error.Message.Split('\n'));
        Assert.Empty(_cw.Statistics("App", "Jobs", Noon.AddHours(-1), Noon.AddHours(1), 60, ["Sum"]).Datapoints);
    }

    [Fact]
    public void Dimensions_NeedNamesAndValues_UniqueNames_AndAtMost30()
    {
        Assert.Equal("MissingParameter", Refused("App", Valid with { Dimensions = [new Dimension("Job", null)] }).Code);
        Assert.Equal("InvalidParameterValue", Refused("App", Valid with { Dimensions = Dims(("Job", "a"), ("Job", "b")) }).Code);
        Assert.Equal("InvalidParameterValue", Refused("App", Valid with { Dimensions = Dims((":Job", "a")) }).Code);
        Assert.Equal("InvalidParameterValue", Refused("App", Valid with { Dimensions = Enumerable.Range(0, 31).Select(i => new Dimension($"D{i}", "v")).ToList() }).Code);
    }

    [Fact]
    public void ValuesAndCounts_MustMatch_AndAtMost150()
    {
        Assert.Equal("InvalidParameterValue", Refused("App", Valid with { Value = null, Values = [1, 2], Counts = [1] }).Code);
        Assert.Equal("InvalidParameterValue", Refused("App", Valid with { Value = null, Values = Enumerable.Repeat(1.0, 151).ToList() }).Code);
    }

    [Fact]
    public void StatisticSet_NeedsEveryMember_AndAPositiveCount()
    {
        Assert.Equal("MissingParameter", Refused("App", Valid with { Value = null, StatisticValues = new StatisticSet(1, 1, null, 1) }).Code);
        Assert.Equal("InvalidParameterValue", Refused("App", Valid with { Value = null, StatisticValues = new StatisticSet(0, 1, 1, 1) }).Code);
        Assert.Equal("InvalidParameterValue", Refused("App", Valid with { Value = null, StatisticValues = new StatisticSet(1, 1, 2, 1) }).Code);
    }

    [Fact]
    public void DatumWithoutNameOrValue_IsAMissingParameter()
    {
        Assert.Equal("MissingParameter", Refused("App", Valid with { MetricName = null }).Code);
        Assert.Equal("MissingParameter", Refused("App", Valid with { Value = null }).Code);
    }

    [Fact]
    public void EntityMetricData_IsStoredLikeMetricData()
    {
        var entity = new EntityMetricData(new Entity(new() { ["Type"] = "Service" }, null), [Datum("Jobs", 5, Noon)]);

        _cw.Backend.PutMetricData(_cw.Context, new PutMetricDataInput("App", null, [entity], null));

        Assert.Equal(5.0, Assert.Single(_cw.Statistics("App", "Jobs", Noon.AddHours(-1), Noon.AddHours(1), 60, ["Sum"]).Datapoints).Sum);
    }

    [Fact]
    public void MissingTimestamp_IsNow()
    {
        _cw.Put("App", Valid with { Timestamp = null, Value = 2 });

        Assert.Equal(Noon, Assert.Single(_cw.Statistics("App", "Jobs", Noon.AddHours(-1), Noon.AddHours(1), 60, ["Sum"]).Datapoints).Timestamp);
    }
}
