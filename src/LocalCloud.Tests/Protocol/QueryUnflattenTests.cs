using LocalCloud.Protocol;

namespace LocalCloud.Tests.Protocol;

public sealed class QueryUnflattenTests
{
    [Fact]
    public void Unflatten_ListsStructsAndMaps_BecomeJson()
    {
        var json = QueryFrontEnd.Unflatten(new Dictionary<string, string>
        {
            ["Action"] = "GetMetricData",
            ["Version"] = "2010-08-01",
            ["MetricDataQueries.member.1.Id"] = "m1",
            ["MetricDataQueries.member.1.MetricStat.Metric.Dimensions.member.1.Name"] = "RuleName",
            ["MetricDataQueries.member.1.MetricStat.Metric.Dimensions.member.1.Value"] = "upload",
            ["MetricDataQueries.member.2.Id"] = "m2",
            ["Tags.entry.1.key"] = "team",
            ["Tags.entry.1.value"] = "data",
            ["StartTime"] = "2026-11-25T12:00:00Z",
            ["Empty"] = string.Empty,
        });

        Assert.Equal(
            """{"MetricDataQueries":[{"Id":"m1","MetricStat":{"Metric":{"Dimensions":[{"Name":"RuleName","Value":"upload"}]}}},{"Id":"m2"}],"StartTime":"2026-11-25T12:00:00Z","Tags":{"team":"data"}}""",
            json.ToJsonString());
    }

    [Theory]
    [InlineData("AWS4-HMAC-SHA256 Credential=AKID/20261125/eu-west-1/glue/aws4_request, SignedHeaders=host, Signature=x", "AKID", "eu-west-1", "glue")]
    [InlineData("AWS4-HMAC-SHA256 Credential=111122223333/20261125/us-east-1/monitoring/aws4_request,SignedHeaders=host,Signature=x", "111122223333", "us-east-1", "monitoring")]
    public void SigV4Scope_ReadsKeyRegionAndService(string header, string key, string region, string service) =>
        Assert.Equal(new SigV4Scope(key, region, service), SigV4Scope.Parse(header));

    [Fact]
    public void SigV4Scope_Unsigned_IsNull() => Assert.Null(SigV4Scope.Parse(null));
}
