using System.Text.Json;
using LocalCloud.Tests.S3;
using LocalCloud.Tests.Shared;

namespace LocalCloud.Tests.CloudTrail;

/// <summary>Both AWS CLIs against LocalCloud's CloudTrail, and the walkthrough's upload path from S3 to EventBridge.</summary>
public sealed class CloudTrailCliTests(EventsCloudFixture cloud) : IClassFixture<EventsCloudFixture>, IDisposable
{
    private const string ApiCall = "AWS API Call via CloudTrail";

    private readonly string _account = LocalCloudFixture.NewAccount();
    private readonly string _bucket = "ct-" + Guid.NewGuid().ToString("N")[..12];
    private readonly string _files = Directory.CreateTempSubdirectory("localcloud-cloudtrail-cli-").FullName;

    private string Trail => _bucket + "-trail";

    [Theory]
    [MemberData(nameof(AwsCliVersion.Both), MemberType = typeof(AwsCliVersion))]
    public async Task TrailLifecycle_CreateDescribeSelectStartStatusStop(string cli)
    {
        var aws = cloud.Cli(AwsCliVersion.Named(cli), _account);
        await aws.RunTextAsync("s3", "mb", $"s3://{_bucket}");

        var created = await aws.RunAsync("cloudtrail", "create-trail", "--name", Trail, "--s3-bucket-name", _bucket);
        var described = await aws.RunAsync("cloudtrail", "describe-trails", "--trail-name-list", Trail);
        await aws.RunAsync("cloudtrail", "put-event-selectors", "--trail-name", Trail, "--event-selectors",
            $$"""[{"ReadWriteType":"WriteOnly","IncludeManagementEvents":true,"DataResources":[{"Type":"AWS::S3::Object","Values":["arn:aws:s3:::{{_bucket}}/data/products_raw/"]}]}]""");
        var selectors = await aws.RunAsync("cloudtrail", "get-event-selectors", "--trail-name", Trail);
        await aws.RunAsync("cloudtrail", "start-logging", "--name", Trail);
        var logging = await aws.RunAsync("cloudtrail", "get-trail-status", "--name", Trail);
        await aws.RunAsync("cloudtrail", "stop-logging", "--name", Trail);
        var stopped = await aws.RunAsync("cloudtrail", "get-trail-status", "--name", Trail);

        var arn = $"arn:aws:cloudtrail:us-east-1:{_account}:trail/{Trail}";
        Assert.Equal(arn, created?.GetProperty("TrailARN").GetString());
        var trail = Assert.Single(described?.GetProperty("trailList").EnumerateArray() ?? []);
        Assert.Equal((Trail, _bucket, "us-east-1"), (trail.GetProperty("Name").GetString(), trail.GetProperty("S3BucketName").GetString(), trail.GetProperty("HomeRegion").GetString()));
        Assert.Equal(arn, selectors?.GetProperty("TrailARN").GetString());
        var selector = Assert.Single(selectors?.GetProperty("EventSelectors").EnumerateArray() ?? []);
        Assert.Equal("WriteOnly", selector.GetProperty("ReadWriteType").GetString());
        Assert.Equal($"arn:aws:s3:::{_bucket}/data/products_raw/", selector.GetProperty("DataResources")[0].GetProperty("Values")[0].GetString());
        Assert.True(logging?.GetProperty("IsLogging").GetBoolean());
        Assert.True(logging?.TryGetProperty("StartLoggingTime", out _));
        Assert.Equal("2026-11-25T12:00:00Z", logging?.GetProperty("TimeLoggingStarted").GetString());
        Assert.False(stopped?.GetProperty("IsLogging").GetBoolean());
        Assert.True(stopped?.TryGetProperty("StopLoggingTime", out _));
    }

    [Theory]
    [MemberData(nameof(AwsCliVersion.Both), MemberType = typeof(AwsCliVersion))]
    public async Task AdvancedEventSelectors_PutAndGet(string cli)
    {
        var aws = cloud.Cli(AwsCliVersion.Named(cli), _account);
        await aws.RunTextAsync("s3", "mb", $"s3://{_bucket}");
        await aws.RunAsync("cloudtrail", "create-trail", "--name", Trail, "--s3-bucket-name", _bucket);
        var advanced = $$"""[{"Name":"raw uploads","FieldSelectors":[{"Field":"eventCategory","Equals":["Data"]},{"Field":"resources.type","Equals":["AWS::S3::Object"]},{"Field":"resources.ARN","StartsWith":["arn:aws:s3:::{{_bucket}}/data/products_raw/"]},{"Field":"eventName","NotEquals":["GetObject"]}]}]""";

        var put = await aws.RunAsync("cloudtrail", "put-event-selectors", "--trail-name", Trail, "--advanced-event-selectors", advanced);
        var got = await aws.RunAsync("cloudtrail", "get-event-selectors", "--trail-name", Trail);

        Assert.Equal(Normalize(advanced), Normalize(got?.GetProperty("AdvancedEventSelectors").GetRawText()));
        Assert.Equal(Normalize(advanced), Normalize(put?.GetProperty("AdvancedEventSelectors").GetRawText()));
        Assert.False(got?.TryGetProperty("EventSelectors", out _));
    }

    [Theory]
    [MemberData(nameof(AwsCliVersion.Both), MemberType = typeof(AwsCliVersion))]
    public async Task Walkthrough_TrailOnRawPrefix_UploadThereIsOneApiCallEvent_ElsewhereNone(string cli)
    {
        var aws = cloud.Cli(AwsCliVersion.Named(cli), _account);
        await aws.RunTextAsync("s3", "mb", $"s3://{_bucket}");
        await aws.RunAsync("cloudtrail", "create-trail", "--name", Trail, "--s3-bucket-name", _bucket);
        await aws.RunAsync("cloudtrail", "put-event-selectors", "--trail-name", Trail, "--event-selectors",
            $$"""[{"ReadWriteType":"All","IncludeManagementEvents":true,"DataResources":[{"Type":"AWS::S3::Object","Values":["arn:aws:s3:::{{_bucket}}/data/products_raw/"]}]}]""");
        await aws.RunAsync("cloudtrail", "start-logging", "--name", Trail);
        var product = await FileAsync("product_00001.json", """{"product_id": "00001", "product_name": "Television", "created_at": "2021-06-01"}""");

        await aws.RunTextAsync("s3", "cp", product, $"s3://{_bucket}/data/products_raw/");
        await aws.RunTextAsync("s3", "cp", product, $"s3://{_bucket}/data/products/");
        await aws.RunTextAsync("s3", "cp", product, $"s3://{_bucket}/product_00001.json");

        var published = Assert.Single(cloud.Events.For(_account, ApiCall));
        Assert.Equal(("aws.s3", "us-east-1"), (published.Source, published.Region));
        Assert.Equal("s3.amazonaws.com", published.Detail["eventSource"]?.GetValue<string>());
        Assert.Equal("PutObject", published.Detail["eventName"]?.GetValue<string>());
        Assert.Equal(_bucket, published.Detail["requestParameters"]?["bucketName"]?.GetValue<string>());
        Assert.Equal("data/products_raw/product_00001.json", published.Detail["requestParameters"]?["key"]?.GetValue<string>());
        Assert.StartsWith("aws-cli/", published.Detail["userAgent"]?.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty(cloud.Events.For(_account, "Object Created")); // EventBridge is off for the bucket.
        var status = await aws.RunAsync("cloudtrail", "get-trail-status", "--name", Trail);
        Assert.True(status?.TryGetProperty("LatestDeliveryTime", out _));
    }

    [Theory]
    [MemberData(nameof(AwsCliVersion.Both), MemberType = typeof(AwsCliVersion))]
    public async Task Walkthrough_AdvancedSelectorAndEventBridgeOn_BothKindsOfEvents(string cli)
    {
        var aws = cloud.Cli(AwsCliVersion.Named(cli), _account);
        await aws.RunTextAsync("s3", "mb", $"s3://{_bucket}");
        await aws.RunAsync("s3api", "put-bucket-notification-configuration", "--bucket", _bucket, "--notification-configuration", """{"EventBridgeConfiguration":{}}""");
        await aws.RunAsync("cloudtrail", "create-trail", "--name", Trail, "--s3-bucket-name", _bucket);
        await aws.RunAsync("cloudtrail", "put-event-selectors", "--trail-name", Trail, "--advanced-event-selectors",
            $$"""[{"Name":"raw PutObject","FieldSelectors":[{"Field":"eventCategory","Equals":["Data"]},{"Field":"resources.type","Equals":["AWS::S3::Object"]},{"Field":"resources.ARN","StartsWith":["arn:aws:s3:::{{_bucket}}/data/products_raw/"]},{"Field":"eventName","Equals":["PutObject"]}]}]""");
        await aws.RunAsync("cloudtrail", "start-logging", "--name", Trail);
        var product = await FileAsync("product_00002.json", """{"product_id": "00002", "product_name": "USB charger", "created_at": "2021-06-02"}""");

        await aws.RunTextAsync("s3", "cp", product, $"s3://{_bucket}/data/products_raw/");
        await aws.RunTextAsync("s3", "cp", product, $"s3://{_bucket}/elsewhere/");
        await aws.RunTextAsync("s3", "rm", $"s3://{_bucket}/data/products_raw/product_00002.json");

        var apiCall = Assert.Single(cloud.Events.For(_account, ApiCall));
        Assert.Equal("data/products_raw/product_00002.json", apiCall.Detail["requestParameters"]?["key"]?.GetValue<string>());
        Assert.Equal(
            ["data/products_raw/product_00002.json", "elsewhere/product_00002.json"],
            cloud.Events.For(_account, "Object Created").Select(e => e.Detail["object"]?["key"]?.GetValue<string>()));
        Assert.Single(cloud.Events.For(_account, "Object Deleted"));
    }

    [Theory]
    [MemberData(nameof(AwsCliVersion.Both), MemberType = typeof(AwsCliVersion))]
    public async Task LookupEvents_ManagementEventsByAttribute_PagedByTheCli(string cli)
    {
        var aws = cloud.Cli(AwsCliVersion.Named(cli), _account);
        foreach (var suffix in new[] { "a", "b", "c" })
        {
            await aws.RunTextAsync("s3", "mb", $"s3://{_bucket}-{suffix}");
        }

        await aws.RunTextAsync("s3", "cp", await FileAsync("p.json", "{}"), $"s3://{_bucket}-a/p.json");

        var created = await aws.RunAsync("cloudtrail", "lookup-events", "--lookup-attributes", "AttributeKey=EventName,AttributeValue=CreateBucket", "--page-size", "1");
        var byResource = await aws.RunAsync("cloudtrail", "lookup-events", "--lookup-attributes", $"AttributeKey=ResourceName,AttributeValue={_bucket}-b");
        var putObjects = await aws.RunAsync("cloudtrail", "lookup-events", "--lookup-attributes", "AttributeKey=EventName,AttributeValue=PutObject");

        var events = created?.GetProperty("Events").EnumerateArray().ToList() ?? [];
        Assert.Equal([$"{_bucket}-c", $"{_bucket}-b", $"{_bucket}-a"], events.Select(e => e.GetProperty("Resources")[0].GetProperty("ResourceName").GetString()));
        Assert.All(events, e => Assert.Equal("s3.amazonaws.com", e.GetProperty("EventSource").GetString()));
        var record = JsonDocument.Parse(events[0].GetProperty("CloudTrailEvent").GetString() ?? "{}").RootElement;
        Assert.Equal("CreateBucket", record.GetProperty("eventName").GetString());
        Assert.Equal(_account, record.GetProperty("recipientAccountId").GetString());
        Assert.Equal("CreateBucket", Assert.Single(byResource?.GetProperty("Events").EnumerateArray() ?? []).GetProperty("EventName").GetString());
        Assert.Empty(putObjects?.GetProperty("Events").EnumerateArray() ?? []); // Data events are not in the event history.
    }

    [Theory]
    [MemberData(nameof(AwsCliVersion.Both), MemberType = typeof(AwsCliVersion))]
    public async Task Errors_ReachTheUserAsCloudTrailErrors(string cli)
    {
        var aws = cloud.Cli(AwsCliVersion.Named(cli), _account);

        var missingTrail = await aws.TryRunAsync("cloudtrail", "get-trail-status", "--name", "no-such-trail");
        var missingBucket = await aws.TryRunAsync("cloudtrail", "create-trail", "--name", Trail, "--s3-bucket-name", _bucket);
        var badSelectors = await aws.TryRunAsync("cloudtrail", "put-event-selectors", "--trail-name", "no-such-trail", "--event-selectors", """[{"ReadWriteType":"Sometimes"}]""");

        Assert.Contains("TrailNotFoundException", missingTrail.Stderr, StringComparison.Ordinal);
        Assert.Contains("S3BucketDoesNotExistException", missingBucket.Stderr, StringComparison.Ordinal);
        Assert.Contains("InvalidEventSelectorsException", badSelectors.Stderr, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_files, recursive: true);

    private static string Normalize(string? json) => JsonSerializer.Serialize(JsonDocument.Parse(json ?? "null").RootElement);

    private async Task<string> FileAsync(string name, string content)
    {
        var path = Path.Combine(_files, name);
        await File.WriteAllTextAsync(path, content, TestContext.Current.CancellationToken);
        return path;
    }
}
