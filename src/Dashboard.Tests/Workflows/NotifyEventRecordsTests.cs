using System.Text.Json.Nodes;
using Dashboard.Tests.Shared;
using Dashboard.Workflows;

namespace Dashboard.Tests.Workflows;

public sealed class NotifyEventRecordsTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 25, 11, 58, 0, TimeSpan.Zero);

    private static string Record(string eventId, JsonNode? eventBody) => new JsonObject
    {
        ["eventTime"] = "2026-11-25T11:58:00Z",
        ["eventName"] = "NotifyEvent",
        ["requestParameters"] = new JsonObject
        {
            ["name"] = "products",
            ["eventPayload"] = new JsonObject { ["eventId"] = eventId, ["eventBody"] = eventBody },
        },
    }.ToJsonString();

    [Fact]
    public void Read_CloudTrailUploadEvent_NamesTheBucketAndKey()
    {
        var record = NotifyEventRecords.Read(Record("e1", FakeCloudTrail.CloudTrailUpload("landing", "data/products_raw/product_00001.json")), At);

        Assert.NotNull(record);
        Assert.Equal("e1", record.EventId);
        Assert.Equal(At, record.DeliveredAt);
        Assert.Equal(new S3ObjectReference("landing", "data/products_raw/product_00001.json"), record.Origin.S3Object);
        Assert.Equal(("aws.s3", "AWS API Call via CloudTrail", "PutObject"), (record.Origin.Source, record.Origin.DetailType, record.Origin.Action));
        Assert.Null(record.Origin.Note);
    }

    [Fact]
    public void Read_ObjectCreatedEvent_NamesTheBucketAndKey()
    {
        var record = NotifyEventRecords.Read(Record("e2", FakeCloudTrail.ObjectCreated("orders-landing", "cdc/orders_0001.json")), At);

        Assert.Equal("s3://orders-landing/cdc/orders_0001.json", record?.Origin.S3Object?.Uri);
        Assert.Equal("Object Created", record?.Origin.DetailType);
    }

    [Fact]
    public void Read_EventBodyAsAnObject_ReadsItToo()
    {
        var body = JsonNode.Parse(FakeCloudTrail.ObjectCreated("orders-landing", "cdc/a.json"));

        var record = NotifyEventRecords.Read(Record("e3", body), At);

        Assert.Equal("cdc/a.json", record?.Origin.S3Object?.Key);
    }

    [Theory]
    [InlineData("{not json", "not valid JSON")]
    [InlineData("42", "not an event object")]
    public void Read_MalformedEventBody_KeepsTheIdWithAClearNote(string eventBody, string note)
    {
        var record = NotifyEventRecords.Read(Record("e4", eventBody), At);

        Assert.NotNull(record);
        Assert.Equal("e4", record.EventId);
        Assert.Null(record.Origin.S3Object);
        Assert.Contains(note, record.Origin.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_MissingEventBody_SaysSo()
    {
        var record = NotifyEventRecords.Read(Record("e5", null), At);

        Assert.Contains("without an eventBody", record?.Origin.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ApplicationEvent_SaysItNamesNoS3Object()
    {
        var body = new JsonObject { ["source"] = "com.example.clickstream", ["detail-type"] = "Batch Landed", ["detail"] = new JsonObject { ["batch"] = 7 } };

        var origin = NotifyEventRecords.Read(Record("e6", body.ToJsonString()), At)?.Origin;

        Assert.Null(origin?.S3Object);
        Assert.Equal("A \"Batch Landed\" event from com.example.clickstream: it names no S3 object.", origin?.Note);
    }

    [Fact]
    public void Read_CloudTrailCallWithoutKey_SaysSo()
    {
        var body = new JsonObject
        {
            ["source"] = "aws.s3",
            ["detail-type"] = "AWS API Call via CloudTrail",
            ["detail"] = new JsonObject { ["eventName"] = "DeleteObjects", ["requestParameters"] = new JsonObject { ["bucketName"] = "landing" } },
        };

        var origin = NotifyEventRecords.Read(Record("e7", body.ToJsonString()), At)?.Origin;

        Assert.Null(origin?.S3Object);
        Assert.Contains("DeleteObjects call on bucket landing", origin?.Note, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("{\"requestParameters\": ")]
    [InlineData("{\"requestParameters\": {\"name\": \"products\"}}")]
    [InlineData("[1, 2]")]
    public void Read_RecordWithoutAnEventId_IsNull(string? cloudTrailEvent) =>
        Assert.Null(NotifyEventRecords.Read(cloudTrailEvent, At));

    [Fact]
    public void Read_NoEventTimeGiven_TakesTheRecordsOwn() =>
        Assert.Equal(At, NotifyEventRecords.Read(Record("e8", "{}"), eventTime: null)?.DeliveredAt);

    [Fact]
    public void Match_KeepsTheRunsOrderAndListsMissingIds()
    {
        var found = new Dictionary<string, NotifyEventRecord>
        {
            ["b"] = new("b", At, new EventOrigin("aws.s3", "Object Created", null, new S3ObjectReference("bucket", "b.json"), null)),
        };

        var events = NotifyEventRecords.Match(["a", "b", "c"], found, MissingReason.NotInWindow);

        Assert.Equal(["a", "b", "c"], events.Select(e => e.EventId));
        Assert.Equal([false, true, false], events.Select(e => e.Found));
        Assert.Equal(MissingReason.NotInWindow, events[0].Missing);
        Assert.Null(events[1].Missing);
        Assert.Equal("bucket", events[1].Origin?.S3Object?.Bucket);
    }

    [Theory]
    [InlineData(2, 2, "All 2 events were found in CloudTrail's event history.")]
    [InlineData(2, 0, "All 2 events were found in CloudTrail's event history. None of them names an S3 object.")]
    [InlineData(3, 1, "All 3 events were found in CloudTrail's event history. 1 of them names an S3 object.")]
    [InlineData(3, 2, "All 3 events were found in CloudTrail's event history. 2 of them name an S3 object.")]
    public void Summary_SaysHowManyEventsNameAnObject(int found, int objects, string expected)
    {
        var events = Enumerable.Range(0, found).Select(i => new BatchEvent($"e{i}", At,
            new EventOrigin("aws.s3", "Object Created", null, i < objects ? new S3ObjectReference("b", $"{i}.json") : null, i < objects ? null : "no object"), null)).ToList();

        Assert.Equal(expected, EventLookupText.Summary(new RunEventBatch(events, EventLookupOutcome.AllFound, null, 1, found, 0, null)));
    }
}
