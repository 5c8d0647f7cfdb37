using System.Text.Json;

namespace LocalCloud.Tests.Persistence;

/// <summary>With a data path, SQS queues and every message's delivery state are read back through the API after a restart.</summary>
public sealed class SqsRestartTests : IAsyncLifetime
{
    private const string Json10 = "application/x-amz-json-1.0";
    private readonly DurableCloud _cloud = new();

    public async ValueTask InitializeAsync() => await _cloud.StartAsync();

    public async ValueTask DisposeAsync() => await _cloud.DisposeAsync();

    [Fact]
    public async Task Restart_QueueAndMessages_InFlightReturnsAtOriginalDeadline_DeletedStaysDeleted()
    {
        var url = await CreateQueueAsync("orders", new Dictionary<string, string> { ["VisibilityTimeout"] = "45", ["DelaySeconds"] = "0" });
        var created = await AttributesAsync(url);
        var sent = new List<JsonElement>();
        foreach (var body in new[] { "first", "second", "third" })
        {
            sent.Add(await SqsAsync("SendMessage", new
            {
                QueueUrl = url,
                MessageBody = body,
                MessageAttributes = new Dictionary<string, object> { ["origin"] = new { DataType = "String", StringValue = body + "-origin" } },
            }));
        }

        var inFlight = Assert.Single(await ReceiveAsync(url, visibility: 60));
        Assert.Equal("first", inFlight.GetProperty("Body").GetString());
        var deleted = Assert.Single(await ReceiveAsync(url));
        await SqsAsync("DeleteMessage", new { QueueUrl = url, ReceiptHandle = deleted.GetProperty("ReceiptHandle").GetString() });
        _cloud.Clock.Advance(TimeSpan.FromSeconds(20));

        await _cloud.RestartAsync();

        var attributes = await AttributesAsync(url);
        Assert.Equal(created["CreatedTimestamp"], attributes["CreatedTimestamp"]);
        Assert.Equal("45", attributes["VisibilityTimeout"]);
        Assert.Equal("1", attributes["ApproximateNumberOfMessages"]);
        Assert.Equal("1", attributes["ApproximateNumberOfMessagesNotVisible"]);

        var third = Assert.Single(await ReceiveAsync(url));
        Assert.Equal("third", third.GetProperty("Body").GetString());
        Assert.Equal(sent[2].GetProperty("MessageId").GetString(), third.GetProperty("MessageId").GetString());
        Assert.Equal(sent[2].GetProperty("MD5OfMessageBody").GetString(), third.GetProperty("MD5OfBody").GetString());
        Assert.Equal(sent[2].GetProperty("MD5OfMessageAttributes").GetString(), third.GetProperty("MD5OfMessageAttributes").GetString());
        Assert.Equal("third-origin", third.GetProperty("MessageAttributes").GetProperty("origin").GetProperty("StringValue").GetString());
        Assert.Equal(
            new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
            third.GetProperty("Attributes").GetProperty("SentTimestamp").GetString());

        // The first message was received 20 s before the restart with a 60 s visibility timeout: back 40 s after it.
        _cloud.Clock.Advance(TimeSpan.FromSeconds(39));
        Assert.Empty(await ReceiveAsync(url));
        _cloud.Clock.Advance(TimeSpan.FromSeconds(1));
        var again = Assert.Single(await ReceiveAsync(url));
        Assert.Equal(inFlight.GetProperty("MessageId").GetString(), again.GetProperty("MessageId").GetString());
        Assert.Equal("2", again.GetProperty("Attributes").GetProperty("ApproximateReceiveCount").GetString());

        // The deleted one never comes back, however long we wait.
        _cloud.Clock.Advance(TimeSpan.FromMinutes(10));
        var all = await ReceiveAsync(url, max: 10);
        Assert.Equal(2, all.Count);
        Assert.DoesNotContain(all, m => m.GetProperty("Body").GetString() == "second");
    }

    [Fact]
    public async Task Restart_ReceiptHandleFromBefore_StillDeletes()
    {
        var url = await CreateQueueAsync("handles", []);
        await SqsAsync("SendMessage", new { QueueUrl = url, MessageBody = "keep-or-delete" });
        var received = Assert.Single(await ReceiveAsync(url, visibility: 30));

        await _cloud.RestartAsync();

        await SqsAsync("DeleteMessage", new { QueueUrl = url, ReceiptHandle = received.GetProperty("ReceiptHandle").GetString() });
        _cloud.Clock.Advance(TimeSpan.FromSeconds(31));
        var attributes = await AttributesAsync(url);
        Assert.Equal("0", attributes["ApproximateNumberOfMessages"]);
        Assert.Equal("0", attributes["ApproximateNumberOfMessagesNotVisible"]);
    }

    [Fact]
    public async Task Restart_FifoQueue_SequenceNumbersKeepRising()
    {
        var url = await CreateQueueAsync("ledger.fifo", new Dictionary<string, string> { ["FifoQueue"] = "true", ["ContentBasedDeduplication"] = "true" });
        var first = await SqsAsync("SendMessage", new { QueueUrl = url, MessageBody = "a", MessageGroupId = "g" });
        var received = Assert.Single(await ReceiveAsync(url));
        await SqsAsync("DeleteMessage", new { QueueUrl = url, ReceiptHandle = received.GetProperty("ReceiptHandle").GetString() });

        await _cloud.RestartAsync();

        var second = await SqsAsync("SendMessage", new { QueueUrl = url, MessageBody = "b", MessageGroupId = "g" });
        Assert.True(
            string.CompareOrdinal(second.GetProperty("SequenceNumber").GetString(), first.GetProperty("SequenceNumber").GetString()) > 0,
            $"{second.GetProperty("SequenceNumber")} should follow {first.GetProperty("SequenceNumber")}");
    }

    [Fact]
    public async Task Restart_DeadLetterMessageFromEventBridge_ReadsBack()
    {
        var url = await CreateQueueAsync("rule-dlq", []);
        var queueArn = (await AttributesAsync(url))["QueueArn"];
        await _cloud.JsonAsync("events", "AWSEvents.PutRule", new { Name = "orders-created", EventPattern = """{"source":["my.orders"]}""" });
        await _cloud.JsonAsync("events", "AWSEvents.PutTargets", new
        {
            Rule = "orders-created",
            Targets = new[] { new { Id = "wf", Arn = $"arn:aws:glue:us-east-1:{DurableCloud.Account}:workflow/orders", DeadLetterConfig = new { Arn = queueArn } } },
        });
        await _cloud.JsonAsync("events", "AWSEvents.PutEvents", new { Entries = new[] { new { Source = "my.orders", DetailType = "Order Created", Detail = """{"id":7}""" } } });

        await _cloud.RestartAsync();

        var message = Assert.Single(await ReceiveAsync(url));
        Assert.Equal("my.orders", JsonDocument.Parse(message.GetProperty("Body").GetString() ?? "{}").RootElement.GetProperty("source").GetString());
        Assert.Equal("FAILED_TO_ASSUME_ROLE", message.GetProperty("MessageAttributes").GetProperty("ERROR_CODE").GetProperty("StringValue").GetString());
        Assert.Equal("events.amazonaws.com", message.GetProperty("Attributes").GetProperty("SenderId").GetString());
    }

    private async Task<string> CreateQueueAsync(string name, Dictionary<string, string> attributes) =>
        (await SqsAsync("CreateQueue", new { QueueName = name, Attributes = attributes })).GetProperty("QueueUrl").GetString() ?? string.Empty;

    private async Task<Dictionary<string, string>> AttributesAsync(string url) =>
        (await SqsAsync("GetQueueAttributes", new { QueueUrl = url, AttributeNames = new[] { "All" } })).GetProperty("Attributes").EnumerateObject()
            .ToDictionary(p => p.Name, p => p.Value.GetString() ?? string.Empty);

    private async Task<List<JsonElement>> ReceiveAsync(string url, int? visibility = null, int max = 1)
    {
        var result = await SqsAsync("ReceiveMessage", new
        {
            QueueUrl = url,
            MaxNumberOfMessages = max,
            VisibilityTimeout = visibility,
            WaitTimeSeconds = 0,
            MessageAttributeNames = new[] { "All" },
            MessageSystemAttributeNames = new[] { "All" },
        });
        return result.TryGetProperty("Messages", out var messages) ? messages.EnumerateArray().ToList() : [];
    }

    private Task<JsonElement> SqsAsync(string operation, object body) => _cloud.JsonAsync("sqs", "AmazonSQS." + operation, body, Json10);
}
