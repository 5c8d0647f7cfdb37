using Amazon;
using Amazon.S3;
using Amazon.S3.Model;
using Amazon.SecurityToken;
using Dashboard.Cloud;
using Dashboard.Configuration;
using Dashboard.Tests.Shared;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Tests.Cloud;

/// <summary>The packaged S3 and STS clients, as the dashboard configures them, against moto_server.</summary>
public sealed class PackagedClientsContractTests(MotoServer moto) : IClassFixture<MotoServer>
{
    private readonly string _bucket = "bucket-" + Guid.NewGuid().ToString("N")[..10];

    [Fact]
    public async Task CloudIdentity_ReadsAccountAndArnFromSts()
    {
        moto.Require();
        using var sts = new AmazonSecurityTokenServiceClient(TestClients.Credentials, new AmazonSecurityTokenServiceConfig
        {
            ServiceURL = moto.Endpoint.ToString(),
            AuthenticationRegion = MotoServer.Region,
        });
        var identity = new CloudIdentity(
            sts,
            new() { Region = RegionEndpoint.USEast1 },
            Options.Create(new CloudOptions { Mode = CloudMode.Aws }),
            new EmbeddedLocalCloud(Options.Create(new CloudOptions { Mode = CloudMode.Aws }), Options.Create(new LocalCloudOptions()), TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger<EmbeddedLocalCloud>.Instance),
            new FakeTimeProvider());

        var who = await identity.GetAsync(TestContext.Current.CancellationToken);

        Assert.Equal(MotoServer.Account, who.AccountId);
        Assert.Equal("us-east-1", who.Region);
        Assert.Equal($"{MotoServer.Account} · us-east-1", who.Label);
        Assert.Equal($"arn:aws:glue:us-east-1:{MotoServer.Account}:workflow/products", who.WorkflowArn("products"));
    }

    [Fact]
    public async Task S3_PutObjectAndBucketNotificationConfiguration_RoundTrip()
    {
        moto.Require();
        using var s3 = new AmazonS3Client(TestClients.Credentials, new AmazonS3Config
        {
            ServiceURL = moto.Endpoint.ToString(),
            ForcePathStyle = true,
            AuthenticationRegion = MotoServer.Region,
        });
        await s3.PutBucketAsync(new PutBucketRequest { BucketName = _bucket }, TestContext.Current.CancellationToken);

        var before = await s3.GetBucketNotificationAsync(new GetBucketNotificationRequest { BucketName = _bucket }, TestContext.Current.CancellationToken);
        Assert.Null(before.EventBridgeConfiguration);

        // moto 5.2.1 accepts EventBridgeConfiguration but does not store it (the AWS CLI sees the same empty
        // configuration), so reading it back turned on is LocalCloud's to prove.
        await s3.PutBucketNotificationAsync(new PutBucketNotificationRequest { BucketName = _bucket, EventBridgeConfiguration = new EventBridgeConfiguration() }, TestContext.Current.CancellationToken);

        await s3.PutObjectAsync(new PutObjectRequest { BucketName = _bucket, Key = "data/products_raw/product_00001.json", ContentBody = """{"id":1}""" }, TestContext.Current.CancellationToken);
        var listed = await s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = _bucket, Prefix = "data/products_raw/" }, TestContext.Current.CancellationToken);
        Assert.Equal(["data/products_raw/product_00001.json"], listed.S3Objects.Select(o => o.Key));
    }
}
