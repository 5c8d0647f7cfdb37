using LocalCloud.Tests.Shared;

namespace LocalCloud.Tests.Sqs;

/// <summary>
/// Both AWS CLIs against LocalCloud's SQS: v1 (botocore 1.43) speaks AWS JSON 1.0 with <c>x-amzn-query-mode</c>, v2
/// (2.9, Debian) speaks Query to the queue URL.
/// </summary>
public sealed class SqsCliTests(LocalCloudFixture cloud) : IClassFixture<LocalCloudFixture>
{
    [Theory]
    [MemberData(nameof(AwsCliVersion.Both), MemberType = typeof(AwsCliVersion))]
    public async Task CreateSendReceiveDelete_AsAUserWould(string cli)
    {
        var account = LocalCloudFixture.NewAccount();
        var aws = cloud.Cli(AwsCliVersion.Named(cli), account);

        var url = (await aws.RunAsync("sqs", "create-queue", "--queue-name", "uploads", "--attributes", "VisibilityTimeout=120"))?.GetProperty("QueueUrl").GetString() ?? string.Empty;
        var sent = await aws.RunAsync(
            "sqs", "send-message", "--queue-url", url, "--message-body", "{\"key\":\"data/products_raw/product_00001.json\"}",
            "--message-attributes", """{"bucket":{"DataType":"String","StringValue":"products"},"size":{"DataType":"Number","StringValue":"87"}}""");
        var received = await aws.RunAsync("sqs", "receive-message", "--queue-url", url, "--message-attribute-names", "All", "--attribute-names", "All", "--max-number-of-messages", "10");
        var inFlight = await aws.RunAsync("sqs", "get-queue-attributes", "--queue-url", url, "--attribute-names", "All");
        var message = received?.GetProperty("Messages")[0];
        await aws.RunAsync("sqs", "delete-message", "--queue-url", url, "--receipt-handle", message?.GetProperty("ReceiptHandle").GetString() ?? string.Empty);
        var after = await aws.RunAsync("sqs", "get-queue-attributes", "--queue-url", url, "--attribute-names", "ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible");

        Assert.Equal($"{cloud.Endpoint.ToString().TrimEnd('/')}/{account}/uploads", url);
        Assert.Equal(32, sent?.GetProperty("MD5OfMessageAttributes").GetString()?.Length);
        Assert.Equal(sent?.GetProperty("MessageId").GetString(), message?.GetProperty("MessageId").GetString());
        Assert.Equal(sent?.GetProperty("MD5OfMessageAttributes").GetString(), message?.GetProperty("MD5OfMessageAttributes").GetString());
        Assert.Equal("products", message?.GetProperty("MessageAttributes").GetProperty("bucket").GetProperty("StringValue").GetString());
        Assert.Equal("1", message?.GetProperty("Attributes").GetProperty("ApproximateReceiveCount").GetString());
        var attributes = inFlight?.GetProperty("Attributes");
        Assert.Equal("1", attributes?.GetProperty("ApproximateNumberOfMessagesNotVisible").GetString());
        Assert.Equal("120", attributes?.GetProperty("VisibilityTimeout").GetString());
        Assert.Equal($"arn:aws:sqs:us-east-1:{account}:uploads", attributes?.GetProperty("QueueArn").GetString());
        Assert.Equal("0", after?.GetProperty("Attributes").GetProperty("ApproximateNumberOfMessages").GetString());
        Assert.Equal("0", after?.GetProperty("Attributes").GetProperty("ApproximateNumberOfMessagesNotVisible").GetString());
    }

    [Theory]
    [MemberData(nameof(AwsCliVersion.Both), MemberType = typeof(AwsCliVersion))]
    public async Task GetQueueUrl_UnknownQueue_PrintsTheQueryErrorCode(string cli)
    {
        var aws = cloud.Cli(AwsCliVersion.Named(cli), LocalCloudFixture.NewAccount());

        var result = await aws.TryRunAsync("sqs", "get-queue-url", "--queue-name", "missing");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("An error occurred (AWS.SimpleQueueService.NonExistentQueue) when calling the GetQueueUrl operation: The specified queue does not exist.", result.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(AwsCliVersion.Both), MemberType = typeof(AwsCliVersion))]
    public async Task ReceiveMessage_ElevenMessages_IsInvalidParameterValue(string cli)
    {
        var aws = cloud.Cli(AwsCliVersion.Named(cli), LocalCloudFixture.NewAccount());
        var url = (await aws.RunAsync("sqs", "create-queue", "--queue-name", "q"))?.GetProperty("QueueUrl").GetString() ?? string.Empty;

        var result = await aws.TryRunAsync("sqs", "receive-message", "--queue-url", url, "--max-number-of-messages", "11");

        Assert.Contains("(InvalidParameterValue) when calling the ReceiveMessage operation: Value 11 for parameter MaxNumberOfMessages is invalid. Reason: Must be between 1 and 10, if provided.", result.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(AwsCliVersion.Both), MemberType = typeof(AwsCliVersion))]
    public async Task FifoQueue_SendWithoutGroup_IsMissingParameter(string cli)
    {
        var aws = cloud.Cli(AwsCliVersion.Named(cli), LocalCloudFixture.NewAccount());
        var url = (await aws.RunAsync("sqs", "create-queue", "--queue-name", "jobs.fifo", "--attributes", "FifoQueue=true,ContentBasedDeduplication=true"))?.GetProperty("QueueUrl").GetString() ?? string.Empty;

        var refused = await aws.TryRunAsync("sqs", "send-message", "--queue-url", url, "--message-body", "m");
        var sent = await aws.RunAsync("sqs", "send-message", "--queue-url", url, "--message-body", "m", "--message-group-id", "g");

        Assert.Contains("(MissingParameter) when calling the SendMessage operation: The request must contain the parameter MessageGroupId.", refused.Stderr, StringComparison.Ordinal);
        Assert.Equal(20, sent?.GetProperty("SequenceNumber").GetString()?.Length);
    }
}
