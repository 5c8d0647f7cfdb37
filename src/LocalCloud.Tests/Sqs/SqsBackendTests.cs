using LocalCloud.Sqs;

namespace LocalCloud.Tests.Sqs;

public sealed class SqsBackendTests
{
    private readonly SqsHarness _sqs = new();

    [Fact]
    public void CreateQueue_UrlAndArn_FollowAwsForm()
    {
        var url = _sqs.Create("orders");

        Assert.Equal("http://127.0.0.1:4566/111122223333/orders", url);
        Assert.Equal("arn:aws:sqs:us-east-1:111122223333:orders", _sqs.Attributes(url, "QueueArn")["QueueArn"]);
        Assert.Equal(url, _sqs.Backend.GetQueueUrl(_sqs.Context, SqsHarness.Endpoint, new GetQueueUrlRequest("orders", null)).QueueUrl);
    }

    [Fact]
    public void CreateQueue_SameNameSameAttributes_ReturnsTheQueue_DifferentAttributes_QueueAlreadyExists()
    {
        var url = _sqs.Create("orders", ("VisibilityTimeout", "60"));

        Assert.Equal(url, _sqs.Create("orders", ("VisibilityTimeout", "60")));
        var error = SqsHarness.Error(() => _sqs.Create("orders", ("VisibilityTimeout", "45")));
        Assert.Equal(("QueueAlreadyExists", "QueueNameExists"), (error.Code, error.Shape));
        Assert.Contains("VisibilityTimeout", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("has space", "InvalidParameterValue")]
    [InlineData("", "MissingParameter")]
    [InlineData("standard.fifo", "InvalidParameterValue")]
    public void CreateQueue_BadName_IsRefused(string name, string code) =>
        Assert.Equal(code, SqsHarness.Error(() => _sqs.Create(name)).Code);

    [Theory]
    [InlineData("VisibilityTimeout", "43201", "InvalidAttributeValue")]
    [InlineData("MessageRetentionPeriod", "59", "InvalidAttributeValue")]
    [InlineData("QueueArn", "arn:aws:sqs:us-east-1:1:x", "InvalidAttributeName")]
    [InlineData("Colour", "blue", "InvalidAttributeName")]
    [InlineData("ContentBasedDeduplication", "true", "InvalidAttributeName")]
    [InlineData("RedrivePolicy", "{\"maxReceiveCount\":3}", "InvalidAttributeValue")]
    public void CreateQueue_BadAttribute_IsRefusedWithItsCode(string key, string value, string code) =>
        Assert.Equal(code, SqsHarness.Error(() => _sqs.Create("q", (key, value))).Code);

    [Fact]
    public void GetQueueUrl_UnknownQueue_IsNonExistentQueue()
    {
        var error = SqsHarness.Error(() => _sqs.Backend.GetQueueUrl(_sqs.Context, SqsHarness.Endpoint, new GetQueueUrlRequest("missing", null)));

        Assert.Equal(("AWS.SimpleQueueService.NonExistentQueue", "QueueDoesNotExist"), (error.Code, error.Shape));
    }

    [Fact]
    public void SendMessage_Digests_MatchAwsAlgorithm()
    {
        var url = _sqs.Create("q");
        var attributes = new Dictionary<string, MessageAttributeValue>
        {
            ["k"] = new("String", "v"),
            ["n"] = new("Number", "42"),
            ["b"] = new("Binary", BinaryValue: [1, 2, 3]),
        };

        var sent = _sqs.Send(url, "hello", attributes);

        // Computed independently, by the algorithm in the SQS developer guide (Python's hashlib and struct).
        Assert.Equal("5d41402abc4b2a76b9719d911017c592", sent.MD5OfMessageBody);
        Assert.Equal("d96b9d113f5bd4a51ca8839f4bc822bd", sent.MD5OfMessageAttributes);
    }

    [Fact]
    public void ReceiveMessage_ReturnsRequestedAttributes_WithTheirOwnDigest()
    {
        var url = _sqs.Create("q");
        _sqs.Send(url, "hello", new() { ["trace.id"] = new("String", "a"), ["other"] = new("Number", "1") });

        var message = Assert.Single(_sqs.Receive(url, attributeNames: ["trace.*"], systemNames: ["SentTimestamp", "ApproximateReceiveCount"]));

        Assert.Equal(["trace.id"], message.MessageAttributes?.Keys);
        Assert.Equal(MessageMd5.OfAttributes(new Dictionary<string, MessageAttributeValue> { ["trace.id"] = new("String", "a") }), message.MD5OfMessageAttributes);
        Assert.Equal(SqsHarness.Noon.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture), message.Attributes?["SentTimestamp"]);
        Assert.Equal("1", message.Attributes?["ApproximateReceiveCount"]);
        Assert.Equal(2, message.Attributes?.Count);
    }

    [Fact]
    public void ReceiveMessage_HidesForVisibilityTimeout_ThenRedelivers_WithNewHandleAndCount()
    {
        var url = _sqs.Create("q", ("VisibilityTimeout", "30"));
        _sqs.Send(url, "m");

        var first = Assert.Single(_sqs.Receive(url));
        Assert.Empty(_sqs.Receive(url));
        Assert.Equal("1", _sqs.Attributes(url, "ApproximateNumberOfMessagesNotVisible")["ApproximateNumberOfMessagesNotVisible"]);
        _sqs.Clock.Advance(TimeSpan.FromSeconds(30));
        var second = Assert.Single(_sqs.Receive(url, systemNames: ["All"]));

        Assert.Equal(first.MessageId, second.MessageId);
        Assert.NotEqual(first.ReceiptHandle, second.ReceiptHandle);
        Assert.Equal("2", second.Attributes?["ApproximateReceiveCount"]);
    }

    [Fact]
    public void DeleteMessage_LatestHandleDeletes_StaleHandleDeletesNothing()
    {
        var url = _sqs.Create("q", ("VisibilityTimeout", "10"));
        _sqs.Send(url, "m");
        var stale = Assert.Single(_sqs.Receive(url)).ReceiptHandle;
        _sqs.Clock.Advance(TimeSpan.FromSeconds(10));
        var latest = Assert.Single(_sqs.Receive(url)).ReceiptHandle;

        _sqs.Backend.DeleteMessage(_sqs.Context, new DeleteMessageRequest(url, stale));
        Assert.Equal("1", _sqs.Attributes(url, "ApproximateNumberOfMessagesNotVisible")["ApproximateNumberOfMessagesNotVisible"]);
        _sqs.Backend.DeleteMessage(_sqs.Context, new DeleteMessageRequest(url, latest));

        Assert.Equal(("0", "0"), Counts(url));
    }

    [Fact]
    public void DeleteMessage_GarbageHandle_IsReceiptHandleIsInvalid()
    {
        var url = _sqs.Create("q");

        Assert.Equal("ReceiptHandleIsInvalid", SqsHarness.Error(() => _sqs.Backend.DeleteMessage(_sqs.Context, new DeleteMessageRequest(url, "not-a-handle"))).Code);
    }

    [Fact]
    public void ChangeMessageVisibility_ZeroMakesItVisible_NotInFlightIsRefused()
    {
        var url = _sqs.Create("q");
        _sqs.Send(url, "m");
        var handle = Assert.Single(_sqs.Receive(url)).ReceiptHandle;

        _sqs.Backend.ChangeMessageVisibility(_sqs.Context, new ChangeMessageVisibilityRequest(url, handle, 0));
        Assert.Equal(("1", "0"), Counts(url));
        var error = SqsHarness.Error(() => _sqs.Backend.ChangeMessageVisibility(_sqs.Context, new ChangeMessageVisibilityRequest(url, handle, 10)));

        Assert.Equal("AWS.SimpleQueueService.MessageNotInflight", error.Code);
    }

    [Theory]
    [InlineData(0, "Value 0 for parameter MaxNumberOfMessages is invalid. Reason: Must be between 1 and 10, if provided.")]
    [InlineData(11, "Value 11 for parameter MaxNumberOfMessages is invalid. Reason: Must be between 1 and 10, if provided.")]
    public void ReceiveMessage_MaxNumberOutOfRange_IsInvalidParameterValue(int max, string message)
    {
        var url = _sqs.Create("q");

        var error = SqsHarness.Error(() => _sqs.Receive(url, max));

        Assert.Equal(("InvalidParameterValue", message), (error.Code, error.Message));
    }

    [Fact]
    public void ReceiveMessage_ReturnsAtMostMax()
    {
        var url = _sqs.Create("q");
        for (var i = 0; i < 12; i++)
        {
            _sqs.Send(url, $"m{i}");
        }

        Assert.Equal(10, _sqs.Receive(url, 10).Count);
        Assert.Equal(2, _sqs.Receive(url, 10).Count);
    }

    [Fact]
    public void DelaySeconds_HoldsTheMessage_AndCountsItDelayed()
    {
        var url = _sqs.Create("q");
        _sqs.Send(url, "later", delay: 5);

        Assert.Empty(_sqs.Receive(url));
        Assert.Equal("1", _sqs.Attributes(url, "ApproximateNumberOfMessagesDelayed")["ApproximateNumberOfMessagesDelayed"]);
        _sqs.Clock.Advance(TimeSpan.FromSeconds(5));

        Assert.Single(_sqs.Receive(url));
    }

    [Fact]
    public void DelaySeconds_OutOfRange_IsInvalidParameterValue()
    {
        var url = _sqs.Create("q");

        Assert.Equal("InvalidParameterValue", SqsHarness.Error(() => _sqs.Send(url, "m", delay: 901)).Code);
    }

    [Fact]
    public void MessageRetentionPeriod_DropsOldMessages()
    {
        var url = _sqs.Create("q", ("MessageRetentionPeriod", "60"));
        _sqs.Send(url, "m");
        _sqs.Clock.Advance(TimeSpan.FromSeconds(60));

        Assert.Empty(_sqs.Receive(url));
        Assert.Equal(("0", "0"), Counts(url));
    }

    [Fact]
    public void SendMessage_BadBodyOrAttributes_AreRefusedWithAwsCodes()
    {
        var url = _sqs.Create("q", ("MaximumMessageSize", "1024"));

        Assert.Equal("MissingParameter", SqsHarness.Error(() => _sqs.Send(url, string.Empty)).Code);
        Assert.Equal("InvalidMessageContents", SqsHarness.Error(() => _sqs.Send(url, "bad\u0001char")).Code);
        Assert.Equal("InvalidParameterValue", SqsHarness.Error(() => _sqs.Send(url, new string('x', 1025))).Code);
        Assert.Equal("InvalidParameterValue", SqsHarness.Error(() => _sqs.Send(url, "m", new() { ["n"] = new("Number", "ten") })).Code);
        Assert.Equal("InvalidParameterValue", SqsHarness.Error(() => _sqs.Send(url, "m", new() { ["AWS.x"] = new("String", "v") })).Code);
        Assert.Equal("InvalidParameterValue", SqsHarness.Error(() => _sqs.Send(url, "m", new() { ["k"] = new("Date", "v") })).Code);
        var eleven = Enumerable.Range(0, 11).ToDictionary(i => $"a{i}", _ => new MessageAttributeValue("String", "v"));
        Assert.Equal("InvalidParameterValue", SqsHarness.Error(() => _sqs.Send(url, "m", eleven)).Code);
    }

    [Fact]
    public void Fifo_NeedsGroupId_AndDeduplicationIdOrContentBasedDeduplication()
    {
        var url = _sqs.Create("jobs.fifo", ("FifoQueue", "true"));

        var noGroup = SqsHarness.Error(() => _sqs.Send(url, "m", deduplicationId: "1"));
        var noDedup = SqsHarness.Error(() => _sqs.Send(url, "m", group: "g"));
        var delayed = SqsHarness.Error(() => _sqs.Send(url, "m", delay: 5, group: "g", deduplicationId: "1"));

        Assert.Equal(("MissingParameter", "The request must contain the parameter MessageGroupId."), (noGroup.Code, noGroup.Message));
        Assert.Equal("InvalidParameterValue", noDedup.Code);
        Assert.Equal("InvalidParameterValue", delayed.Code);
    }

    [Fact]
    public void Fifo_DeduplicatesWithinFiveMinutes_AndDeliversAGroupInOrder()
    {
        var url = _sqs.Create("jobs.fifo", ("FifoQueue", "true"), ("ContentBasedDeduplication", "true"));

        var first = _sqs.Send(url, "a", group: "g");
        var again = _sqs.Send(url, "a", group: "g");
        _sqs.Send(url, "b", group: "g");
        _sqs.Send(url, "c", group: "h");

        Assert.Equal(first.MessageId, again.MessageId);
        Assert.NotNull(first.SequenceNumber);
        Assert.Equal(["a", "c"], _sqs.Receive(url).Select(m => m.Body));
        Assert.Empty(_sqs.Receive(url));
    }

    [Fact]
    public void Standard_RefusesDeduplicationId()
    {
        var url = _sqs.Create("q");

        Assert.Equal("InvalidParameterValue", SqsHarness.Error(() => _sqs.Send(url, "m", deduplicationId: "1")).Code);
    }

    [Fact]
    public async Task LongPoll_WakesWhenAMessageArrives()
    {
        var url = _sqs.Create("q");

        var receive = _sqs.ReceiveAsync(url, wait: 20).AsTask();
        Assert.False(receive.IsCompleted);
        _sqs.Send(url, "m");

        var result = await receive.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        Assert.Equal("m", Assert.Single(result.Messages ?? []).Body);
    }

    [Fact]
    public async Task LongPoll_EndsEmptyWhenTheWaitEndsOnTheClock()
    {
        var url = _sqs.Create("q", ("ReceiveMessageWaitTimeSeconds", "20"));

        var receive = _sqs.Backend.ReceiveMessageAsync(_sqs.Context, new ReceiveMessageRequest(url, null, null, null, null, null, null, null), CancellationToken.None).AsTask();
        _sqs.Clock.Advance(TimeSpan.FromSeconds(19));
        await Task.Yield();
        Assert.False(receive.IsCompleted);
        _sqs.Clock.Advance(TimeSpan.FromSeconds(1));

        var result = await receive.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        Assert.Null(result.Messages);
    }

    [Fact]
    public void RedrivePolicy_MovesAMessagePastMaxReceiveCountToTheDeadLetterQueue()
    {
        var dlq = _sqs.Create("dlq");
        var url = _sqs.Create("q", ("VisibilityTimeout", "1"), ("RedrivePolicy", """{"deadLetterTargetArn":"arn:aws:sqs:us-east-1:111122223333:dlq","maxReceiveCount":"2"}"""));
        _sqs.Send(url, "poison");

        for (var i = 0; i < 2; i++)
        {
            Assert.Single(_sqs.Receive(url));
            _sqs.Clock.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.Empty(_sqs.Receive(url));
        var moved = Assert.Single(_sqs.Receive(dlq, systemNames: ["DeadLetterQueueSourceArn"]));
        Assert.Equal("poison", moved.Body);
        Assert.Equal("arn:aws:sqs:us-east-1:111122223333:q", moved.Attributes?["DeadLetterQueueSourceArn"]);
    }

    [Fact]
    public void PurgeQueue_EmptiesIt_AndASecondWithin60Seconds_IsPurgeQueueInProgress()
    {
        var url = _sqs.Create("q");
        _sqs.Send(url, "m");

        _sqs.Backend.PurgeQueue(_sqs.Context, new PurgeQueueRequest(url));
        var error = SqsHarness.Error(() => _sqs.Backend.PurgeQueue(_sqs.Context, new PurgeQueueRequest(url)));

        Assert.Equal(("0", "0"), Counts(url));
        Assert.Equal(("AWS.SimpleQueueService.PurgeQueueInProgress", System.Net.HttpStatusCode.Forbidden), (error.Code, error.Status));
    }

    [Fact]
    public void ListQueues_ByPrefix_Paged()
    {
        foreach (var name in new[] { "a1", "a2", "a3", "b1" })
        {
            _sqs.Create(name);
        }

        var page = _sqs.Backend.ListQueues(_sqs.Context, SqsHarness.Endpoint, new ListQueuesRequest("a", null, 2));
        var rest = _sqs.Backend.ListQueues(_sqs.Context, SqsHarness.Endpoint, new ListQueuesRequest("a", page.NextToken, 2));

        Assert.Equal(["a1", "a2"], page.QueueUrls?.Select(u => u[(u.LastIndexOf('/') + 1)..]));
        Assert.Equal(["a3"], rest.QueueUrls?.Select(u => u[(u.LastIndexOf('/') + 1)..]));
        Assert.Null(rest.NextToken);
    }

    [Fact]
    public void GetQueueAttributes_UnknownName_IsInvalidAttributeName()
    {
        var url = _sqs.Create("q");

        Assert.Equal("InvalidAttributeName", SqsHarness.Error(() => _sqs.Attributes(url, "Colour")).Code);
    }

    [Fact]
    public void GetQueueAttributes_All_HasCountsArnAndTimestamps()
    {
        var url = _sqs.Create("q");

        var all = _sqs.Attributes(url, "All");

        Assert.Equal(SqsHarness.Noon.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), all["CreatedTimestamp"]);
        Assert.Equal("30", all["VisibilityTimeout"]);
        Assert.True(all.ContainsKey("ApproximateNumberOfMessagesDelayed"));
        Assert.False(all.ContainsKey("FifoQueue"));
    }

    [Fact]
    public void DeadLetterQueues_TrySend_AcceptsStandard_RefusesFifoMissingAndOtherRegion()
    {
        var url = _sqs.Create("dlq");
        _sqs.Create("dlq.fifo", ("FifoQueue", "true"));
        IDeadLetterQueues queues = _sqs.Backend;

        Assert.Null(queues.TrySend("arn:aws:sqs:us-east-1:111122223333:dlq", "{}", new Dictionary<string, string> { ["ERROR_CODE"] = "ThrottlingException" }));
        Assert.Contains("FIFO", queues.TrySend("arn:aws:sqs:us-east-1:111122223333:dlq.fifo", "{}", new Dictionary<string, string>()), StringComparison.Ordinal);
        Assert.Contains("does not exist", queues.TrySend("arn:aws:sqs:us-east-1:111122223333:nope", "{}", new Dictionary<string, string>()), StringComparison.Ordinal);
        Assert.Contains("same region", queues.TrySend("arn:aws:sqs:eu-west-1:111122223333:dlq", "{}", new Dictionary<string, string>()), StringComparison.Ordinal);
        Assert.Contains("not an SQS queue ARN", queues.TrySend("dlq", "{}", new Dictionary<string, string>()), StringComparison.Ordinal);

        var message = Assert.Single(_sqs.Receive(url, attributeNames: ["All"], systemNames: ["SenderId"]));
        Assert.Equal("ThrottlingException", message.MessageAttributes?["ERROR_CODE"].StringValue);
        Assert.Equal("events.amazonaws.com", message.Attributes?["SenderId"]);
    }

    private (string Visible, string InFlight) Counts(string url)
    {
        var attributes = _sqs.Attributes(url, "ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible");
        return (attributes["ApproximateNumberOfMessages"], attributes["ApproximateNumberOfMessagesNotVisible"]);
    }
}
