using Dashboard.Playground;

namespace Dashboard.Tests.Playground;

public sealed class WatchedPrefixTests
{
    [Fact]
    public void FromPattern_CloudTrailPutObject_ReadsBucketAndPrefix()
    {
        const string pattern = """
            {"source":["aws.s3"],"detail-type":["AWS API Call via CloudTrail"],
             "detail":{"eventSource":["s3.amazonaws.com"],"eventName":["PutObject"],
                       "requestParameters":{"bucketName":["glue-event-demo"],"key":[{"prefix":"data/products_raw/"}]}}}
            """;

        Assert.Equal(new WatchedPrefix("glue-event-demo", "data/products_raw/", UploadEventKind.CloudTrailPutObject), WatchedPrefix.FromPattern(pattern));
    }

    [Fact]
    public void FromPattern_ObjectCreated_ReadsBucketAndPrefix()
    {
        const string pattern = """
            {"source":["aws.s3"],"detail-type":["Object Created"],"detail":{"bucket":{"name":["orders-landing"]},"object":{"key":[{"prefix":"cdc/"}]}}}
            """;

        Assert.Equal(new WatchedPrefix("orders-landing", "cdc/", UploadEventKind.ObjectCreated), WatchedPrefix.FromPattern(pattern));
    }

    [Fact]
    public void FromPattern_NoKeyCondition_WatchesTheWholeBucket() =>
        Assert.Equal(string.Empty, WatchedPrefix.FromPattern("""{"detail":{"bucket":{"name":["b"]},"object":{}}}""")?.Prefix);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("""{"source":["com.example.clickstream"]}""")]
    [InlineData("""{"detail":{"requestParameters":{"bucketName":["a","b"]}}}""")]
    [InlineData("""{"detail":{"requestParameters":{"bucketName":["a"],"key":[{"wildcard":"data/*.json"}]}}}""")]
    [InlineData("""{"detail":{"requestParameters":{"bucketName":"a"}}}""")]
    public void FromPattern_NoSingleBucketAndPrefix_IsNull(string? pattern) =>
        Assert.Null(WatchedPrefix.FromPattern(pattern));
}
