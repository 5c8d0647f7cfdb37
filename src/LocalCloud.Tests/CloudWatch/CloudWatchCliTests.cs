using System.Text.Json;
using LocalCloud.Events;
using LocalCloud.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;

namespace LocalCloud.Tests.CloudWatch;

/// <summary>
/// Both AWS CLIs against LocalCloud's CloudWatch: v1 (botocore 1.43) speaks query-compatible AWS JSON 1.0, v2 (2.9,
/// Debian) speaks Query. The fixture's clock stands at 2026-11-25T12:00:00Z.
/// </summary>
public sealed class CloudWatchCliTests(LocalCloudFixture cloud) : IClassFixture<LocalCloudFixture>
{
    private const string Start = "2026-11-25T11:00:00Z";
    private const string End = "2026-11-25T12:00:00Z";
    private static readonly DateTimeOffset At1158 = new(2026, 11, 25, 11, 58, 0, TimeSpan.Zero);

    private const string InvocationsQuery = """
        [{"Id":"invocations","MetricStat":{"Metric":{"Namespace":"AWS/Events","MetricName":"Invocations",
          "Dimensions":[{"Name":"RuleName","Value":"upload"}]},"Period":60,"Stat":"Sum"}}]
        """;

    /// <summary>What EventBridge records for rule "upload": three invocations at 11:58 and one at 11:59.</summary>
    private string RecordInvocations()
    {
        var account = LocalCloudFixture.NewAccount();
        var sink = cloud.Cloud.Services.GetRequiredService<IMetricSink>();
        KeyValuePair<string, string>[] rule = [KeyValuePair.Create("RuleName", "upload")];
        foreach (var at in new[] { At1158.AddSeconds(5), At1158.AddSeconds(20), At1158.AddSeconds(59), At1158.AddMinutes(1) })
        {
            sink.Record(account, "us-east-1", "AWS/Events", "Invocations", rule, 1, "Count", at);
        }

        return account;
    }

    /// <summary>A timestamp as the CLI prints it: v1 shows JSON's epoch seconds as received, v2 an ISO 8601 string.</summary>
    internal static DateTimeOffset Time(JsonElement value) => value.ValueKind == JsonValueKind.Number
        ? DateTimeOffset.UnixEpoch.AddSeconds(value.GetDouble())
        : DateTimeOffset.Parse(value.GetString() ?? string.Empty);

    private static List<(DateTimeOffset Time, double Sum)> Datapoints(JsonElement? output) =>
        output?.GetProperty("Datapoints").EnumerateArray()
            .Select(p => (Time(p.GetProperty("Timestamp")), p.GetProperty("Sum").GetDouble()))
            .OrderBy(p => p.Item1)
            .ToList() ?? [];

    [Theory]
    [MemberData(nameof(AwsCliVersion.Both), MemberType = typeof(AwsCliVersion))]
    public async Task EventsInvocations_GetMetricStatistics_SumsPerMinute(string cli)
    {
        var aws = cloud.Cli(AwsCliVersion.Named(cli), RecordInvocations());

        var output = await aws.RunAsync(
            "cloudwatch", "get-metric-statistics", "--namespace", "AWS/Events", "--metric-name", "Invocations",
            "--dimensions", "Name=RuleName,Value=upload", "--start-time", Start, "--end-time", End, "--period", "60", "--statistics", "Sum");

        Assert.Equal("Invocations", output?.GetProperty("Label").GetString());
        Assert.Equal([(At1158, 3.0), (At1158.AddMinutes(1), 1.0)], Datapoints(output));
    }

    [Theory]
    [MemberData(nameof(AwsCliVersion.Both), MemberType = typeof(AwsCliVersion))]
    public async Task EventsInvocations_GetMetricData_NewestFirst(string cli)
    {
        var aws = cloud.Cli(AwsCliVersion.Named(cli), RecordInvocations());

        var output = await aws.RunAsync("cloudwatch", "get-metric-data", "--metric-data-queries", InvocationsQuery, "--start-time", Start, "--end-time", End);

        var result = output?.GetProperty("MetricDataResults")[0];
        Assert.Equal("invocations", result?.GetProperty("Id").GetString());
        Assert.Equal("Complete", result?.GetProperty("StatusCode").GetString());
        Assert.Equal([1.0, 3.0], result?.GetProperty("Values").EnumerateArray().Select(v => v.GetDouble()));
        Assert.Equal(
            [At1158.AddMinutes(1), At1158],
            result?.GetProperty("Timestamps").EnumerateArray().Select(Time));
    }

    [Theory]
    [MemberData(nameof(AwsCliVersion.Both), MemberType = typeof(AwsCliVersion))]
    public async Task EventsInvocations_ListMetrics_ByNamespaceAndDimensionName(string cli)
    {
        var aws = cloud.Cli(AwsCliVersion.Named(cli), RecordInvocations());

        var output = await aws.RunAsync("cloudwatch", "list-metrics", "--namespace", "AWS/Events", "--dimensions", "Name=RuleName");
        var none = await aws.RunAsync("cloudwatch", "list-metrics", "--namespace", "AWS/Events", "--dimensions", "Name=EventBusName");

        var metric = Assert.Single(output?.GetProperty("Metrics").EnumerateArray() ?? []);
        Assert.Equal("Invocations", metric.GetProperty("MetricName").GetString());
        Assert.Equal("upload", metric.GetProperty("Dimensions")[0].GetProperty("Value").GetString());
        Assert.Empty(none?.GetProperty("Metrics").EnumerateArray() ?? []);
    }

    [Theory]
    [MemberData(nameof(AwsCliVersion.Both), MemberType = typeof(AwsCliVersion))]
    public async Task PutMetricData_ThenEveryRead_SeesIt(string cli)
    {
        var aws = cloud.Cli(AwsCliVersion.Named(cli), LocalCloudFixture.NewAccount());

        await aws.RunAsync(
            "cloudwatch", "put-metric-data", "--namespace", "Pipelines",
            "--metric-data", """[{"MetricName":"Invocations","Dimensions":[{"Name":"RuleName","Value":"upload"}],"Timestamp":"2026-11-25T11:58:30Z","Values":[1,4],"Counts":[2,1],"Unit":"Count"}]""");
        var statistics = await aws.RunAsync(
            "cloudwatch", "get-metric-statistics", "--namespace", "Pipelines", "--metric-name", "Invocations",
            "--dimensions", "Name=RuleName,Value=upload", "--start-time", Start, "--end-time", End, "--period", "300",
            "--statistics", "Sum", "SampleCount", "Maximum", "--unit", "Count");
        var data = await aws.RunAsync(
            "cloudwatch", "get-metric-data", "--start-time", Start, "--end-time", End, "--scan-by", "TimestampAscending",
            "--metric-data-queries", InvocationsQuery.Replace("AWS/Events", "Pipelines", StringComparison.Ordinal).Replace("\"Sum\"", "\"Average\"", StringComparison.Ordinal));
        var list = await aws.RunAsync("cloudwatch", "list-metrics", "--namespace", "Pipelines", "--recently-active", "PT3H");

        var point = Assert.Single(statistics?.GetProperty("Datapoints").EnumerateArray() ?? []);
        Assert.Equal(At1158.AddMinutes(-3), Time(point.GetProperty("Timestamp")));
        Assert.Equal((6.0, 3.0, 4.0), (point.GetProperty("Sum").GetDouble(), point.GetProperty("SampleCount").GetDouble(), point.GetProperty("Maximum").GetDouble()));
        Assert.Equal("Count", point.GetProperty("Unit").GetString());
        Assert.Equal([2.0], data?.GetProperty("MetricDataResults")[0].GetProperty("Values").EnumerateArray().Select(v => v.GetDouble()));
        Assert.Single(list?.GetProperty("Metrics").EnumerateArray() ?? []);
    }

    [Theory]
    [MemberData(nameof(AwsCliVersion.Both), MemberType = typeof(AwsCliVersion))]
    public async Task BadPeriod_IsAnInvalidParameterValueError(string cli)
    {
        var aws = cloud.Cli(AwsCliVersion.Named(cli), LocalCloudFixture.NewAccount());

        var result = await aws.TryRunAsync(
            "cloudwatch", "get-metric-statistics", "--namespace", "AWS/Events", "--metric-name", "Invocations",
            "--start-time", Start, "--end-time", End, "--period", "45", "--statistics", "Sum");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains(
            "An error occurred (InvalidParameterValue) when calling the GetMetricStatistics operation: The parameter Period must be 1, 5, 10, 20, 30 or a multiple of 60 (it is 45).",
            result.Stderr,
            StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(AwsCliVersion.Both), MemberType = typeof(AwsCliVersion))]
    public async Task MetricMath_IsAValidationError_SayingLocalCloudDoesNotSupportIt(string cli)
    {
        var aws = cloud.Cli(AwsCliVersion.Named(cli), LocalCloudFixture.NewAccount());

        var result = await aws.TryRunAsync(
            "cloudwatch", "get-metric-data", "--start-time", Start, "--end-time", End,
            "--metric-data-queries", """[{"Id":"total","Expression":"SUM(METRICS())","Period":60}]""");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("An error occurred (ValidationError) when calling the GetMetricData operation: Metric math is not supported by LocalCloud", result.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(AwsCliVersion.Both), MemberType = typeof(AwsCliVersion))]
    public async Task PutMetricData_InAnAwsNamespace_IsRefusedAsOnAws(string cli)
    {
        var aws = cloud.Cli(AwsCliVersion.Named(cli), LocalCloudFixture.NewAccount());

        var result = await aws.TryRunAsync("cloudwatch", "put-metric-data", "--namespace", "AWS/Events", "--metric-name", "Invocations", "--value", "1");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("(InvalidParameterValue) when calling the PutMetricData operation: The value AWS/ for parameter Namespace is invalid.", result.Stderr, StringComparison.Ordinal);
    }
}
