using System.Security.Cryptography;
using LocalCloud.Tests.Shared;

namespace LocalCloud.Tests.S3;

/// <summary>Both AWS CLIs against LocalCloud's S3, as the walkthrough's user runs them.</summary>
public sealed class S3CliTests(EventsCloudFixture cloud) : IClassFixture<EventsCloudFixture>, IDisposable
{
    private readonly string _account = LocalCloudFixture.NewAccount();
    private readonly string _bucket = "cli-" + Guid.NewGuid().ToString("N")[..12];
    private readonly string _files = Directory.CreateTempSubdirectory("localcloud-s3-cli-").FullName;

    [Theory]
    [MemberData(nameof(AwsCliVersion.Both), MemberType = typeof(AwsCliVersion))]
    public async Task MbCpLs_SmallFile_ListedAndReadBack(string cli)
    {
        var aws = cloud.Cli(AwsCliVersion.Named(cli), _account);
        var file = await FileAsync("product_00001.json", """{"product_id": "00001", "product_name": "Television", "created_at": "2021-06-01"}""" + "\n");

        await aws.RunTextAsync("s3", "mb", $"s3://{_bucket}");
        await aws.RunTextAsync("s3", "cp", file, $"s3://{_bucket}/data/products_raw/");
        var folders = await aws.RunTextAsync("s3", "ls", $"s3://{_bucket}/data/");
        var recursive = await aws.RunTextAsync("s3", "ls", $"s3://{_bucket}", "--recursive");
        var buckets = await aws.RunTextAsync("s3", "ls");
        var listed = await aws.RunAsync("s3api", "list-objects-v2", "--bucket", _bucket, "--prefix", "data/products_raw/");
        var downloaded = Path.Combine(_files, "downloaded.json");
        var got = await aws.RunAsync("s3api", "get-object", "--bucket", _bucket, "--key", "data/products_raw/product_00001.json", downloaded);

        Assert.Contains("PRE products_raw/", folders, StringComparison.Ordinal);
        Assert.Contains("data/products_raw/product_00001.json", recursive, StringComparison.Ordinal);
        Assert.Contains(_bucket, buckets, StringComparison.Ordinal);
        var content = Assert.Single(listed?.GetProperty("Contents").EnumerateArray() ?? []);
        Assert.Equal("data/products_raw/product_00001.json", content.GetProperty("Key").GetString());
        Assert.Equal(82, content.GetProperty("Size").GetInt64());
        Assert.Equal(await File.ReadAllTextAsync(file, S3TestBed.Ct), await File.ReadAllTextAsync(downloaded, S3TestBed.Ct));
        Assert.Equal(82, got?.GetProperty("ContentLength").GetInt64());
        Assert.Equal(content.GetProperty("ETag").GetString(), got?.GetProperty("ETag").GetString());
    }

    [Theory]
    [MemberData(nameof(AwsCliVersion.Both), MemberType = typeof(AwsCliVersion))]
    public async Task Cp_LargerThan8MB_MultipartUpload_OneObjectCreatedEvent(string cli)
    {
        var aws = cloud.Cli(AwsCliVersion.Named(cli), _account);
        var content = RandomNumberGenerator.GetBytes(9 * 1024 * 1024 + 123);
        var file = Path.Combine(_files, "big.bin");
        await File.WriteAllBytesAsync(file, content, S3TestBed.Ct);
        await aws.RunTextAsync("s3", "mb", $"s3://{_bucket}");
        await aws.RunAsync("s3api", "put-bucket-notification-configuration", "--bucket", _bucket, "--notification-configuration", """{"EventBridgeConfiguration":{}}""");

        await aws.RunTextAsync("s3", "cp", file, $"s3://{_bucket}/data/big.bin");
        var head = await aws.RunAsync("s3api", "head-object", "--bucket", _bucket, "--key", "data/big.bin");
        var back = Path.Combine(_files, "back.bin");
        await aws.RunTextAsync("s3", "cp", $"s3://{_bucket}/data/big.bin", back);

        Assert.Matches("-[0-9]+\"$", head?.GetProperty("ETag").GetString());
        Assert.Equal(content.Length, head?.GetProperty("ContentLength").GetInt64());
        Assert.Equal(content, await File.ReadAllBytesAsync(back, S3TestBed.Ct));
        var created = Assert.Single(cloud.Events.For(_account, "Object Created"));
        Assert.Equal("CompleteMultipartUpload", created.Detail["reason"]?.GetValue<string>());
        Assert.Equal("data/big.bin", created.Detail["object"]?["key"]?.GetValue<string>());
        Assert.Equal(content.Length, created.Detail["object"]?["size"]?.GetValue<long>());
    }

    [Theory]
    [MemberData(nameof(AwsCliVersion.Both), MemberType = typeof(AwsCliVersion))]
    public async Task NotificationConfiguration_EventBridgeOn_ReadBack_PutObjectPublishesObjectCreated(string cli)
    {
        var aws = cloud.Cli(AwsCliVersion.Named(cli), _account);
        await aws.RunTextAsync("s3", "mb", $"s3://{_bucket}");
        var before = await aws.RunAsync("s3api", "get-bucket-notification-configuration", "--bucket", _bucket);

        await aws.RunAsync("s3api", "put-bucket-notification-configuration", "--bucket", _bucket, "--notification-configuration", """{"EventBridgeConfiguration":{}}""");
        var after = await aws.RunAsync("s3api", "get-bucket-notification-configuration", "--bucket", _bucket);
        await aws.RunTextAsync("s3", "cp", await FileAsync("p.json", "{}"), $"s3://{_bucket}/data/products_raw/p.json");

        Assert.False(before?.TryGetProperty("EventBridgeConfiguration", out _) ?? false);
        Assert.Equal("{}", after?.GetProperty("EventBridgeConfiguration").GetRawText());
        var created = Assert.Single(cloud.Events.For(_account, "Object Created"));
        Assert.Equal("aws.s3", created.Source);
        Assert.Equal("PutObject", created.Detail["reason"]?.GetValue<string>());
        Assert.Equal(_bucket, created.Detail["bucket"]?["name"]?.GetValue<string>());
        Assert.Equal("data/products_raw/p.json", created.Detail["object"]?["key"]?.GetValue<string>());
        Assert.Equal(_account, created.Detail["requester"]?.GetValue<string>());
    }

    [Theory]
    [MemberData(nameof(AwsCliVersion.Both), MemberType = typeof(AwsCliVersion))]
    public async Task Errors_ReachTheUserAsS3Errors(string cli)
    {
        var aws = cloud.Cli(AwsCliVersion.Named(cli), _account);
        await aws.RunTextAsync("s3", "mb", $"s3://{_bucket}");

        var again = await aws.TryRunAsync("s3api", "create-bucket", "--bucket", _bucket);
        var missingKey = await aws.TryRunAsync("s3api", "get-object", "--bucket", _bucket, "--key", "nope", Path.Combine(_files, "nope"));
        var missingBucket = await aws.TryRunAsync("s3api", "list-objects-v2", "--bucket", _bucket + "-missing");

        Assert.NotEqual(0, again.ExitCode);
        Assert.Contains("BucketAlreadyOwnedByYou", again.Stderr, StringComparison.Ordinal);
        Assert.Contains("NoSuchKey", missingKey.Stderr, StringComparison.Ordinal);
        Assert.Contains("NoSuchBucket", missingBucket.Stderr, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_files, recursive: true);

    private async Task<string> FileAsync(string name, string content)
    {
        var path = Path.Combine(_files, name);
        await File.WriteAllTextAsync(path, content, S3TestBed.Ct);
        return path;
    }
}
