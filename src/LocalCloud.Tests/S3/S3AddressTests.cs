using LocalCloud.S3;

namespace LocalCloud.Tests.S3;

/// <summary>Which bucket and key a request addresses, virtual-host or path style.</summary>
public sealed class S3AddressTests
{
    [Theory]
    [InlineData("127.0.0.1:4566", "/bucket/data/products_raw/p.json", "bucket", "data/products_raw/p.json", false)]
    [InlineData("localhost:4566", "/bucket", "bucket", null, false)]
    [InlineData("localhost:4566", "/bucket/", "bucket", null, false)]
    [InlineData("localhost:4566", "/", null, null, false)]
    [InlineData("s3.amazonaws.com", "/bucket/k?list-type=2", "bucket", "k", false)]
    [InlineData("s3.localhost:4566", "/bucket/k", "bucket", "k", false)]
    [InlineData("[::1]:4566", "/bucket/k", "bucket", "k", false)]
    [InlineData("bucket.localhost:4566", "/data/p.json", "bucket", "data/p.json", true)]
    [InlineData("bucket.localhost:4566", "/?list-type=2", "bucket", null, true)]
    [InlineData("bucket.s3.amazonaws.com", "/k", "bucket", "k", true)]
    [InlineData("my.dotted.bucket.s3.eu-west-1.amazonaws.com", "/k", "my.dotted.bucket", "k", true)]
    [InlineData("bucket.s3.localhost.localstack.cloud:4566", "/k", "bucket", "k", true)]
    [InlineData("Bucket.S3.AmazonAWS.com", "/k", "bucket", "k", true)]
    public void From_HostAndTarget(string host, string target, string? bucket, string? key, bool virtualHosted) =>
        Assert.Equal(new S3Address(bucket, key, virtualHosted), S3Address.From(host, target));

    [Theory]
    [InlineData("/bucket/a%2Fb", "a/b")]
    [InlineData("/bucket/a%252Fb", "a%2Fb")]
    [InlineData("/bucket/a+b", "a+b")]
    [InlineData("/bucket/a%20b", "a b")]
    [InlineData("/bucket//leading-slash", "/leading-slash")]
    [InlineData("/bucket/%C3%BC.json", "ü.json")]
    public void From_KeyDecodedOnce(string target, string key) =>
        Assert.Equal(key, S3Address.From("localhost:4566", target).Key);
}
