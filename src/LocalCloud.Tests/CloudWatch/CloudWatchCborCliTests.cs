using LocalCloud.Events;
using LocalCloud.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;
using static LocalCloud.Tests.CloudWatch.CloudWatchCliTests;

namespace LocalCloud.Tests.CloudWatch;

/// <summary>
/// Smithy RPC v2 CBOR checked by a real client: AWS CLI v1 with botocore's CBOR serializer and parser (see
/// <see cref="CborCli"/>). Neither CLI on the machine speaks CBOR to CloudWatch by default.
/// </summary>
public sealed class CloudWatchCborCliTests(LocalCloudFixture cloud) : IClassFixture<LocalCloudFixture>
{
    private const string Start = "2026-11-25T11:00:00Z";
    private const string End = "2026-11-25T12:00:00Z";
    private static readonly DateTimeOffset At1158 = new(2026, 11, 25, 11, 58, 0, TimeSpan.Zero);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Requests_AreCbor_OnTheServiceOperationPath()
    {
        var cli = new CborCli(cloud.Endpoint, LocalCloudFixture.NewAccount());

        var result = await cli.TryRunAsync(["cloudwatch", "list-metrics", "--debug"], Cancellation);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("'url_path': '/service/GraniteServiceVersion20100801/operation/ListMetrics'", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("'smithy-protocol': 'rpc-v2-cbor'", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PutMetricData_ThenGetMetricDataAndStatistics_AndListMetrics()
    {
        var cli = new CborCli(cloud.Endpoint, LocalCloudFixture.NewAccount());

        await cli.RunAsync(
            [
                "cloudwatch", "put-metric-data", "--namespace", "Pipelines", "--metric-data",
                """[{"MetricName":"Invocations","Dimensions":[{"Name":"RuleName","Value":"upload"}],"Timestamp":"2026-11-25T11:58:30Z","Value":2.5,"Unit":"Count"}]""",
            ],
            Cancellation);
        var data = await cli.RunAsync(
            [
                "cloudwatch", "get-metric-data", "--start-time", Start, "--end-time", End, "--metric-data-queries",
                """[{"Id":"m1","Label":"Uploads","MetricStat":{"Metric":{"Namespace":"Pipelines","MetricName":"Invocations","Dimensions":[{"Name":"RuleName","Value":"upload"}]},"Period":60,"Stat":"Sum"}}]""",
            ],
            Cancellation);
        var statistics = await cli.RunAsync(
            [
                "cloudwatch", "get-metric-statistics", "--namespace", "Pipelines", "--metric-name", "Invocations",
                "--dimensions", "Name=RuleName,Value=upload", "--start-time", Start, "--end-time", End, "--period", "60", "--statistics", "Maximum",
            ],
            Cancellation);
        var list = await cli.RunAsync(["cloudwatch", "list-metrics", "--namespace", "Pipelines"], Cancellation);

        var result = data?.GetProperty("MetricDataResults")[0];
        Assert.Equal(("m1", "Uploads", "Complete"), (result?.GetProperty("Id").GetString(), result?.GetProperty("Label").GetString(), result?.GetProperty("StatusCode").GetString()));
        Assert.Equal([2.5], result?.GetProperty("Values").EnumerateArray().Select(v => v.GetDouble()));
        Assert.Equal([At1158], result?.GetProperty("Timestamps").EnumerateArray().Select(Time));
        var point = statistics?.GetProperty("Datapoints")[0];
        Assert.Equal(At1158, point is { } p ? Time(p.GetProperty("Timestamp")) : default);
        Assert.Equal(2.5, point?.GetProperty("Maximum").GetDouble());
        Assert.Equal("Invocations", list?.GetProperty("Metrics")[0].GetProperty("MetricName").GetString());
    }

    [Fact]
    public async Task EventsInvocations_RecordedByTheService_ReadOverCbor()
    {
        var account = LocalCloudFixture.NewAccount();
        cloud.Cloud.Services.GetRequiredService<IMetricSink>()
            .Record(account, "us-east-1", "AWS/Events", "Invocations", [KeyValuePair.Create("RuleName", "upload")], 1, "Count", At1158);
        var cli = new CborCli(cloud.Endpoint, account);

        var statistics = await cli.RunAsync(
            [
                "cloudwatch", "get-metric-statistics", "--namespace", "AWS/Events", "--metric-name", "Invocations",
                "--dimensions", "Name=RuleName,Value=upload", "--start-time", Start, "--end-time", End, "--period", "60", "--statistics", "Sum",
            ],
            Cancellation);

        Assert.Equal(1.0, statistics?.GetProperty("Datapoints")[0].GetProperty("Sum").GetDouble());
    }

    [Fact]
    public async Task Errors_CarryTheQueryCompatibleCode()
    {
        var cli = new CborCli(cloud.Endpoint, LocalCloudFixture.NewAccount());

        var period = await cli.TryRunAsync(
            ["cloudwatch", "get-metric-statistics", "--namespace", "AWS/Events", "--metric-name", "Invocations", "--start-time", Start, "--end-time", End, "--period", "45", "--statistics", "Sum"],
            Cancellation);
        var math = await cli.TryRunAsync(
            ["cloudwatch", "get-metric-data", "--start-time", Start, "--end-time", End, "--metric-data-queries", """[{"Id":"total","Expression":"SUM(METRICS())","Period":60}]"""],
            Cancellation);

        Assert.Contains("An error occurred (InvalidParameterValue) when calling the GetMetricStatistics operation: The parameter Period must be", period.Stderr, StringComparison.Ordinal);
        Assert.Contains("An error occurred (ValidationError) when calling the GetMetricData operation: Metric math is not supported by LocalCloud", math.Stderr, StringComparison.Ordinal);
    }
}
